"""RAM users, the policies attached to users, roles and groups, and the password policy into IAM records.

* ``console_access``: the user has a login profile (GetLoginProfile).
* ``mfa``: GetUserMFAInfo returned a device (any kind: virtual, U2F ...).
* ``admin``: a policy attached to the user, or to a group the user is in, allows ``*`` on ``*``
  (RAM grants a user its groups' policies); the groups it comes through are ``native.admin_via``.
* ``groups``: the groups the user is in (ListUsersForGroup per group, :mod:`.groups`).
* one ``iam_binding`` per attachment to a user, a role or a group (ListPoliciesForUser,
  ListPoliciesForRole, ListPoliciesForGroup), members ``user:NAME``, ``role:NAME``, ``group:NAME``;
  a group's binding also names each member user as ``user:NAME (via group:GROUP)``.
* access keys carry their age and, where GetAccessKeyLastUsed answered, days unused.
Ages are whole days before ``now``, passed in so the function stays pure.

The root (main) account is one more principal, ``principal_type="root"``, from the two
IMS calls that describe it (:func:`root`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import AccessKey, IamBinding, IamPrincipal, PasswordPolicy
from scanner.providers.alibaba.translate.common import (
    MISSING,
    days_between,
    origin,
    parse_time,
    truthy,
)
from scanner.providers.alibaba.translate.groups import via
from scanner.rules.policy_document import grants_everything


def policy_document(policy: dict[str, Any]) -> Any:
    """The default version's document from a GetPolicy answer."""
    return (policy.get("DefaultPolicyVersion") or {}).get("PolicyDocument")


def access_key(raw: dict[str, Any], last_used: Any, now: datetime) -> AccessKey:
    created = parse_time(raw.get("CreateDate"))
    used_at = (
        None
        if last_used in (MISSING, None)
        else (last_used.get("AccessKeyLastUsed") or {}).get("LastUsedDate")
    )
    used = parse_time(used_at)
    return AccessKey(
        id=raw["AccessKeyId"],
        active=str(raw.get("Status", "Active")) == "Active",
        created_at=raw.get("CreateDate"),
        last_used_at=used_at,
        age_days=days_between(created, now),
        unused_days=days_between(used or created, now) if last_used is not MISSING else None,
    )


def user(
    account: str,
    raw: dict[str, Any],
    now: datetime,
    *,
    detail: Any = MISSING,
    login_profile: Any = MISSING,
    mfa: Any = MISSING,
    keys: Any = MISSING,
    key_last_used: dict[str, Any] | None = None,
    policies: Any = MISSING,
    documents: dict[str, Any] | None = None,
    groups: Any = MISSING,
    group_admin: dict[str, bool | None] | None = None,
    maybe_admin: bool = False,
) -> IamPrincipal:
    """``documents`` maps ``Type:Name`` to a policy document; ``policies`` are the attachments.

    ``groups``: the names of the groups the user is in (``MISSING`` when not known);
    ``group_admin``: for each of them, whether its policies grant everything (``None``: not known);
    ``maybe_admin``: a group whose members could not be read grants, or may grant, everything.
    """
    unknown: set[str] = set()
    native: dict[str, Any] = {"user": raw}
    console = None if login_profile is MISSING else login_profile is not None
    if console is None:
        unknown.add("console_access")
    has_mfa = None if mfa is MISSING else mfa is not None and bool(mfa.get("MFADevice"))
    if has_mfa is None:
        unknown.add("mfa")
    admin = None
    if policies is MISSING:
        unknown.add("admin")
    else:
        docs = documents or {}
        found = [docs.get(f"{p.get('PolicyType')}:{p.get('PolicyName')}", MISSING) for p in policies]
        admin = any(d is not MISSING and grants_everything(d) for d in found)
        if not admin and any(d is MISSING for d in found):
            admin = None
            unknown.add("admin")
        native["policies"] = [f"{p.get('PolicyType')}:{p.get('PolicyName')}" for p in policies]
    admin = _through_groups(admin, group_admin or {}, maybe_admin, native, unknown)
    if groups is MISSING:
        unknown.add("groups")
    access_keys: tuple[AccessKey, ...] = ()
    if keys is MISSING:
        unknown.add("access_keys")
    else:
        used = key_last_used or {}
        access_keys = tuple(access_key(k, used.get(k["AccessKeyId"], MISSING), now) for k in keys)
    last_login = None if detail is MISSING else (detail.get("User") or {}).get("LastLoginDate")
    if login_profile not in (MISSING, None):
        native["login_profile"] = login_profile.get("LoginProfile")
    name = raw["UserName"]
    return IamPrincipal(
        provider="alibaba",
        account=account,
        id=f"acs:ram::{account}:user/{name}",
        name=name,
        origin=origin("ram", "ListUsers"),
        unknown=frozenset(unknown),
        native=native,
        principal_type="user",
        console_access=console,
        mfa=has_mfa,
        admin=admin,
        access_keys=access_keys,
        password_last_used_days=days_between(parse_time(last_login), now) if last_login else None,
        groups=() if groups is MISSING else tuple(sorted(groups)),
    )


def _through_groups(
    admin: bool | None,
    group_admin: dict[str, bool | None],
    maybe: bool,
    native: dict[str, Any],
    unknown: set[str],
) -> bool | None:
    """``admin`` with the user's groups counted: a group granting everything makes the user an admin,
    one not known (or a group it may be in) leaves a user not admin on its own policies unknown."""
    through = sorted(g for g, granted in group_admin.items() if granted)
    if through:
        native["admin_via"] = [f"group:{g}" for g in through]
        unknown.discard("admin")
        return True
    if admin is False and (None in group_admin.values() or maybe):
        unknown.add("admin")
        return None
    return admin


def root(account: str, *, mfa_info: Any = MISSING, report: Any = MISSING) -> IamPrincipal | None:
    """The root account from GetAccountMFAInfo and GetAccountSecurityPracticeReport, or ``None``.

    * ``mfa``: ``IsMFAEnable``.
    * ``access_keys``: the report gives only a count, ``RootWithAccessKey`` ("the number of
      AccessKey pairs created for the account"; Alibaba Cloud says it should be 0), no key ids
      and no status. Each counted pair becomes a key ``root-access-key-<n>`` that is taken as
      active: CIS Alibaba Cloud 1.2 asks that no root key exists at all, so a disabled one is
      reported too rather than guessed away.
    """
    if mfa_info is MISSING and report is MISSING:
        return None
    unknown: set[str] = set()
    native: dict[str, Any] = {}
    has_mfa = None
    if mfa_info is not MISSING:
        has_mfa = truthy(mfa_info.get("IsMFAEnable"))
        native["mfa"] = {k: v for k, v in mfa_info.items() if k != "RequestId"}
    if has_mfa is None:
        unknown.add("mfa")
    keys: tuple[AccessKey, ...] = ()
    info = report.get("AccountSecurityPracticeInfo") if isinstance(report, dict) else None
    user_info = (info or {}).get("AccountSecurityPracticeUserInfo") or {}
    count = _int(user_info.get("RootWithAccessKey"))
    if count is None:
        unknown.add("access_keys")
    else:
        keys = tuple(AccessKey(id=f"root-access-key-{n}") for n in range(1, count + 1))
    if info:
        native["security_practice_report"] = info
    return IamPrincipal(
        provider="alibaba",
        account=account,
        id=f"acs:ram::{account}:root",
        name=account,
        origin=origin("ims", "GetAccountMFAInfo+GetAccountSecurityPracticeReport"),
        unknown=frozenset(unknown),
        native=native,
        principal_type="root",
        mfa=has_mfa,
        access_keys=keys,
    )


# principal type -> the call that lists its attachments
ATTACHMENT_CALLS = {
    "user": "ListPoliciesForUser",
    "role": "ListPoliciesForRole",
    "group": "ListPoliciesForGroup",
}


def bindings(
    account: str,
    user_name: str,
    policies: list[dict[str, Any]],
    documents: dict[str, Any],
    *,
    principal_type: str = "user",
    group_members: tuple[str, ...] = (),
) -> list[IamBinding]:
    """One ``iam_binding`` per policy attached to the user (or role, or group) ``user_name``.

    ``principal_type`` is ``user``, ``role`` or ``group``: it names the member (``role:deploy``)
    and the id (``acs:ram::ACCOUNT:role/deploy#System:AdministratorAccess``), as RAM's own ARNs do.
    ``group_members``: a group's users, named after the group as ``user:NAME (via group:GROUP)``.
    """
    members = (f"{principal_type}:{user_name}", *(via(u, user_name) for u in sorted(group_members)))
    out = []
    for p in policies:
        key = f"{p.get('PolicyType')}:{p.get('PolicyName')}"
        document = documents.get(key, MISSING)
        out.append(
            IamBinding(
                provider="alibaba",
                account=account,
                id=f"acs:ram::{account}:{principal_type}/{user_name}#{key}",
                name=f"{p.get('PolicyName')} -> {principal_type} {user_name}"
                if principal_type != "user"
                else f"{p.get('PolicyName')} -> {user_name}",
                origin=origin("ram", ATTACHMENT_CALLS[principal_type]),
                unknown=frozenset() if document is not MISSING else frozenset({"admin"}),
                native={"attachment": p},
                role=str(p.get("PolicyName")),
                members=members,
                scope=account,
                admin=None if document is MISSING else grants_everything(document),
                public=False,
            )
        )
    return out


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or str(value).isdigit() else None


def password_policy(account: str, answer: dict[str, Any]) -> PasswordPolicy:
    raw = answer.get("PasswordPolicy") or {}
    return PasswordPolicy(
        provider="alibaba",
        account=account,
        id=f"acs:ram::{account}:password-policy",
        name="RAM password policy",
        origin=origin("ram", "GetPasswordPolicy"),
        native=raw,
        min_length=_int(raw.get("MinimumPasswordLength")),
        require_uppercase=raw.get("RequireUppercaseCharacters"),
        require_lowercase=raw.get("RequireLowercaseCharacters"),
        require_numbers=raw.get("RequireNumbers"),
        require_symbols=raw.get("RequireSymbols"),
        max_age_days=_int(raw.get("MaxPasswordAge")),
        reuse_prevention=_int(raw.get("PasswordReusePrevention")),
        max_login_attempts=_int(raw.get("MaxLoginAttemps")),
    )
