"""The account-wide jobs, asked once at the home region: RAM, IMS (the root account), OSS (the
bucket list, then each bucket's settings at its own region), ActionTrail and Security Center."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.raw import GLOBAL, bucket_region
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import actiontrail, ims, oss, ram, sas

# --- Security Center: account-wide settings and the servers it protects ------------------------


def _sas(clients: Clients, home: str) -> list[Job]:
    api = Product(clients, "sas", GLOBAL, endpoint=home)
    return [
        api.job(Call("DescribeVersionConfig", "sas.version", sas.version_config)),
        api.job(Call("DescribeNoticeConfig", "sas.notices", sas.notice_config)),
        api.job(Call("DescribeVulConfig", "sas.vul_config", sas.vul_config)),
        api.job(Call("DescribeCloudCenterInstances", "sas.instances", sas.cloud_center_instances)),
    ]


# --- ActionTrail: trails are account-wide (each has a home region and a TrailRegion) -------------


def _actiontrail(clients: Clients, home: str) -> list[Job]:
    api = Product(clients, "actiontrail", GLOBAL, endpoint=home)
    return [api.job(Call("DescribeTrails", "actiontrail.trails", actiontrail.describe_trails))]


# --- RAM -------------------------------------------------------------------------------------

_RAM_USER_DETAILS = (
    Call("GetUser", "ram.user", ram.get_user),
    Call("GetLoginProfile", "ram.login_profile", ram.get_login_profile),
    Call("GetUserMFAInfo", "ram.mfa", ram.get_mfa_info),
)
_ACCESS_KEYS = Call("ListAccessKeys", "ram.access_keys", ram.list_access_keys)
_KEY_LAST_USED = Call("GetAccessKeyLastUsed", "ram.key_last_used", ram.access_key_last_used)
_USER_POLICIES = Call("ListPoliciesForUser", "ram.user_policies", ram.list_policies_for_user)
_ROLE_POLICIES = Call("ListPoliciesForRole", "ram.role_policies", ram.list_policies_for_role)
_GROUP_POLICIES = Call("ListPoliciesForGroup", "ram.group_policies", ram.list_policies_for_group)
_GROUP_USERS = Call("ListUsersForGroup", "ram.group_users", ram.list_users_for_group)
_POLICY = Call("GetPolicy", "ram.policy", ram.get_policy)


def _ram(clients: Clients, home: str) -> list[Job]:
    api = Product(clients, "ram", GLOBAL, endpoint=home)

    def last_used(user: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        return lambda keys: api.each([_KEY_LAST_USED], [k["AccessKeyId"] for k in keys], user)

    def policies(attached: list[dict[str, Any]]) -> list[Job]:
        return [
            api.job(
                _POLICY,
                p["PolicyName"],
                p["PolicyType"],
                item=f"{p['PolicyType']}:{p['PolicyName']}",
                key=f"policy:{p['PolicyType']}:{p['PolicyName']}",
            )
            for p in attached
        ]

    def users(found: list[dict[str, Any]]) -> list[Job]:
        follow: list[Job] = []
        for user in found:
            name = user["UserName"]
            follow += api.each(_RAM_USER_DETAILS, [name])
            follow.append(api.job(_ACCESS_KEYS, name, item=name, follow=last_used(name)))
            follow.append(api.job(_USER_POLICIES, name, item=name, follow=policies))
        return follow

    def attached(call: Call, name_key: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        """Roles and groups: one ListPoliciesFor{Role,Group} each, then GetPolicy (shared) per policy."""
        return lambda found: [
            api.job(call, e[name_key], item=e[name_key], follow=policies) for e in found if e.get(name_key)
        ]

    def groups(found: list[dict[str, Any]]) -> list[Job]:
        """Per group: its attachments (then GetPolicy) and its members (ListUsersForGroup)."""
        named = [g["GroupName"] for g in found if g.get("GroupName")]
        return attached(_GROUP_POLICIES, "GroupName")(found) + api.each([_GROUP_USERS], named)

    return [
        api.job(Call("ListUsers", "ram.users", ram.list_users), follow=users),
        api.job(Call("ListRoles", "ram.roles", ram.list_roles), follow=attached(_ROLE_POLICIES, "RoleName")),
        api.job(Call("ListGroups", "ram.groups", ram.list_groups), follow=groups),
        api.job(Call("GetPasswordPolicy", "ram.password_policy", ram.get_password_policy)),
    ]


# --- IMS: the root account ----------------------------------------------------------------------


def _ims(clients: Clients, home: str) -> list[Job]:
    api = Product(clients, "ims", GLOBAL, endpoint=home)
    return [
        api.job(Call("GetAccountMFAInfo", "ims.account_mfa", ims.get_account_mfa_info)),
        api.job(
            Call(
                "GetAccountSecurityPracticeReport",
                "ims.security_report",
                ims.get_account_security_practice_report,
            )
        ),
    ]


# --- OSS -------------------------------------------------------------------------------------

_OSS_DETAILS = (
    Call("GetBucketAcl", "oss.acl", oss.get_acl),
    Call("GetBucketPolicy", "oss.policy", oss.get_policy),
    Call("GetBucketPublicAccessBlock", "oss.public_access_block", oss.get_public_access_block),
    Call("GetBucketEncryption", "oss.encryption", oss.get_encryption),
    Call("GetBucketVersioning", "oss.versioning", oss.get_versioning),
    Call("GetBucketLogging", "oss.logging", oss.get_logging),
)


def _oss(clients: Clients, home: str, regions: set[str] | None) -> list[Job]:
    def listing(client: Any) -> dict[str, Any]:
        found = oss.list_buckets(client)
        kept = [b for b in found["Buckets"] if regions is None or bucket_region(b) in regions]
        return {"Buckets": kept, "Owner": found["Owner"]}

    def details(kept: dict[str, Any]) -> list[Job]:
        # per-bucket calls go to, and are filed under, the bucket's own region
        return [
            job
            for b in kept["Buckets"]
            for job in Product(clients, "oss", bucket_region(b)).each(_OSS_DETAILS, [b["Name"]])
        ]

    api = Product(clients, "oss", GLOBAL, endpoint=home)
    return [api.job(Call("ListBuckets", "oss.buckets", listing), follow=details)]


def account_jobs(clients: Clients, home: str, regions: set[str] | None) -> list[Job]:
    return [
        *_ram(clients, home),
        *_ims(clients, home),
        *_oss(clients, home, regions),
        *_actiontrail(clients, home),
        *_sas(clients, home),
    ]
