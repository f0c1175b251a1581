"""``dynamic`` blocks: expanded per ``for_each`` element as Terraform does, unknown when the count is."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.inventory.model import Resource
from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "google" { project = "demo" }'


@pytest.fixture(scope="module")
def policies() -> list:
    return builtin_policies()


def scan(tmp_path: Path, hcl: str) -> dict[str, Resource]:
    return scan_hcl(tmp_path, PROVIDER, hcl)


def vm(name: str, for_each: str) -> str:
    return f"""
resource "google_compute_instance" "{name}" {{
  name         = "{name}"
  zone         = "us-central1-a"
  machine_type = "e2-small"
  network_interface {{
    network = "default"
    dynamic "access_config" {{
      for_each = {for_each}
      content {{}}
    }}
  }}
}}
"""


def test_known_for_each_gives_one_block_per_element_and_empty_gives_none(
    tmp_path: Path, policies: list
) -> None:
    hcl = (
        'variable "public" { default = false }\nvariable "ext" {}\n'
        + vm("private", "var.public ? [1] : []")
        + vm("public", "[1]")
        + vm("two", '{ a = "x", b = "y" }')
        + vm("unknown", "var.ext")
    )
    records = scan(tmp_path, hcl)
    assert records["google_compute_instance.private"].public_ips == ()
    assert records["google_compute_instance.public"].public_ips == ("ephemeral",)
    assert records["google_compute_instance.two"].public_ips == ("ephemeral", "ephemeral")
    unknown = records["google_compute_instance.unknown"]
    assert "public_ips" in unknown.unknown  # how many access configs is known only after apply
    found = {rid for rule, rid in findings(records, policies) if rule == "instance.public-ip"}
    assert found == {"google_compute_instance.public", "google_compute_instance.two"}


def test_empty_dynamic_log_config_means_flow_logs_off(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "flow_logs" { default = false }
resource "google_compute_subnetwork" "s" {
  name          = "s"
  region        = "us-central1"
  network       = "default"
  ip_cidr_range = "10.0.0.0/24"
  dynamic "log_config" {
    for_each = var.flow_logs ? [1] : []
    content { aggregation_interval = "INTERVAL_5_SEC" }
  }
}
resource "google_compute_subnetwork" "on" {
  name          = "on"
  region        = "us-central1"
  network       = "default"
  ip_cidr_range = "10.1.0.0/24"
  dynamic "log_config" {
    for_each = ["x"]
    content { aggregation_interval = "INTERVAL_5_SEC" }
  }
}
"""
    records = scan(tmp_path, hcl)
    assert records["google_compute_subnetwork.s"].flow_logs is False
    assert records["google_compute_subnetwork.on"].flow_logs is True
    found = {rid for rule, rid in findings(records, policies) if rule == "network.subnet-flow-logs-disabled"}
    assert found == {"google_compute_subnetwork.s"}


def test_iterator_key_and_value_are_bound_in_content(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "rules" {
  default = {
    ssh = { protocol = "tcp", ports = ["22"] }
    web = { protocol = "tcp", ports = ["443"] }
  }
}
resource "google_compute_firewall" "byname" {
  name          = "byname"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  dynamic "allow" {
    for_each = var.rules
    iterator = rule
    content {
      protocol = rule.value.protocol
      ports    = rule.key == "ssh" ? rule.value.ports : rule.value.ports
    }
  }
}
resource "google_compute_firewall" "bylist" {
  name          = "bylist"
  network       = "default"
  source_ranges = ["10.0.0.0/8"]
  dynamic "allow" {
    for_each = ["22", "3389"]
    content {
      protocol = "tcp"
      ports    = [allow.value]
    }
  }
}
"""
    records = scan(tmp_path, hcl)
    ssh, web = records["google_compute_firewall.byname#0"], records["google_compute_firewall.byname#1"]
    assert [(p.start, p.end) for p in ssh.ports] == [(22, 22)] and ssh.protocol == "tcp"
    assert [(p.start, p.end) for p in web.ports] == [(443, 443)]
    first, second = records["google_compute_firewall.bylist#0"], records["google_compute_firewall.bylist#1"]
    assert (first.ports[0].start, second.ports[0].start) == (22, 3389)
    found = findings(records, policies)
    assert ("firewall.ssh-open-to-internet", "google_compute_firewall.byname#0") in found
    assert not any(rid.startswith("google_compute_firewall.bylist") for _, rid in found)


def test_nested_dynamic_sees_the_outer_iterator_and_sql_settings_expand(tmp_path: Path) -> None:
    hcl = """
variable "nets" { default = { office = ["203.0.113.0/24"] } }
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    dynamic "ip_configuration" {
      for_each = [1]
      content {
        ipv4_enabled = true
        dynamic "authorized_networks" {
          for_each = var.nets
          iterator = net
          content {
            name  = net.key
            value = net.value[0]
          }
        }
      }
    }
  }
}
"""
    db = scan(tmp_path, hcl)["google_sql_database_instance.db"]
    assert (db.public_endpoint, db.allowed_networks) == (True, ("203.0.113.0/24",))
