"""The bundled example landing zone: it loads, holds what the README promises, and scans as documented.

Findings are matched by resource name and policy topic (a rule id prefix or word), not by
exact rule ids or counts, so adding policies to the built-in pack does not break these tests.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import cli
from scanner.inventory import Inventory, Resource, load_snapshot

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = ROOT / "examples" / "landing-zone"
EXAMPLE = EXAMPLE_DIR / "inventory.json"
INTERNET = "0.0.0.0/0"


@pytest.fixture(scope="module")
def inventory() -> Inventory:
    return load_snapshot(EXAMPLE).inventory()


@pytest.fixture(scope="module")
def findings() -> list[dict[str, Any]]:
    result = CliRunner().invoke(
        cli, ["scan", "--inventory", str(EXAMPLE), "--format", "json", "--fail-on", "none"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["findings"]


def one(inventory: Inventory, kind: str, name: str, provider: str) -> Any:
    [match] = [r for r in inventory.of_kind(kind) if r.name == name and r.provider == provider]
    return match


def opens(rule: Any, port: int) -> bool:
    """An ingress rule that lets ``port`` in."""
    return rule.direction == "ingress" and any(p.start <= port <= p.end for p in rule.ports)


def related(inventory: Inventory, resource: Resource, relation: str) -> list[Any]:
    return [inventory.get(target) for target in resource.related(relation)]


def test_snapshot_is_a_small_landing_zone_on_three_clouds(inventory: Inventory) -> None:
    assert 50 <= len(inventory) <= 90
    assert {r.provider for r in inventory} == {"alibaba", "gcp", "aws"}
    assert {r.origin.source for r in inventory} == {"snapshot"}
    assert all(r.origin.call for r in inventory)
    for resource in inventory:  # every relation points at a resource of the snapshot
        for targets in resource.relations.values():
            assert all(inventory.get(t) is not None for t in targets), resource.id


def test_gcp_starter_network_with_auto_subnets_and_ssh_open(inventory: Inventory) -> None:
    vpc = one(inventory, "network", "my-vpc", "gcp")
    assert vpc.auto_subnets is True
    assert vpc.account == "acme-prod-network"
    subnets = [s for s in inventory.of_kind("subnet") if s.related("network") == (vpc.id,)]
    auto = {s.region: s.cidr for s in subnets if s.name == "my-vpc"}  # auto mode names them after the network
    assert auto["us-central1"] == "10.128.0.0/20"
    assert auto["europe-west1"] == "10.132.0.0/20"
    assert any(s.name != "my-vpc" for s in subnets)  # plus a custom subnetwork

    ssh = one(inventory, "firewall_rule", "allow-ssh", "gcp")
    assert (
        ssh.id
        == "https://www.googleapis.com/compute/v1/projects/acme-prod-network/global/firewalls/allow-ssh"
    )
    assert (ssh.direction, ssh.action, ssh.protocol) == ("ingress", "allow", "tcp")
    assert opens(ssh, 22)
    assert ssh.source_ranges == (INTERNET,)
    assert ssh.related("network") == (vpc.id,)
    iap = one(inventory, "firewall_rule", "allow-ssh-from-iap", "gcp")
    assert iap.source_ranges == ("35.235.240.0/20",)


def test_alibaba_rdp_rule_public_rds_oss_and_public_repository(inventory: Inventory) -> None:
    [rdp] = [r for r in inventory.of_kind("firewall_rule") if r.provider == "alibaba" and opens(r, 3389)]
    assert (rdp.direction, rdp.action, rdp.protocol) == ("ingress", "allow", "tcp")
    assert rdp.source_ranges == (INTERNET,)
    assert rdp.group is not None and rdp.group.startswith("sg-")
    assert rdp.native["PortRange"] == "3389/3389"

    rds = one(inventory, "database", "orders-mysql", "alibaba")
    assert rds.id.startswith("rm-")
    assert rds.public_endpoint is True
    [vswitch] = related(inventory, rds, "subnet")
    assert vswitch.routes_to_internet is False  # public through its endpoint, not through its subnet

    oss = one(inventory, "bucket", "acme-marketing-downloads", "alibaba")
    assert (oss.public_read, oss.encryption) == (True, "none")

    repo = one(inventory, "repository", "acme/web-frontend", "alibaba")
    assert repo.public is True
    assert repo.native["RepoType"] == "PUBLIC"
    [registry] = related(inventory, repo, "registry")
    assert registry.kind == "registry"


def test_aws_account_has_its_guardrail_breaches(inventory: Inventory) -> None:
    [mysql] = [r for r in inventory.of_kind("firewall_rule") if r.provider == "aws" and opens(r, 3306)]
    assert mysql.source_ranges == (INTERNET,)
    rds = one(inventory, "database", "legacy-reports", "aws")
    assert rds.public_endpoint is True
    assert all(subnet.routes_to_internet for subnet in related(inventory, rds, "subnet"))
    assert one(inventory, "bucket", "acme-prod-app-uploads", "aws").versioning is False
    assert one(inventory, "repository", "payments-api", "aws").scan_on_push is True
    assert one(inventory, "iam_principal", "dana", "aws").mfa is False
    assert any(b.admin for b in inventory.of_kind("iam_binding") if b.provider == "aws")


def found(findings: list[dict[str, Any]], name: str, topic: str) -> bool:
    """A finding on the resource called ``name`` from a policy whose id starts with or names ``topic``."""
    return any(
        f["resource"]["name"] == name and (f["rule_id"].startswith(topic) or topic in f["rule_id"])
        for f in findings
    )


@pytest.mark.parametrize(
    ("name", "topic"),
    [
        ("allow-ssh", "firewall.ssh"),
        ("windows-jump-sg/sgr-bp1e6g8j1m3p5r7t9v2x", "firewall.rdp"),
        ("legacy-mysql-sg/sgr-0c3d4e5f6071820007", "firewall.database"),
        ("orders-mysql", "database.public"),
        ("legacy-reports", "database.public"),
        ("acme-marketing-downloads", "bucket.public-read"),
        ("acme-marketing-downloads", "encryption"),
        ("acme/web-frontend", "registry.repository-public"),
    ],
)
def test_scan_reports_each_intended_violation(findings: list[dict[str, Any]], name: str, topic: str) -> None:
    assert found(findings, name, topic)


def test_compliant_look_alikes_are_not_flagged(findings: list[dict[str, Any]]) -> None:
    assert not found(findings, "allow-ssh-from-iap", "firewall.")
    assert not found(findings, "orders-db", "database.")
    assert not found(findings, "acme-prod-tfstate", "bucket.")
    assert not found(findings, "acme/payments-api", "registry.")


def test_exit_code_follows_fail_on() -> None:
    args = ["scan", "--inventory", str(EXAMPLE), "--quiet"]
    assert CliRunner().invoke(cli, args).exit_code == 1
    assert CliRunner().invoke(cli, [*args, "--fail-on", "none"]).exit_code == 0


def test_committed_json_is_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("landing_zone_generate", EXAMPLE_DIR / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == EXAMPLE.read_bytes(), "run examples/landing-zone/generate.py and commit the JSON"
