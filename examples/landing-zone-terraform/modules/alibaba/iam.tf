# VIOLATION: a console user that is not required to bind an MFA device.
resource "alicloud_ram_user" "ops" {
  name         = "${var.name}-ops"
  display_name = "Operations"
  force        = true
}

resource "alicloud_ram_login_profile" "ops" {
  user_name               = alicloud_ram_user.ops.name
  password                = var.ops_initial_password
  password_reset_required = true
  mfa_bind_required       = false
}

# Compliant: console user with MFA required.
resource "alicloud_ram_user" "auditor" {
  name         = "${var.name}-auditor"
  display_name = "Auditor"
}

resource "alicloud_ram_login_profile" "auditor" {
  user_name               = alicloud_ram_user.auditor.name
  password                = var.ops_initial_password
  password_reset_required = true
  mfa_bind_required       = true
}

# VIOLATION: a weak account password policy (short, no symbols, no reuse check, no lockout).
resource "alicloud_ram_account_password_policy" "corporate" {
  minimum_password_length      = 8
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_numbers              = true
  require_symbols              = false
  hard_expiry                  = false
  max_password_age             = 0
  password_reuse_prevention    = 0
  max_login_attempts           = 0
}
