"""``google_{project,folder,organization}_iam_member``/``_binding``/``_policy`` -> iam_binding records.

Folder and organization bindings have the scope ``folders/<id>`` /
``organizations/<id>`` (``folder`` is written ``folders/{folder_id}``,
``org_id`` is the numeric id, provider docs) and that scope as their account:
a primitive role or a public member there reaches every project below.

Every member named in a project's IAM resources also becomes one iam_principal
with every role it holds on that project in the code, as live (so
separation-of-duties policies see roles granted by different resources). The
principal comes with the first resource (in the code's order) that names the
member; its roles are unknown when a grant of the project has an unknown role or
member list, since the unknown part might name it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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

Scope = Callable[[TfResource, TfContext], tuple[Any, Any]]
"""(account, scope) of a binding: the project and ``projects/<id>``, or a folder or organization."""


def _project_scope(res: TfResource, ctx: TfContext) -> tuple[Any, Any]:
    project = account_of(res, ctx)
    return project, UNKNOWN if is_unknown(project) else None if project is None else f"projects/{project}"


def _folder_scope(res: TfResource, ctx: TfContext) -> tuple[Any, Any]:
    folder = res.get("folder")
    if not isinstance(folder, str | int) or isinstance(folder, bool):
        return folder, folder
    name = str(folder) if str(folder).startswith("folders/") else f"folders/{folder}"
    return name, name


def _org_scope(res: TfResource, ctx: TfContext) -> tuple[Any, Any]:
    org = res.get("org_id")
    if not isinstance(org, str | int) or isinstance(org, bool):
        return org, org
    name = str(org) if str(org).startswith("organizations/") else f"organizations/{org}"
    return name, name


def _binding(
    res: TfResource,
    ctx: TfContext,
    role: Any,
    members: Any,
    suffix: str = "",
    scope_of: Scope = _project_scope,
) -> Resource:
    project, scope = scope_of(res, ctx)
    f = Fields()
    f.set("role", role)
    if is_unknown(role) or role is None:
        f.values["role"] = ""  # a required field: unknown, or left out of an invalid configuration
    f.set("members", members, tuple)
    f.set("scope", scope)
    f.set("primitive", role, lambda r: r in BASIC_ROLES)
    known = known_list(members)
    is_public = any(m in PUBLIC_MEMBERS for m in known)
    f.set("public", UNKNOWN if has_unknown(members) and not is_public else is_public)
    return record(IamBinding, res, provider="gcp", account=project, name=role, fields=f, suffix=suffix)


def _translators(scope_of: Scope) -> tuple[Callable[..., Iterator[Resource]], ...]:
    """The ``_member``, ``_binding`` and ``_policy`` translators for one kind of scope."""

    def member(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        yield _binding(res, ctx, res.get("role"), [res.get("member")], scope_of=scope_of)

    def binding(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        members = res.get("members")
        yield _binding(
            res, ctx, res.get("role"), UNKNOWN if is_unknown(members) else members or [], scope_of=scope_of
        )

    def policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        bindings = policy_bindings(res.get("policy_data"))
        if bindings is None:
            yield _binding(res, ctx, UNKNOWN, UNKNOWN, scope_of=scope_of)
            return
        for index, item in enumerate(bindings):
            yield _binding(res, ctx, item.get("role"), item.get("members") or [], str(index), scope_of)

    return member, binding, policy


_project_member, _project_binding, _project_policy = _translators(_project_scope)
folder_iam_member, folder_iam_binding, folder_iam_policy = _translators(_folder_scope)
organization_iam_member, organization_iam_binding, organization_iam_policy = _translators(_org_scope)


def project_iam_member(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield from _project_member(res, ctx)
    yield from _principals(res, ctx)


def project_iam_binding(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield from _project_binding(res, ctx)
    yield from _principals(res, ctx)


def project_iam_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield from _project_policy(res, ctx)
    yield from _principals(res, ctx)


PROJECT_IAM_TYPES = ("google_project_iam_member", "google_project_iam_binding", "google_project_iam_policy")
_MEMBER_TYPES = {"user": "user", "serviceAccount": "service_account", "group": "group", "domain": "group"}


def project_grants(res: TfResource) -> list[tuple[Any, list[Any]]]:
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
        for role, members in project_grants(other):
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
