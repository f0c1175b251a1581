resource "alicloud_vpc" "main" {
  vpc_name   = "${var.name}-vpc"
  cidr_block = "172.16.0.0/12"
}

resource "alicloud_vswitch" "app" {
  vswitch_name = "${var.name}-app"
  vpc_id       = alicloud_vpc.main.id
  cidr_block   = "172.16.1.0/24"
  zone_id      = var.zone_id
}

resource "alicloud_security_group" "app" {
  security_group_name = "${var.name}-app"
  vpc_id              = alicloud_vpc.main.id
  description         = "application servers"
}

# VIOLATION: RDP (3389) open to the internet.
resource "alicloud_security_group_rule" "allow_rdp" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  policy            = "accept"
  port_range        = "3389/3389"
  priority          = 1
  security_group_id = alicloud_security_group.app.id
  cidr_ip           = "0.0.0.0/0"
}

# Must NOT be flagged: a drop rule for SSH from anywhere.
resource "alicloud_security_group_rule" "drop_ssh" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  policy            = "drop"
  port_range        = "22/22"
  priority          = 1
  security_group_id = alicloud_security_group.app.id
  cidr_ip           = "0.0.0.0/0"
}

# Must NOT be flagged: egress to anywhere on every protocol and port.
resource "alicloud_security_group_rule" "egress_all" {
  type              = "egress"
  ip_protocol       = "all"
  nic_type          = "intranet"
  policy            = "accept"
  port_range        = "-1/-1"
  priority          = 1
  security_group_id = alicloud_security_group.app.id
  cidr_ip           = "0.0.0.0/0"
}

# Compliant: HTTPS from anywhere, SSH from the office.
resource "alicloud_security_group_rule" "allow_https" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  port_range        = "443/443"
  security_group_id = alicloud_security_group.app.id
  cidr_ip           = "0.0.0.0/0"
}

resource "alicloud_security_group_rule" "allow_ssh_office" {
  type              = "ingress"
  ip_protocol       = "tcp"
  nic_type          = "intranet"
  port_range        = "22/22"
  security_group_id = alicloud_security_group.app.id
  cidr_ip           = var.office_cidr
}
