"""``help_uri``: one link for every provider, or one per provider, and the SARIF rule of each run
carries the link of its own provider (issue #14, item 6)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import Result

from scanner.findings import Rule, Severity
from scanner.policy import load_policies
from scanner.reporters.sarif_rules import for_providers, rule_descriptor
from tests.helpers import run, snapshot_file, write
from tests.sarif_rules import check_sarif_file

ROOT = Path(__file__).resolve().parent.parent
GCP_PAGE = "https://cloud.google.com/storage/docs/object-versioning"
AWS_PAGE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"

PER_PROVIDER = f"""\
id: test.versioning-off
title: Bucket versioning is off
severity: low
resource: bucket
providers: [gcp, aws]
description: Overwritten or deleted objects cannot be recovered.
remediation: Turn on object versioning.
help_uri:
  gcp: {GCP_PAGE}
  aws: {AWS_PAGE}
condition: {{field: versioning, op: eq, value: false}}
message: "Versioning is off on {{name}}."
"""


def _buckets(tmp_path: Path) -> Path:
    return snapshot_file(
        tmp_path / "s.json",
        [
            {"kind": "bucket", "id": "gs-1", "name": "gs-1", "versioning": False},
            {"provider": "aws", "account": "111122223333", "kind": "bucket", "id": "arn:aws:s3:::b1",
             "name": "b1", "versioning": False},
        ],
    )  # fmt: skip


def _scan(tmp_path: Path, policies: Path, fmt: str) -> Result:
    return run("scan", "-i", str(_buckets(tmp_path)), "-p", str(policies), "-f", fmt, "--fail-on", "none")


def _rule_links(sarif: dict) -> dict[str, str | None]:
    return {
        run_["automationDetails"]["id"]: next(
            r.get("helpUri") for r in run_["tool"]["driver"]["rules"] if r["id"] == "test.versioning-off"
        )
        for run_ in sarif["runs"]
    }


def test_each_run_cites_its_own_providers_page(tmp_path: Path) -> None:
    policies = write(tmp_path / "p" / "versioning.yaml", PER_PROVIDER).parent
    result = _scan(tmp_path, policies, "sarif")
    assert result.exit_code == 0, result.stderr
    assert check_sarif_file(result.stdout.encode()) == []
    sarif = json.loads(result.stdout)
    assert _rule_links(sarif) == {"cloudscan/aws/111122223333/": AWS_PAGE, "cloudscan/gcp/proj-1/": GCP_PAGE}


def test_a_run_that_mixes_providers_lists_every_link_in_help(tmp_path: Path) -> None:
    """A run with both providers' results (Terraform, grouped accounts) cites both pages in help;
    helpUri is the first provider's by name. The JSON report keeps the whole mapping."""
    policies = write(tmp_path / "p" / "versioning.yaml", PER_PROVIDER).parent
    result = _scan(tmp_path, policies, "json")
    rules = json.loads(result.stdout)["rules"]
    assert rules["test.versioning-off"]["help_uris"] == {"gcp": GCP_PAGE, "aws": AWS_PAGE}
    rule = Rule(id="r", title="t", severity=Severity.LOW, kind="bucket", description="d", remediation="r",
                help_uris={"gcp": GCP_PAGE, "aws": AWS_PAGE})  # fmt: skip
    descriptor = rule_descriptor(for_providers(rule, ["gcp", "aws"]))
    assert descriptor["helpUri"] == AWS_PAGE
    assert f"- aws: <{AWS_PAGE}>" in descriptor["help"]["markdown"]
    assert f"- gcp: <{GCP_PAGE}>" in descriptor["help"]["markdown"]
    only_gcp = rule_descriptor(for_providers(rule, ["gcp"]))
    assert only_gcp["helpUri"] == GCP_PAGE and "Learn more" not in only_gcp["help"]["markdown"]
    assert "helpUri" not in rule_descriptor(for_providers(rule, ["alibaba"]))


def test_a_plain_string_is_every_providers_link(tmp_path: Path) -> None:
    text = PER_PROVIDER.replace(f"\n  gcp: {GCP_PAGE}\n  aws: {AWS_PAGE}", f" {GCP_PAGE}")
    policies = write(tmp_path / "p" / "versioning.yaml", text).parent
    result = _scan(tmp_path, policies, "sarif")
    assert set(_rule_links(json.loads(result.stdout)).values()) == {GCP_PAGE}


def test_policy_list_json_shows_the_mapping(tmp_path: Path) -> None:
    policies = write(tmp_path / "p" / "versioning.yaml", PER_PROVIDER).parent
    rows = json.loads(run("policy", "list", str(policies), "--format", "json").stdout)
    assert rows[0]["help_uri"] == {"aws": AWS_PAGE, "gcp": GCP_PAGE}


def test_bad_help_uris_are_load_errors_at_their_line(tmp_path: Path) -> None:
    cases = {
        "stray": (PER_PROVIDER.replace("  aws: https", "  alibaba: https"),
                  "p.yaml:10: help_uri.alibaba: help_uri names alibaba, which the policy's providers "
                  "(gcp, aws) leave out"),
        "azure": (PER_PROVIDER.replace("  aws: https", "  azure: https"),
                  "p.yaml:9: help_uri: help_uri is one https:// link, or a mapping from provider"),
        "http": (PER_PROVIDER.replace("  aws: https", "  aws: http"),
                 "p.yaml:9: help_uri: help_uri is one https:// link, or a mapping from provider"),
    }  # fmt: skip
    for name, (text, expected) in cases.items():
        path = write(tmp_path / name / "p.yaml", text)
        result = run("policy", "validate", str(path.parent))
        assert result.exit_code == 2, name
        assert expected in result.stderr, (name, result.stderr)


def test_every_built_in_link_is_a_recorded_confirmed_page() -> None:
    """Each built-in ``help_uri`` is listed, with its provider, in policies/cis-sources.md."""
    sources = (ROOT / "policies" / "cis-sources.md").read_text(encoding="utf-8")
    recorded = {
        (cells[1], cells[0])
        for line in sources.split("## `help_uri` links", 1)[1].splitlines()
        if line.startswith("| https://") and (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    links = 0
    unlinked = []
    for policy in load_policies([ROOT / "policies"]):
        pairs = {(p, uri) for p, uri in policy.help_uris.items()}
        if policy.help_uri:
            pairs |= {(p, policy.help_uri) for p in policy.providers or ()}
        assert pairs <= recorded, (policy.id, pairs - recorded)
        links += len(pairs)
        if not (policy.help_uri or policy.help_uris):
            unlinked.append(policy.id)
    assert unlinked == [], "every built-in policy carries a confirmed link"
    assert links >= 235


def test_every_built_in_rule_in_the_example_sarif_has_a_help_uri() -> None:
    """What GitHub shows: each rule of the example's SARIF runs has a "learn more" link."""
    sarif = json.loads((ROOT / "reports" / "landing-zone.sarif").read_text(encoding="utf-8"))
    rules = [r for run_ in sarif["runs"] for r in run_["tool"]["driver"]["rules"]]
    assert rules
    assert [r["id"] for r in rules if not r.get("helpUri", "").startswith("https://")] == []
