"""An unknown value never becomes a finding, also when a policy reads it from ``native``.

Translators drop unknown values from ``native``; without marking them, a
``native.purpose not_in [...]`` condition would read "absent" and pass, so a
GCP subnet whose ``purpose`` is a conditional (proxy-only or private NAT, which
cannot have flow logs or Private Google Access) would get both findings.
"""

from __future__ import annotations

from pathlib import Path

from terraform_support import builtin_policies, scan_hcl

from scanner.engine import evaluate
from scanner.inventory.store import Inventory

GOOGLE = 'provider "google" {\n  project = "p1"\n  region = "europe-west1"\n}\n'

SUBNETS = """
variable "proxy_only" {}
resource "google_compute_network" "vpc" {
  name                    = "vpc"
  auto_create_subnetworks = false
}
resource "google_compute_subnetwork" "maybe_proxy" {
  name          = "maybe-proxy"
  network       = google_compute_network.vpc.id
  ip_cidr_range = "10.129.0.0/23"
  purpose       = var.proxy_only ? "REGIONAL_MANAGED_PROXY" : "PRIVATE"
}
resource "google_compute_subnetwork" "plain" {
  name          = "plain"
  network       = google_compute_network.vpc.id
  ip_cidr_range = "10.10.0.0/24"
}
"""

RULES = ("network.subnet-flow-logs-disabled", "network.subnet-private-google-access-disabled")


def test_a_conditional_purpose_makes_the_subnet_verdicts_unknown(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, GOOGLE, SUBNETS)
    maybe = records["google_compute_subnetwork.maybe_proxy"]
    assert "native.purpose" in maybe.unknown
    policies = [p for p in builtin_policies() if p.id in RULES]
    assert len(policies) == 2
    result = evaluate(policies, Inventory(records.values()), record_checks=True)
    flagged = {(f.rule_id, f.resource.id) for f in result.findings}
    assert flagged == {(rule, "google_compute_subnetwork.plain") for rule in RULES}
    undecided = {rule: [r.id for r in refs] for rule, refs in (result.undecided or {}).items()}
    assert undecided == {rule: ["google_compute_subnetwork.maybe_proxy"] for rule in RULES}
    assert result.unknown == 2


def test_known_native_values_stay_decisive(tmp_path: Path) -> None:
    hcl = SUBNETS.replace('var.proxy_only ? "REGIONAL_MANAGED_PROXY" : "PRIVATE"', '"REGIONAL_MANAGED_PROXY"')
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    assert "native.purpose" not in records["google_compute_subnetwork.maybe_proxy"].unknown
    result = evaluate([p for p in builtin_policies() if p.id in RULES], Inventory(records.values()))
    assert {f.resource.id for f in result.findings} == {"google_compute_subnetwork.plain"}
