"""Google facts shared by the ``google_*`` translators: roles, members, IAM companions.

The role sets are the live GCP adapter's (``scanner/providers/gcp/link.py``, pure and
importable without the SDK), so code and live scans judge members and roles alike.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from scanner.providers.gcp.link import PUBLIC_MEMBERS
from scanner.sources.terraform.model import TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.context import TfContext


@dataclass
class Grants:
    """Role -> members gathered from IAM member/binding/policy resources; ``unknown`` if any was."""

    roles: dict[str, set[str]] = field(default_factory=dict)
    unknown: bool = False

    def add(self, role: Any, members: Iterable[Any]) -> None:
        if is_unknown(role):
            self.unknown = True
            return
        for member in members:
            if has_unknown(member):
                self.unknown = True
            elif isinstance(member, str):
                self.roles.setdefault(str(role), set()).add(member)

    def members(self, roles: frozenset[str] | None = None) -> set[str]:
        return {m for r, ms in self.roles.items() if roles is None or r in roles for m in ms}

    def public(self, roles: frozenset[str] | None = None) -> bool:
        return bool(self.members(roles) & PUBLIC_MEMBERS)


def policy_bindings(policy_data: Any) -> list[dict[str, Any]] | None:
    """The ``bindings`` of an IAM ``policy_data`` JSON string; ``None`` when unknown or not JSON."""
    if not isinstance(policy_data, str):
        return None
    try:
        doc = json.loads(policy_data)
    except ValueError:
        return None
    bindings = doc.get("bindings") if isinstance(doc, dict) else None
    return [b for b in bindings if isinstance(b, dict)] if isinstance(bindings, list) else []


def grants(ctx: TfContext, res: TfResource, prefix: str, via: str) -> Grants:
    """Everything ``PREFIX_iam_member``/``_binding``/``_policy`` resources grant on ``res``."""
    out = Grants()
    for comp in ctx.companions(res.address, f"{prefix}_iam_member", via=via):
        out.add(comp.get("role"), [comp.get("member")])
    for comp in ctx.companions(res.address, f"{prefix}_iam_binding", via=via):
        members = comp.get("members")
        if is_unknown(members):
            out.unknown = True
        else:
            out.add(comp.get("role"), members or [])
    for comp in ctx.companions(res.address, f"{prefix}_iam_policy", via=via):
        bindings = policy_bindings(comp.get("policy_data"))
        if bindings is None:
            out.unknown = True
            continue
        for binding in bindings:
            out.add(binding.get("role"), binding.get("members") or [])
    return out
