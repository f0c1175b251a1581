"""The built-in policy pack: its own cases pass, its layout holds, and it catches what issue #2 asks for.

Everything goes through the CLI (``cloudscan policy test``, ``cloudscan scan``) or
the policy files themselves, so these tests check what a user sees.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scanner.cli import cli
from scanner.policy import load_policies

POLICY_DIR = Path(__file__).resolve().parent.parent / "policies"
FRAMEWORKS_FILE = POLICY_DIR / "frameworks.yaml"

# One entry per topic of issue #2 (and the nice-to-haves that were added).
EXPECTED_IDS = {
    # 1, 2, 3: admin and database ports open to the internet
    "firewall.ssh-open-to-internet",
    "firewall.rdp-open-to-internet",
    "firewall.database-port-open-to-internet",
    # 4, 5: database exposure
    "database.public-endpoint",
    "database.in-public-subnet",
    "database.allows-all-networks",
    "database.ssl-not-required",
    "database.encryption-disabled",
    # 6, 7, 8: buckets
    "bucket.encryption-disabled",
    "bucket.public-read",
    "bucket.public-write",
    "bucket.versioning-disabled",
    "bucket.public-access-not-blocked",
    "bucket.uniform-access-disabled",
    "bucket.access-logging-disabled",
    # 9, 10: container registries
    "registry.repository-public",
    "registry.anonymous-pull",
    "registry.repository-public-push",
    # 11, 12: IAM
    "iam.primitive-role-binding",
    "iam.public-binding",
    "iam.service-account-admin-role",
    "iam.user-without-mfa",
    "iam.root-without-mfa",
    "iam.root-access-key",
    "iam.access-key-not-rotated",
    "iam.wildcard-admin-grant",
    # 13: password policy
    "password-policy.min-length",
    "password-policy.complexity",
    "password-policy.reuse",
    # 14: flow logs, default network
    "network.flow-logs-disabled",
    "network.subnet-flow-logs-disabled",
    "network.default-network-exists",
}


@pytest.fixture(scope="module")
def policies() -> list[Any]:
    return load_policies([POLICY_DIR])


def test_policy_test_command_passes_every_case() -> None:
    result = CliRunner().invoke(cli, ["policy", "test", str(POLICY_DIR)])
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    match = re.fullmatch(r"(\d+) passed, 0 failed", last)
    assert match, result.output
    assert int(match.group(1)) >= 2 * len(EXPECTED_IDS)


def test_policy_list_shows_every_policy() -> None:
    result = CliRunner().invoke(cli, ["policy", "list", str(POLICY_DIR)])
    assert result.exit_code == 0, result.output
    listed = {line.split()[2] for line in result.output.splitlines()[1:] if line.strip()}  # below the header
    assert listed >= EXPECTED_IDS


def test_the_pack_covers_the_issue(policies: list[Any]) -> None:
    assert {p.id for p in policies} >= EXPECTED_IDS  # provider-specific packs add more


def test_every_policy_has_pass_and_fail_cases(policies: list[Any]) -> None:
    for policy in policies:
        assert policy.tests.get("pass"), f"{policy.id} has no pass case"
        assert policy.tests.get("fail"), f"{policy.id} has no fail case"


def test_file_name_and_folder_match_the_id(policies: list[Any]) -> None:
    for policy in policies:
        source = Path(policy.source)
        folder, _, name = policy.id.partition(".")
        assert source.suffix == ".yaml"
        assert source.stem == name, f"{source} holds {policy.id}"
        assert source.parent.name == folder, f"{source} holds {policy.id}"


def test_every_framework_key_is_declared(policies: list[Any]) -> None:
    declared = yaml.safe_load(FRAMEWORKS_FILE.read_text(encoding="utf-8"))
    for key, info in declared.items():
        assert info["title"] and info["version"], key
        assert "url" not in info or info["url"].startswith("https://"), key
    for policy in policies:
        unknown = set(policy.frameworks) - set(declared)
        assert not unknown, f"{policy.id} cites undeclared frameworks {sorted(unknown)}"


def test_frameworks_file_is_not_read_as_a_policy(policies: list[Any]) -> None:
    result = CliRunner().invoke(cli, ["policy", "validate", str(POLICY_DIR)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"{len(policies)} policies valid"


# --- findings on realistic inventories ---------------------------------------------


def _rule(provider: str, rule_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "firewall_rule",
        "provider": provider,
        "account": f"{provider}-account",
        "region": "region-1",
        "id": rule_id,
        "name": rule_id.rsplit("/", 1)[-1],
        "origin": {"source": "snapshot"},
        "direction": "ingress",
        **fields,
    }


def _scan(tmp_path: Path, resources: list[dict[str, Any]]) -> dict[str, Any]:
    snapshot = tmp_path / "inventory.json"
    snapshot.write_text(json.dumps({"schema_version": 1, "resources": resources}), encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(
        cli,
        ["scan", "--inventory", str(snapshot), "--policies", str(POLICY_DIR), "--output", str(report)],
    )
    assert result.exit_code in (0, 1), result.output
    return json.loads(report.read_text(encoding="utf-8"))


DISABLED_GCP = "projects/p/global/firewalls/off"
EGRESS_AWS = "arn:aws:ec2:eu-west-1:111122223333:security-group-rule/sgr-egress"


def test_ssh_and_rdp_fire_on_every_cloud(tmp_path: Path) -> None:
    everything = {"protocol": "all", "ports": [{"start": 0, "end": 65535}]}
    resources = [
        _rule(
            "gcp",
            "projects/p/global/firewalls/allow-admin",
            protocol="tcp",
            ports=[{"start": 22, "end": 22}, {"start": 3389, "end": 3389}],
            source_ranges=["0.0.0.0/0"],
            targets=["admin"],
            priority=1000,
        ),
        _rule(
            "alibaba",
            "acs:ecs:cn-hangzhou:123:securitygroup/sg-bp1/ingress/0",
            protocol="tcp",
            ports=[{"start": 1, "end": 65535}],
            source_ranges=["0.0.0.0/1", "128.0.0.0/1"],
            group="sg-bp1",
            priority=1,
        ),
        _rule(
            "aws",
            "arn:aws:ec2:eu-west-1:111122223333:security-group-rule/sgr-0abc",
            source_ranges=["::/0"],
            group="sg-0abc",
            **everything,
        ),
        # Neither of these may fire: a disabled GCP rule and an egress AWS rule.
        _rule("gcp", DISABLED_GCP, disabled=True, source_ranges=["0.0.0.0/0"], **everything),
        {
            **_rule("aws", EGRESS_AWS, **everything),
            "direction": "egress",
            "destination_ranges": ["0.0.0.0/0"],
        },
    ]
    report = _scan(tmp_path, resources)
    fired = {(f["rule_id"], f["resource"]["provider"]) for f in report["findings"]}
    for rule_id in ("firewall.ssh-open-to-internet", "firewall.rdp-open-to-internet"):
        assert {p for r, p in fired if r == rule_id} == {"gcp", "alibaba", "aws"}
    assert not [f for f in report["findings"] if f["resource"]["id"] in (DISABLED_GCP, EGRESS_AWS)]
    ssh = next(
        f
        for f in report["findings"]
        if f["rule_id"] == "firewall.ssh-open-to-internet" and f["resource"]["provider"] == "gcp"
    )
    assert "allow-admin" in ssh["message"] and "0.0.0.0/0" in ssh["message"]


def test_unknown_values_are_never_findings(tmp_path: Path) -> None:
    """A value the source could not know is counted as unknown, not reported."""
    resources = [
        _rule(
            "aws",
            "arn:aws:ec2:eu-west-1:111122223333:security-group-rule/sgr-unknown",
            protocol="tcp",
            ports=[{"start": 22, "end": 22}],
            unknown=["source_ranges"],
        ),
        {
            "kind": "bucket",
            "provider": "gcp",
            "account": "p",
            "id": "b/unknown",
            "name": "unknown-bucket",
            "origin": {"source": "terraform", "file": "main.tf", "line": 3},
            "unknown": ["public_read", "public_write"],
        },
    ]
    report = _scan(tmp_path, resources)
    assert report["findings"] == []
    assert report["summary"]["unknown_verdicts"] >= 3


def test_database_in_public_subnet_follows_the_subnet(tmp_path: Path) -> None:
    base = {"account": "111122223333", "region": "eu-west-1", "origin": {"source": "snapshot"}}
    subnet = {**base, "kind": "subnet", "provider": "aws"}
    resources = [
        {**subnet, "id": "subnet-pub", "name": "pub", "routes_to_internet": True},
        {**subnet, "id": "subnet-prv", "name": "prv", "routes_to_internet": False},
        {
            **base,
            "kind": "database",
            "provider": "aws",
            "id": "db-exposed",
            "name": "orders",
            "engine": "postgres",
            "relations": {"subnet": ["subnet-pub", "subnet-prv"]},
        },
        {
            **base,
            "kind": "database",
            "provider": "aws",
            "id": "db-private",
            "name": "billing",
            "engine": "mysql",
            "relations": {"subnet": ["subnet-prv"]},
        },
    ]
    report = _scan(tmp_path, resources)
    hits = [f for f in report["findings"] if f["rule_id"] == "database.in-public-subnet"]
    assert [f["resource"]["id"] for f in hits] == ["db-exposed"]
    assert "subnet-pub" in hits[0]["message"]


# --- framework sections and coverage (issues #15 and #16) ----------------------------

COVERAGE_TARGETS = {"cis-gcp-3.0": 60, "cis-alibaba-2.0": 55}


def _declared_frameworks() -> dict[str, Any]:
    return yaml.safe_load(FRAMEWORKS_FILE.read_text(encoding="utf-8"))


def test_framework_sections_are_well_formed() -> None:
    for key, info in _declared_frameworks().items():
        sections = info.get("sections", [])
        ids = [section["id"] for section in sections]
        assert len(ids) == len(set(ids)), f"{key} lists a section twice"
        for section in sections:
            assert re.fullmatch(r"\d+(\.\d+)+", section["id"]), (key, section)
            assert section["title"].strip(), (key, section)
            assert section["assessment"] in ("automated", "manual"), (key, section)


def test_policies_cite_only_listed_sections(policies: list[Any]) -> None:
    declared = _declared_frameworks()
    for policy in policies:
        for key, cited in policy.frameworks.items():
            listed = {section["id"] for section in declared[key].get("sections", [])}
            if listed:  # a benchmark whose full list was read
                assert set(cited) <= listed, f"{policy.id} cites {sorted(set(cited) - listed)} not in {key}"


def test_cis_coverage_meets_the_issue_targets(policies: list[Any]) -> None:
    declared = _declared_frameworks()
    for key, target in COVERAGE_TARGETS.items():
        mapped = {section for policy in policies for section in policy.frameworks.get(key, ())}
        listed = {section["id"] for section in declared[key]["sections"]}
        assert len(mapped & listed) >= target, f"{key}: {len(mapped)} of {len(listed)} sections mapped"


def test_cost_policies_stay_off_the_security_gate(policies: list[Any]) -> None:
    cost = [policy for policy in policies if "cost" in policy.tags]
    assert len(cost) >= 6
    for policy in cost:
        assert policy.severity.value in ("low", "info"), policy.id


def _resource(kind: str, provider: str, rid: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "provider": provider,
        "account": f"{provider}-account",
        "region": "region-1",
        "id": rid,
        "name": rid.rsplit("/", 1)[-1],
        "origin": {"source": "snapshot"},
        **fields,
    }


def test_one_kubernetes_policy_judges_gke_and_ack(tmp_path: Path) -> None:
    resources = [
        _resource(
            "kubernetes_cluster",
            "gcp",
            "projects/p/locations/europe-west1/clusters/open",
            public_endpoint=True,
            authorized_networks_enabled=True,
            authorized_networks=["0.0.0.0/0"],
        ),
        _resource(
            "kubernetes_cluster",
            "gcp",
            "projects/p/locations/europe-west1/clusters/private",
            public_endpoint=False,
        ),
        _resource(
            "kubernetes_cluster", "alibaba", "c-ack", public_endpoint=True, authorized_networks_enabled=False
        ),
    ]
    report = _scan(tmp_path, resources)
    rule = "kubernetes.public-endpoint-unrestricted"
    hits = {f["resource"]["id"] for f in report["findings"] if f["rule_id"] == rule}
    assert hits == {"projects/p/locations/europe-west1/clusters/open", "c-ack"}


def test_an_absent_database_flag_takes_the_engine_default(tmp_path: Path) -> None:
    resources = [
        _resource("database", "gcp", "projects/p/instances/pg", engine="POSTGRES_15", flags={}),
        _resource("database", "gcp", "projects/p/instances/my", engine="MYSQL_8_0", flags={}),
    ]
    fired = {(f["rule_id"], f["resource"]["id"]) for f in _scan(tmp_path, resources)["findings"]}
    # log_connections defaults to off (fails); log_min_messages defaults to warning (passes)
    assert ("database.postgres-log-connections-off", "projects/p/instances/pg") in fired
    assert not [r for r, _ in fired if r == "database.postgres-log-min-messages"]
    assert not [i for r, i in fired if r.startswith("database.postgres-") and i.endswith("/my")]
