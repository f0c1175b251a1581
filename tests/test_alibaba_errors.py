"""Bad input and failing APIs: one clear line, no traceback, the right exit code, data kept."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_landing_zone import landing_zone
from tests.fakes.alibaba_server import FakeAlibaba

EXIT_ERROR, EXIT_PARTIAL = 2, 3


@pytest.fixture
def fake() -> FakeAlibaba:
    with FakeAlibaba(landing_zone()) as server:
        yield server


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_access_denied_product_is_reported_and_the_rest_collected(fake: FakeAlibaba, tmp_path: Path) -> None:
    fake.faults.deny.add("rds")
    result, snapshot = collect(tmp_path, fake.url)
    assert result.exit_code == EXIT_PARTIAL
    assert "Traceback" not in result.output
    assert (
        "collection error: alibaba/1234567890123456 rds.DescribeDBInstances: Forbidden.RAM" in result.output
    )
    assert [e["code"] for e in snapshot["errors"]] == ["Forbidden.RAM", "Forbidden.RAM"]  # one per region
    assert "rm-lz0001" not in by_id(snapshot)
    assert "vsw-lz0priv" in by_id(snapshot)


def test_denied_detail_leaves_fields_unknown_not_false(fake: FakeAlibaba, tmp_path: Path) -> None:
    fake.faults.deny.add("DescribeDBInstanceSSL")
    result, snapshot = collect(tmp_path, fake.url)
    assert result.exit_code == EXIT_PARTIAL
    db = by_id(snapshot)["rm-lz0001"]
    assert "ssl_required" in db["unknown"] and "ssl_required" not in db


@pytest.mark.parametrize(
    "action",
    [
        "GetUserMFAInfo",
        "ListInstanceEndpoint",
        "acl",
        "ListAccessKeys",
        "GetAccountSecurityPracticeReport",
        "ListPoliciesForRole",
        "ListGroups",
    ],
)
def test_any_denied_detail_call_is_a_recorded_error_not_a_crash(
    fake: FakeAlibaba, tmp_path: Path, action: str
) -> None:
    fake.faults.deny.add(action)
    result, snapshot = collect(tmp_path, fake.url)
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert "Traceback" not in result.output
    assert any(action.lower() in e["operation"].lower() for e in snapshot["errors"])
    assert "vpc-lz0001" in by_id(snapshot)


def test_scan_shows_partial_collection_with_exit_3_when_nothing_fails(
    fake: FakeAlibaba, tmp_path: Path
) -> None:
    fake.faults.deny.add("cr")
    gcp_only = Path(__file__).resolve().parent.parent / "policies" / "network" / "default-network-exists.yaml"
    result = run_cli(
        "scan", "--provider", "alibaba", "-q", "-p", str(gcp_only), "-o", str(tmp_path / "r.json"),
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
    )  # fmt: skip
    assert result.exit_code == EXIT_PARTIAL, result.output


def test_personal_edition_denied_is_reported_and_enterprise_edition_still_collected(
    fake: FakeAlibaba, tmp_path: Path
) -> None:
    fake.faults.deny.add("GetRepoList")
    fake.faults.throttle_once.add("ListRepository")
    result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
    assert result.exit_code == EXIT_PARTIAL
    assert "cr-personal.GetRepoList: Forbidden.RAM" in result.output
    assert "810001" not in by_id(snapshot)
    assert by_id(snapshot)["crr-lz0front"]["public"] is True


def test_throttling_is_retried_until_it_succeeds(fake: FakeAlibaba, tmp_path: Path) -> None:
    fake.faults.throttle_once |= {"DescribeVpcs", "ListUsers", "acl"}
    result, snapshot = collect(tmp_path, fake.url)
    assert result.exit_code == 0, result.output
    assert snapshot["errors"] == []
    assert "vpc-lz0001" in by_id(snapshot)
    assert sum(1 for r in fake.requests if r.action == "ListUsers" and not r.params.get("Marker")) == 2


def test_invalid_access_key_stops_with_one_clear_line(fake: FakeAlibaba, tmp_path: Path) -> None:
    fake.faults.invalid_keys.add("LTAI5tBadKey")
    result, _ = collect(tmp_path, fake.url, env={"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI5tBadKey"})
    assert result.exit_code == EXIT_ERROR
    assert result.output.strip() == (
        "cloudscan: error: Alibaba Cloud rejected the access key (InvalidAccessKeyId.NotFound): "
        "check ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    )
    assert len(fake.requests) == 1


def test_unknown_region(fake: FakeAlibaba, tmp_path: Path) -> None:
    result, _ = collect(tmp_path, fake.url, "--region", "cn-atlantis-1")
    assert result.exit_code == EXIT_ERROR
    assert result.output.strip() == (
        "cloudscan: error: unknown Alibaba Cloud region 'cn-atlantis-1'; "
        "regions this account can see: cn-hangzhou, cn-shanghai"
    )


def test_unreachable_endpoint(tmp_path: Path) -> None:
    url = closed_port_url()
    result, _ = collect(tmp_path, url)
    assert result.exit_code == EXIT_ERROR
    assert (
        result.output.strip()
        == f"cloudscan: error: cannot reach the Alibaba Cloud endpoint {url} (ECS DescribeRegions)"
    )


def test_one_unreachable_product_endpoint_keeps_the_rest(fake: FakeAlibaba, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text(f"alibaba:\n  endpoints:\n    oss: {closed_port_url()}\n")
    result, snapshot = collect(tmp_path, fake.url, "--config", str(config))
    assert result.exit_code == EXIT_PARTIAL
    assert "Traceback" not in result.output
    assert [(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]] == [
        ("oss", "ListBuckets", "EndpointUnreachable")
    ]
    assert "rm-lz0001" in by_id(snapshot)
    assert not any(r.product == "oss" for r in fake.requests)


def test_no_credentials_anywhere(tmp_path: Path) -> None:
    """A subprocess: the credential chain reads the environment when it is imported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALIBABA_CLOUD_")}
    env.update(
        HOME=str(tmp_path),
        ALIBABA_CLOUD_ECS_METADATA_DISABLED="true",
        CLOUDSCAN_ALIBABA_ENDPOINT=closed_port_url(),
    )
    command = [
        sys.executable,
        "-c",
        "from scanner.cli import main; main()",
        "collect",
        "--provider",
        "alibaba",
    ]
    done = subprocess.run(
        [*command, "-q", "-o", str(tmp_path / "x.json")], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == EXIT_ERROR
    assert done.stderr.startswith(
        "cloudscan: error: no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID"
    )
    assert "Traceback" not in done.stderr
