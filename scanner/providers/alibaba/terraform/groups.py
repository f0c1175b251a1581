"""RAM group membership in Terraform: ``alicloud_ram_group_membership`` (``group_name``, the set
``user_names``) and ``alicloud_ram_user_group_attachment`` (``group_name``, ``user_name``), both
from terraform-provider-alicloud (alicloud/resource_alicloud_ram_group_membership.go and
resource_alicloud_ram_user_group_attachment.go).

Read by the RAM user translator (its ``groups``, admin through a group) and by the group's policy
attachments (members ``user:NAME (via group:GROUP)``, as the live scan names them). A membership
whose group or user names are not known before apply makes every user's groups unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scanner.providers.alibaba.terraform.common import attachment_name
from scanner.sources.terraform.model import Ref
from scanner.sources.terraform.translate.context import TfContext

MEMBERSHIP_TYPES = ("alicloud_ram_group_membership", "alicloud_ram_user_group_attachment")


@dataclass(frozen=True)
class TfMembership:
    """``members``: group name -> user names; ``complete``: every membership's names are known."""

    members: dict[str, set[str]] = field(default_factory=dict)
    complete: bool = True

    def groups_of(self, user: str) -> tuple[str, ...]:
        return tuple(sorted(g for g, users in self.members.items() if user in users))


def _name(ctx: TfContext, val: Any) -> str | None:
    """A literal name, or the name of the user or group a reference points at; ``None`` if not known."""
    return attachment_name(ctx, val) if isinstance(val, Ref | str) else None


def membership(ctx: TfContext) -> TfMembership:
    """Every group's users from the two membership resources of the scan."""
    members: dict[str, set[str]] = {}
    complete = True
    for res in ctx.of_type(*MEMBERSHIP_TYPES):
        group = _name(ctx, res.get("group_name"))
        given = res.get("user_names") if res.type == MEMBERSHIP_TYPES[0] else [res.get("user_name")]
        if group is None or not isinstance(given, list | tuple):  # a splat or a variable: not known
            complete = False
            continue
        users = [_name(ctx, u) for u in given]
        complete = complete and None not in users
        members.setdefault(group, set()).update(u for u in users if u is not None)
    return TfMembership(members, complete)
