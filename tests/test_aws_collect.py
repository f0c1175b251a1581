"""The AWS adapter end to end: boto3 and the real CLI against moto's server on 127.0.0.1.

The landing zone (tests/fakes/aws_landing_zone.py) is an Organization of three
accounts, each with the same violations and compliant twins; the built-in
cross-cloud policies must find exactly the violations, in every account.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.aws_landing_zone import Account, build
from tests.fakes.aws_server import RecordingMotoServer, aws_env, iam_error, moto_server
from tests.helpers import run
from tests.sarif_rules import category, check_sarif_file

REGION = "us-east-1"


@pytest.fixture(scope="module")
def zone() -> Iterator[tuple[RecordingMotoServer, list[Account]]]:
    with moto_server() as server:
        yield server, build(server.url)


def defaults(url: str, account: Account) -> set[tuple[str, str]]:
    """CIS AWS 5.1 and 5.4 on what AWS (and moto) create in every VPC: the default network ACL
    allows all traffic, and the default security group lets its members in and everything out."""
    ec2 = account.client(url, "ec2", REGION)
    arn = f"arn:aws:ec2:{REGION}:{account.id}"
    found = {("aws.nacl-admin-ports-open", f"{arn}:vpc/{v['VpcId']}") for v in ec2.describe_vpcs()["Vpcs"]}
    for group in ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["default"]}])[
        "SecurityGroups"
    ]:
        for direction, key in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
            for index in range(len(group[key])):
                rule = f"{arn}:security-group/{group['GroupId']}#{direction}-{index}"
                found.add(("aws.default-security-group-not-restricted", rule))
    return found


def expected(account: Account, url: str = "") -> set[tuple[str, str]]:
    """What the built-in policies must find in one account of the landing zone, and nothing else."""
    a = account.id
    found = defaults(url, account) if url else set()
    found |= {
        ("iam.root-without-mfa", f"arn:aws:iam::{a}:root"),  # moto's root user has no MFA device
        ("password-policy.min-length", f"arn:aws:iam::{a}:account-password-policy"),
        ("password-policy.reuse", f"arn:aws:iam::{a}:account-password-policy"),
    }
    for region, ids in account.units:
        ec2 = f"arn:aws:ec2:{region}:{a}"
        rds = f"arn:aws:rds:{region}:{a}:db"
        open_sg = f"{ec2}:security-group/{ids['open_sg']}"
        exposed = f"{rds}:exposed-{_unit(ids)}"
        found |= {
            ("firewall.ssh-open-to-internet", f"{open_sg}#ingress-0"),
            ("firewall.rdp-open-to-internet", f"{open_sg}#ingress-1"),
            ("instance.public-ip", f"{ec2}:instance/{ids['bastion']}"),
            ("aws.ec2-imdsv2-not-required", f"{ec2}:instance/{ids['bastion']}"),
            ("aws.rds-auto-minor-version-upgrade-disabled", exposed),
            ("database.public-endpoint", f"{rds}:hidden-public-{_unit(ids)}"),
            ("database.public-endpoint", exposed),
            ("database.in-public-subnet", exposed),
            ("database.encryption-disabled", exposed),
            ("database.backups-disabled", exposed),
            ("database.ssl-not-required", exposed),
            ("registry.repository-public", f"arn:aws:ecr:{region}:{a}:repository/{ids['public_repo']}"),
            # created with ECR's default, MUTABLE tags
            ("registry.repository-mutable-tags", f"arn:aws:ecr:{region}:{a}:repository/{ids['public_repo']}"),
        }
    for ids in account.wide:
        bucket = f"arn:aws:s3:::{ids['public_bucket']}"
        found |= {
            ("bucket.public-read", bucket),
            ("bucket.public-access-not-blocked", bucket),
            ("bucket.versioning-disabled", bucket),
            ("bucket.access-logging-disabled", bucket),
            ("iam.user-without-mfa", f"arn:aws:iam::{a}:user/{ids['alice']}"),
            (
                "iam.wildcard-admin-grant",
                f"arn:aws:iam::{a}:user/{ids['deployer']}#attached/{ids['admin_policy']}",
            ),
        }
    return found


def _unit(ids: dict[str, str]) -> str:
    return ids["public_repo"].rsplit("-", 1)[1]


def findings(stdout: str) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["resource"]["id"]) for f in json.loads(stdout)["findings"]}


def test_organization_yields_exactly_the_expected_findings_in_every_account(zone, tmp_path: Path) -> None:
    server, accounts = zone
    sarif = tmp_path / "aws.sarif"
    result = run(
        "scan",
        "--provider",
        "aws",
        "--organization",
        "--region",
        REGION,
        "-f",
        "json",
        "-o",
        str(sarif),
        env=aws_env(server.url),
    )
    assert result.exit_code == 1, result.output
    want = set().union(*(expected(a, server.url) for a in accounts))
    assert findings(result.stdout) == want
    assert json.loads(result.stdout)["errors"] == []
    assert check_sarif_file(sarif.read_bytes()) == []
    runs = json.loads(sarif.read_text())["runs"]
    assert sorted(category(r) for r in runs) == sorted(f"cloudscan/aws/{a.id}" for a in accounts)


def test_account_option_selects_one_member(zone) -> None:
    server, accounts = zone
    member = accounts[2]
    result = run(
        "scan", "--provider", "aws", "--organization", "--account", member.id, "--region", REGION,
        "-f", "json", env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert findings(result.stdout) == expected(member, server.url)


def test_account_without_organization_is_reached_through_the_member_role(zone) -> None:
    server, accounts = zone
    member = accounts[1]
    result = run(
        "scan", "--provider", "aws", "--account", member.id, "--member-role", "OrganizationAccountAccessRole",
        "--region", REGION, "-f", "json", env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert findings(result.stdout) == expected(member, server.url)


def test_an_account_outside_the_organization_is_a_recorded_error(zone) -> None:
    server, accounts = zone
    result = run(
        "scan", "--provider", "aws", "--organization", "--account", "999999999999",
        "--account", accounts[1].id, "--region", REGION, "-f", "json", env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert findings(result.stdout) == expected(accounts[1], server.url)
    assert [(e["account"], e["code"]) for e in report["errors"]] == [("999999999999", "AccountNotFound")]


def test_collected_records_carry_the_derived_facts(zone, tmp_path: Path) -> None:
    server, accounts = zone
    out = tmp_path / "inventory.json"
    result = run(
        "collect", "--provider", "aws", "--region", REGION, "-o", str(out), env=aws_env(server.url)
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in json.loads(out.read_text())["resources"]}
    a = accounts[0].id
    _, ids = accounts[0].units[0]
    ec2 = f"arn:aws:ec2:{REGION}:{a}"
    public, private = records[f"{ec2}:subnet/{ids['public-a']}"], records[f"{ec2}:subnet/{ids['private-a']}"]
    assert public["routes_to_internet"] is True
    assert private["routes_to_internet"] is False
    assert private["native"]["ipv6_egress_only"] is True
    assert public["flow_logs"] is True
    hidden = records[f"arn:aws:rds:{REGION}:{a}:db:hidden-public-0"]
    assert (
        hidden["public_endpoint"] is True and hidden["ssl_required"] is True and hidden["encrypted"] is True
    )
    assert set(hidden["relations"]["subnet"]) == {
        f"{ec2}:subnet/{ids['private-a']}",
        f"{ec2}:subnet/{ids['private-b']}",
    }
    assert all(records[s]["routes_to_internet"] is False for s in hidden["relations"]["subnet"])
    rdp = records[f"{ec2}:security-group/{ids['open_sg']}#ingress-1"]
    assert rdp["source_ranges"] == ["::/0"] and rdp["ports"] == [{"start": 3389, "end": 3389}]
    peer = next(
        r for r in records.values()
        if r["kind"] == "firewall_rule" and r.get("group") == f"{ec2}:security-group/{ids['internal_sg']}"
        and r["direction"] == "ingress" and r.get("source_groups")
    )  # fmt: skip
    assert peer["source_groups"] == [f"{ec2}:security-group/{ids['open_sg']}"]
    bastion = records[f"{ec2}:instance/{ids['bastion']}"]
    assert bastion["public_ips"] and bastion["security_groups"] == [f"{ec2}:security-group/{ids['open_sg']}"]
    assert bastion["native"]["imdsv2_required"] is False
    assert records[f"{ec2}:instance/{ids['app']}"]["native"]["imdsv2_required"] is True
    wide = accounts[0].wide[0]
    public_bucket = records[f"arn:aws:s3:::{wide['public_bucket']}"]
    # moto keeps no default encryption; real S3 applies SSE-S3 to every bucket (docs/aws.md)
    assert public_bucket["encryption"] == "provider"
    assert public_bucket["native"]["default_encryption_configured"] is False
    private_bucket = records[f"arn:aws:s3:::{wide['private_bucket']}"]
    assert private_bucket["encryption"] == "customer_key" and private_bucket["public_access_blocked"] is True
    private_repo = records[f"arn:aws:ecr:{REGION}:{a}:repository/{ids['private_repo']}"]
    assert private_repo["tag_immutability"] is True and private_repo["scan_on_push"] is True
    assert private_repo["public"] is False
    bob = records[f"arn:aws:iam::{a}:user/{wide['bob']}"]
    assert bob["mfa"] is True and bob["console_access"] is True and bob["admin"] is False
    deployer = records[f"arn:aws:iam::{a}:user/{wide['deployer']}"]
    assert deployer["admin"] is True and deployer["console_access"] is False


def test_a_member_that_cannot_be_assumed_is_a_recorded_error(zone) -> None:
    server, accounts = zone
    denied = "User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: sts:AssumeRole"
    server.recorder.faults[("sts", "AssumeRole")] = [iam_error("AccessDenied", denied)]
    try:
        result = run(
            "scan", "--provider", "aws", "--organization", "--max-workers", "1", "--region", REGION,
            "-f", "json", env=aws_env(server.url),
        )  # fmt: skip
    finally:
        server.recorder.faults.clear()
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    [error] = report["errors"]
    assert (error["service"], error["operation"], error["code"]) == ("sts", "AssumeRole", "AccessDenied")
    refused = error["account"]
    assert refused in {a.id for a in accounts[1:]}
    scanned = [a for a in accounts if a.id != refused]
    assert findings(result.stdout) == set().union(*(expected(a, server.url) for a in scanned))
