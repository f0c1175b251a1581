"""Provider defaults applied when the code leaves an attribute out, each as the provider documents it."""

from __future__ import annotations

from pathlib import Path

from terraform_support import builtin_policies, findings, scan_hcl

GOOGLE = 'provider "google" {\n  project = "p1"\n}\n'
ALICLOUD = 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n'


def test_gcs_bucket_without_public_access_prevention_is_inherited(tmp_path: Path) -> None:
    hcl = """
resource "google_storage_bucket" "left_out" {
  name     = "left-out"
  location = "EU"
}
resource "google_storage_bucket" "inherited" {
  name                     = "inherited"
  location                 = "EU"
  public_access_prevention = "inherited"
}
resource "google_storage_bucket" "enforced" {
  name                     = "enforced"
  location                 = "EU"
  public_access_prevention = "enforced"
}
"""
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    blocked = {rid: rec.public_access_blocked for rid, rec in records.items()}
    assert blocked == {
        "google_storage_bucket.left_out": False,
        "google_storage_bucket.inherited": False,
        "google_storage_bucket.enforced": True,
    }
    same = {rule for rule, rid in findings(records, builtin_policies()) if rid.endswith("left_out")}
    assert same == {rule for rule, rid in findings(records, builtin_policies()) if rid.endswith(".inherited")}


def test_rds_without_ssl_action_or_tde_status_has_both_off(tmp_path: Path) -> None:
    hcl = """
resource "alicloud_db_instance" "defaults" {
  engine         = "MySQL"
  engine_version = "8.0"
  security_ips   = ["10.0.0.0/8"]
}
resource "alicloud_db_instance" "opened" {
  engine         = "MySQL"
  engine_version = "8.0"
  security_ips   = ["10.0.0.0/8"]
  ssl_action     = "Open"
  tde_status     = "Enabled"
}
"""
    records = scan_hcl(tmp_path, ALICLOUD, hcl)
    defaults, opened = records["alicloud_db_instance.defaults"], records["alicloud_db_instance.opened"]
    assert (defaults.ssl_required, defaults.encrypted) == (False, False)
    assert "ssl_required" in opened.unknown  # SSL on, but not forced: cannot be told from the code
    assert opened.encrypted is True
    found = findings(records, builtin_policies())
    assert ("database.ssl-not-required", "alicloud_db_instance.defaults") in found
    assert ("database.ssl-not-required", "alicloud_db_instance.opened") not in found
