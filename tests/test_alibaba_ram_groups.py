"""RAM group membership (ListUsersForGroup; Terraform group memberships): a user's rights through a
group are the user's, named ``user:NAME (via group:GROUP)`` so a direct grant stays told apart.

Live cases run the real CLI against the fake RAM (Marker paging, cap 2 per page); the same cases in
Terraform go through the alicloud translators.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scanner.inventory.model import Resource
from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba
from tests.terraform_support import builtin_policies, findings, scan_hcl

EXIT_FINDINGS, EXIT_PARTIAL = 1, 3
CRI = "cri-lz0001"
ADMINS_BINDING = f"acs:ram::{ACCOUNT}:group/admins#System:AdministratorAccess"


def _policy(name: str, resource: str) -> dict[str, Any]:
    document = {
        "Version": "1",
        "Statement": [{"Effect": "Allow", "Action": "cr:PushRepository", "Resource": resource}],
    }
    return {
        "PolicyName": name,
        "PolicyType": "Custom",
        "DefaultVersion": "v1",
        "PolicyDocument": json.dumps(document),
    }


def _account() -> dict[str, Any]:
    """The landing zone (``bob`` is in ``admins``) without alice's own AdministratorAccess, plus a
    ``release`` group allowed to push to every repository of the EE instance, with three members
    (two pages); ``dana`` may also push to the ``apps`` namespace through a policy of her own."""
    account = landing_zone()
    ram = account["ram"]
    del ram["user_policies"]["alice"]
    ram["policies"]["Custom:ReleasePush"] = _policy("ReleasePush", f"acs:cr:*:*:repository/{CRI}/*")
    ram["policies"]["Custom:AppsPush"] = _policy("AppsPush", f"acs:cr:*:*:repository/{CRI}/apps/*")
    for name in ("dana", "erin", "frank"):
        user = {"UserName": name, "UserId": f"2000000000000{len(name)}{name[0]}", "DisplayName": name,
                "CreateDate": "2025-01-01T00:00:00Z"}  # fmt: skip
        ram["users"].append(user)
        ram["details"][name] = {**user, "LastLoginDate": "2026-11-01T08:00:00Z"}
    ram["user_policies"]["dana"] = [
        {"PolicyName": "AppsPush", "PolicyType": "Custom", "DefaultVersion": "v1"}
    ]
    created = {"CreateDate": "2024-01-05T08:00:00Z", "UpdateDate": "2024-01-05T08:00:00Z"}
    ram["groups"].append(
        {"GroupName": "release", "GroupId": "400000000000000009", "Comments": "release", **created}
    )
    ram["group_policies"]["release"] = [
        {"PolicyName": "ReleasePush", "PolicyType": "Custom", "DefaultVersion": "v1"}
    ]
    ram["group_users"]["release"] = [
        {"UserName": n, "DisplayName": n, "JoinDate": "2025-01-02T00:00:00Z"}
        for n in ("dana", "erin", "frank")
    ]
    return account


def _scan(fake: FakeAlibaba, out: Path) -> tuple[int, dict[str, Any]]:
    result = run_cli(
        "scan", "--provider", "alibaba", "-q", "-o", str(out / "report.json"),
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
    )  # fmt: skip
    return result.exit_code, json.loads((out / "report.json").read_text())


def _found(report: dict[str, Any], rule: str) -> dict[str, str]:
    """Resource id -> message of the findings of ``rule``."""
    return {f["resource"]["id"]: f["message"] for f in report["findings"] if f["rule_id"] == rule}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any], list[Any], int]:
    out = tmp_path_factory.mktemp("groups")
    with FakeAlibaba(_account()) as fake:
        _, snapshot = collect(out, fake.url)
        exit_code, report = _scan(fake, out)
        requests = list(fake.requests)
    return snapshot, report, requests, exit_code


def test_a_user_admin_only_through_a_group_is_found_naming_the_group(live: Any) -> None:
    snapshot, report, _, exit_code = live
    assert exit_code == EXIT_FINDINGS and report["errors"] == []
    bob = by_id(snapshot)[f"acs:ram::{ACCOUNT}:user/bob"]
    assert bob["admin"] is True and bob["groups"] == ["admins"]
    assert bob["native"]["admin_via"] == ["group:admins"]
    assert bob["native"]["policies"] == []  # nothing attached to bob himself
    message = _found(report, "iam.wildcard-admin-grant")[ADMINS_BINDING]
    assert "group:admins" in message and "user:bob (via group:admins)" in message
    # a group's members are not "attached directly to a user"
    assert ADMINS_BINDING not in _found(report, "alibaba.ram-policy-attached-to-user")


def test_group_push_rights_list_members_via_the_group_and_only_direct_grants_are_flagged(live: Any) -> None:
    snapshot, report, _, _ = live
    resources = by_id(snapshot)
    golang, frontend = resources["crr-lz0golang"], resources["crr-lz0front"]
    via = {"user:dana (via group:release)", "user:erin (via group:release)", "user:frank (via group:release)"}
    release = {"group:release", *via}
    assert release <= set(golang["pushers"]) and "user:dana" not in golang["pushers"]
    assert {*release, "user:dana"} <= set(frontend["pushers"])
    assert release <= set(resources[CRI]["pushers"]) and "user:dana" not in resources[CRI]["pushers"]
    assert "user:dana" in resources[CRI]["native"]["namespace_access"]["apps"]["pushers"]
    # the landing zone's admins group: bob is an admin of every registry through it
    assert {"group:admins", "user:bob (via group:admins)"} <= set(golang["admins"])
    assert "user:bob" not in golang["pushers"]
    direct = _found(report, "registry.push-granted-to-user")
    assert set(direct) == {"crr-lz0front"}  # dana's own policy; golang only through the group
    assert "user:dana" in direct["crr-lz0front"]


def test_members_spanning_two_pages_are_all_read(live: Any) -> None:
    snapshot, _, requests, _ = live
    pages = [
        r.params for r in requests if r.action == "ListUsersForGroup" and r.params["GroupName"] == "release"
    ]
    assert [p.get("Marker") for p in pages][:2] == [None, "2"]
    assert by_id(snapshot)[f"acs:ram::{ACCOUNT}:user/frank"]["groups"] == ["release"]  # on the second page


def test_a_denied_member_listing_is_an_error_and_leaves_group_facts_unknown(tmp_path: Path) -> None:
    with FakeAlibaba(_account()) as fake:
        fake.faults.deny.add("ListUsersForGroup")
        result, snapshot = collect(tmp_path, fake.url)
        exit_code, report = _scan(fake, tmp_path)
    assert result.exit_code == EXIT_PARTIAL and exit_code == EXIT_FINDINGS
    assert any(e["operation"].endswith("ListUsersForGroup") for e in report["errors"])
    assert "Traceback" not in result.output
    assert "ram.ListUsersForGroup: Forbidden.RAM" in result.output
    assert any(e["operation"].endswith("ListUsersForGroup") for e in snapshot["errors"])
    resources = by_id(snapshot)
    bob, alice = resources[f"acs:ram::{ACCOUNT}:user/bob"], resources[f"acs:ram::{ACCOUNT}:user/alice"]
    assert {"admin", "groups"} <= set(bob["unknown"]) and "admin" not in bob  # not a false "not admin"
    assert "admin" in alice["unknown"]  # in no group read, but any unread group may hold her
    assert "group:release" in resources["crr-lz0golang"]["pushers"]
    assert not any("via group" in p for p in resources["crr-lz0golang"]["pushers"])
    assert resources["crr-lz0golang"]["native"]["unread_groups"] == [
        "admins",
        "auditors",
        "developers",
        "release",
    ]
    assert set(_found(report, "registry.push-granted-to-user")) == {"crr-lz0front"}
    assert ADMINS_BINDING in _found(report, "iam.wildcard-admin-grant")  # the group's own grant still found


# --- the same in Terraform ------------------------------------------------------------------------

PROVIDER = 'provider "alicloud" { region = "cn-hangzhou" }'
GROUPS_HCL = """
resource "alicloud_ram_user" "bob" { name = "bob" }
resource "alicloud_ram_user" "carol" { name = "carol" }
resource "alicloud_ram_user" "dave" { name = "dave" }
resource "alicloud_ram_group" "admins" { name = "admins" }
resource "alicloud_ram_group_policy_attachment" "admins" {
  group_name  = alicloud_ram_group.admins.name
  policy_name = "AdministratorAccess"
  policy_type = "System"
}
resource "alicloud_ram_group_membership" "admins" {
  group_name = alicloud_ram_group.admins.name
  user_names = [alicloud_ram_user.bob.name]
}
resource "alicloud_ram_user_group_attachment" "carol" {
  group_name = alicloud_ram_group.admins.name
  user_name  = alicloud_ram_user.carol.name
}
resource "alicloud_ram_user_group_attachment" "dave" {
  group_name = "readers"
  user_name  = alicloud_ram_user.dave.name
}
"""


@pytest.fixture(scope="module")
def policies() -> list:
    return builtin_policies()


def test_terraform_admin_through_a_group_membership_or_attachment(tmp_path: Path, policies: list) -> None:
    records: dict[str, Resource] = scan_hcl(tmp_path, PROVIDER, GROUPS_HCL)
    bob, carol, dave = (records[f"alicloud_ram_user.{n}"] for n in ("bob", "carol", "dave"))
    assert (bob.admin, bob.groups, bob.native["admin_via"]) == (True, ("admins",), ["group:admins"])
    assert (carol.admin, carol.groups) == (True, ("admins",))
    assert (dave.admin, dave.groups) == (False, ("readers",))
    binding = records["alicloud_ram_group_policy_attachment.admins"]
    assert binding.members == ("group:admins", "user:bob (via group:admins)", "user:carol (via group:admins)")
    found = findings(records, policies)
    assert ("iam.wildcard-admin-grant", "alicloud_ram_group_policy_attachment.admins") in found
    assert ("alibaba.ram-policy-attached-to-user", "alicloud_ram_group_policy_attachment.admins") not in found


def test_terraform_members_not_known_before_apply_leave_groups_and_admin_unknown(tmp_path: Path) -> None:
    hcl = (
        GROUPS_HCL
        + """
variable "more" { type = list(string) }
resource "alicloud_ram_group_membership" "more" {
  group_name = alicloud_ram_group.admins.name
  user_names = var.more
}
"""
    )
    records = scan_hcl(tmp_path, PROVIDER, hcl)
    dave = records["alicloud_ram_user.dave"]
    assert {"groups", "admin"} <= dave.unknown  # dave may be one of var.more
    assert records["alicloud_ram_user.bob"].admin is True  # known member of admins all the same
