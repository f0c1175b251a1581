"""RAM users, policy attachments and the account password policy (``alicloud_ram_*``) -> IAM records."""

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
from scanner.providers.alibaba.terraform.common import as_int, attachment_name, base_fields, first_of
from scanner.providers.alibaba.terraform.groups import membership
from scanner.providers.alibaba.terraform.ram_policies import attached_document, custom_policy
from scanner.providers.alibaba.translate.groups import via
from scanner.rules.policy_document import grants_everything
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext, Translator

# RAM system policies that grant every action on every resource.
ADMIN_SYSTEM_POLICIES = frozenset({"AdministratorAccess"})


def _policy_admin(ctx: TfContext, name: Any, kind: Any) -> Any:
    """True/False when the attached policy is known to grant everything or not; ``UNKNOWN`` otherwise."""
    if custom_policy(ctx, name) is not None:
        doc = attached_document(ctx, name, kind)
        return UNKNOWN if doc is UNKNOWN else grants_everything(doc)
    if is_unknown(name) or is_unknown(kind):
        return UNKNOWN
    if str(kind or "").lower() == "system":
        return name in ADMIN_SYSTEM_POLICIES
    return UNKNOWN  # a custom policy defined outside the scanned code


def ram_user(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    profiles = ctx.companions(res.address, "alicloud_ram_login_profile", via="user_name")
    f.set("principal_type", "user")
    f.set("console_access", bool(profiles))
    f.mark_unknown("mfa")  # MFA devices are bound by the user, not in Terraform
    verdicts = [
        _policy_admin(ctx, a.get("policy_name"), a.get("policy_type"))
        for a in ctx.companions(res.address, "alicloud_ram_user_policy_attachment", via="user_name")
    ]
    members, name = membership(ctx), first_of(res, "name", "user_name")
    belongs = members.groups_of(name) if isinstance(name, str) else ()
    if members.complete and isinstance(name, str):
        f.set("groups", belongs)
    else:
        f.mark_unknown("groups")
    through = {g: _group_admin(ctx, g) for g in belongs}
    extra: dict[str, Any] = {}
    if any(v is True for v in verdicts + list(through.values())):
        f.set("admin", True)
        extra["admin_via"] = [f"group:{g}" for g, v in sorted(through.items()) if v is True]
    elif any(v is UNKNOWN for v in verdicts + list(through.values())) or not members.complete:
        f.mark_unknown("admin")
    else:
        f.set("admin", False)
    keys = []
    for key in ctx.companions(res.address, "alicloud_ram_access_key", via="user_name"):
        status = value(key, "status", "Active")  # "Default to `Active`" (alicloud_ram_access_key docs)
        keys.append(AccessKey(id=key.address, active=is_unknown(status) or status == "Active"))
    f.set("access_keys", tuple(keys))
    prefs = ctx.of_type("alicloud_ram_security_preference")
    if prefs:
        extra["security_preference"] = {k: v for k, v in prefs[0].values.items() if not has_unknown(v)}
    yield record(
        IamPrincipal, res, **base_fields(res, ctx), name=res.get("name"), fields=f, extra_native=extra
    )


def _group_admin(ctx: TfContext, group: str) -> Any:
    """True/False/``UNKNOWN``: do the alicloud_ram_group_policy_attachment of ``group`` grant everything."""
    found = [
        _policy_admin(ctx, a.get("policy_name"), a.get("policy_type"))
        for a in ctx.of_type("alicloud_ram_group_policy_attachment")
        if attachment_name(ctx, a.get("group_name")) == group
    ]
    return True if True in found else UNKNOWN if any(v is UNKNOWN for v in found) else False


def ram_attachment(member_kind: str, member_key: str, target_type: str) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        f = Fields()
        name = attachment_name(ctx, res.get(member_key))
        policy = res.get("policy_name")
        policy_name = attachment_name(ctx, policy) if isinstance(policy, Ref) else policy
        f.set("role", policy_name if isinstance(policy_name, str) else "unknown")
        if name is None:
            f.mark_unknown("members")
        else:
            users = sorted(membership(ctx).members.get(name, ())) if member_kind == "group" else []
            f.set("members", (f"{member_kind}:{name}", *(via(u, name) for u in users)))
        admin = _policy_admin(ctx, policy, res.get("policy_type"))
        f.set("admin", admin)
        f.set("public", False)
        member = reference(ctx, res.get(member_key), target_type)
        yield record(
            IamBinding,
            res,
            **base_fields(res, ctx),
            name=f"{policy_name} -> {name}",
            fields=f,
            extra_native={"member": member},
        )

    return translate


def ram_account_password_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Defaults from the alicloud_ram_account_password_policy docs ("Empty resource sets defaults"):
    length 12, every character class required, max age 0, reuse prevention 0, 5 login attempts."""
    f = Fields()
    for field, key, default in (
        ("min_length", "minimum_password_length", 12),
        ("max_age_days", "max_password_age", 0),
        ("reuse_prevention", "password_reuse_prevention", 0),
        ("max_login_attempts", "max_login_attempts", 5),
    ):
        f.set(field, as_int(value(res, key, default)))
    for field, key in (
        ("require_uppercase", "require_uppercase_characters"),
        ("require_lowercase", "require_lowercase_characters"),
        ("require_numbers", "require_numbers"),
        ("require_symbols", "require_symbols"),
    ):
        f.set(field, as_bool(value(res, key, True)))
    prefs = ctx.of_type("alicloud_ram_security_preference")
    extra = (
        {"security_preference": {k: v for k, v in prefs[0].values.items() if not has_unknown(v)}}
        if prefs
        else {}
    )
    yield record(
        PasswordPolicy, res, **base_fields(res, ctx), name="RAM password policy", fields=f, extra_native=extra
    )


def ram_password_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """``alicloud_ram_password_policy`` (provider v1.247.0 and later, the successor of the account
    password policy resource). Its docs give no default for an argument left out, so such a field
    is unknown rather than assumed; note the provider's own spelling ``max_login_attemps``."""
    f = Fields()
    for field, key in (
        ("min_length", "minimum_password_length"),
        ("max_age_days", "max_password_age"),
        ("reuse_prevention", "password_reuse_prevention"),
        ("max_login_attempts", "max_login_attemps"),
    ):
        given = res.get(key)
        if given is None or has_unknown(given):
            f.mark_unknown(field)
        else:
            f.set(field, as_int(given))
    for field, key in (
        ("require_uppercase", "require_uppercase_characters"),
        ("require_lowercase", "require_lowercase_characters"),
        ("require_numbers", "require_numbers"),
        ("require_symbols", "require_symbols"),
    ):
        given = res.get(key)
        if given is None or has_unknown(given):
            f.mark_unknown(field)
        else:
            f.set(field, as_bool(given))
    yield record(PasswordPolicy, res, **base_fields(res, ctx), name="RAM password policy", fields=f)
