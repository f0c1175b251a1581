"""Review findings on the live Alibaba Cloud adapter, each pinned by what a user sees through the CLI.

1. A vSwitch is never reported private when the instances or NAT gateways could not be listed.
2. OSS bucket policy actions are patterns (``oss:Get*``, ``oss:*Object``, ``*``), not literals.
3. RDS ``ssl_required`` means SSL is forced, not merely enabled.
4. Admin policies attached to RAM roles and groups are reported, not only those on users.
5. DescribeEipAddresses places EIPs in vSwitches.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba

EXIT_PARTIAL = 3
HANGZHOU = "cn-hangzhou"


def scan_findings(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> set[tuple[str, str]]:
    """``cloudscan scan`` of the landing zone after ``change``; the (rule, resource id) pairs it reports."""
    account = landing_zone()
    change(account)
    out = tmp_path / "report.json"
    with FakeAlibaba(account) as fake:
        result = run_cli(
            "scan", "--provider", "alibaba", "-q", "--region", HANGZHOU, "-o", str(out),
            env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
        )  # fmt: skip
    assert result.exit_code == 1, result.output
    return {(f["rule_id"], f["resource"]["id"]) for f in json.loads(out.read_text())["findings"]}


# --- 1. failed instance / NAT gateway lists leave routes_to_internet unknown -----------------------


@pytest.mark.parametrize("denied", ["DescribeInstances", "DescribeNatGateways"])
def test_vswitch_is_unknown_not_private_when_a_public_address_list_failed(
    tmp_path: Path, denied: str
) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.deny.add(denied)
        result, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU)
    assert result.exit_code == EXIT_PARTIAL, result.output
    assert f"vpc.{denied}" in result.output or f"ecs.{denied}" in result.output
    private = by_id(snapshot)["vsw-lz0priv"]
    assert "routes_to_internet" in private["unknown"]
    assert "routes_to_internet" not in private  # not a definite false
    # the public vSwitch still has a reason from the list that did answer
    assert by_id(snapshot)["vsw-lz0pub"]["routes_to_internet"] is True


# --- 2. bucket policy actions are wildcard patterns ------------------------------------------------


@pytest.mark.parametrize("action", ["oss:Get*", "oss:*", "oss:*Object", "*", "OSS:getobject"])
def test_bucket_policy_wildcard_action_makes_the_bucket_public(tmp_path: Path, action: str) -> None:
    policy = {"Version": "1", "Statement": [{"Effect": "Allow", "Principal": ["*"], "Action": [action],
                                             "Resource": ["acs:oss:*:*:lz-audit-logs/*"]}]}  # fmt: skip

    def open_audit_logs(account: dict[str, Any]) -> None:
        bucket = next(b for b in account["buckets"] if b["Name"] == "lz-audit-logs")
        bucket["policy"] = json.dumps(policy)

    found = scan_findings(tmp_path, open_audit_logs)
    assert ("bucket.public-read", f"acs:oss:*:{ACCOUNT}:lz-audit-logs") in found


def test_bucket_policy_on_other_actions_is_not_public(tmp_path: Path) -> None:
    policy = {"Version": "1", "Statement": [{"Effect": "Allow", "Principal": ["*"],
                                             "Action": ["oss:GetBucketAcl", "oss:ListObjects"],
                                             "Resource": ["acs:oss:*:*:lz-audit-logs"]}]}  # fmt: skip

    def list_only(account: dict[str, Any]) -> None:
        next(b for b in account["buckets"] if b["Name"] == "lz-audit-logs")["policy"] = json.dumps(policy)

    found = scan_findings(tmp_path, list_only)
    assert ("bucket.public-read", f"acs:oss:*:{ACCOUNT}:lz-audit-logs") not in found


# --- 3. RDS SSL enabled but not forced is not "required" -------------------------------------------


@pytest.mark.parametrize(
    ("ssl", "reported"),
    [
        ({"SSLEnabled": "Yes", "ForceEncryption": "0", "RequireUpdate": "No"}, True),
        ({"SSLEnabled": "Yes", "RequireUpdate": "No"}, True),  # ForceEncryption not reported
        ({"SSLEnabled": "Yes", "ForceEncryption": "1", "RequireUpdate": "No"}, False),
    ],
)
def test_database_ssl_not_required_unless_forced(tmp_path: Path, ssl: dict[str, str], reported: bool) -> None:
    def set_ssl(account: dict[str, Any]) -> None:
        account["regions"][HANGZHOU]["rds_ssl"]["rm-lz0001"] = ssl

    found = scan_findings(tmp_path, set_ssl)
    assert (("database.ssl-not-required", "rm-lz0001") in found) is reported


# --- 4. admin grants through RAM roles and groups ---------------------------------------------------


def test_admin_policy_on_role_and_group_is_a_finding(tmp_path: Path) -> None:
    found = scan_findings(tmp_path, lambda account: None)
    for principal in ("role/ops-admin", "group/admins"):
        assert (
            "iam.wildcard-admin-grant",
            f"acs:ram::{ACCOUNT}:{principal}#System:AdministratorAccess",
        ) in found
    # attachment to a role or group is the recommended way, not a per-user finding
    attached_to_user = [r for rule, r in found if rule == "alibaba.ram-policy-attached-to-user"]
    assert attached_to_user and not [r for r in attached_to_user if ":role/" in r or ":group/" in r]


def test_role_and_group_bindings_carry_their_members(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU)
    assert result.exit_code == 0, result.output
    res = by_id(snapshot)
    role = res[f"acs:ram::{ACCOUNT}:role/deploy#Custom:DeployOnly"]
    assert (role["members"], role["admin"], role["origin"]["call"]) == (
        ["role:deploy"], False, "ram:ListPoliciesForRole",
    )  # fmt: skip
    group = res[f"acs:ram::{ACCOUNT}:group/admins#System:AdministratorAccess"]
    # the group's members (ListUsersForGroup) are named after it, told apart from direct grants
    assert (group["members"], group["admin"]) == (["group:admins", "user:bob (via group:admins)"], True)


# --- 5. DescribeEipAddresses places EIPs ---------------------------------------------------------


def test_eip_list_alone_makes_the_vswitch_public(tmp_path: Path) -> None:
    """The web instance's and NAT gateway's own answers omit their EIPs; the EIP list still binds them."""
    account = landing_zone()
    region = account["regions"][HANGZHOU]
    web = next(i for i in region["instances"] if i["InstanceId"] == "i-lz0web")
    web["EipAddress"] = {"AllocationId": "", "IpAddress": ""}
    region["nat_gateways"][0]["IpLists"] = {"IpList": []}
    with FakeAlibaba(account) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU)
    assert result.exit_code == 0, result.output
    public = by_id(snapshot)["vsw-lz0pub"]
    assert public["routes_to_internet"] is True
    assert set(public["native"]["internet_reasons"]) == {
        "EIP 198.51.100.20 (eip-lz0web) is bound to EcsInstance i-lz0web",
        "EIP 198.51.100.10 (eip-lz0nat) is bound to Nat ngw-lz0001",
    }
    assert by_id(snapshot)["vsw-lz0priv"]["routes_to_internet"] is False
