"""Bad input and partial failures on AWS: one clear line and the right exit code; what could be
collected is still reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from scanner.providers.aws.errors import classify, setup_problem
from tests.fakes.aws_landing_zone import Account, account_wide
from tests.fakes.aws_server import (
    RecordingMotoServer,
    aws_env,
    iam_error,
    json_error,
    moto_server,
    query_error,
    s3_error,
)
from tests.helpers import run

NO_KEYS = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None}


@pytest.fixture(scope="module")
def server() -> Iterator[RecordingMotoServer]:
    """One account without an Organization: buckets, users and a weak password policy."""
    with moto_server() as moto:
        account_wide(moto.url, Account("123456789012"))
        yield moto


def one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert lines[0].startswith("cloudscan: error: "), output
    assert "Traceback" not in output
    return lines[0]


def test_unknown_profile_is_one_line_and_exit_2(server) -> None:
    result = run("scan", "--provider", "aws", "--profile", "nope", env=aws_env(server.url))
    assert result.exit_code == 2
    assert "AWS profile 'nope' is not in the AWS config" in one_error_line(result.output)


def test_missing_credentials_are_one_line_and_exit_2(server) -> None:
    result = run("scan", "--provider", "aws", env=aws_env(server.url, **NO_KEYS))
    assert result.exit_code == 2
    assert "no AWS credentials found" in one_error_line(result.output)


def test_an_unreachable_endpoint_is_one_line_and_exit_2() -> None:
    result = run("scan", "--provider", "aws", env=aws_env("http://127.0.0.1:9"))
    assert result.exit_code == 2
    assert "cannot reach AWS STS" in one_error_line(result.output)


@pytest.mark.parametrize(
    ("code", "words"),
    [("ExpiredToken", "may have expired"), ("InvalidClientTokenId", "rejected the credentials")],
)
def test_expired_or_rejected_credentials_are_named(code: str, words: str) -> None:
    # moto accepts any key, so the answer AWS gives is built from botocore's own error shape
    error = ClientError(
        {"Error": {"Code": code, "Message": "The security token is invalid"}}, "GetCallerIdentity"
    )
    message = setup_problem(error, None)
    assert message is not None and words in message and code in message


def test_throttling_is_retried_and_denial_is_not() -> None:
    throttled = ClientError({"Error": {"Code": "Throttling", "Message": "Rate exceeded"}}, "DescribeVpcs")
    denied = ClientError({"Error": {"Code": "AccessDenied", "Message": "no"}}, "DescribeVpcs")
    assert classify(throttled) is not None
    assert classify(denied) is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--region", "xx-nowhere-9"], "'xx-nowhere-9' is not an AWS region"),
        (["--region", "EU WEST"], "--region 'EU WEST' is malformed"),
        (["--account", "12345"], "--account '12345' is malformed"),
        (["--organization", "org-1"], "--organization 'org-1' is malformed"),
        (["--member-role", "bad role name"], "aws member role 'bad role name' is malformed"),
    ],
)
def test_malformed_scope_is_one_line_and_exit_2(server, args: list[str], words: str) -> None:
    result = run("scan", "--provider", "aws", *args, env=aws_env(server.url))
    assert result.exit_code == 2
    assert words in one_error_line(result.output)


def test_aws_options_need_the_aws_provider(tmp_path: Path) -> None:
    result = run("collect", "--provider", "gcp", "--profile", "audit", "-o", str(tmp_path / "x.json"))
    assert result.exit_code == 2
    assert "select AWS accounts: add --provider aws" in result.output


def test_a_region_that_is_not_enabled_is_recorded_and_the_rest_collected(server, tmp_path: Path) -> None:
    out = tmp_path / "inventory.json"
    result = run(
        "collect", "--provider", "aws", "--region", "ap-east-1", "--region", "us-east-1", "-o", str(out),
        env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert "ec2.DescribeRegions: RegionNotEnabled: region ap-east-1 is not enabled" in result.output
    snapshot = json.loads(out.read_text())
    assert any(r["kind"] == "bucket" for r in snapshot["resources"])
    assert [e["region"] for e in snapshot["errors"]] == ["ap-east-1"]


def test_organization_from_an_account_outside_one_is_recorded_and_the_account_still_scanned(server) -> None:
    result = run(
        "scan", "--provider", "aws", "--organization", "--region", "us-east-1", "-f", "json",
        env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    errors = [(e["service"], e["operation"]) for e in report["errors"]]
    assert errors == [("organizations", "ListAccounts")]
    # AWS answers AWSOrganizationsNotInUseException (or AccessDenied from a member); moto an empty list
    assert report["errors"][0]["code"] in ("AWSOrganizationsNotInUseException", "AccessDenied", "NoAccounts")
    assert "management account" in report["errors"][0]["message"]
    assert {f["rule_id"] for f in report["findings"]} >= {"bucket.public-read", "iam.user-without-mfa"}


def test_an_unreachable_service_is_recorded_per_service_and_the_scan_goes_on(server, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text("aws:\n  endpoints:\n    ecr: http://127.0.0.1:9\n", encoding="utf-8")
    out = tmp_path / "inventory.json"
    result = run(
        "collect", "--provider", "aws", "--region", "us-east-1", "--config", str(config), "-o", str(out),
        env=aws_env(server.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    snapshot = json.loads(out.read_text())
    assert {(e["service"], e["code"]) for e in snapshot["errors"]} == {("ecr", "UNREACHABLE")}
    assert any(r["kind"] == "bucket" for r in snapshot["resources"])


def test_unknown_config_key_is_one_line_and_exit_2(server, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text("aws:\n  regoin: eu-west-1\n", encoding="utf-8")
    result = run("scan", "--provider", "aws", "--config", str(config), env=aws_env(server.url))
    assert result.exit_code == 2
    assert "config aws: unknown key 'regoin'" in one_error_line(result.output)


def test_a_named_profile_and_botos_own_endpoint_variable_are_used(server, tmp_path: Path) -> None:
    credentials = tmp_path / "credentials"
    credentials.write_text(
        "[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n", encoding="utf-8"
    )
    env = aws_env(
        server.url,
        **NO_KEYS,
        CLOUDSCAN_AWS_ENDPOINT=None,
        AWS_ENDPOINT_URL=server.url,
        AWS_SHARED_CREDENTIALS_FILE=str(credentials),
    )
    out = tmp_path / "inventory.json"
    result = run(
        "collect", "--provider", "aws", "--profile", "audit", "--region", "us-east-1", "-o", str(out), env=env
    )
    assert result.exit_code == 0, result.output
    assert {r["account"] for r in json.loads(out.read_text())["resources"]} == {"123456789012"}


def test_denied_and_throttled_calls_with_aws_error_shapes(server, tmp_path: Path) -> None:
    """Denials are recorded per call and the rest is collected; a throttled call is retried."""
    faults = server.recorder.faults
    faults[("ec2", "DescribeInstances")] = [query_error("UnauthorizedOperation", "You are not authorized")]
    faults[("iam", "GetAccountAuthorizationDetails")] = [iam_error("AccessDenied", "not authorized")]
    faults[("s3", "GetBucketPolicy")] = [s3_error("AccessDenied", "Access Denied")]
    faults[("ecr", "DescribeRepositories")] = [json_error("AccessDeniedException", "not authorized")]
    faults[("ec2", "DescribeVpcs")] = [query_error("RequestLimitExceeded", "Request limit exceeded.", 503)]
    start = len(server.recorder.calls)
    out = tmp_path / "inventory.json"
    try:
        result = run(
            "collect", "--provider", "aws", "--region", "us-east-1", "--max-workers", "1", "-o", str(out),
            env=aws_env(server.url),
        )  # fmt: skip
    finally:
        faults.clear()
    vpc_calls = [c for c in server.recorder.calls[start:] if c.operation == "DescribeVpcs"]
    assert result.exit_code == 3, result.output
    snapshot = json.loads(out.read_text())
    errors = {(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]}
    assert errors == {
        ("ec2", "DescribeInstances", "UnauthorizedOperation"),
        ("iam", "GetAccountAuthorizationDetails", "AccessDenied"),
        ("s3", "GetBucketPolicy", "AccessDenied"),
        ("ecr", "DescribeRepositories", "AccessDeniedException"),
    }
    kinds = {r["kind"] for r in snapshot["resources"]}
    assert "instance" not in kinds and "repository" not in kinds
    assert {"network", "subnet", "bucket", "iam_principal", "password_policy"} <= kinds
    assert len(vpc_calls) == 2  # throttled once, then answered
    denied = next(
        r for r in snapshot["resources"] if r["kind"] == "bucket" and "public_read" in r.get("unknown", [])
    )
    assert "public_read" not in denied  # unknown, never guessed
    users = [
        r
        for r in snapshot["resources"]
        if r["kind"] == "iam_principal" and r.get("principal_type", "user") == "user"
    ]
    assert users and all("admin" in u.get("unknown", []) for u in users)
