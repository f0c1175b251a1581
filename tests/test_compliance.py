"""Compliance view (issue #14, item 2): scan --compliance and policy coverage, on the bundled example.

The expectations were worked out by hand from the example's findings (``scan -f json``)
and the sections each built-in policy cites (README policy table):

* CIS GCP 3.0 fails where a Google Cloud resource has an active finding of a mapped policy:
  3.6 (allow-ssh), 3.8 (the three ``my-vpc`` subnets), 4.9 (web-1), 5.1 (acme-prod-public-assets).
  The Alibaba RDP rule and the AWS/Alibaba users without MFA do not count against a GCP benchmark.
* CIS Alibaba 2.0 fails on 1.4 (ops-alice), 1.7-1.10 (password complexity), 1.11 (length),
  1.12 (reuse), 4.4 (RDP rule), 5.1 and 5.8 (acme-marketing-downloads).
* CIS AWS 3.0 fails on 1.10 (dana), 1.16 (deploy-bot) and 2.3.3 (legacy-reports).
* Sections no policy maps: GCP 84 - 72 = 12 (11 manual, 8.1 automated); Alibaba 85 - 67 = 18 (all manual);
  AWS 62 - 17 = 45 (8 manual).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "landing-zone" / "inventory.json")
GCP = "https://www.googleapis.com/"

GCP_FAILS = {
    "3.6": {
        (
            "firewall.ssh-open-to-internet",
            GCP + "compute/v1/projects/acme-prod-network/global/firewalls/allow-ssh",
        )
    },
    "3.8": {
        (
            "network.subnet-flow-logs-disabled",
            GCP + f"compute/v1/projects/acme-prod-network/regions/{r}/subnetworks/my-vpc",
        )
        for r in ("us-central1", "europe-west1", "asia-east1")
    },
    "4.9": {
        (
            "instance.public-ip",
            GCP + "compute/v1/projects/acme-prod-network/zones/us-central1-a/instances/web-1",
        )
    },
    "5.1": {("bucket.public-read", GCP + "storage/v1/b/acme-prod-public-assets")},
}
ALIBABA_FAILS = {"1.4", "1.7", "1.8", "1.9", "1.10", "1.11", "1.12", "4.4", "5.1", "5.8"}
AWS_MANUAL = {"1.1", "1.2", "1.3", "1.18", "1.21", "1.22", "2.1.3", "5.5"}
GCP_MANUAL = {"1.1", "1.3", "1.13", "1.17", "2.14", "3.9", "3.10", "4.10", "4.12", "6.1.1", "7.4"}


def compliance(*frameworks: str, out: Path) -> dict:
    args = ["scan", "-i", EXAMPLE, "--fail-on", "none", "-o", str(out)]
    for framework in frameworks:
        args += ["--compliance", framework]
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def by_id(report: dict) -> dict[str, dict]:
    return {s["id"]: s for s in report["sections"]}


def test_gcp_sections_against_the_hand_checked_expectation(tmp_path: Path) -> None:
    compliance("cis-gcp-3.0", out=tmp_path / "r.json")
    [report] = json.loads((tmp_path / "r.json").read_text())["compliance"]
    sections = by_id(report)
    assert len(sections) == 84
    fails = {i: {tuple(pair) for pair in s["failing"]} for i, s in sections.items() if s["status"] == "fail"}
    assert fails == GCP_FAILS
    assert {i for i, s in sections.items() if s["status"] == "manual"} == GCP_MANUAL
    assert {i for i, s in sections.items() if s["status"] == "not_covered"} == set()
    assert sections["8.1"]["status"] == "not_evaluated"  # the example has no Dataproc cluster
    assert sections["3.7"]["status"] == "pass"  # the open RDP rule is Alibaba's
    assert sections["1.2"]["status"] == "pass"  # users without MFA are Alibaba's and AWS's
    assert sections["3.3"] == {
        "id": "3.3",
        "title": "Ensure That DNSSEC Is Enabled for Cloud DNS",
        "assessment": "automated",
        "status": "not_evaluated",
        "policies": ["dns-zone.dnssec-disabled"],
        "reason": "no gcp resource of its kind was seen",
    }
    assert report["counts"] == {"pass": 42, "fail": 4, "not_evaluated": 27, "manual": 11, "not_covered": 0}


def test_alibaba_sections_against_the_hand_checked_expectation(tmp_path: Path) -> None:
    compliance("cis-alibaba-2.0", out=tmp_path / "r.json")
    [report] = json.loads((tmp_path / "r.json").read_text())["compliance"]
    sections = by_id(report)
    assert len(sections) == 85
    assert {i for i, s in sections.items() if s["status"] == "fail"} == ALIBABA_FAILS
    assert sections["4.4"]["failing"] == [["firewall.rdp-open-to-internet", "sgr-bp1e6g8j1m3p5r7t9v2x"]]
    unmapped = [s for s in sections.values() if not s.get("policies")]
    assert len(unmapped) == 18
    assert report["counts"]["fail"] == 10


def test_a_waived_finding_no_longer_fails_its_section(tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - {policy: instance.public-ip, provider: gcp, justification: web tier}\n")
    out = tmp_path / "r.json"
    run(
        "scan",
        "-i",
        EXAMPLE,
        "--fail-on",
        "none",
        "--compliance",
        "cis-gcp-3.0",
        "--waivers",
        str(waivers),
        "-o",
        str(out),
    )
    assert by_id(json.loads(out.read_text())["compliance"][0])["4.9"]["status"] == "pass"


def test_a_policy_left_out_by_check_makes_its_section_not_evaluated(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    run(
        "scan",
        "-i",
        EXAMPLE,
        "--fail-on",
        "none",
        "--compliance",
        "cis-gcp-3.0",
        "--check",
        "bucket.*",
        "-o",
        str(out),
    )
    sections = by_id(json.loads(out.read_text())["compliance"][0])
    assert sections["3.6"]["status"] == "not_evaluated"
    assert sections["3.6"]["reason"] == "not run: firewall.ssh-open-to-internet"
    assert sections["5.1"]["status"] == "fail"


def test_table_markdown_and_sarif_carry_the_view(tmp_path: Path) -> None:
    sarif, markdown = tmp_path / "r.sarif", tmp_path / "r.md"
    result = run(
        "scan", "-i", EXAMPLE, "--fail-on", "none", "--compliance", "cis-gcp-3.0,cis-alibaba-2.0",
        "-o", str(sarif), "-o", str(markdown), "-f", "table",
    )  # fmt: skip
    assert "Compliance: CIS Google Cloud Platform Foundation Benchmark 3.0.0" in result.stdout
    assert "84 sections: 42 pass, 4 fail, 27 not evaluated, 11 manual" in result.stdout
    assert "FAIL firewall.ssh-open-to-internet:" in result.stdout
    text = markdown.read_text()
    assert "### Compliance: CIS Google Cloud Platform Foundation Benchmark 3\\.0\\.0" in text
    assert "### Compliance: CIS Alibaba Cloud Foundation Benchmark 2\\.0\\.0" in text
    for run_ in json.loads(sarif.read_text())["runs"]:
        views = run_["properties"]["compliance"]
        assert [v["framework"] for v in views] == ["cis-gcp-3.0", "cis-alibaba-2.0"]


def test_unknown_or_unlisted_frameworks_are_input_errors() -> None:
    result = run("scan", "-i", EXAMPLE, "--compliance", "cis-gcp-3")
    assert result.exit_code == 2
    assert "--compliance: unknown framework 'cis-gcp-3' (did you mean 'cis-gcp-3.0'?)" in result.stderr


def test_aws_sections_against_the_hand_checked_expectation(tmp_path: Path) -> None:
    """CIS AWS 3.0 (62 sections, prowler's ``cis_3.0_aws.json``): the example's AWS findings of
    mapped policies fail 1.10 (dana), 1.16 (deploy-bot's full-admin grant) and 2.3.3 (legacy-reports);
    its other AWS findings (database port, public subnet, versioning, public IP) map to no AWS section."""
    compliance("cis-aws-3.0", out=tmp_path / "r.json")
    [report] = json.loads((tmp_path / "r.json").read_text())["compliance"]
    sections = by_id(report)
    assert len(sections) == 62
    fails = {i: s["failing"] for i, s in sections.items() if s["status"] == "fail"}
    assert fails == {
        "1.10": [["iam.user-without-mfa", "arn:aws:iam::123456789012:user/dana"]],
        "1.16": [
            [
                "iam.wildcard-admin-grant",
                "arn:aws:iam::123456789012:root/bindings/legacy-full-admin/user/deploy-bot",
            ]
        ],
        "2.3.3": [["database.public-endpoint", "arn:aws:rds:us-east-1:123456789012:db:legacy-reports"]],
    }
    assert {i for i, s in sections.items() if s["status"] == "manual"} == AWS_MANUAL
    assert report["counts"] == {"pass": 14, "fail": 3, "not_evaluated": 0, "manual": 8, "not_covered": 37}
    assert sections["5.6"]["title"] == "Ensure that EC2 Metadata Service only allows IMDSv2"


def test_policy_coverage_counts_the_sections_the_pack_maps() -> None:
    result = run("policy", "coverage", "cis-gcp-3.0")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "CIS Google Cloud Platform Foundation Benchmark 3.0.0: 73 of 84 sections covered by a policy "
        "(72 of 72 automated); 11 manual, 0 not covered"
    )
    assert "3.6     covered      Ensure That SSH Access Is Restricted From the Internet" in result.stdout
    data = json.loads(run("policy", "coverage", "cis-alibaba-2.0", "--format", "json").stdout)
    assert sum(1 for s in data["sections"] if s["status"] == "covered") == 67
    assert len(data["sections"]) == 85
    aws = run("policy", "coverage", "cis-aws-3.0")
    assert aws.exit_code == 0
    assert aws.stdout.splitlines()[-1] == (
        "CIS Amazon Web Services Foundations Benchmark 3.0.0: 17 of 62 sections covered by a policy "
        "(17 of 54 automated); 8 manual, 37 not covered"
    )
