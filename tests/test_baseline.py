"""Baselines: new, unchanged and absent findings, the gate on new findings only, and bad baselines."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SSH_CLOSED, SSH_OPEN, run, snapshot_file
from tests.sarif_rules import check_sarif_file

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from scanner.cli import main; main()"]
KEY = "cloudscanResourceFingerprint/v1"
SSH_OTHER = {**SSH_OPEN, "id": "fw-other", "name": "allow-ssh-2"}
SSH_NEW = {**SSH_OPEN, "id": "fw-new", "name": "allow-ssh-new"}


def states(sarif: Path) -> dict[str, str]:
    """Resource fullyQualifiedName -> baselineState, over every run."""
    out = {}
    for run_ in json.loads(sarif.read_text())["runs"]:
        for result in run_["results"]:
            fqn = result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
            out[fqn] = result["baselineState"]
    return out


@pytest.fixture
def before(tmp_path: Path) -> Path:
    return snapshot_file(tmp_path / "before.json", [SSH_OPEN, SSH_OTHER, SSH_CLOSED])


@pytest.fixture
def after(tmp_path: Path) -> Path:
    """fw-open was fixed, fw-other still open, fw-new is a new violation."""
    fixed = {**SSH_OPEN, "source_ranges": ["10.0.0.0/8"]}
    return snapshot_file(tmp_path / "after.json", [fixed, SSH_OTHER, SSH_NEW, SSH_CLOSED])


@pytest.mark.parametrize("kind", ["json", "sarif"])
def test_new_unchanged_absent_from_a_json_or_sarif_baseline(
    before: Path, after: Path, tmp_path: Path, kind: str
) -> None:
    base = tmp_path / f"base.{kind}"
    if kind == "json":
        made = run("scan", "-i", str(before), "--create-baseline", str(base), "--fail-on", "none", "-q")
    else:
        made = run("scan", "-i", str(before), "-o", str(base), "--fail-on", "none", "-q")
    assert made.exit_code == 0, made.output
    sarif, report = tmp_path / "now.sarif", tmp_path / "now.json"
    result = run("scan", "-i", str(after), "--baseline", str(base), "-o", str(sarif), "-o", str(report), "-q")
    assert result.exit_code == 1
    assert states(sarif) == {"fw-new": "new", "fw-other": "unchanged", "fw-open": "absent"}
    assert check_sarif_file(sarif.read_bytes()) == []
    document = json.loads(report.read_text())
    assert {f["resource"]["id"]: f["baseline"] for f in document["findings"]} == {
        "fw-new": "new",
        "fw-other": "unchanged",
    }
    [absent] = document["absent"]
    assert absent["rule_id"] == "firewall.ssh-open-to-internet"
    # The absent result keeps the baseline's fingerprint, which is SARIF's partialFingerprints.
    old = json.loads(run("scan", "-i", str(before), "-f", "sarif", "--fail-on", "none").stdout)
    old_prints = {
        r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r["partialFingerprints"][KEY]
        for r in old["runs"][0]["results"]
    }
    assert absent["fingerprint"] == old_prints["fw-open"]
    now = json.loads(sarif.read_text())["runs"][0]["results"]
    assert {r["partialFingerprints"][KEY] for r in now if r["baselineState"] != "new"} == {
        old_prints["fw-open"],
        old_prints["fw-other"],
    }


def test_fail_on_new_gates_only_on_new_findings(before: Path, after: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    run("scan", "-i", str(before), "--create-baseline", str(base), "--fail-on", "none", "-q")
    # Same findings as the baseline: the gate passes with --fail-on-new, fails without it.
    assert run("scan", "-i", str(before), "--baseline", str(base), "--fail-on-new", "-q").exit_code == 0
    assert run("scan", "-i", str(before), "--baseline", str(base), "-q").exit_code == 1
    # A new high finding fails the gate, unless the threshold is above it.
    assert run("scan", "-i", str(after), "--baseline", str(base), "--fail-on-new", "-q").exit_code == 1
    args = ["scan", "-i", str(after), "--baseline", str(base), "--fail-on-new", "--fail-on", "critical"]
    assert run(*args, "-q").exit_code == 0


def test_markdown_and_csv_show_the_baseline(before: Path, after: Path, tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    run("scan", "-i", str(before), "--create-baseline", str(base), "--fail-on", "none", "-q")
    md, table = tmp_path / "s.md", tmp_path / "s.csv"
    run("scan", "-i", str(after), "--baseline", str(base), "-o", str(md), "-o", str(table), "-q")
    assert "1 new, 1 unchanged, 1 absent (fixed or removed)." in md.read_text()
    rows = list(csv.DictReader(io.StringIO(table.read_text(), newline="")))
    assert sorted(row["baseline"] for row in rows) == ["absent", "new", "unchanged"]
    assert [row["status"] for row in rows if row["baseline"] == "absent"] == ["absent"]


def test_a_fixed_terraform_resource_shows_as_absent(tmp_path: Path, monkeypatch) -> None:
    infra = tmp_path / "infra"
    shutil.copytree(ROOT / "examples" / "landing-zone-terraform", infra)
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "base.sarif"
    run("scan", "--terraform", "infra", "-o", str(base), "--fail-on", "none", "-q")
    main = infra / "main.tf"
    text = main.read_text()
    fixed = text.replace(
        '  source_ranges = ["0.0.0.0/0"]\n}\n\n# Compliant',
        '  source_ranges = ["10.0.0.0/8"]\n}\n\n# Compliant',
    )
    assert fixed != text
    main.write_text(fixed)
    now = tmp_path / "now.sarif"
    result = run(
        "scan", "--terraform", "infra", "--baseline", str(base), "-o", str(now), "--fail-on-new", "-q"
    )
    assert result.exit_code == 0, result.output  # nothing new
    found = states(now)
    assert found["google_compute_firewall.allow-ssh"] == "absent"
    assert set(found.values()) == {"unchanged", "absent"}
    [absent] = [
        r
        for run_ in json.loads(now.read_text())["runs"]
        for r in run_["results"]
        if r["baselineState"] == "absent"
    ]
    location = absent["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "infra/main.tf"
    assert location["region"]["startLine"] == 17


def _fail(*args: str) -> list[str]:
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, check=False)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines


def test_a_baseline_from_another_tool_or_format_is_one_line_exit_2(before: Path, tmp_path: Path) -> None:
    other = tmp_path / "checkov.sarif"
    other.write_text(
        json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Checkov"}}, "results": []}]})
    )
    [line] = _fail("scan", "-i", str(before), "--baseline", str(other))
    assert "checkov.sarif" in line and "'Checkov', not cloudscan" in line
    [line] = _fail("scan", "-i", str(before), "--baseline", str(before))  # a snapshot, not a report
    assert "not a cloudscan JSON or SARIF report" in line
    garbage = tmp_path / "x.sarif"
    garbage.write_text("<html>")
    [line] = _fail("scan", "-i", str(before), "--baseline", str(garbage))
    assert "not valid JSON" in line
    [line] = _fail("scan", "-i", str(before), "--baseline", str(tmp_path / "missing.json"))
    assert "cannot read baseline" in line
    table = tmp_path / "old.json"
    table.write_text(json.dumps({"format_version": 99, "findings": []}))
    [line] = _fail("scan", "-i", str(before), "--baseline", str(table))
    assert "format_version 1" in line
