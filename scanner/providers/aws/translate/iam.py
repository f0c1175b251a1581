"""IAM into principals (users, roles, the root user), bindings (attached and inline policies) and the
account password policy.

MFA, console access and access keys come from the credential report (one call
for every user instead of three per user); policies, groups and their documents
from ``GetAccountAuthorizationDetails``. A binding is one policy granted to one
user, group or role, so ``admin`` names who holds ``*`` on ``*``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import AccessKey, IamBinding, IamPrincipal, PasswordPolicy
from scanner.providers.aws import link
from scanner.providers.aws.raw import AccountRaw
from scanner.providers.aws.translate.common import base, days_since, jsonable
from scanner.rules.policy_document import grants_everything

ROOT = "<root_account>"
KINDS = (
    ("user", "UserDetailList", "UserName"),
    ("group", "GroupDetailList", "GroupName"),
    ("role", "RoleDetailList", "RoleName"),
)
INLINE_KEYS = {"user": "UserPolicyList", "group": "GroupPolicyList", "role": "RolePolicyList"}


def _documents(raw: AccountRaw) -> dict[str, Any]:
    """Customer managed policy ARN -> its default version's document."""
    found = {}
    for policy in (raw.authorization or {}).get("Policies", []) or []:
        for version in policy.get("PolicyVersionList", []) or []:
            if version.get("IsDefaultVersion"):
                found[policy["Arn"]] = link.document(version.get("Document"))
    return found


def _keys(row: dict[str, str], arn: str, now: datetime) -> tuple[AccessKey, ...]:
    keys = []
    for n in ("1", "2"):
        rotated = row.get(f"access_key_{n}_last_rotated", "N/A")
        if row.get(f"access_key_{n}_active") != "true" and rotated in ("N/A", "", None):
            continue
        used = row.get(f"access_key_{n}_last_used_date")
        keys.append(
            AccessKey(
                id=f"{arn}#access_key_{n}",
                active=row.get(f"access_key_{n}_active") == "true",
                created_at=rotated if rotated not in ("N/A", "") else None,
                last_used_at=used if used and used[0].isdigit() else None,
                age_days=days_since(rotated, now),
                unused_days=days_since(used, now) if used and used[0].isdigit() else None,
            )
        )
    return tuple(keys)


def bindings(raw: AccountRaw) -> list[IamBinding]:
    if raw.authorization is None:
        return []
    documents = _documents(raw)
    out = []
    for kind, key, name_key in KINDS:
        for entity in raw.authorization.get(key, []) or []:
            name, entity_arn = entity[name_key], entity["Arn"]
            member = f"{kind}:{name}"
            for attached in entity.get("AttachedManagedPolicies", []) or []:
                policy_arn = attached["PolicyArn"]
                admin = link.managed_policy_admin(policy_arn, documents)
                out.append(
                    IamBinding(
                        **base(
                            raw.account,
                            {},
                            "iam.GetAccountAuthorizationDetails",
                            id=f"{entity_arn}#attached/{policy_arn}",
                            name=f"{attached.get('PolicyName', policy_arn)} -> {member}",
                            region="global",
                            native=jsonable({"policy": attached, "document": documents.get(policy_arn)}),
                        ),
                        unknown=frozenset() if admin is not None else frozenset({"admin"}),
                        role=policy_arn,
                        members=(member,),
                        scope="account",
                        admin=admin,
                        public=False,
                    )
                )
            for inline in entity.get(INLINE_KEYS[kind], []) or []:
                doc = link.document(inline.get("PolicyDocument"))
                out.append(
                    IamBinding(
                        **base(
                            raw.account,
                            {},
                            "iam.GetAccountAuthorizationDetails",
                            id=f"{entity_arn}#inline/{inline['PolicyName']}",
                            name=f"{inline['PolicyName']} -> {member}",
                            region="global",
                            native=jsonable({"inline_policy": inline}),
                        ),
                        role=inline["PolicyName"],
                        members=(member,),
                        scope="account",
                        admin=grants_everything(doc),
                        public=False,
                    )
                )
    return out


def _admin_entities(raw: AccountRaw) -> dict[str, bool | None]:
    """Entity ARN -> holds ``*`` on ``*`` (directly, or for users through a group)."""
    documents = _documents(raw)
    verdicts: dict[str, bool | None] = {}
    groups: dict[str, bool | None] = {}
    for kind, key, name_key in KINDS:
        for entity in (raw.authorization or {}).get(key, []) or []:
            found: list[bool | None] = [
                link.managed_policy_admin(a["PolicyArn"], documents)
                for a in entity.get("AttachedManagedPolicies", []) or []
            ]
            found += [
                grants_everything(link.document(p.get("PolicyDocument")))
                for p in entity.get(INLINE_KEYS[kind], []) or []
            ]
            verdict = True if True in found else (None if None in found else False)
            verdicts[entity["Arn"]] = verdict
            if kind == "group":
                groups[entity[name_key]] = verdict
    for entity in (raw.authorization or {}).get("UserDetailList", []) or []:
        member_of = [groups.get(g) for g in entity.get("GroupList", []) or []]
        if True in member_of:
            verdicts[entity["Arn"]] = True
        elif None in member_of and verdicts.get(entity["Arn"]) is False:
            verdicts[entity["Arn"]] = None
    return verdicts


def principals(raw: AccountRaw, now: datetime) -> list[IamPrincipal]:
    report = {row.get("arn", ""): row for row in raw.credential_report or []}
    admins = _admin_entities(raw)
    out = []
    users = (raw.authorization or {}).get("UserDetailList", []) if raw.authorization is not None else None
    if users is None:  # no authorization details: the report still names every user
        users = [
            {"UserName": r["user"], "Arn": r["arn"]}
            for r in raw.credential_report or []
            if r.get("user") != ROOT
        ]
    for user in users:
        arn = user["Arn"]
        row = report.get(arn)
        unknown = set() if row is not None else {"mfa", "console_access", "access_keys"}
        if arn not in admins or admins[arn] is None:
            unknown.add("admin")
        if raw.authorization is None:  # GroupList (UserDetail) comes with the authorization details
            unknown.add("groups")
        out.append(
            IamPrincipal(
                **base(
                    raw.account,
                    user,
                    "iam.GetCredentialReport",
                    id=arn,
                    name=user["UserName"],
                    region="global",
                    native=jsonable({"user": user, "credential_report": row}),
                ),
                unknown=frozenset(unknown),
                principal_type="user",
                console_access=row.get("password_enabled") == "true" if row else None,
                mfa=row.get("mfa_active") == "true" if row else None,
                admin=admins.get(arn),
                access_keys=_keys(row, arn, now) if row else (),
                password_last_used_days=days_since(row.get("password_last_used"), now) if row else None,
                groups=tuple(sorted(user.get("GroupList", []) or [])),
            )
        )
    for role in (raw.authorization or {}).get("RoleDetailList", []) or []:
        out.append(
            IamPrincipal(
                **base(
                    raw.account,
                    role,
                    "iam.GetAccountAuthorizationDetails",
                    id=role["Arn"],
                    name=role["RoleName"],
                    region="global",
                    native=jsonable({"role": role}),
                ),
                unknown=frozenset() if admins.get(role["Arn"]) is not None else frozenset({"admin"}),
                principal_type="role",
                admin=admins.get(role["Arn"]),
            )
        )
    out += _root(raw, now)
    return out


def _root(raw: AccountRaw, now: datetime) -> list[IamPrincipal]:
    row = next((r for r in raw.credential_report or [] if r.get("user") == ROOT), None)
    summary = raw.account_summary
    if row is None and summary is None:
        return []
    arn = f"arn:{raw.partition}:iam::{raw.account}:root"
    if row is not None:
        mfa = row.get("mfa_active") == "true"
        keys = _keys(row, arn, now)
    else:
        assert summary is not None
        mfa = bool(summary.get("AccountMFAEnabled"))
        present = bool(summary.get("AccountAccessKeysPresent"))
        keys = (AccessKey(id=f"{arn}#access_key", active=True),) if present else ()
    return [
        IamPrincipal(
            **base(
                raw.account,
                {},
                "iam.GetCredentialReport",
                id=arn,
                name="root",
                region="global",
                native=jsonable({"credential_report": row, "account_summary": summary}),
            ),
            principal_type="root",
            console_access=True,
            mfa=mfa,
            access_keys=keys,
        )
    ]


def password_policies(raw: AccountRaw) -> list[PasswordPolicy]:
    if "password_policy" not in raw.account_settings:
        return []  # the call failed: no record rather than a policy that looks unset
    policy = raw.account_settings["password_policy"]
    common = base(
        raw.account,
        {},
        "iam.GetAccountPasswordPolicy",
        id=f"arn:{raw.partition}:iam::{raw.account}:account-password-policy",
        name="IAM password policy",
        region="global",
        native=jsonable({"configured": policy is not None, **(policy or {})}),
    )
    if policy is None:
        return [PasswordPolicy(**common)]
    max_age = policy.get("MaxPasswordAge")
    return [
        PasswordPolicy(
            **common,
            min_length=policy.get("MinimumPasswordLength"),
            require_uppercase=bool(policy.get("RequireUppercaseCharacters", False)),
            require_lowercase=bool(policy.get("RequireLowercaseCharacters", False)),
            require_numbers=bool(policy.get("RequireNumbers", False)),
            require_symbols=bool(policy.get("RequireSymbols", False)),
            max_age_days=int(max_age) if policy.get("ExpirePasswords") and max_age else 0,
            reuse_prevention=policy.get("PasswordReusePrevention"),
        )
    ]
