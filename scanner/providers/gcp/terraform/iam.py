"""``google_{project,folder,organization}_iam_member``/``_binding``/``_policy`` -> iam_binding records.

Folder and organization bindings have the scope ``folders/<id>`` /
``organizations/<id>`` (``folder`` is written ``folders/{folder_id}``,
``org_id`` is the numeric id, provider docs) and that scope as their account:
a primitive role or a public member there reaches every project below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from scanner.inventory.model import (
    IamBinding,
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


project_iam_member, project_iam_binding, project_iam_policy = _translators(_project_scope)
folder_iam_member, folder_iam_binding, folder_iam_policy = _translators(_folder_scope)
organization_iam_member, organization_iam_binding, organization_iam_policy = _translators(_org_scope)
