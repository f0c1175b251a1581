"""Choosing checks (issue #14, item 1): --check, --skip-check, --severity, --framework, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "landing-zone" / "inventory.json")


def rule_ids(*args: str) -> tuple[set[str], set[str]]:
    """(rules the scan ran, rules that produced findings) on the bundled example."""
    result = run("scan", "-i", EXAMPLE, "--fail-on", "none", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    ran = (
        {rule["id"] for rule in report["rules"]}
        if isinstance(report["rules"], list)
        else set(report["rules"])
    )
    return ran, {f["rule_id"] for f in report["findings"]}


def builtin_ids() -> dict[str, dict]:
    out = {}
    for path in (ROOT / "policies").rglob("*.yaml"):
        if path.name != "frameworks.yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            out[data["id"]] = data
    return out


def test_check_by_id_and_glob() -> None:
    _, found = rule_ids("--check", "bucket.public-read")
    assert found == {"bucket.public-read"}
    _, found = rule_ids("--check", "bucket.*", "--check", "firewall.ssh-open-to-internet")
    assert found == {
        "bucket.encryption-disabled",
        "bucket.public-access-not-blocked",
        "bucket.public-read",
        "bucket.versioning-disabled",
        "firewall.ssh-open-to-internet",
    }


def test_skip_check_wins_over_check() -> None:
    _, found = rule_ids("--check", "bucket.*", "--skip-check", "bucket.public-read,bucket.versioning-*")
    assert found == {"bucket.encryption-disabled", "bucket.public-access-not-blocked"}


def test_severity_keeps_only_those_levels() -> None:
    _, found = rule_ids("--severity", "critical,HIGH")
    policies = builtin_ids()
    assert found
    assert {policies[i]["severity"] for i in found} == {"high"}
    _, everything = rule_ids()
    assert found == {i for i in everything if policies[i]["severity"] in ("critical", "high")}


def test_framework_runs_only_the_policies_mapped_to_it() -> None:
    ran, found = rule_ids("--framework", "cis-gcp-3.0")
    policies = builtin_ids()
    mapped = {i for i, p in policies.items() if "cis-gcp-3.0" in p.get("frameworks", {})}
    assert ran == mapped
    assert "bucket.public-read" in found
    assert "registry.repository-public" not in found  # maps to no CIS section


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--check", "bucket.publc-read"],
            "unknown policy 'bucket.publc-read' (did you mean 'bucket.public-read'?)",
        ),
        (["--skip-check", "firewall.ssh-open"], "did you mean 'firewall.ssh-open-to-internet'?"),
        (["--check", "nothing.*"], "--check 'nothing.*' matches no policy"),
        (["--severity", "hgh"], "unknown level 'hgh' (did you mean 'high'?)"),
        (["--framework", "cis-gcp-9.9"], "unknown framework 'cis-gcp-9.9' (did you mean 'cis-gcp-3.0'?)"),
    ],
)
def test_unknown_selectors_are_input_errors_with_a_suggestion(args: list[str], message: str) -> None:
    result = run("scan", "-i", EXAMPLE, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
