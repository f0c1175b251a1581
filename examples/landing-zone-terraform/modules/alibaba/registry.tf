resource "alicloud_cr_ee_instance" "main" {
  payment_type   = "Subscription"
  period         = 1
  renew_period   = 0
  renewal_status = "ManualRenewal"
  instance_type  = "Advanced"
  instance_name  = "${var.name}-registry"
}

resource "alicloud_cr_ee_namespace" "apps" {
  instance_id        = alicloud_cr_ee_instance.main.id
  name               = "apps"
  auto_create        = false
  default_visibility = "PRIVATE"
}

# VIOLATION: anyone can pull this repository.
resource "alicloud_cr_ee_repo" "web" {
  instance_id = alicloud_cr_ee_instance.main.id
  namespace   = alicloud_cr_ee_namespace.apps.name
  name        = "web"
  summary     = "web front end"
  repo_type   = "PUBLIC"
}

# Compliant.
resource "alicloud_cr_ee_repo" "api" {
  instance_id = alicloud_cr_ee_instance.main.id
  namespace   = alicloud_cr_ee_namespace.apps.name
  name        = "api"
  summary     = "order API"
  repo_type   = "PRIVATE"
}
