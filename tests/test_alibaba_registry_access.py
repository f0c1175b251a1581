"""Who may push to, delete from or administer Container Registry EE instances, namespaces and
repositories, derived from RAM policies (``translate/registry_access.py``): pure, from canned answers."""

from __future__ import annotations

import json
from typing import Any

from scanner.inventory.model import Registry, Repository
from scanner.providers.alibaba.raw import GLOBAL, Collected
from scanner.providers.alibaba.translate import registry, registry_access

ACCOUNT, REGION, CRI = "1234567890123456", "cn-hangzhou", "cri-acc001"


def _statement(effect: str, actions: Any, resources: Any, **extra: Any) -> dict[str, Any]:
    return {"Effect": effect, "Action": actions, "Resource": resources, **extra}


def _collected(
    principals: dict[str, dict[str, list[dict[str, Any]]]],
    *,
    drop_document: str = "",
    members: dict[str, list[str]] | None = None,
) -> Collected:
    """``principals[kind][name]`` = statements of one custom policy attached to that user/role/group;
    ``members[group]``: its users, as ListUsersForGroup answers them (every group read when given)."""
    data = Collected()
    for group, users in (members or {}).items():
        data.raw[(GLOBAL, "ram.group_users", group)] = [{"UserName": u, "JoinDate": ""} for u in users]
    calls = {"user": ("ram.users", "UserName", "ram.user_policies"),
             "role": ("ram.roles", "RoleName", "ram.role_policies"),
             "group": ("ram.groups", "GroupName", "ram.group_policies")}  # fmt: skip
    for kind, (listing, key, attachments) in calls.items():
        named = principals.get(kind, {})
        data.raw[(GLOBAL, listing, "")] = [{key: name} for name in named]
        for name, statements in named.items():
            policy = f"{kind}-{name}"
            data.raw[(GLOBAL, attachments, name)] = [{"PolicyName": policy, "PolicyType": "Custom"}]
            if policy != drop_document:
                document = json.dumps({"Version": "1", "Statement": statements})
                version = {"DefaultPolicyVersion": {"PolicyDocument": document}}
                data.raw[(GLOBAL, "ram.policy", f"Custom:{policy}")] = version
    return data


def _records() -> list[Any]:
    namespaces = [
        {"NamespaceName": name, "AutoCreateRepo": False, "DefaultRepoType": "PRIVATE"}
        for name in ("apps", "base")
    ]
    reg = registry.registry(
        ACCOUNT, REGION, {"InstanceId": CRI}, endpoints=[], namespaces=namespaces, scan_rules=[]
    )
    repos = [
        registry.repository(
            ACCOUNT, REGION, CRI, {"RepoId": f"crr-{ns}", "RepoNamespaceName": ns, "RepoName": "web"}
        )
        for ns in ("apps", "base")
    ]
    return [reg, *repos]


def _link(principals: dict[str, dict[str, list[dict[str, Any]]]], **kw: Any) -> dict[str, Any]:
    linked = registry_access.link(_records(), _collected(principals, **kw))
    return {r.id: r for r in linked}


REPO = f"acs:cr:*:*:repository/{CRI}"


def test_a_namespace_grant_reaches_its_repositories_only() -> None:
    found = _link(
        {"user": {"dev": [_statement("Allow", ["cr:PushRepository", "cr:PullRepository"], f"{REPO}/apps/*")]}}
    )
    assert found["crr-apps"].pushers == ("user:dev",)
    assert found["crr-base"].pushers == ()
    reg: Registry = found[CRI]
    assert reg.pushers == () and reg.global_admins == ()  # not every repository of the instance
    assert reg.native["namespace_access"]["apps"]["pushers"] == ["user:dev"]
    assert reg.native["namespace_access"]["base"]["pushers"] == []
    assert found["crr-apps"].deleters == () and found["crr-apps"].admins == ()


def test_cr_star_on_star_is_admin_everywhere_and_wildcards_ignore_case() -> None:
    instance_wide = f"acs:cr:{REGION}:{ACCOUNT}:repository/{CRI}/*"
    found = _link(
        {
            "role": {"ops": [_statement("Allow", "CR:*", "*")]},
            "user": {"ci": [_statement("Allow", "cr:Push*", instance_wide)]},
        }
    )
    reg: Registry = found[CRI]
    assert reg.global_admins == ("role:ops",)
    assert reg.admins == ("role:ops",)
    assert reg.pushers == ("role:ops", "user:ci")
    assert reg.deleters == ("role:ops",)
    assert found["crr-base"].admins == ("role:ops",)


def test_an_explicit_deny_wins_and_a_conditional_one_does_not() -> None:
    statements = [
        _statement("Allow", "cr:*", "*"),
        _statement("Deny", "cr:PushRepository", f"{REPO}/base/*"),
        _statement(
            "Deny", "cr:DeleteRepository", "*", Condition={"IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}
        ),
    ]
    found = _link({"group": {"platform": statements}})
    assert found["crr-base"].pushers == ()
    assert found["crr-base"].admins == ()  # push is denied there: not every action
    assert found["crr-base"].deleters == ("group:platform",)  # the conditional Deny may not apply
    assert found["crr-apps"].pushers == ("group:platform",)
    assert found[CRI].pushers == ("group:platform",)  # a Deny on one namespace leaves the instance-wide grant


def test_a_conditional_allow_counts_and_is_named() -> None:
    condition = {"Bool": {"acs:MFAPresent": "true"}}
    found = _link({"user": {"ops": [_statement("Allow", "cr:PushRepository", "*", Condition=condition)]}})
    assert found["crr-apps"].pushers == ("user:ops",)
    assert found["crr-apps"].native["conditional_access"] == ["user:ops"]
    assert found[CRI].global_admins == ()


def test_not_action_and_other_instances() -> None:
    other = "acs:cr:*:*:repository/cri-other/*"
    found = _link(
        {
            "user": {"wide": [{"Effect": "Allow", "NotAction": "ram:*", "Resource": "*"}]},
            "role": {"other": [_statement("Allow", "cr:*", other)]},
        }
    )
    assert found["crr-apps"].pushers == ("user:wide",)
    assert found[CRI].global_admins == ("user:wide",)


def test_a_policy_that_could_not_be_read_makes_the_fields_unknown() -> None:
    found = _link({"user": {"dev": [_statement("Allow", "cr:*", "*")]}}, drop_document="user-dev")
    assert {"pushers", "deleters", "admins"} <= found["crr-apps"].unknown
    assert {"pushers", "deleters", "admins", "global_admins"} <= found[CRI].unknown


def test_a_group_grant_is_listed_under_its_members_and_every_deny_they_hold_applies() -> None:
    found = _link(
        {
            "group": {
                "release": [_statement("Allow", "cr:PushRepository", f"{REPO}/*")],
                "contractors": [_statement("Deny", "cr:PushRepository", f"{REPO}/base/*")],
            },
            "user": {
                "ann": [_statement("Allow", "cr:PushRepository", f"{REPO}/base/*")],
                "ben": [],
                "cy": [_statement("Deny", "cr:*", f"{REPO}/apps/*")],
            },
        },
        members={"release": ["ann", "ben", "cy"], "contractors": ["ann"]},
    )
    # ann's own grant on base and the release group's are both denied her by the contractors group
    assert found["crr-base"].pushers == (
        "group:release", "user:ben (via group:release)", "user:cy (via group:release)"
    )  # fmt: skip
    # cy's own Deny on apps takes away what the group gives her there
    assert found["crr-apps"].pushers == (
        "group:release", "user:ann (via group:release)", "user:ben (via group:release)"
    )  # fmt: skip
    assert "unread_groups" not in found["crr-apps"].native


def test_personal_edition_repositories_are_left_alone() -> None:
    personal = registry.personal_repository(
        ACCOUNT, REGION, {"repoId": 7, "repoNamespace": "n", "repoName": "r"}
    )
    linked = registry_access.link([personal], _collected({"user": {"dev": [_statement("Allow", "*", "*")]}}))
    assert linked == [personal]
    assert isinstance(linked[0], Repository)
