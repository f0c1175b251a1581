"""``database.outside-private-network`` on Terraform: classic RDS, public-only Cloud SQL, AWS without a group.

A database whose placement is known only after apply (a vSwitch, private
network or DB subnet group from another module's output) is unknown, never a
finding; one placed in a network outside the scan (a literal id) is inside one.
"""

from __future__ import annotations

from pathlib import Path

from terraform_support import builtin_policies, findings, scan_hcl

RULE = "database.outside-private-network"


def flagged(records: dict) -> set[str]:
    return {rid for rule, rid in findings(records, [p for p in builtin_policies() if p.id == RULE])}


def test_alibaba_rds_in_the_classic_network(tmp_path: Path) -> None:
    hcl = """
variable "vsw" {}
resource "alicloud_vpc" "v" { cidr_block = "10.0.0.0/8" }
resource "alicloud_vswitch" "s" {
  vpc_id     = alicloud_vpc.v.id
  cidr_block = "10.1.0.0/16"
}
resource "alicloud_db_instance" "classic" {
  engine         = "MySQL"
  engine_version = "8.0"
}
resource "alicloud_db_instance" "vpc" {
  engine         = "MySQL"
  engine_version = "8.0"
  vswitch_id     = alicloud_vswitch.s.id
}
resource "alicloud_db_instance" "literal" {
  engine         = "MySQL"
  engine_version = "8.0"
  vswitch_id     = "vsw-123"
}
resource "alicloud_db_instance" "later" {
  engine         = "MySQL"
  engine_version = "8.0"
  vswitch_id     = var.vsw
}
"""
    records = scan_hcl(tmp_path, 'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n', hcl)
    assert flagged(records) == {"alicloud_db_instance.classic"}
    assert "relations.subnet" in records["alicloud_db_instance.later"].unknown


def test_cloud_sql_without_a_private_network(tmp_path: Path) -> None:
    def sql(name: str, ip: str) -> str:
        return f"""
resource "google_sql_database_instance" "{name}" {{
  name             = "{name}"
  database_version = "POSTGRES_15"
  settings {{
    tier = "db-f1-micro"
    {ip}
  }}
}}
"""

    hcl = (
        'variable "net" {}\nresource "google_compute_network" "vpc" {\n  name = "vpc"\n}\n'
        + sql("public_only", "ip_configuration {\n ipv4_enabled = true\n }")
        + sql("no_block", "")
        + sql("private", "ip_configuration {\n private_network = google_compute_network.vpc.id\n }")
        + sql("literal", 'ip_configuration {\n private_network = "projects/p/global/networks/hub"\n }')
        + sql("later", "ip_configuration {\n private_network = var.net\n }")
    )
    records = scan_hcl(tmp_path, 'provider "google" {\n  project = "p1"\n}\n', hcl)
    assert flagged(records) == {
        "google_sql_database_instance.public_only",
        "google_sql_database_instance.no_block",
    }


def test_aws_database_without_a_db_subnet_group(tmp_path: Path) -> None:
    hcl = """
variable "group" {}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.a.id]
}
resource "aws_db_instance" "default_placement" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
}
resource "aws_db_instance" "grouped" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = aws_db_subnet_group.g.name
}
resource "aws_db_instance" "named_elsewhere" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = "shared-private"
}
resource "aws_db_instance" "later" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = var.group
}
"""
    records = scan_hcl(tmp_path, 'provider "aws" {\n  region = "eu-west-1"\n}\n', hcl)
    assert flagged(records) == {"aws_db_instance.default_placement"}
