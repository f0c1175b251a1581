"""The CLI contract: exit codes, where reports go, and one clear line for bad input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import SSH_CLOSED, SSH_OPEN, run, snapshot_file, write


@pytest.fixture
def open_ssh(tmp_path: Path) -> Path:
    return snapshot_file(tmp_path / "open.json", [SSH_OPEN, SSH_CLOSED])


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return snapshot_file(tmp_path / "clean.json", [SSH_CLOSED])


def test_exit_1_when_findings_at_or_above_threshold(open_ssh: Path) -> None:
    result = run("scan", "--inventory", str(open_ssh))
    assert result.exit_code == 1
    assert "allow-ssh" in result.output
    assert "1 finding (1 high) in 2 resources across 1 account(s)" in result.output


def test_fail_on_threshold_and_none(open_ssh: Path) -> None:
    assert run("scan", "-i", str(open_ssh), "--fail-on", "critical").exit_code == 0
    assert run("scan", "-i", str(open_ssh), "--fail-on", "high").exit_code == 1
    assert run("scan", "-i", str(open_ssh), "--fail-on", "none").exit_code == 0


def test_exit_0_without_findings(clean: Path) -> None:
    result = run("scan", "--inventory", str(clean))
    assert result.exit_code == 0
    assert "0 findings in 1 resources" in result.output


def test_exit_3_for_a_partial_scan_without_findings(tmp_path: Path) -> None:
    error = {
        "provider": "gcp",
        "account": "proj-1",
        "service": "storage",
        "operation": "buckets.list",
        "code": "403",
        "message": "permission denied",
    }
    path = snapshot_file(tmp_path / "partial.json", [SSH_CLOSED], errors=[error])
    result = run("scan", "--inventory", str(path))
    assert result.exit_code == 3
    assert "permission denied" in result.output
    assert "1 source error(s): results are partial" in result.output


def test_json_report_to_stdout_and_files(open_ssh: Path, tmp_path: Path) -> None:
    result = run("scan", "-i", str(open_ssh), "--format", "json", "--fail-on", "none")
    document = json.loads(result.stdout)
    assert document["summary"]["by_severity"]["high"] == 1
    [finding] = document["findings"]
    assert finding["rule_id"] == "firewall.ssh-open-to-internet"
    assert finding["resource"]["name"] == "allow-ssh"

    out = tmp_path / "out" / "report.json"
    result = run("scan", "-i", str(open_ssh), "--output", str(out), "--fail-on", "none")
    assert json.loads(out.read_text())["summary"]["findings"] == 1
    assert "allow-ssh" in result.output  # the table still goes to the terminal


def test_several_formats_at_once(open_ssh: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    result = run("scan", "-i", str(open_ssh), "-f", "table,json", "-o", str(out), "--fail-on", "none")
    assert json.loads(result.stdout)["summary"]["findings"] == 1
    assert "allow-ssh" in out.read_text()


def test_quiet_prints_only_the_summary(open_ssh: Path) -> None:
    result = run("scan", "-i", str(open_ssh), "--quiet", "--fail-on", "none")
    assert result.output.strip().splitlines() == ["1 finding (1 high) in 2 resources across 1 account(s)"]


def test_policy_commands(tmp_path: Path) -> None:
    listed = run("policy", "list")
    assert listed.exit_code == 0
    assert "firewall.ssh-open-to-internet" in listed.output
    assert run("policy", "validate").exit_code == 0
    tested = run("policy", "test")
    assert tested.exit_code == 0
    assert tested.output.strip().splitlines()[-1].endswith("passed, 0 failed")


def test_policy_test_reports_a_wrong_expectation(tmp_path: Path) -> None:
    write(
        tmp_path / "p.yaml",
        """
        id: my.policy
        title: T
        severity: low
        resource: bucket
        description: d
        remediation: r
        message: "{name} is public"
        condition: {field: public_read, op: eq, value: true}
        tests:
          pass:
            - name: oops
              resource: {public_read: true}
          fail:
            - resource: {public_read: true}
        """,
    )
    result = run("policy", "test", str(tmp_path))
    assert result.exit_code == 1
    assert (
        "FAIL my.policy [pass] oops: expected the case to pass, but the policy raised a finding"
        in result.output
    )
    assert f"({tmp_path / 'p.yaml'}:11)" in result.output
    assert "1 passed, 1 failed" in result.output


# --- bad input: one clear line, exit 2, nothing half-written ----------------------


def assert_input_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.output


def test_missing_snapshot(tmp_path: Path) -> None:
    result = run("scan", "-i", str(tmp_path / "nope.json"))
    assert_input_error(result, "cloudscan: error:", "nope.json: cannot read inventory snapshot")


def test_snapshot_of_another_schema_version(tmp_path: Path) -> None:
    path = snapshot_file(tmp_path / "v9.json", [], schema_version=9)
    assert_input_error(run("scan", "-i", str(path)), "schema_version 9 is not supported")


def test_broken_policy_file_names_file_and_line(open_ssh: Path, tmp_path: Path) -> None:
    broken = write(tmp_path / "policies" / "bad.yaml", "id: x\ntitle: [unclosed\n")
    out = tmp_path / "r.json"
    result = run("scan", "-i", str(open_ssh), "-p", str(broken.parent), "-o", str(out))
    assert_input_error(result, f"{broken}:3: invalid YAML")
    assert not out.exists()


def test_unknown_operator_in_policy(open_ssh: Path, tmp_path: Path) -> None:
    bad = write(
        tmp_path / "bad.yaml",
        """
        id: x
        title: t
        severity: low
        resource: bucket
        description: d
        remediation: r
        message: m
        condition: {field: name, op: startswith, value: a}
        """,
    )
    assert_input_error(
        run("policy", "validate", str(bad)), f"{bad}:8: condition.op: 'startswith' is not one of"
    )


def test_unwritable_output_leaves_nothing_behind(open_ssh: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = run("scan", "-i", str(open_ssh), "-o", str(blocker / "report.json"))
    assert_input_error(result, "report.json: cannot")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "open.json"]


def test_existing_report_is_kept_when_the_scan_fails(open_ssh: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    report.write_text("previous report")
    result = run("scan", "-i", str(tmp_path / "missing.json"), "-o", str(report))
    assert result.exit_code == 2
    assert report.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".r.json")] == []


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["scan"], "nothing to scan"),
        (["scan", "-i", "x.json", "-f", "xml"], "unknown format 'xml'"),
        (
            ["scan", "-i", "x.json", "-f", "json", "-o", "report.out", "-o", "other.out"],
            "cannot tell which format",
        ),
        (["scan", "-i", "x.json", "-o", "a.json", "-o", "b.json"], "two outputs for format 'json'"),
        (["scan", "-i", "x.json", "--fail-on", "urgent"], "Invalid value for '--fail-on'"),
        (["scan", "--provider", "azure"], "unknown provider 'azure'"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from scanner.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_waived_findings_are_reported_as_suppressed_and_do_not_fail(open_ssh: Path, tmp_path: Path) -> None:
    waivers = write(
        tmp_path / "waivers.yaml",
        """
        waivers:
          - policy: firewall.ssh-open-to-internet
            resource: fw-*
            justification: Temporary vendor access, ticket SEC-42.
            expires: 2999-12-31
        """,
    )
    out = tmp_path / "r.json"
    result = run("scan", "-i", str(open_ssh), "--waivers", str(waivers), "-o", str(out))
    assert result.exit_code == 0
    assert "0 findings in 2 resources across 1 account(s); 1 suppressed" in result.output
    [finding] = json.loads(out.read_text())["findings"]
    assert finding["suppressed"] == "Temporary vendor access, ticket SEC-42."


def test_expired_waivers_no_longer_apply(open_ssh: Path, tmp_path: Path) -> None:
    waivers = write(
        tmp_path / "waivers.yaml",
        """
        waivers:
          - {policy: "*", resource: "*", justification: old exception, expires: 2020-01-01}
        """,
    )
    assert run("scan", "-i", str(open_ssh), "--waivers", str(waivers)).exit_code == 1


def test_broken_waiver_file(open_ssh: Path, tmp_path: Path) -> None:
    waivers = write(
        tmp_path / "waivers.yaml",
        """
        waivers:
          - policy: firewall.ssh-open-to-internet
            resource: fw-open
        """,
    )
    result = run("scan", "-i", str(open_ssh), "--waivers", str(waivers))
    assert_input_error(result, f"{waivers}:2: waivers[0]: 'justification' must be a non-empty string")


def test_terminal_table_is_cut_when_a_report_file_has_everything(tmp_path: Path) -> None:
    rules = [{**SSH_OPEN, "id": f"fw-{i}", "name": f"open-{i}"} for i in range(60)]
    path = snapshot_file(tmp_path / "many.json", rules)
    out = tmp_path / "r.json"
    result = run("scan", "-i", str(path), "-o", str(out), "--fail-on", "none")
    assert "... and 10 more high finding(s) in the report file" in result.output
    assert "60 findings (60 high)" in result.output
    assert len(json.loads(out.read_text())["findings"]) == 60
    full = run("scan", "-i", str(path), "--fail-on", "none")
    assert "more high finding" not in full.output
    assert "open-59" in full.output


def test_markup_like_names_and_errors_print_as_is_and_lose_no_report(tmp_path: Path) -> None:
    error = {"provider": "gcp", "account": "proj-1", "service": "s", "operation": "o", "code": "X",
             "message": "see [/Recommend]"}  # fmt: skip
    rule = {**SSH_OPEN, "name": "web [/] rule"}
    path = snapshot_file(tmp_path / "m.json", [rule], errors=[error])
    out = tmp_path / "r.sarif"
    result = run("scan", "-i", str(path), "-o", str(out))
    assert result.exit_code == 1
    assert "web [/] rule" in result.output and "see [/Recommend]" in result.output
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_reports_get_the_permissions_of_a_normal_write(open_ssh: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        run("scan", "-i", str(open_ssh), "-o", str(out), "--fail-on", "none")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_fail_on_none_exits_0_even_for_a_partial_scan(tmp_path: Path) -> None:
    error = {"provider": "gcp", "account": "proj-1", "service": "storage", "operation": "buckets.list",
             "code": "403", "message": "permission denied"}  # fmt: skip
    path = snapshot_file(tmp_path / "partial.json", [SSH_OPEN], errors=[error])
    assert run("scan", "--inventory", str(path), "--fail-on", "none").exit_code == 0
    assert run("scan", "--inventory", str(path), "--fail-on", "critical").exit_code == 3


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"waivers:\n  - {policy: x, resource: y, justification: z, expires: 2027-03-31T00:00:00}\n",
         "'expires' must be a date"),
        (b"waivers: [\xff]\n", "not a UTF-8 text file"),
    ],
)  # fmt: skip
def test_bad_waiver_files_are_input_errors(
    open_ssh: Path, tmp_path: Path, content: bytes, fragment: str
) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_bytes(content)
    assert_input_error(run("scan", "-i", str(open_ssh), "--waivers", str(waivers)), fragment)


def test_a_policy_test_case_for_another_provider_fails(tmp_path: Path) -> None:
    write(
        tmp_path / "p.yaml",
        """
        id: gcp.only
        title: T
        severity: low
        resource: bucket
        providers: [gcp]
        description: d
        remediation: r
        message: "{name}"
        condition: {field: public_read, op: eq, value: true}
        tests:
          pass:
            - resource: {public_read: false}
          fail:
            - resource: {provider: aws, public_read: true}
        """,
    )
    result = run("policy", "test", str(tmp_path))
    assert result.exit_code == 1
    assert "the case is for aws, but the policy applies only to gcp" in result.output


def test_quiet_still_names_each_source_error(tmp_path: Path) -> None:
    error = {"provider": "gcp", "account": "proj-1", "service": "storage", "operation": "buckets.list",
             "code": "403", "message": "permission denied"}  # fmt: skip
    path = snapshot_file(tmp_path / "partial.json", [SSH_CLOSED], errors=[error])
    lines = run("scan", "-i", str(path), "-q").output.strip().splitlines()
    assert lines[1] == f"error: snapshot {path} gcp / proj-1 / storage / buckets.list: 403: permission denied"


def test_gcp_scope_options_need_the_gcp_provider(open_ssh: Path) -> None:
    result = run("scan", "-i", str(open_ssh), "--project", "p1")
    assert result.exit_code == 2
    assert (
        "--project, --folder, --organization select Google Cloud projects: add --provider gcp"
        in result.output
    )


def test_the_same_policy_directory_twice_is_read_once(open_ssh: Path) -> None:
    assert run("scan", "-i", str(open_ssh), "-p", "builtin", "-p", "builtin").exit_code == 1


def test_an_internal_error_is_one_line_and_exit_4(open_ssh: Path) -> None:
    """A bug must not look like "findings" (exit 1) or dump a traceback on the user."""
    crash = (
        "import sys, scanner.cli.scan; from scanner.cli import main; "
        "sys.modules['scanner.cli.scan'].evaluate = lambda *a, **k: 1 / 0; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", crash, "scan", "-i", str(open_ssh)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 4
    assert result.stderr.strip().startswith("cloudscan: internal error: ZeroDivisionError")
    assert "Traceback" not in result.stderr
