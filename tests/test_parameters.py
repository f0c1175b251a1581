"""Policy parameters (issue #16, cost hygiene "snapshots older than N days ... (parameters)"): a
policy declares a tunable value, a scan sets it with ``--param`` or the config file, and every
mistake is one line with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run, snapshot_file, write
from tests.sarif_rules import check_sarif_file

SNAPSHOT_POLICY = "disk-snapshot.older-than-90-days"
SNAPSHOTS = [
    {"kind": "disk_snapshot", "id": f"snap-{age}", "name": f"snap-{age}", "age_days": age, "automatic": False}
    for age in (10, 45, 120)
]


def _scan(tmp_path: Path, *args: str) -> dict:
    inventory = snapshot_file(tmp_path / "s.json", SNAPSHOTS)
    result = run(
        "scan", "-i", str(inventory), "--check", SNAPSHOT_POLICY, "-f", "json", "--fail-on", "none", *args
    )
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _flagged(report: dict) -> list[str]:
    return sorted(f["resource"]["name"] for f in report["findings"])


def test_the_default_applies_and_the_report_states_it(tmp_path: Path) -> None:
    report = _scan(tmp_path)
    assert _flagged(report) == ["snap-120"]
    rule = report["rules"][SNAPSHOT_POLICY]
    assert rule["parameters"] == {"max_age_days": 90}
    assert rule["title"] == "Disk snapshot is older than 90 days"


def test_a_param_flag_changes_the_limit_title_and_sarif_rule(tmp_path: Path) -> None:
    report = _scan(tmp_path, "--param", f"{SNAPSHOT_POLICY}.max_age_days=30")
    assert _flagged(report) == ["snap-120", "snap-45"]
    assert report["rules"][SNAPSHOT_POLICY]["title"] == "Disk snapshot is older than 30 days"
    inventory = tmp_path / "s.json"
    sarif = run("scan", "-i", str(inventory), "--check", SNAPSHOT_POLICY, "-f", "sarif", "--fail-on", "none",
                "--param", f"{SNAPSHOT_POLICY}.max_age_days=30")  # fmt: skip
    assert check_sarif_file(sarif.stdout.encode()) == []
    rule = json.loads(sarif.stdout)["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["properties"]["parameters"] == {"max_age_days": 30}
    assert rule["shortDescription"]["text"] == "Disk snapshot is older than 30 days"


def test_the_config_file_sets_a_param_and_the_flag_wins(tmp_path: Path) -> None:
    config = write(tmp_path / "c.yaml", f"scan:\n  param: [{SNAPSHOT_POLICY}.max_age_days=5]\n")
    assert _flagged(_scan(tmp_path, "--config", str(config))) == ["snap-10", "snap-120", "snap-45"]
    flag = ("--config", str(config), "--param", f"{SNAPSHOT_POLICY}.max_age_days=100")
    assert _flagged(_scan(tmp_path, *flag)) == ["snap-120"]


def test_param_mistakes_are_one_line_with_exit_2(tmp_path: Path) -> None:
    inventory = str(snapshot_file(tmp_path / "s.json", SNAPSHOTS))
    cases = {
        "disk-snapshot.older-than-90-day.max_age_days=1":
            "--param: unknown policy 'disk-snapshot.older-than-90-day' (did you mean "
            "'disk-snapshot.older-than-90-days'?)",
        f"{SNAPSHOT_POLICY}.max_age=1":
            f"policy {SNAPSHOT_POLICY} has no parameter 'max_age' (did you mean 'max_age_days'?)",
        f"{SNAPSHOT_POLICY}.max_age_days=ninety": "the value must be of type integer",
        f"{SNAPSHOT_POLICY}.max_age_days=0": "the value must be at least 1",
        "disk.unattached.days=3": "policy disk.unattached has no parameter 'days' (it has none)",
        "max_age_days": "expected POLICY_ID.NAME=VALUE",
    }  # fmt: skip
    for value, expected in cases.items():
        result = run("scan", "-i", inventory, "--param", value)
        assert result.exit_code == 2, value
        assert expected in result.stderr, (value, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


POLICY = """\
id: test.old-snapshot
title: Snapshot older than {params.days} days
severity: low
resource: disk_snapshot
description: Old snapshots cost money.
remediation: Delete it.
parameters:
  days:
    type: integer
    default: 60
    description: the age limit
condition: {field: age_days, op: gt, value: {param: days}}
message: "Snapshot {name} is {age_days} days old (limit {params.days})."
tests:
  pass:
    - resource: {age_days: 59}
  fail:
    - resource: {age_days: 61}
"""


def test_a_custom_policy_declares_and_tests_its_parameter(tmp_path: Path) -> None:
    directory = write(tmp_path / "p" / "old.yaml", POLICY).parent
    assert run("policy", "test", str(directory)).exit_code == 0
    rows = json.loads(run("policy", "list", str(directory), "--format", "json").stdout)
    assert rows[0]["parameters"]["days"] == {"type": "integer", "default": 60, "description": "the age limit"}
    inventory = snapshot_file(tmp_path / "s.json", SNAPSHOTS)
    result = run("scan", "-i", str(inventory), "-p", str(directory), "-f", "json", "--fail-on", "none")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert messages == ["Snapshot snap-120 is 120 days old (limit 60)."]


def test_bad_parameter_declarations_are_load_errors_at_their_line(tmp_path: Path) -> None:
    days_as_string = POLICY.replace("type: integer", "type: string").replace("default: 60", "default: old")
    cases = {
        "default type": (
            POLICY.replace("default: 60", 'default: "60"'),
            "old.yaml:10: parameters.days.default: parameter days: the default must be of type integer",
        ),
        "undeclared": (
            POLICY.replace("value: {param: days}", "value: {param: dayz}"),
            "old.yaml:12: condition.value.param: unknown parameter 'dayz' (did you mean 'days'?)",
        ),
        "in a text": (
            POLICY.replace("(limit {params.days})", "(limit {params.limit})"),
            "old.yaml:13: message: unknown parameter 'limit'",
        ),
        "no type": (
            POLICY.replace("    type: integer\n", ""),
            "old.yaml:9: parameters.days: 'type' is a required property",
        ),
        "value vs field": (days_as_string, "old.yaml:12"),
    }
    for name, (text, expected) in cases.items():
        directory = write(tmp_path / name.replace(" ", "-") / "old.yaml", text).parent
        result = run("policy", "validate", str(directory))
        assert result.exit_code == 2, name
        assert expected in result.stderr, (name, result.stderr)
