"""Authoring aids (issue #14, item 6): policy list with header/providers/frameworks and JSON,
the generated field reference (docs/fields.md) and ``cloudscan schema fields KIND``."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.inventory.model import KINDS
from tests.helpers import run, snapshot_file

ROOT = Path(__file__).resolve().parent.parent
FIELDS_DOC = ROOT / "docs" / "fields.md"


def test_policy_list_has_a_header_providers_and_frameworks() -> None:
    result = run("policy", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SEVERITY", "KIND", "POLICY", "PROVIDERS", "FRAMEWORKS"]
    ssh = next(line for line in lines if " firewall.ssh-open-to-internet " in line)
    assert ssh.split()[:4] == ["high", "firewall_rule", "firewall.ssh-open-to-internet", "all"]
    assert "cis-gcp-3.0 3.6" in ssh
    mfa = next(line for line in lines if " iam.root-without-mfa " in line)
    assert mfa.split()[3] == "alibaba,aws"


def test_policy_list_json_is_machine_readable() -> None:
    rows = json.loads(run("policy", "list", "--format", "json").stdout)
    by_id = {row["id"]: row for row in rows}
    assert by_id["firewall.ssh-open-to-internet"]["frameworks"]["cis-gcp-3.0"] == ["3.6"]
    assert by_id["firewall.ssh-open-to-internet"]["providers"] == "all"
    assert by_id["iam.root-without-mfa"]["providers"] == ["alibaba", "aws"]
    assert {
        "id",
        "title",
        "severity",
        "kind",
        "providers",
        "frameworks",
        "tags",
        "help_uri",
        "source",
    } <= set(rows[0])


def test_docs_fields_md_is_current() -> None:
    fresh = run("schema", "fields").stdout
    if FIELDS_DOC.read_text(encoding="utf-8") != fresh:
        FIELDS_DOC.write_text(fresh, encoding="utf-8")
        raise AssertionError("docs/fields.md was stale and has been regenerated: commit it")


def test_every_kind_and_field_is_documented_with_type_and_meaning() -> None:
    text = FIELDS_DOC.read_text(encoding="utf-8")
    for kind, cls in KINDS.items():
        assert f"\n## {kind}\n" in text
        section = text.split(f"\n## {kind}\n", 1)[1].split("\n## ", 1)[0]
        for field in cls.__struct_fields__:
            row = next(line for line in section.splitlines() if line.startswith(f"| `{field}` |"))
            cells = [cell.strip() for cell in row.strip().strip("|").split(" | ")]
            assert len(cells) >= 3 and cells[1] and cells[2], row


def test_schema_fields_for_one_kind_and_a_misspelt_kind() -> None:
    result = run("schema", "fields", "bucket")
    assert result.exit_code == 0
    assert "| `versioning` | true/false |" in result.stdout
    assert "| `encryption` | one of none, provider, customer_key |" in result.stdout
    bad = run("schema", "fields", "bukcet")
    assert bad.exit_code == 2
    assert "unknown kind 'bukcet' (did you mean 'bucket'?)" in bad.stderr


HELP_URIS = {
    "bucket.uniform-access-disabled": "https://cloud.google.com/storage/docs/gsutil/commands/ubla",
    "database.mysql-local-infile-on": "https://cloud.google.com/sql/docs/mysql/flags",
    "database.postgres-pgaudit-off": "https://cloud.google.com/sql/docs/postgres/flags",
}


def test_sarif_rules_carry_the_verified_help_uri(tmp_path: Path) -> None:
    snap = snapshot_file(
        tmp_path / "s.json", [{"kind": "bucket", "id": "b1", "name": "b1", "uniform_access": False}]
    )
    sarif = json.loads(run("scan", "-i", str(snap), "-f", "sarif", "--fail-on", "none").stdout)
    rules = {r["id"]: r for run_ in sarif["runs"] for r in run_["tool"]["driver"]["rules"]}
    assert rules["bucket.uniform-access-disabled"]["helpUri"] == HELP_URIS["bucket.uniform-access-disabled"]
    listed = {
        row["id"]: row["help_uri"] for row in json.loads(run("policy", "list", "--format", "json").stdout)
    }
    for policy_id, uri in HELP_URIS.items():
        assert listed[policy_id] == uri
