"""Who may push to, delete from or administer each Container Registry EE instance, namespace and
repository, from the RAM policies attached to users, roles and groups.

The rules, written down before the code:

* **Principals.** Every RAM user, role and group with its attached policies (ListPoliciesForUser,
  ListPoliciesForRole, ListPoliciesForGroup) and their default versions (GetPolicy), written
  ``user:NAME``, ``role:NAME``, ``group:NAME`` like the ``iam_binding`` members. A group's grant
  is listed under the group and under each of its users (ListUsersForGroup, :mod:`.groups`) as
  ``user:NAME (via group:GROUP)``, so ``user:NAME`` alone always means a grant made to the user
  itself. A user's grant, direct or through a group, is judged with the Deny statements of every
  policy the user holds (its own and all its groups'), as RAM evaluates them; a group's or role's
  own entry on its own policies. A group whose members could not be read keeps its ``group:NAME``
  entry, its members are not listed and it is named under ``native.unread_groups``.
* **Resources** (Container Registry's RAM authorization reference, "ARN formats"): an instance is
  ``acs:cr:<region>:<account>:instance/<instance>``, a repository
  ``acs:cr:<region>:<account>:repository/<instance>/<namespace>/<repository>``, the repositories of a
  namespace ``.../repository/<instance>/<namespace>/*``, of an instance ``.../repository/<instance>/*``.
* **Actions.** Push: ``cr:PushRepository``. Delete: ``cr:DeleteRepository`` (the action of the 2018-12-01
  API's DeleteRepository). Administer: every ``cr:`` action (a statement whose action pattern covers
  ``cr:*`` itself, such as ``cr:*`` or ``*``), with neither push nor delete denied.
* **Matching** is :func:`scanner.rules.policy_document.verdict`: wildcards in actions and resources,
  ``NotAction``/``NotResource``, an unconditional Deny wins, and an Allow under a ``Condition`` counts
  as a grant (the request context is unknown at scan time; the principal is listed under
  ``native.conditional_access`` as well), since this is an audit of who *may*.
* **Registry-wide** fields ask whether one grant covers every repository of the instance: the
  instance's ``repository/<instance>/*`` ARN is matched as a literal string, so a pattern such as
  ``repository/cri-1/*`` or ``*`` covers it and ``repository/cri-1/apps/*`` does not. A Deny on only
  some repositories does not remove a principal from the registry-wide list (the repository's own
  list is exact). Namespaces have no record: their lists are under the registry's
  ``native.namespace_access``.
* ``global_admins``: every ``cr:`` action on ``acs:cr:*:*:*`` (every registry of every account),
  granted without a condition.
* When the users, roles or groups, an attachment list or a policy document could not be read, the
  fields are unknown rather than shorter than the truth.

Personal Edition repositories are left alone: their resource format is not in the reference above.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from scanner.inventory.model import Registry, Repository, Resource
from scanner.providers.alibaba.raw import GLOBAL, Collected
from scanner.providers.alibaba.translate.groups import membership, via
from scanner.providers.alibaba.translate.iam import policy_document
from scanner.rules.policy_document import verdict

PUSH, DELETE, EVERY = "cr:PushRepository", "cr:DeleteRepository", "cr:*"
FIELDS = ("pushers", "deleters", "admins")
_SOURCES = (
    ("user", "ram.users", "UserName", "ram.user_policies"),
    ("role", "ram.roles", "RoleName", "ram.role_policies"),
    ("group", "ram.groups", "GroupName", "ram.group_policies"),
)


@dataclass(frozen=True)
class Principal:
    """``member`` holds the rights ``documents`` grant, less what a Deny in ``context`` takes away
    (a user's own and its groups' policies; for a role or a group, its own)."""

    member: str
    documents: tuple[Any, ...]
    context: tuple[Any, ...] = ()

    def answer(self, action: str, resource: str) -> str:
        if self.context and verdict(self.context, action, resource) == "deny":
            return "deny"
        return verdict(self.documents, action, resource)


def principals(data: Collected) -> list[Principal] | None:
    """Every user, role and group with its policy documents; ``None`` when any part is missing."""
    documents = {
        item: policy_document(value)
        for (r, n, item), value in data.raw.items()
        if (r, n) == (GLOBAL, "ram.policy")
    }
    held: dict[str, dict[str, tuple[Any, ...]]] = {}
    for kind, listing, name_key, attachments in _SOURCES:
        if not data.has(GLOBAL, listing):
            return None
        held[kind] = {}
        for raw in data.get(GLOBAL, listing) or []:
            name = raw.get(name_key)
            if not name:
                continue
            if not data.has(GLOBAL, attachments, name):
                return None
            keys = [
                f"{p.get('PolicyType')}:{p.get('PolicyName')}"
                for p in data.get(GLOBAL, attachments, name) or []
            ]
            if any(documents.get(k) is None for k in keys):
                return None
            held[kind][name] = tuple(documents[k] for k in keys)
    members = membership(data)
    found: list[Principal] = []
    for name, own in held["user"].items():
        belongs = [g for g in members.groups_of(name) if g in held["group"]]
        context = own + tuple(d for g in belongs for d in held["group"][g])
        found.append(Principal(f"user:{name}", own, context))
        found += [Principal(via(name, g), held["group"][g], context) for g in belongs]
    for kind in ("role", "group"):
        found += [Principal(f"{kind}:{name}", docs) for name, docs in held[kind].items()]
    return found


def _rights(people: list[Principal], resource: str) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """``{"pushers": ..., "deleters": ..., "admins": ...}`` on ``resource``, and the conditional grants."""
    out: dict[str, list[str]] = {f: [] for f in FIELDS}
    conditional: list[str] = []
    for person in people:
        push, delete, every = (person.answer(a, resource) for a in (PUSH, DELETE, EVERY))
        granted = {"pushers": push, "deleters": delete}
        granted["admins"] = every if "deny" not in (push, delete) else "none"
        for name, answer in granted.items():
            if answer in ("allow", "conditional"):
                out[name].append(person.member)
            if answer == "conditional" and person.member not in conditional:
                conditional.append(person.member)
    return {k: tuple(sorted(v)) for k, v in out.items()}, sorted(conditional)


def _arn(record: Resource, tail: str) -> str:
    return f"acs:cr:{record.region}:{record.account}:{tail}"


def _registry(
    record: Registry, people: list[Principal], everywhere: tuple[str, ...], unread: dict[str, Any]
) -> Registry:
    rights, conditional = _rights(people, _arn(record, f"repository/{record.id}/*"))
    namespaces = {}
    for ns in record.native.get("namespaces") or []:
        name = ns.get("NamespaceName")
        if name:
            found, _ = _rights(people, _arn(record, f"repository/{record.id}/{name}/*"))
            namespaces[name] = {k: list(v) for k, v in found.items()}
    native = {**record.native, "namespace_access": namespaces, "conditional_access": conditional, **unread}
    return msgspec.structs.replace(record, **rights, global_admins=everywhere, native=native)


def _repository(record: Repository, people: list[Principal], unread: dict[str, Any]) -> Repository:
    instance = next(iter(record.related("registry")), None)
    raw = record.native
    tail = f"repository/{instance}/{raw.get('RepoNamespaceName')}/{raw.get('RepoName')}"
    rights, conditional = _rights(people, _arn(record, tail))
    native = {**raw, "conditional_access": conditional, **unread}
    return msgspec.structs.replace(record, **rights, native=native)


def _unknown(record: Resource, fields: tuple[str, ...]) -> Resource:
    return msgspec.structs.replace(record, unknown=record.unknown | set(fields))


def link(resources: list[Resource], data: Collected) -> list[Resource]:
    """``resources`` with the access fields of every EE registry and repository filled in."""
    people = principals(data)
    everywhere: tuple[str, ...] = ()
    if people is not None:
        everywhere = tuple(sorted(p.member for p in people if p.answer(EVERY, "acs:cr:*:*:*") == "allow"))
    unread_groups = sorted(membership(data).unread)
    unread: dict[str, Any] = {"unread_groups": unread_groups} if unread_groups else {}
    fill: dict[type, Callable[[Any], Resource]] = {
        Registry: lambda r: (
            _registry(r, people, everywhere, unread)
            if people is not None
            else _unknown(r, (*FIELDS, "global_admins"))
        ),
        Repository: lambda r: _repository(r, people, unread) if people is not None else _unknown(r, FIELDS),
    }
    out: list[Resource] = []
    for record in resources:
        ee = record.provider == "alibaba" and (isinstance(record, Registry) or record.related("registry"))
        out.append(fill[type(record)](record) if ee and type(record) in fill else record)
    return out
