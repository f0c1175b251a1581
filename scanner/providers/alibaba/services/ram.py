"""RAM: users, their console login, MFA, access keys and attached policies; the password policy.

``GetLoginProfile`` and ``GetUserMFAInfo`` answer "none" with an error
(``EntityNotExist.User.LoginProfile``, ``EntityNotExist.User.MFADevice``): those
two codes are turned into ``None`` here, every other error propagates.
"""

from __future__ import annotations

from typing import Any

from alibabacloud_ram20150501 import models

from scanner.providers.alibaba.errors import error_info
from scanner.providers.alibaba.services.base import call, dig

NO_LOGIN_PROFILE = "EntityNotExist.User.LoginProfile"
NO_MFA_DEVICE = "EntityNotExist.User.MFADevice"


def _models() -> Any:
    return models


def list_users(client: Any) -> list[dict[str, Any]]:
    m = _models()
    users: list[dict[str, Any]] = []
    marker: str | None = None
    while True:
        request = m.ListUsersRequest(marker=marker, max_items=100)
        body = call(lambda request=request: client.list_users(request))
        users.extend(dig(body, "Users", "User"))
        marker = body.get("Marker") if body.get("IsTruncated") else None
        if not marker:
            return users


def get_user(client: Any, user: str) -> dict[str, Any]:
    return call(lambda: client.get_user(_models().GetUserRequest(user_name=user)))


def _absent_as_none(fn: Any, code: str) -> dict[str, Any] | None:
    try:
        return call(fn)
    except Exception as exc:
        if error_info(exc).code == code:
            return None
        raise


def get_login_profile(client: Any, user: str) -> dict[str, Any] | None:
    request = _models().GetLoginProfileRequest(user_name=user)
    return _absent_as_none(lambda: client.get_login_profile(request), NO_LOGIN_PROFILE)


def get_mfa_info(client: Any, user: str) -> dict[str, Any] | None:
    request = _models().GetUserMFAInfoRequest(user_name=user)
    return _absent_as_none(lambda: client.get_user_mfainfo(request), NO_MFA_DEVICE)


def list_access_keys(client: Any, user: str) -> list[dict[str, Any]]:
    body = call(lambda: client.list_access_keys(_models().ListAccessKeysRequest(user_name=user)))
    return dig(body, "AccessKeys", "AccessKey")


def access_key_last_used(client: Any, user: str, key_id: str) -> dict[str, Any]:
    request = _models().GetAccessKeyLastUsedRequest(user_name=user, user_access_key_id=key_id)
    return call(lambda: client.get_access_key_last_used(request))


def list_policies_for_user(client: Any, user: str) -> list[dict[str, Any]]:
    body = call(lambda: client.list_policies_for_user(_models().ListPoliciesForUserRequest(user_name=user)))
    return dig(body, "Policies", "Policy")


def get_policy(client: Any, name: str, policy_type: str) -> dict[str, Any]:
    """The policy with its default version's document (``DefaultPolicyVersion.PolicyDocument``)."""
    request = _models().GetPolicyRequest(policy_name=name, policy_type=policy_type)
    return call(lambda: client.get_policy(request))


def get_password_policy(client: Any) -> dict[str, Any]:
    return call(lambda: client.get_password_policy())
