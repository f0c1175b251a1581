"""google_* translators: defaults, companions, deny/disabled rules, derived facts."""

from __future__ import annotations

from pathlib import Path

from helpers import write

from scanner.inventory.model import Bucket, Database, FirewallRule, Repository, Subnet
from scanner.sources.terraform.source import scan_terraform

CODE = """
provider "google" {
  project = "demo"
}
resource "google_compute_network" "vpc" {
  name                            = "vpc"
  delete_default_routes_on_create = true
}
resource "google_compute_subnetwork" "s" {
  name          = "s"
  ip_cidr_range = "10.0.0.0/24"
  network       = google_compute_network.vpc.id
  log_config {}
}
resource "google_compute_firewall" "fw" {
  name     = "fw"
  network  = google_compute_network.vpc.name
  disabled = true
  allow {
    protocol = "tcp"
  }
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0"]
}
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "MYSQL_8_0"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = false
      ssl_mode     = "ENCRYPTED_ONLY"
    }
  }
}
resource "google_storage_bucket" "b" {
  name                        = "b"
  location                    = "EU"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_acl" "acl" {
  bucket      = google_storage_bucket.b.name
  role_entity = ["WRITER:allUsers"]
}
resource "google_artifact_registry_repository" "r" {
  repository_id = "r"
  format        = "DOCKER"
  location      = "us"
}
resource "google_artifact_registry_repository_iam_member" "w" {
  repository = google_artifact_registry_repository.r.name
  role       = "roles/artifactregistry.writer"
  member     = "allUsers"
}
"""


def _records(tmp_path: Path) -> dict[str, object]:
    write(tmp_path / "main.tf", CODE)
    scan = scan_terraform([tmp_path])
    assert scan.unsupported == {}  # ACL and IAM member are companions, not unsupported
    return {r.id: r for r in scan.records}


def test_firewall_blocks_and_defaults(tmp_path: Path) -> None:
    records = _records(tmp_path)
    allow, deny = records["google_compute_firewall.fw#0"], records["google_compute_firewall.fw#1"]
    assert isinstance(allow, FirewallRule) and isinstance(deny, FirewallRule)
    assert (allow.action, allow.direction, allow.disabled, allow.ports[0].end) == (
        "allow",
        "ingress",
        True,
        65535,
    )
    assert (deny.action, deny.protocol) == ("deny", "all")
    assert allow.relations["network"] == ("google_compute_network.vpc",) and allow.account == "demo"


def test_subnet_without_default_route_does_not_reach_internet(tmp_path: Path) -> None:
    subnet = _records(tmp_path)["google_compute_subnetwork.s"]
    assert isinstance(subnet, Subnet)
    assert (subnet.routes_to_internet, subnet.flow_logs, subnet.private_api_access) == (False, True, False)


def test_sql_and_bucket_and_repository(tmp_path: Path) -> None:
    records = _records(tmp_path)
    db, bucket, repo = (
        records["google_sql_database_instance.db"],
        records["google_storage_bucket.b"],
        records["google_artifact_registry_repository.r"],
    )
    assert isinstance(db, Database) and isinstance(bucket, Bucket) and isinstance(repo, Repository)
    assert (db.public_endpoint, db.ssl_required, db.engine, db.engine_version) == (
        False,
        True,
        "mysql",
        "8.0",
    )
    assert (bucket.public_read, bucket.public_write, bucket.uniform_access) == (True, True, True)
    assert repo.pushers == ("allUsers",) and repo.public is True and repo.tag_immutability is False


def test_sql_without_ip_configuration_is_public_by_default(tmp_path: Path) -> None:
    write(
        tmp_path / "db.tf",
        'resource "google_sql_database_instance" "d" {\n  settings {\n    tier = "x"\n  }\n}\n',
    )
    (db,) = scan_terraform([tmp_path]).records
    assert isinstance(db, Database) and db.public_endpoint is True


def test_unknown_member_leaves_bucket_public_unknown(tmp_path: Path) -> None:
    write(
        tmp_path / "b.tf",
        """
        variable "who" {}
        resource "google_storage_bucket" "b" {
          name     = "b"
          location = "EU"
        }
        resource "google_storage_bucket_iam_member" "m" {
          bucket = google_storage_bucket.b.name
          role   = "roles/storage.objectViewer"
          member = var.who
        }
        """,
    )
    (bucket,) = scan_terraform([tmp_path]).records
    assert isinstance(bucket, Bucket) and bucket.public_read is None and "public_read" in bucket.unknown
