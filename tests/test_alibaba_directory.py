"""``--resource-directory``: every member of a Resource Directory, each through its member role.

The fake directory has the management account (the landing zone), two members whose role
can be assumed (SSH open to the internet in one, to the VPC in the other) and one whose role
does not exist. Everything goes through the real CLI, the real SDKs and the fake on 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.alibaba_support import run_cli
from tests.fakes.alibaba_directory import ROLE, FakeDirectory, member_account
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone

OPEN, CLOSED, ROLELESS = "2234567890123456", "3234567890123456", "4234567890123456"


@pytest.fixture
def fake() -> Iterator[FakeDirectory]:
    members = {
        OPEN: member_account(OPEN, "m1open", "0.0.0.0/0"),
        CLOSED: member_account(CLOSED, "m2shut", "10.8.0.0/16"),
        ROLELESS: member_account(ROLELESS, "m3none", "0.0.0.0/0"),
    }
    roles = {OPEN: {ROLE}, CLOSED: {ROLE}, ROLELESS: set()}
    with FakeDirectory(landing_zone(), members, roles=roles) as server:
        yield server


def env(url: str) -> dict[str, str | None]:
    return {"CLOUDSCAN_ALIBABA_ENDPOINT": url}


def test_every_member_is_scanned_as_its_own_sarif_category(fake: FakeDirectory, tmp_path: Path) -> None:
    sarif = tmp_path / "r.sarif"
    result = run_cli(
        "scan", "--provider", "alibaba", "--resource-directory", "--member-role", ROLE,
        "--region", "cn-hangzhou", "--check", "firewall.ssh-open-to-internet", "-q", "-o", str(sarif),
        env=env(fake.url),
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # findings win over the partial scan
    runs = json.loads(sarif.read_text())["runs"]
    categories = {run["automationDetails"]["id"] for run in runs}
    assert {f"cloudscan/alibaba/{a}/" for a in (ACCOUNT, OPEN, CLOSED)} <= categories
    # nothing of the unassumable member was read: its run must not close its alerts (sarif.py)
    assert f"cloudscan/alibaba/{ROLELESS}/collection-errors/" in categories
    assert f"cloudscan/alibaba/{ROLELESS}/" not in categories
    by_account = {run["automationDetails"]["id"].split("/")[2]: run for run in runs}
    results = by_account[OPEN]["results"]
    flagged = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in results}
    assert any("sgr-m1open" in f for f in flagged), flagged
    assert by_account[CLOSED]["results"] == []
    # the role that does not exist is the member's own recorded error, in its own run
    notes = json.dumps(by_account[ROLELESS]["invocations"])
    assert "EntityNotExist.Role" in notes and f"acs:ram::{ROLELESS}:role/{ROLE}" in notes


def test_members_are_reached_only_with_their_temporary_keys(fake: FakeDirectory, tmp_path: Path) -> None:
    out = tmp_path / "inv.json"
    result = run_cli(
        "collect", "--provider", "alibaba", "--resource-directory", "--member-role", ROLE,
        "--region", "cn-hangzhou", "-q", "-o", str(out), env=env(fake.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output  # one member could not be assumed: a partial scan
    assert f"alibaba/{ROLELESS} sts.AssumeRole: EntityNotExist.Role" in result.output
    snapshot = json.loads(out.read_text())
    accounts = {r["account"] for r in snapshot["resources"]}
    assert accounts == {ACCOUNT, OPEN, CLOSED}
    ids = {r["id"] for r in snapshot["resources"] if r["account"] == OPEN}
    assert "vpc-m1open" in ids and "vpc-lz0001" not in ids
    for account in (OPEN, CLOSED):
        keys = {r.key_id for r in fake.members[account].requests}
        assert keys and all(k.startswith("STS.") for k in keys), keys
    assert fake.members[ROLELESS].requests == []
    made = fake.actions()
    assert ("resourcemanager", "ListAccounts") in made and ("sts", "AssumeRole") in made
    assert made.count(("resourcemanager", "ListAccounts")) == 2  # four accounts, two per page


def test_a_role_not_trusting_the_scanner_is_a_recorded_error(fake: FakeDirectory, tmp_path: Path) -> None:
    fake.untrusting.add(CLOSED)
    result = run_cli(
        "collect", "--provider", "alibaba", "--resource-directory", "--member-role", ROLE,
        "--region", "cn-hangzhou", "-q", "-o", str(tmp_path / "inv.json"), env=env(fake.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert f"alibaba/{CLOSED} sts.AssumeRole: NoPermission" in result.output
    assert fake.members[CLOSED].requests == []
    assert fake.members[OPEN].requests


def test_list_accounts_denied_scans_the_own_account_and_says_why(fake: FakeDirectory, tmp_path: Path) -> None:
    fake.faults.deny.add("ListAccounts")
    out = tmp_path / "inv.json"
    result = run_cli(
        "collect", "--provider", "alibaba", "--resource-directory", "--member-role", ROLE,
        "--region", "cn-hangzhou", "-q", "-o", str(out), env=env(fake.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert "resourcemanager.ListAccounts: Forbidden.RAM" in result.output
    assert "management account" in result.output
    assert {r["account"] for r in json.loads(out.read_text())["resources"]} == {ACCOUNT}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resource-directory"], "--resource-directory needs --member-role"),
        (["--resource-directory", "--member-role", "bad role!"], "is malformed"),
        (["--member-role", ROLE], "--member-role for Alibaba Cloud is the role of --resource-directory"),
    ],
)
def test_bad_directory_options_are_one_line_and_exit_2(
    fake: FakeDirectory, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_cli(
        "collect", "--provider", "alibaba", *args, "-q", "-o", str(tmp_path / "inv.json"), env=env(fake.url)
    )
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_resource_directory_needs_the_alibaba_provider(tmp_path: Path) -> None:
    result = run_cli("scan", "--provider", "gcp", "--resource-directory", "--project", "p", env={})
    assert result.exit_code == 2
    assert "add --provider alibaba" in result.output


def test_the_config_file_sets_the_directory_and_the_role(fake: FakeDirectory, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text(f"scan:\n  resource-directory: true\n  member-role: {ROLE}\n", encoding="utf-8")
    out = tmp_path / "inv.json"
    result = run_cli(
        "collect", "--provider", "alibaba", "--config", str(config), "--region", "cn-hangzhou",
        "-q", "-o", str(out), env=env(fake.url),
    )  # fmt: skip
    assert result.exit_code == 3, result.output
    assert {r["account"] for r in json.loads(out.read_text())["resources"]} == {ACCOUNT, OPEN, CLOSED}
