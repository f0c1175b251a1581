# VIOLATIONS: public-read through the separate ACL resource, and no server-side encryption.
resource "alicloud_oss_bucket" "assets" {
  bucket        = "${var.name}-assets"
  storage_class = "Standard"

  lifecycle {
    ignore_changes = [acl]
  }
}

resource "alicloud_oss_bucket_acl" "assets" {
  bucket = alicloud_oss_bucket.assets.bucket
  acl    = "public-read"
}

# Compliant: private, encrypted with KMS through the separate encryption resource.
resource "alicloud_oss_bucket" "backups" {
  bucket        = "${var.name}-backups"
  storage_class = "Standard"

  versioning {
    status = "Enabled"
  }

  lifecycle {
    ignore_changes = [acl, server_side_encryption_rule]
  }
}

resource "alicloud_oss_bucket_acl" "backups" {
  bucket = alicloud_oss_bucket.backups.bucket
  acl    = "private"
}

resource "alicloud_oss_bucket_server_side_encryption" "backups" {
  bucket        = alicloud_oss_bucket.backups.bucket
  sse_algorithm = "KMS"
}
