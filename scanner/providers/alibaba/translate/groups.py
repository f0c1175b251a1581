"""Which RAM users are in which group: ListGroups, then ListUsersForGroup for each group.

Rights a user holds through a group are the group's: this module only says who is in which group,
so the IAM records (:mod:`.iam`) and the registry access (:mod:`.registry_access`) can attribute a
group's grants to its members, written :func:`via` (``user:alice (via group:admins)``) so a grant
made to the user directly (``user:alice``) stays told apart from one made through a group.

A group whose members could not be read (its ListUsersForGroup failed) is *unread*: any user may
be in it, so whatever depends on a user's groups is unknown rather than decided without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.providers.alibaba.raw import GLOBAL, Collected


def via(user: str, group: str) -> str:
    """The member a user holds a group's grant as: ``user:NAME (via group:GROUP)``."""
    return f"user:{user} (via group:{group})"


@dataclass(frozen=True)
class Membership:
    """``members``: group -> its users' names, for every group read; ``unread``: groups not read.

    ``listed`` is false when the groups themselves could not be listed (ListGroups failed).
    """

    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    unread: frozenset[str] = frozenset()
    listed: bool = True

    @property
    def complete(self) -> bool:
        """Every user's groups are known."""
        return self.listed and not self.unread

    def groups_of(self, user: str) -> tuple[str, ...]:
        """The groups ``user`` is known to be in, sorted."""
        return tuple(sorted(g for g, users in self.members.items() if user in users))


def membership(data: Collected) -> Membership:
    """The membership of every listed group from what collection gathered."""
    if not data.has(GLOBAL, "ram.groups"):
        return Membership(listed=False)
    members: dict[str, tuple[str, ...]] = {}
    unread: set[str] = set()
    for raw in data.get(GLOBAL, "ram.groups") or []:
        name = raw.get("GroupName")
        if not name:
            continue
        if data.has(GLOBAL, "ram.group_users", name):
            found = data.get(GLOBAL, "ram.group_users", name) or []
            members[name] = tuple(u["UserName"] for u in found if u.get("UserName"))
        else:
            unread.add(name)
    return Membership(members, frozenset(unread))
