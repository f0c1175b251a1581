"""Credentials are never printed, logged or written into a report or snapshot.

Each scan runs with distinctive fake secrets, writes every report format and a
snapshot, and the secret strings must appear nowhere: not on stdout or stderr,
not in any file, on success and on the error paths that quote the SDK's words.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import cli
from tests.fakes.alibaba_landing_zone import landing_zone
from tests.fakes.alibaba_server import FakeAlibaba

KEY_ID = "LTAI5tLeakCanaryKeyId01"
SECRET = "Sup3rSecretLeakCanaryValueDoNotPrint"
TOKEN = "StsTokenLeakCanaryValue"


@pytest.fixture
def fake() -> Iterator[FakeAlibaba]:
    with FakeAlibaba(landing_zone()) as server:
        yield server


def everything_written(tmp_path: Path, output: str) -> str:
    files = [p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file()]
    return "\n".join([output, *files])


def run(tmp_path: Path, url: str, *args: str) -> str:
    env = {
        "CLOUDSCAN_ALIBABA_ENDPOINT": url,
        "ALIBABA_CLOUD_ACCESS_KEY_ID": KEY_ID,
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET": SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN": TOKEN,
    }
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    return everything_written(tmp_path, result.output)


def test_a_full_scan_and_collect_never_write_the_secret(fake: FakeAlibaba, tmp_path: Path) -> None:
    outputs = [f"-o{tmp_path / name}" for name in ("r.sarif", "r.json", "r.txt")]
    written = run(tmp_path, fake.url, "scan", "--provider", "alibaba", "--fail-on", "none", *outputs)
    written += run(tmp_path, fake.url, "collect", "--provider", "alibaba", "-o", str(tmp_path / "inv.json"))
    assert "vpc-lz0001" in written  # the scan really ran
    assert SECRET not in written
    assert TOKEN not in written


def test_error_paths_never_write_the_secret(fake: FakeAlibaba, tmp_path: Path) -> None:
    fake.faults.deny.update({"rds", "GetBucketAcl", "acl"})
    fake.faults.invalid_keys.add(KEY_ID)
    written = run(tmp_path, fake.url, "scan", "--provider", "alibaba", "-o", str(tmp_path / "r.json"))
    assert "rejected the access key" in written
    assert SECRET not in written
    assert TOKEN not in written


def test_member_credentials_from_assume_role_are_never_written(tmp_path: Path) -> None:
    """--resource-directory: the STS keys, secrets and tokens of every member stay in memory."""
    from tests.fakes.alibaba_directory import ROLE, FakeDirectory, member_account, secrets  # noqa: PLC0415

    first, second = "2234567890123456", "3234567890123456"
    members = {a: member_account(a, f"m{a[0]}sec", "0.0.0.0/0") for a in (first, second)}
    with FakeDirectory(landing_zone(), members, untrusting={second}) as fake:
        outputs = [f"-o{tmp_path / name}" for name in ("d.sarif", "d.json", "d.txt")]
        common = ("--provider", "alibaba", "--resource-directory", "--member-role", ROLE)
        common += ("--region", "cn-hangzhou")
        written = run(tmp_path, fake.url, "scan", *common, "--fail-on", "none", *outputs)
        written += run(tmp_path, fake.url, "collect", *common, "-o", str(tmp_path / "d-inv.json"))
        issued = secrets(fake)
    assert "vpc-m2sec" in written and "NoPermission" in written  # the members were really scanned
    assert len(issued) >= 2
    for secret in (*issued, SECRET, TOKEN):
        assert secret not in written
