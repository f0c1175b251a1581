"""``google_project_iam_member``/``_binding``/``_policy`` -> iam_binding records, and the members' principals.

As live, every member named in the project's IAM resources becomes one
iam_principal with every role it holds on that project in the code (so
separation-of-duties policies see roles granted by different resources). The
principal comes with the first resource (in the code's order) that names the
member; its roles are unknown when a grant of the project has an unknown role or
member list, since the unknown part might name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    IamBinding,
    IamPrincipal,
    Resource,
)
from scanner.providers.gcp.link import (
    BASIC_ROLES,
    PUBLIC_MEMBERS,
)
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.terraform.grants import policy_bindings
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    known_list,
    record,
)
from scanner.sources.terraform.translate.context import TfContext


def _binding(res: TfResource, ctx: TfContext, role: Any, members: Any, suffix: str = "") -> Resource:
    project = account_of(res, ctx)
    f = Fields()
    f.set("role", role)
    if is_unknown(role) or role is None:
        f.values["role"] = ""  # a required field: unknown, or left out of an invalid configuration
    f.set("members", members, tuple)
    f.set("scope", project, lambda p: f"projects/{p}")
    f.set("primitive", role, lambda r: r in BASIC_ROLES)
    known = known_list(members)
    is_public = any(m in PUBLIC_MEMBERS for m in known)
    f.set("public", UNKNOWN if has_unknown(members) and not is_public else is_public)
    return record(IamBinding, res, provider="gcp", account=project, name=role, fields=f, suffix=suffix)


def project_iam_member(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield _binding(res, ctx, res.get("role"), [res.get("member")])
    yield from _principals(res, ctx)


def project_iam_binding(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    members = res.get("members")
    yield _binding(res, ctx, res.get("role"), UNKNOWN if is_unknown(members) else members or [])
    yield from _principals(res, ctx)


def project_iam_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    bindings = policy_bindings(res.get("policy_data"))
    if bindings is None:
        yield _binding(res, ctx, UNKNOWN, UNKNOWN)
        return
    for index, item in enumerate(bindings):
        yield _binding(res, ctx, item.get("role"), item.get("members") or [], str(index))
    yield from _principals(res, ctx)


PROJECT_IAM_TYPES = ("google_project_iam_member", "google_project_iam_binding", "google_project_iam_policy")
_MEMBER_TYPES = {"user": "user", "serviceAccount": "service_account", "group": "group", "domain": "group"}


def _grants(res: TfResource) -> list[tuple[Any, list[Any]]]:
    """(role, members) pairs one project IAM resource grants."""
    if res.type == "google_project_iam_member":
        return [(res.get("role"), [res.get("member")])]
    if res.type == "google_project_iam_binding":
        members = res.get("members")
        return [(res.get("role"), members if isinstance(members, list) else [UNKNOWN])]
    bindings = policy_bindings(res.get("policy_data"))
    if bindings is None:
        return [(UNKNOWN, [UNKNOWN])]
    return [(b.get("role"), b.get("members") or []) for b in bindings]


def _principals(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    project = account_of(res, ctx)
    roles: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    unknown = False
    for other in ctx.of_type(*PROJECT_IAM_TYPES):
        if account_of(other, ctx) != project:
            continue
        for role, members in _grants(other):
            for member in members:
                if has_unknown(role) or has_unknown(member) or not isinstance(member, str):
                    unknown = True
                    continue
                roles.setdefault(member, set()).add(str(role))
                first.setdefault(member, other.address)
    for member, held in sorted(roles.items()):
        if first[member] != res.address or member in PUBLIC_MEMBERS:
            continue
        f = Fields()
        if unknown:
            f.mark_unknown("roles")
        else:
            f.set("roles", tuple(sorted(held)))
        kind = member.removeprefix("deleted:").split(":", 1)[0]
        f.set("principal_type", _MEMBER_TYPES.get(kind, "group"))
        yield record(
            IamPrincipal,
            res,
            provider="gcp",
            account=project,
            name=member.split(":", 1)[-1],
            fields=f,
            suffix=f"member={member}",
        )
