"""IAM users, policy attachments, inline policies and the account password policy (``aws_iam_*``) ->
IAM records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    AccessKey,
    IamBinding,
    IamPrincipal,
    PasswordPolicy,
    Resource,
)
from scanner.providers.aws.terraform.common import as_list, base_fields
from scanner.rules.policy_document import grants_everything
from scanner.sources.terraform.model import UNKNOWN, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    policy_document,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext, Translator

ADMIN_POLICY_ARNS = frozenset({"arn:aws:iam::aws:policy/AdministratorAccess"})


def _name(ctx: TfContext, val: Any) -> Any:
    """The ``name`` of a referenced resource, or the literal."""
    target = ctx.target(val)
    if target is not None:
        res = ctx.get(target)
        found = res.get("name") if res is not None else None
        return found if isinstance(found, str) else UNKNOWN
    return val


def _policy_admin(ctx: TfContext, arn: Any) -> Any:
    target = ctx.target(arn, "aws_iam_policy")
    if target is not None:
        policy = ctx.get(target)
        doc = policy_document(policy.get("policy")) if policy is not None else UNKNOWN
        return UNKNOWN if doc is UNKNOWN else grants_everything(doc)
    if is_unknown(arn):
        return UNKNOWN
    if arn in ADMIN_POLICY_ARNS:
        return True
    if isinstance(arn, str) and arn.startswith("arn:aws:iam::aws:policy/"):
        return False  # AWS managed policies other than AdministratorAccess
    return UNKNOWN


def _verdict(verdicts: list[Any], f: Fields) -> None:
    if any(v is True for v in verdicts):
        f.set("admin", True)
    elif any(v is UNKNOWN for v in verdicts):
        f.mark_unknown("admin")
    else:
        f.set("admin", False)


def iam_user(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("principal_type", "user")
    f.set("console_access", bool(ctx.companions(res.address, "aws_iam_user_login_profile", via="user")))
    f.mark_unknown("mfa")  # MFA devices are enrolled by the user, rarely in Terraform
    verdicts = [
        _policy_admin(ctx, a.get("policy_arn"))
        for a in ctx.companions(res.address, "aws_iam_user_policy_attachment", via="user")
    ]
    verdicts += [
        UNKNOWN if (d := policy_document(p.get("policy"))) is UNKNOWN else grants_everything(d)
        for p in ctx.companions(res.address, "aws_iam_user_policy", via="user")
    ]
    for shared in ctx.of_type("aws_iam_policy_attachment"):
        users = as_list(shared.get("users"))
        if any(reference(ctx, u, "aws_iam_user") in (res.address, res.get("name")) for u in users):
            verdicts.append(_policy_admin(ctx, shared.get("policy_arn")))
    _verdict(verdicts, f)
    keys = [
        # status: "Defaults to `Active`" (aws_iam_access_key docs)
        AccessKey(id=k.address, active=value(k, "status", "Active") != "Inactive")
        for k in ctx.companions(res.address, "aws_iam_access_key", via="user")
    ]
    f.set("access_keys", tuple(keys))
    yield record(IamPrincipal, res, **base_fields(ctx), fields=f, tags=res.get("tags"))


def attachment(kind: str, key: str, inline: bool = False) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        f = Fields()
        member = _name(ctx, res.get(key))
        if is_unknown(member) or member is None:
            f.mark_unknown("members")
        else:
            f.set("members", (f"{kind}:{member}",))
        if inline:
            doc = policy_document(res.get("policy"))
            f.set("role", res.get("name") if isinstance(res.get("name"), str) else res.name)
            f.set("admin", None if doc is UNKNOWN else grants_everything(doc))
            if doc is UNKNOWN:
                f.mark_unknown("admin")
        else:
            arn = res.get("policy_arn")
            f.set(
                "role", arn if isinstance(arn, str) else (reference(ctx, arn, "aws_iam_policy") or "unknown")
            )
            admin = _policy_admin(ctx, arn)
            f.set("admin", admin)
        f.set("public", False)
        f.set("scope", "account")
        yield record(IamBinding, res, **base_fields(ctx), fields=f)

    return translate


def iam_policy_attachment(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """``aws_iam_policy_attachment`` grants one policy to lists of users, roles and groups."""
    f = Fields()
    members: list[str] = []
    for kind, key in (("user", "users"), ("role", "roles"), ("group", "groups")):
        val = res.get(key)
        if is_unknown(val):
            f.mark_unknown("members")
        for item in as_list(val):
            name = _name(ctx, item)
            if is_unknown(name):
                f.mark_unknown("members")
            elif isinstance(name, str):
                members.append(f"{kind}:{name}")
    if "members" not in f.unknown:
        f.set("members", tuple(members))
    arn = res.get("policy_arn")
    f.set("role", arn if isinstance(arn, str) else (reference(ctx, arn, "aws_iam_policy") or "unknown"))
    f.set("admin", _policy_admin(ctx, arn))
    f.set("public", False)
    f.set("scope", "account")
    yield record(IamBinding, res, **base_fields(ctx), fields=f)


def iam_account_password_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """The provider documents no defaults; unset fields take the IAM API's
    (UpdateAccountPasswordPolicy reference): minimum length 6, character classes not
    required, no expiry (0), no reuse prevention (0)."""
    f = Fields()
    for field, key, default in (
        ("min_length", "minimum_password_length", 6),
        ("max_age_days", "max_password_age", 0),
        ("reuse_prevention", "password_reuse_prevention", 0),
    ):
        f.set(field, value(res, key, default), int)
    for field, key in (
        ("require_uppercase", "require_uppercase_characters"),
        ("require_lowercase", "require_lowercase_characters"),
        ("require_numbers", "require_numbers"),
        ("require_symbols", "require_symbols"),
    ):
        f.set(field, as_bool(value(res, key, False)))
    yield record(PasswordPolicy, res, **base_fields(ctx), name="IAM password policy", fields=f)
