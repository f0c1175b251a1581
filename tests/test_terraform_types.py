"""Resource types added for real code: folder/organization IAM, firewall policy rules, RDS clusters and
parameter groups, the split S3 configuration resources of AWS provider v4+."""

from __future__ import annotations

from pathlib import Path

from terraform_support import builtin_policies, findings, scan_hcl

from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.translate import translate

GOOGLE = 'provider "google" {\n  project = "p1"\n}\n'
AWS = 'provider "aws" {\n  region = "eu-west-1"\n}\n'


def test_primitive_and_public_roles_on_folders_and_the_organization(tmp_path: Path) -> None:
    hcl = """
resource "google_folder_iam_member" "owner" {
  folder = "folders/123"
  role   = "roles/owner"
  member = "user:alice@example.com"
}
resource "google_organization_iam_binding" "viewers" {
  org_id  = "456"
  role    = "roles/viewer"
  members = ["allUsers"]
}
resource "google_folder_iam_member" "fine" {
  folder = "789"
  role   = "roles/compute.viewer"
  member = "group:ops@example.com"
}
"""
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    owner = records["google_folder_iam_member.owner"]
    assert (owner.scope, owner.account, owner.primitive) == ("folders/123", "folders/123", True)
    assert records["google_organization_iam_binding.viewers"].scope == "organizations/456"
    assert records["google_folder_iam_member.fine"].scope == "folders/789"
    found = findings(records, builtin_policies())
    assert ("iam.primitive-role-binding", "google_folder_iam_member.owner") in found
    assert ("iam.public-binding", "google_organization_iam_binding.viewers") in found
    assert not any(rid == "google_folder_iam_member.fine" for _, rid in found)


def test_firewall_policy_rules_open_to_the_internet(tmp_path: Path) -> None:
    hcl = """
resource "google_compute_firewall_policy_rule" "ssh" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 100
  direction       = "INGRESS"
  action          = "allow"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}
resource "google_compute_firewall_policy_rule" "next" {
  firewall_policy = "locations/global/firewallPolicies/123"
  priority        = 200
  direction       = "INGRESS"
  action          = "goto_next"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "all"
    }
  }
}
resource "google_compute_network_firewall_policy_rule" "rdp" {
  firewall_policy = "policy"
  priority        = 100
  direction       = "INGRESS"
  action          = "allow"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["3389"]
    }
  }
}
resource "google_compute_network_firewall_policy_rule" "denied" {
  firewall_policy = "policy"
  priority        = 50
  direction       = "INGRESS"
  action          = "deny"
  match {
    src_ip_ranges = ["0.0.0.0/0"]
    layer4_configs {
      ip_protocol = "tcp"
      ports       = ["22"]
    }
  }
}
"""
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    assert "google_compute_firewall_policy_rule.next" not in records  # goto_next decides nothing
    assert records["google_compute_network_firewall_policy_rule.rdp"].account == "p1"
    found = findings(records, builtin_policies())
    assert ("firewall.ssh-open-to-internet", "google_compute_firewall_policy_rule.ssh") in found
    assert ("firewall.rdp-open-to-internet", "google_compute_network_firewall_policy_rule.rdp") in found
    assert not any(rid == "google_compute_network_firewall_policy_rule.denied" for _, rid in found)


def test_rds_cluster_and_parameter_groups_force_ssl(tmp_path: Path) -> None:
    hcl = """
resource "aws_db_parameter_group" "forced" {
  name   = "forced"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}
resource "aws_db_instance" "forced" {
  engine               = "postgres"
  engine_version       = "14.9"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.forced.name
}
resource "aws_db_instance" "pg14_default" {
  engine         = "postgres"
  engine_version = "14.9"
  instance_class = "db.t3.micro"
}
resource "aws_db_instance" "pg16_default" {
  engine         = "postgres"
  engine_version = "16.1"
  instance_class = "db.t3.micro"
}
resource "aws_rds_cluster_parameter_group" "off" {
  name   = "off"
  family = "aurora-postgresql15"
  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}
resource "aws_rds_cluster" "aurora" {
  cluster_identifier              = "aurora"
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.off.name
}
"""
    records = scan_hcl(tmp_path, AWS, hcl)
    ssl = {rid: rec.ssl_required for rid, rec in records.items()}
    assert ssl == {
        "aws_db_instance.forced": True,
        "aws_db_instance.pg14_default": False,
        "aws_db_instance.pg16_default": True,
        "aws_rds_cluster.aurora": False,
    }
    aurora = records["aws_rds_cluster.aurora"]
    assert (aurora.encrypted, aurora.backups) == (False, True)  # provisioned: not encrypted by default
    found = findings(records, builtin_policies())
    assert ("database.ssl-not-required", "aws_rds_cluster.aurora") in found
    assert ("database.encryption-disabled", "aws_rds_cluster.aurora") in found


def test_split_s3_configuration_resources_are_not_unsupported(tmp_path: Path) -> None:
    kinds = [
        "lifecycle_configuration",
        "cors_configuration",
        "website_configuration",
        "object_lock_configuration",
        "request_payment_configuration",
        "accelerate_configuration",
        "replication_configuration",
        "intelligent_tiering_configuration",
        "notification",
        "analytics_configuration",
        "inventory",
        "metric",
    ]
    hcl = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n' + "".join(
        f'resource "aws_s3_bucket_{k}" "b" {{\n  bucket = aws_s3_bucket.b.id\n}}\n' for k in kinds
    )
    (tmp_path / "main.tf").write_text(AWS + hcl)
    loaded = load_directory(tmp_path)
    assert translate(loaded.resources, loaded.providers).unsupported == {}


def test_bucket_owner_enforced_disables_public_acls(tmp_path: Path) -> None:
    hcl = """
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}
"""
    records = scan_hcl(tmp_path, AWS, hcl)
    assert records["aws_s3_bucket.b"].public_read is False
