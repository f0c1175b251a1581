"""Waivers (issue #14, item 3): every selector, and what each waiver did, through the CLI on the example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, write

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "landing-zone" / "inventory.json")


def scan(tmp_path: Path, waivers: str, *extra: str):
    path = write(tmp_path / "waivers.yaml", waivers)
    out = tmp_path / "r.json"
    result = run("scan", "-i", EXAMPLE, "--waivers", str(path), "-o", str(out), "--fail-on", "none", *extra)
    report = json.loads(out.read_text()) if out.exists() else None
    return path, result, report


def waived(report: dict) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["resource"]["id"]) for f in report["findings"] if f.get("suppressed")}


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        (
            "policy: bucket.public-read\n    provider: gcp",
            {("bucket.public-read", "https://www.googleapis.com/storage/v1/b/acme-prod-public-assets")},
        ),
        (
            'policy: "bucket.*"\n    tags: {owner: marketing}\n    account: "5183*"',
            {
                ("bucket.public-read", "acs:oss:*:5183726401958273:acme-marketing-downloads"),
                ("bucket.encryption-disabled", "acs:oss:*:5183726401958273:acme-marketing-downloads"),
                ("bucket.public-access-not-blocked", "acs:oss:*:5183726401958273:acme-marketing-downloads"),
                ("bucket.versioning-disabled", "acs:oss:*:5183726401958273:acme-marketing-downloads"),
            },
        ),
        (
            "policy: network.subnet-flow-logs-disabled\n    region: europe-*",
            {
                (
                    "network.subnet-flow-logs-disabled",
                    "https://www.googleapis.com/compute/v1/projects/acme-prod-network/regions/europe-west1/subnetworks/my-vpc",
                )
            },
        ),
        (
            'provider: aws\n    region: us-east-1\n    resource: "arn:aws:rds:*"',
            {
                ("database.public-endpoint", "arn:aws:rds:us-east-1:123456789012:db:legacy-reports"),
                ("database.in-public-subnet", "arn:aws:rds:us-east-1:123456789012:db:legacy-reports"),
            },
        ),
    ],
)
def test_each_selector_matches_and_all_given_must_match(
    tmp_path: Path, selectors: str, expected: set
) -> None:
    _, result, report = scan(tmp_path, f"waivers:\n  - {selectors}\n    justification: accepted\n")
    assert result.exit_code == 0, result.output
    assert waived(report) == expected
    assert "warning" not in result.stderr


def test_applied_waivers_report_their_count_in_the_table(tmp_path: Path) -> None:
    _, result, _ = scan(
        tmp_path, "waivers:\n  - {policy: instance.public-ip, provider: alibaba, justification: NAT hosts}\n"
    )
    assert "applied to 2 finding(s)" in result.stdout
    assert "policy=instance.public-ip provider=alibaba" in result.stdout


def test_an_expired_waiver_warns_and_can_gate(tmp_path: Path) -> None:
    text = (
        "waivers:\n"
        "  - policy: firewall.ssh-open-to-internet\n"
        "    justification: vendor access\n"
        "    expires: 2020-01-01\n"
    )
    path, result, report = scan(tmp_path, text)
    assert result.exit_code == 0
    assert waived(report) == set()
    assert (
        f"cloudscan: warning: {path}:2: waiver (policy=firewall.ssh-open-to-internet) expired on 2020-01-01: "
        "1 finding(s) it matches are active again"
    ) in result.stderr
    gated = run(
        "scan", "-i", EXAMPLE, "--waivers", str(path), "--fail-on", "none", "--fail-on-expired-waivers"
    )
    assert gated.exit_code == 1
    markdown = tmp_path / "r.md"
    run("scan", "-i", EXAMPLE, "--waivers", str(path), "-o", str(markdown), "--fail-on", "none")
    text = markdown.read_text()
    assert "### Waivers (1, 1 expired)" in text
    assert "**expired** 2020-01-01: 1 finding(s) active again" in text


def test_a_waiver_that_matches_nothing_is_reported_stale(tmp_path: Path) -> None:
    path, result, _ = scan(
        tmp_path,
        "waivers:\n  - {policy: bucket.public-read, resource: 'arn:aws:s3:::gone', justification: old}\n",
    )
    assert result.exit_code == 0
    assert (
        f"cloudscan: warning: {path}:2: waiver (policy=bucket.public-read "
        "resource=arn:aws:s3:::gone) matched no finding" in result.stderr
    )
    assert "matched nothing (stale)" in result.stdout


def test_an_unknown_policy_id_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    path, result, _ = scan(
        tmp_path,
        "waivers:\n  - {policy: ok.*, justification: x}\n  - {policy: bucket.publc-read, justification: x}\n",
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"cloudscan: error: {path}:2: policy 'ok.*' matches no policy"
    ]
    path, result, _ = scan(tmp_path, "waivers:\n  - {policy: bucket.publc-read, justification: x}\n")
    assert result.exit_code == 2
    assert (
        f"{path}:2: unknown policy 'bucket.publc-read' (did you mean 'bucket.public-read'?)" in result.stderr
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{justification: x}", "a waiver must say what it waives"),
        (
            "{policy: bucket.public-read, justification: x, resorce: y}",
            "unknown key(s): 'resorce' (did you mean 'resource'?)",
        ),
        ("{provider: gpc, justification: x}", "unknown provider 'gpc' (did you mean 'gcp'?)"),
        ("{tags: [a], justification: x}", "'tags' must be a mapping"),
    ],
)
def test_malformed_waivers_are_one_line_errors(tmp_path: Path, entry: str, message: str) -> None:
    _, result, _ = scan(tmp_path, f"waivers:\n  - {entry}\n")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert message in line


def test_waived_findings_show_dimmed_with_their_reason_unless_hidden(tmp_path: Path) -> None:
    text = "waivers:\n  - {policy: firewall.ssh-open-to-internet, justification: Bastion behind IAP}\n"
    _, result, _ = scan(tmp_path, text)
    assert "HIGH (10 + 1 waived)" in result.stdout
    assert "WAIVED: Bastion behind IAP" in result.stdout
    _, hidden, _ = scan(tmp_path, text, "--hide-waived")
    assert "HIGH (10)" in hidden.stdout
    assert "Bastion behind IAP" not in hidden.stdout.split("Waivers")[0]
