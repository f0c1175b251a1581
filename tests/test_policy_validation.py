"""Policy validation (issue #14, item 5): each mistake that used to load and silently never match.

Every case is a copy of a built-in policy with one mistake, checked through
``cloudscan policy validate``: the message, its line, and exit code 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "landing-zone" / "inventory.json")
VERSIONING = (ROOT / "policies" / "bucket" / "versioning-disabled.yaml").read_text(encoding="utf-8")
CONDITION = "{field: versioning, op: eq, value: false}"
CONDITION_LINE = 1 + VERSIONING.splitlines().index("  " + CONDITION)


def line_of(text: str, fragment: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if fragment in line)


MISTAKES = [
    (
        "string against a boolean",
        lambda t: t.replace(CONDITION, '{field: versioning, op: eq, value: "false"}'),
        'value: "false"',
        "condition.value: 'versioning' holds true or false, so the text 'false' can never match "
        "(write false without quotes)",
    ),
    (
        "number against a boolean",
        lambda t: t.replace(CONDITION, "{field: versioning, op: in, value: [true, 0]}"),
        "value: [true, 0]",
        "'versioning' holds true or false, so the number 0 can never match",
    ),
    (
        "boolean against text",
        lambda t: t.replace(CONDITION, "{field: name, op: eq, value: true}"),
        "field: name",
        "'name' holds text, so the boolean true can never match (quote it: \"true\")",
    ),
    (
        "text against a number",
        lambda t: t.replace(CONDITION, '{field: retention_days, op: lt, value: "90"}'),
        "retention_days",
        None,  # the field may not exist on bucket: checked separately below
    ),
    (
        "unknown top-level key",
        lambda t: t.replace("remediation:", "remedation:"),
        "remedation:",
        "remedation: unknown key(s): 'remedation' (did you mean 'remediation'?)",
    ),
    (
        "unknown operator",
        lambda t: t.replace(CONDITION, "{field: versioning, op: equals, value: false}"),
        "op: equals",
        "condition.op: 'equals' is not one of eq, ne,",
    ),
    (
        "misspelt operator",
        lambda t: t.replace(CONDITION, "{field: versioning, op: not_inn, value: [false]}"),
        "not_inn",
        "(did you mean 'not_in'?)",
    ),
    (
        "unknown framework",
        lambda t: t.replace("tags:", 'frameworks: {cis-gcp-9.9: ["5.1"]}\ntags:'),
        "cis-gcp-9.9",
        "frameworks.cis-gcp-9.9: unknown framework 'cis-gcp-9.9' (did you mean 'cis-gcp-3.0'?)",
    ),
    (
        "unknown section",
        lambda t: t.replace("tags:", 'frameworks:\n  cis-gcp-3.0: ["5.1", "5.77"]\ntags:'),
        "cis-gcp-3.0:",
        "frameworks.cis-gcp-3.0[1]: cis-gcp-3.0 has no section '5.77'",
    ),
]


@pytest.mark.parametrize(
    ("name", "edit", "at", "message"),
    [m for m in MISTAKES if m[3]],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_each_mistake_is_reported_with_its_line(
    tmp_path: Path, name: str, edit, at: str, message: str
) -> None:
    text = edit(VERSIONING)
    assert text != VERSIONING, name
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("policy", "validate", str(path))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"cloudscan: error: {path}:{line_of(text, at)}: "), line
    assert message in line


def test_a_string_against_a_boolean_no_longer_validates_then_finds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        VERSIONING.replace(CONDITION, '{field: versioning, op: eq, value: "false"}'), encoding="utf-8"
    )
    result = run("scan", "-i", EXAMPLE, "--policies", str(path))
    assert result.exit_code == 2
    assert f"{path}:{CONDITION_LINE}:" in result.stderr


def test_numbers_and_lists_are_checked_too(tmp_path: Path) -> None:
    ssh = (ROOT / "policies" / "firewall" / "ssh-open-to-internet.yaml").read_text(encoding="utf-8")
    assert "{field: protocol, op: in, value: [tcp, all]}" in ssh
    bad = ssh.replace(
        "{field: protocol, op: in, value: [tcp, all]}", "{field: priority, op: eq, value: high}"
    )
    path = tmp_path / "p.yaml"
    path.write_text(bad, encoding="utf-8")
    result = run("policy", "validate", str(path))
    assert result.exit_code == 2
    assert "'priority' holds a number, so the text 'high' can never match" in result.stderr
    bad = ssh.replace(
        "{field: protocol, op: in, value: [tcp, all]}", "{field: source_ranges, op: contains, value: 0}"
    )
    path.write_text(bad, encoding="utf-8")
    result = run("policy", "validate", str(path))
    assert "'source_ranges' holds text, so the number 0 can never match" in result.stderr


def test_validate_reports_every_bad_file_then_exits_2(tmp_path: Path) -> None:
    for index, (_name, edit, _at, _message) in enumerate(MISTAKES):
        (tmp_path / f"bad-{index}.yaml").write_text(
            edit(VERSIONING).replace("bucket.versioning-disabled", f"x.bad-{index}"), encoding="utf-8"
        )
    (tmp_path / "good.yaml").write_text(VERSIONING, encoding="utf-8")
    result = run("policy", "validate", str(tmp_path))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("cloudscan: error: ")]
    assert len(errors) == len(MISTAKES)
    assert {re.search(r"(bad-\d+\.yaml):", line).group(1) for line in errors} == {
        f"bad-{i}.yaml" for i in range(len(MISTAKES))
    }
    assert f"cloudscan: {len(MISTAKES)} policy files with errors, 1 valid" in result.stderr


def test_a_team_declares_its_own_framework_beside_its_policies(tmp_path: Path) -> None:
    text = VERSIONING.replace("tags:", 'frameworks: {acme-baseline-1: ["S3"]}\ntags:')
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    result = run("policy", "validate", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown framework 'acme-baseline-1'" in result.stderr
    (tmp_path / "frameworks.yaml").write_text("acme-baseline-1: {title: ACME baseline}\n", encoding="utf-8")
    result = run("policy", "validate", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 policies valid\n"
