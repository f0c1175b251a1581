"""The CI report formats, each parsed back: JUnit XML, GitLab's SAST report, Markdown, CSV, SARIF options."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from scanner.reporters.csv_report import COLUMNS
from tests.helpers import SSH_CLOSED, SSH_OPEN, run, snapshot_file, write
from tests.sarif_rules import check_sarif_file

CLI = [sys.executable, "-c", "from scanner.cli import main; main()"]
ROOT = Path(__file__).resolve().parent.parent
GITLAB_SCHEMA = ROOT / "tests" / "data" / "gitlab-sast-report-format-15.2.1.json"
TERRAFORM = ROOT / "examples" / "landing-zone-terraform"
HOSTILE = {
    **SSH_OPEN,
    "id": "fw-hostile",
    "name": '=HYPERLINK("http://evil.example")|[x](http://evil.example) <img src=x> @admin\x1b[31m',
}
WAIVED = {**SSH_OPEN, "id": "fw-waived", "name": "allow-ssh-lab"}


@pytest.fixture
def scanned(tmp_path: Path) -> Path:
    """A snapshot with an open rule, a closed rule, a hostile name and a waived rule, every format written."""
    snap = snapshot_file(tmp_path / "snap.json", [SSH_OPEN, SSH_CLOSED, HOSTILE, WAIVED])
    waivers = write(
        tmp_path / "waivers.yaml",
        """
        waivers:
          - policy: firewall.ssh-open-to-internet
            resource: fw-waived
            justification: Lab network, <b>reviewed</b> | by sec
        """,
    )
    out = tmp_path / "out"
    names = ["r.xml", "gl-sast-report.json", "r.md", "r.csv", "r.sarif", "r.json"]
    args = ["scan", "-i", str(snap), "--waivers", str(waivers), "--fail-on", "none", "-q"]
    for name in names:
        args += ["-o", str(out / name)]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return out


def test_junit_one_suite_per_policy_one_case_per_resource_evaluated(scanned: Path) -> None:
    root = ET.fromstring((scanned / "r.xml").read_bytes())
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    ssh = suites["firewall.ssh-open-to-internet"]
    cases = ssh.findall("testcase")
    assert len(cases) == 4  # every firewall rule evaluated, passing or not
    by_name = {c.get("name"): c for c in cases}
    assert by_name["gcp/proj-1 firewall_rule fw-open"].find("failure").get("type") == "high"
    assert by_name["gcp/proj-1 firewall_rule fw-closed"].find("*") is None  # a pass has no child
    skipped = by_name["gcp/proj-1 firewall_rule fw-waived"].find("skipped")
    assert skipped is not None and "Lab network" in skipped.get("message")
    assert ssh.get("tests") == "4" and ssh.get("failures") == "2" and ssh.get("skipped") == "1"
    # Every policy of the pack has its suite, even with nothing of its kind to check.
    assert len(suites) > 30
    assert root.get("failures") == "2"
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites.values())


def test_junit_lists_collection_errors_as_errors(tmp_path: Path) -> None:
    error = {"provider": "gcp", "account": "proj-1", "service": "storage", "operation": "buckets.list",
             "code": "403", "message": "permission denied"}  # fmt: skip
    snap = snapshot_file(tmp_path / "p.json", [SSH_CLOSED], errors=[error])
    out = tmp_path / "r.xml"
    assert run("scan", "-i", str(snap), "-o", str(out), "-q").exit_code == 3
    root = ET.fromstring(out.read_bytes())
    [suite] = [s for s in root.findall("testsuite") if s.get("name") == "cloudscan.collection"]
    [case] = suite.findall("testcase")
    assert "permission denied" in case.find("error").get("message")
    assert root.get("errors") == "1"


def test_gitlab_report_is_valid_against_gitlab_schema(scanned: Path) -> None:
    document = json.loads((scanned / "gl-sast-report.json").read_text())
    schema = json.loads(GITLAB_SCHEMA.read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(document), key=str)
    assert errors == []
    assert document["version"] == "15.2.1"
    assert document["scan"]["type"] == "sast"
    vulns = document["vulnerabilities"]
    assert len(vulns) == 2  # the waived finding is left out
    assert {v["severity"] for v in vulns} == {"High"}
    assert len({v["id"] for v in vulns}) == 2
    assert vulns[0]["identifiers"][0]["value"] == "firewall.ssh-open-to-internet"
    assert vulns[0]["location"]["file"].startswith("cloud/gcp/proj-1/")
    assert vulns[0]["location"]["start_line"] == 1


def test_gitlab_report_of_terraform_points_at_tf_lines(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "gl-sast-report.json"
    run("scan", "--terraform", "examples/landing-zone-terraform", "-o", str(out), "-q")
    document = json.loads(out.read_text())
    schema = json.loads(GITLAB_SCHEMA.read_text())
    assert list(jsonschema.Draft7Validator(schema).iter_errors(document)) == []
    files = {v["location"]["file"] for v in document["vulnerabilities"]}
    assert "examples/landing-zone-terraform/main.tf" in files and all(f.endswith(".tf") for f in files)
    first = json.loads(out.read_text())["vulnerabilities"][0]["id"]
    run("scan", "--terraform", "examples/landing-zone-terraform", "-o", str(out), "-q")
    assert json.loads(out.read_text())["vulnerabilities"][0]["id"] == first  # stable across runs


def test_markdown_summary_counts_and_escapes_untrusted_text(scanned: Path) -> None:
    text = (scanned / "r.md").read_text()
    assert "| high | 2 | 1 |" in text  # active and waived by severity
    assert "| gcp | proj\\-1 | 2 |" in text  # by provider/account
    assert "### Top findings (2 active)" in text
    assert "### Waived (1)" in text and "Lab network" in text
    # Untrusted names render as text: no link, image, HTML, mention or extra table column.
    for markup in (r"\]\(", "<", ">", "@", r"\["):
        assert re.search(r"(?<!\\)" + markup, text) is None, markup
    assert "\\@admin" in text and "\\[x\\]" in text and "\x1b" not in text
    for line in text.splitlines():
        if line.startswith("| high | firewall"):
            assert line.replace("\\|", "").count("|") == 6


def test_markdown_lists_collection_errors(tmp_path: Path) -> None:
    error = {"provider": "gcp", "account": "proj-1", "service": "storage",
             "operation": "buckets.list", "code": "403", "message": "denied [here](http://x)"}  # fmt: skip
    snap = snapshot_file(tmp_path / "p.json", [SSH_CLOSED], errors=[error])
    out = tmp_path / "r.md"
    run("scan", "-i", str(snap), "-o", str(out), "-q")
    text = out.read_text()
    assert "### Collection errors (1): results are partial" in text
    assert "denied \\[here\\]" in text


def test_csv_one_row_per_finding_with_stable_columns_and_no_formulas(scanned: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((scanned / "r.csv").read_text(), newline="")))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 3
    assert sorted(r["status"] for r in rows) == ["active", "active", "waived"]
    hostile = next(r for r in rows if r["resource_id"] == "fw-hostile")
    assert hostile["resource_name"].startswith("'=HYPERLINK")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@"))
    waived = next(r for r in rows if r["status"] == "waived")
    assert waived["justification"].startswith("Lab network")
    sarif = json.loads((scanned / "r.sarif").read_text())
    results = sarif["runs"][0]["results"]
    prints = {r["partialFingerprints"]["cloudscanResourceFingerprint/v1"] for r in results}
    assert {r["fingerprint"] for r in rows} == prints


def test_sarif_suppressed_include_is_the_default_and_omit_drops_them(scanned: Path, tmp_path: Path) -> None:
    data = (scanned / "r.sarif").read_bytes()
    assert check_sarif_file(data) == []
    results = json.loads(data)["runs"][0]["results"]
    assert sum(1 for r in results if r.get("suppressions")) == 1

    snap = tmp_path / "snap.json"
    out = tmp_path / "omit.sarif"
    args = ["scan", "-i", str(snap), "--waivers", str(tmp_path / "waivers.yaml"), "-o", str(out)]
    run(*args, "--sarif-suppressed", "omit", "--fail-on", "none")
    assert check_sarif_file(out.read_bytes()) == []
    results = json.loads(out.read_bytes())["runs"][0]["results"]
    assert len(results) == 2 and not any(r.get("suppressions") for r in results)


def test_format_by_extension_and_by_flag(tmp_path: Path) -> None:
    snap = snapshot_file(tmp_path / "snap.json", [SSH_OPEN])
    out = tmp_path / "report.csv"
    run("scan", "-i", str(snap), "-o", str(out), "-q")
    assert out.read_text().startswith("severity,policy,")
    result = run("scan", "-i", str(snap), "-f", "markdown", "--fail-on", "none")
    assert result.stdout.startswith("## cloudscan")
    result = run("scan", "-i", str(snap), "-f", "junit", "--fail-on", "none")
    assert ET.fromstring(result.stdout.encode()).tag == "testsuites"
    named = tmp_path / "summary.out"
    run("scan", "-i", str(snap), "-f", "markdown", "-o", str(named), "-q")
    assert named.read_text().startswith("## cloudscan")


@pytest.mark.parametrize("name", ["report.html", "report.pdf", "report"])
def test_unknown_extension_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    snap = snapshot_file(tmp_path / "snap.json", [SSH_OPEN])
    result = subprocess.run(
        [*CLI, "scan", "-i", str(snap), "-o", str(tmp_path / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for ext in (".csv", ".json", ".md", ".sarif", ".txt", ".xml", "gl-sast-report.json"):
        assert ext in lines[0]
    assert not (tmp_path / name).exists()


def test_fail_on_new_needs_a_baseline(tmp_path: Path) -> None:
    snap = snapshot_file(tmp_path / "snap.json", [SSH_OPEN])
    result = run("scan", "-i", str(snap), "--fail-on-new")
    assert result.exit_code == 2
    assert "--fail-on-new compares with a baseline" in result.output
