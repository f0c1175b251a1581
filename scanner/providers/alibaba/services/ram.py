"""RAM: users, their console login, MFA, access keys and attached policies; roles and groups with
their attached policies; the users in each group; the password policy.

ListUsers, ListRoles, ListGroups and ListUsersForGroup page with ``Marker``/``IsTruncated``
(``MaxItems`` up to 100 for groups, 1000 for roles and group members; 100 is asked for all).
ListPoliciesFor{User,Role,Group} do not page. ListUsersForGroup (API reference:
https://help.aliyun.com/document_detail/28708.html) takes ``GroupName`` and answers
``Users.User[]`` (``UserName``, ``DisplayName``, ``JoinDate``).

``GetLoginProfile`` and ``GetUserMFAInfo`` answer "none" with an error
(``EntityNotExist.User.LoginProfile``, ``EntityNotExist.User.MFADevice``): those
two codes are turned into ``None`` here, every other error propagates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alibabacloud_ram20150501 import models as m

from scanner.providers.alibaba.services.base import absent_as_none, dig, single

NO_LOGIN_PROFILE = "EntityNotExist.User.LoginProfile"
NO_MFA_DEVICE = "EntityNotExist.User.MFADevice"


def _marked(
    method: Callable[..., Any], request_cls: Callable[..., Any], *path: str, **params: Any
) -> list[dict[str, Any]]:
    """Marker/IsTruncated paging: ask again with the returned ``Marker`` while the answer is truncated."""
    found: list[dict[str, Any]] = []
    marker: str | None = None
    while True:
        body = single(method, request_cls(marker=marker, max_items=100, **params))
        found.extend(dig(body, *path))
        marker = body.get("Marker") if body.get("IsTruncated") else None
        if not marker:
            return found


def list_users(client: Any) -> list[dict[str, Any]]:
    return _marked(client.list_users, m.ListUsersRequest, "Users", "User")


def list_roles(client: Any) -> list[dict[str, Any]]:
    return _marked(client.list_roles, m.ListRolesRequest, "Roles", "Role")


def list_groups(client: Any) -> list[dict[str, Any]]:
    return _marked(client.list_groups, m.ListGroupsRequest, "Groups", "Group")


def list_users_for_group(client: Any, group: str) -> list[dict[str, Any]]:
    """The members of ``group``, every page."""
    return _marked(client.list_users_for_group, m.ListUsersForGroupRequest, "Users", "User", group_name=group)


def get_user(client: Any, user: str) -> dict[str, Any]:
    return single(client.get_user, m.GetUserRequest(user_name=user))


def get_login_profile(client: Any, user: str) -> dict[str, Any] | None:
    request = m.GetLoginProfileRequest(user_name=user)
    return absent_as_none(lambda: single(client.get_login_profile, request), NO_LOGIN_PROFILE)


def get_mfa_info(client: Any, user: str) -> dict[str, Any] | None:
    request = m.GetUserMFAInfoRequest(user_name=user)
    return absent_as_none(lambda: single(client.get_user_mfainfo, request), NO_MFA_DEVICE)


def list_access_keys(client: Any, user: str) -> list[dict[str, Any]]:
    return dig(
        single(client.list_access_keys, m.ListAccessKeysRequest(user_name=user)), "AccessKeys", "AccessKey"
    )


def access_key_last_used(client: Any, user: str, key_id: str) -> dict[str, Any]:
    return single(
        client.get_access_key_last_used,
        m.GetAccessKeyLastUsedRequest(user_name=user, user_access_key_id=key_id),
    )


def list_policies_for_user(client: Any, user: str) -> list[dict[str, Any]]:
    body = single(client.list_policies_for_user, m.ListPoliciesForUserRequest(user_name=user))
    return dig(body, "Policies", "Policy")


def list_policies_for_role(client: Any, role: str) -> list[dict[str, Any]]:
    body = single(client.list_policies_for_role, m.ListPoliciesForRoleRequest(role_name=role))
    return dig(body, "Policies", "Policy")


def list_policies_for_group(client: Any, group: str) -> list[dict[str, Any]]:
    body = single(client.list_policies_for_group, m.ListPoliciesForGroupRequest(group_name=group))
    return dig(body, "Policies", "Policy")


def get_policy(client: Any, name: str, policy_type: str) -> dict[str, Any]:
    """The policy with its default version's document (``DefaultPolicyVersion.PolicyDocument``)."""
    return single(client.get_policy, m.GetPolicyRequest(policy_name=name, policy_type=policy_type))


def get_password_policy(client: Any) -> dict[str, Any]:
    return single(client.get_password_policy)
