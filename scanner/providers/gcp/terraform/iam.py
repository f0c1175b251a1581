"""``google_project_iam_member``/``_binding``/``_policy`` -> iam_binding records."""

from __future__ import annotations

from collections.abc import Iterator
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


def project_iam_binding(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    members = res.get("members")
    yield _binding(res, ctx, res.get("role"), UNKNOWN if is_unknown(members) else members or [])


def project_iam_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    bindings = policy_bindings(res.get("policy_data"))
    if bindings is None:
        yield _binding(res, ctx, UNKNOWN, UNKNOWN)
        return
    for index, item in enumerate(bindings):
        yield _binding(res, ctx, item.get("role"), item.get("members") or [], str(index))
