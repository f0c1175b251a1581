"""google_* translators: defaults, companions, deny/disabled rules, derived facts."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import run, write

from scanner.inventory.model import Bucket, Database, FirewallRule, Repository, Resource, Subnet
from scanner.sources.terraform.source import scan_terraform
from tests.terraform_support import builtin_policies, findings, scan_hcl

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
    # Uniform bucket-level access voids the WRITER:allUsers ACL, as in the live rule.
    assert (bucket.public_read, bucket.public_write, bucket.uniform_access) == (False, False, True)
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


FIREWALLS = """
variable "tags" {}
variable "allowed" {
  default = []
}
resource "google_compute_firewall" "empty_ranges" {
  name          = "empty-ranges"
  network       = "default"
  source_ranges = var.allowed
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "tags_only" {
  name        = "tags-only"
  network     = "default"
  source_tags = ["bastion"]
  priority    = 200
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "egress" {
  name      = "egress"
  network   = "default"
  direction = "EGRESS"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "unknown_tags" {
  name        = "unknown-tags"
  network     = "default"
  source_tags = var.tags
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"""


def test_ingress_without_any_source_is_open_to_the_internet(tmp_path: Path) -> None:
    write(tmp_path / "fw.tf", FIREWALLS)
    rules = {r.name: r for r in scan_terraform([tmp_path]).records}
    assert all(isinstance(r, FirewallRule) for r in rules.values())
    empty, tags, egress, unknown = (rules[n] for n in ("empty-ranges", "tags-only", "egress", "unknown-tags"))
    assert isinstance(empty, FirewallRule) and empty.source_ranges == ("0.0.0.0/0",)
    assert isinstance(tags, FirewallRule) and (tags.source_ranges, tags.source_groups) == ((), ("bastion",))
    assert isinstance(egress, FirewallRule) and egress.source_ranges == ()
    assert isinstance(unknown, FirewallRule) and {"source_ranges", "source_groups"} <= unknown.unknown
    result = run("scan", "--terraform", str(tmp_path), "-f", "json", "--fail-on", "none")
    ssh = [
        f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"
    ]
    assert [f["resource"]["address"] for f in ssh] == ["google_compute_firewall.empty_ranges"]


def test_firewall_priority_defaults_to_1000(tmp_path: Path) -> None:
    write(tmp_path / "fw.tf", FIREWALLS)
    rules = {r.name: r for r in scan_terraform([tmp_path]).records}
    assert [getattr(rules[n], "priority", None) for n in ("empty-ranges", "tags-only")] == [1000, 200]


def test_sql_ip_configuration_without_ipv4_enabled_is_public(tmp_path: Path) -> None:
    write(
        tmp_path / "db.tf",
        """
        resource "google_sql_database_instance" "d" {
          database_version = "POSTGRES_15"
          settings {
            tier = "db-f1-micro"
            ip_configuration {
              ssl_mode = "ENCRYPTED_ONLY"
            }
          }
        }
        """,
    )
    (db,) = scan_terraform([tmp_path]).records
    assert isinstance(db, Database) and (db.public_endpoint, db.ssl_required) == (True, True)


def test_iam_member_without_role_does_not_stop_the_scan(tmp_path: Path) -> None:
    write(
        tmp_path / "iam.tf",
        'resource "google_project_iam_member" "m" {\n  project = "p"\n  member  = "allUsers"\n}\n',
    )
    result = run("scan", "--terraform", str(tmp_path), "-f", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["resources_scanned"] == 1


def test_grant_on_one_for_each_instance_makes_only_that_bucket_public(tmp_path: Path) -> None:
    write(
        tmp_path / "b.tf",
        """
        resource "google_storage_bucket" "b" {
          for_each = toset(["logs", "data"])
          name     = "acme-${each.key}"
          location = "EU"
        }
        resource "google_storage_bucket_iam_member" "public" {
          for_each = toset(["logs"])
          bucket   = google_storage_bucket.b[each.key].name
          role     = "roles/storage.objectViewer"
          member   = "allUsers"
        }
        """,
    )
    buckets = {r.id: r for r in scan_terraform([tmp_path]).records}
    logs, data = buckets['google_storage_bucket.b["logs"]'], buckets['google_storage_bucket.b["data"]']
    assert isinstance(logs, Bucket) and isinstance(data, Bucket)
    assert (logs.name, logs.public_read, data.name, data.public_read) == (
        "acme-logs",
        True,
        "acme-data",
        False,
    )


def _scan(tmp_path: Path, hcl: str) -> dict[str, Resource]:
    return scan_hcl(tmp_path, 'provider "google" { project = "demo" }', hcl)


def test_string_booleans_are_read_as_terraform_converts_them(tmp_path: Path) -> None:
    hcl = """
variable "off" {
  type    = string
  default = "false"
}
resource "google_compute_firewall" "ssh" {
  name          = "ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  disabled      = var.off
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_compute_firewall" "off" {
  name          = "off"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  disabled      = "true"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    backup_configuration { enabled = "true" }
    ip_configuration {
      ipv4_enabled = var.off
      require_ssl  = "1"
    }
  }
}
"""
    records = _scan(tmp_path, hcl)
    assert (
        records["google_compute_firewall.ssh"].disabled,
        records["google_compute_firewall.off"].disabled,
    ) == (
        False,
        True,
    )
    db = records["google_sql_database_instance.db"]
    assert (db.backups, db.public_endpoint, db.ssl_required) == (True, False, True)
    found = findings(records, builtin_policies())
    assert ("firewall.ssh-open-to-internet", "google_compute_firewall.ssh") in found
    assert not any(
        rid in ("google_compute_firewall.off", "google_sql_database_instance.db")
        for rule, rid in found
        if rule != "database.outside-private-network"  # no private network: judged by that policy
        and not rule.startswith("database.postgres-")  # it sets no database flag: CIS 6.2 judges those
    )


def test_protocol_number_without_ports_is_every_port_of_that_protocol(tmp_path: Path) -> None:
    hcl = """
resource "google_compute_firewall" "num" {
  name          = "num"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow { protocol = "6" }
}
"""
    records = _scan(tmp_path, hcl)
    rule = records["google_compute_firewall.num"]
    assert (rule.protocol, [(p.start, p.end) for p in rule.ports]) == ("tcp", [(0, 65535)])
    assert ("firewall.ssh-open-to-internet", "google_compute_firewall.num") in findings(
        records, builtin_policies()
    )


def test_bucket_acls_follow_the_live_rule(tmp_path: Path) -> None:
    hcl = """
resource "google_storage_bucket" "uniform" {
  name                        = "uniform"
  location                    = "EU"
  uniform_bucket_level_access = "true"
}
resource "google_storage_default_object_acl" "uniform" {
  bucket      = google_storage_bucket.uniform.name
  role_entity = ["OWNER:allUsers"]
}
resource "google_storage_bucket" "objects" {
  name     = "objects"
  location = "EU"
}
resource "google_storage_default_object_acl" "objects" {
  bucket      = google_storage_bucket.objects.name
  role_entity = ["OWNER:allUsers"]
}
resource "google_storage_bucket" "auth" {
  name     = "auth"
  location = "EU"
}
resource "google_storage_bucket_acl" "auth" {
  bucket         = google_storage_bucket.auth.name
  predefined_acl = "authenticatedRead"
}
resource "google_storage_bucket" "writer" {
  name     = "writer"
  location = "EU"
}
resource "google_storage_bucket_acl" "writer" {
  bucket      = google_storage_bucket.writer.name
  role_entity = ["OWNER:allAuthenticatedUsers"]
}
"""
    records = _scan(tmp_path, hcl)
    pairs = {
        name: (
            records[f"google_storage_bucket.{name}"].public_read,
            records[f"google_storage_bucket.{name}"].public_write,
        )
        for name in ("uniform", "objects", "auth", "writer")
    }
    # Uniform access voids ACLs; a default object ACL never grants bucket write; a bucket ACL OWNER does.
    assert pairs == {
        "uniform": (False, False),
        "objects": (True, False),
        "auth": (True, False),
        "writer": (True, True),
    }
    found = findings(records, builtin_policies())
    assert {rid for rule, rid in found if rule == "bucket.public-write"} == {"google_storage_bucket.writer"}
    assert ("bucket.public-read", "google_storage_bucket.uniform") not in found


def test_ipv6_access_config_is_a_public_address(tmp_path: Path) -> None:
    hcl = """
resource "google_compute_instance" "v6" {
  name         = "v6"
  zone         = "us-central1-a"
  machine_type = "e2-small"
  network_interface {
    network = "default"
    ipv6_access_config { network_tier = "PREMIUM" }
  }
}
resource "google_compute_instance" "inner" {
  name         = "inner"
  zone         = "us-central1-a"
  machine_type = "e2-small"
  network_interface { network = "default" }
}
"""
    records = _scan(tmp_path, hcl)
    assert records["google_compute_instance.v6"].public_ips == ("ephemeral",)
    assert records["google_compute_instance.v6"].region == "us-central1"
    assert records["google_compute_instance.inner"].public_ips == ()
    found = {rid for rule, rid in findings(records, builtin_policies()) if rule == "instance.public-ip"}
    assert found == {"google_compute_instance.v6"}


def test_repository_pushers_deleters_and_admins_from_its_iam_resources(tmp_path: Path) -> None:
    hcl = """
resource "google_artifact_registry_repository" "images" {
  repository_id = "images"
  format        = "DOCKER"
  location      = "europe-west1"
}
resource "google_artifact_registry_repository_iam_member" "ci" {
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:ci@demo.iam.gserviceaccount.com"
}
resource "google_artifact_registry_repository_iam_binding" "release" {
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.repoAdmin"
  members    = ["group:release@example.com"]
}
resource "google_artifact_registry_repository_iam_member" "owner" {
  repository = google_artifact_registry_repository.images.name
  role       = "roles/artifactregistry.admin"
  member     = "user:owner@example.com"
}
"""
    repo = _scan(tmp_path, hcl)["google_artifact_registry_repository.images"]
    assert isinstance(repo, Repository)
    assert repo.pushers == (
        "group:release@example.com",
        "serviceAccount:ci@demo.iam.gserviceaccount.com",
        "user:owner@example.com",
    )
    assert repo.deleters == ("group:release@example.com", "user:owner@example.com")
    assert repo.admins == ("user:owner@example.com",)
    found = findings({repo.id: repo}, builtin_policies())
    assert ("registry.push-granted-to-user", "google_artifact_registry_repository.images") in found
