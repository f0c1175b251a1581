resource "alicloud_db_instance" "orders" {
  engine                   = "MySQL"
  engine_version           = "8.0"
  instance_type            = "mysql.n2.medium.1"
  instance_storage         = 20
  instance_charge_type     = "Postpaid"
  db_instance_storage_type = "cloud_essd"
  instance_name            = "${var.name}-orders"
  vswitch_id               = alicloud_vswitch.app.id
  # VIOLATION: the whitelist admits every address ...
  security_ips = ["0.0.0.0/0"]
}

# ... and VIOLATION: this allocates an Internet connection string (public endpoint).
resource "alicloud_db_connection" "orders_public" {
  instance_id       = alicloud_db_instance.orders.id
  connection_prefix = "${var.name}-orders-pub"
  port              = "3306"
}

# Compliant: reachable only from the VPC.
resource "alicloud_db_instance" "billing" {
  engine                   = "MySQL"
  engine_version           = "8.0"
  instance_type            = "mysql.n2.medium.1"
  instance_storage         = 20
  instance_charge_type     = "Postpaid"
  db_instance_storage_type = "cloud_essd"
  instance_name            = "${var.name}-billing"
  vswitch_id               = alicloud_vswitch.app.id
  security_ips             = ["172.16.1.0/24"]
  # SSL and TDE are off unless turned on (RDS defaults).
  ssl_action = "Open"
  tde_status = "Enabled"
}
