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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from scanner.inventory.model import Registry, Repository, Resource
from scanner.providers.alibaba.raw import GLOBAL, Collected
from scanner.providers.alibaba.translate.groups import membership, via
from scanner.providers.alibaba.translate.iam import policy_document
from scanner.rules.policy_document import as_list, parse, verdict

PUSH, DELETE, EVERY = "cr:PushRepository", "cr:DeleteRepository", "cr:*"
FIELDS = ("pushers", "deleters", "admins")
_SOURCES = (
    ("user", "ram.users", "UserName", "ram.user_policies"),
    ("role", "ram.roles", "RoleName", "ram.role_policies"),
    ("group", "ram.groups", "GroupName", "ram.group_policies"),
)


@dataclass(frozen=True)
class Principal:
    """``member`` holds the rights ``documents`` grant, less what the ``denials`` take away (the Deny
    statements of a user's own and its groups' policies, see :func:`arrange`; for a role or a
    group, its own documents already hold its Deny statements)."""

    member: str
    documents: tuple[Any, ...]
    denials: tuple[Any, ...] = ()

    def answer(self, action: str, resource: str) -> str:
        """A :func:`verdict`; ``unknown`` only for a resource name with parts not known (Terraform)."""
        own = verdict(self.documents, action, resource)
        denied = verdict(self.denials, action, resource) if self.denials else "none"
        if denied == "deny":
            return "deny"
        if denied == "unknown" and own in ("allow", "conditional"):
            return "unknown"
        return own


def _denials(documents: tuple[Any, ...]) -> tuple[Any, ...]:
    """Only the Deny statements of ``documents``: what may take a right away."""
    out = []
    for document in documents:
        parsed = parse(document)
        statements = as_list(parsed.get("Statement")) if parsed else []
        denies = [s for s in statements if isinstance(s, dict) and str(s.get("Effect", "")).lower() == "deny"]
        out.append({"Statement": denies})
    return tuple(out)


Held = Mapping[str, Mapping[str, tuple[Any, ...]]]
"""``{"user": {name: documents}, "role": {...}, "group": {...}}``: each principal's policy documents."""


def arrange(held: Held, groups_of: Callable[[str], Iterable[str]]) -> list[Principal]:
    """Every user (its own grants, and each group's as ``user:NAME (via group:G)``), role and group,
    from the documents each holds; the source of ``held`` (live answers, Terraform code) is the caller's."""
    found: list[Principal] = []
    for name, own in held["user"].items():
        belongs = [g for g in groups_of(name) if g in held["group"]]
        # parsed once per user: every one of its entries is judged against the same Deny statements
        denials = _denials(own + tuple(d for g in belongs for d in held["group"][g]))
        found.append(Principal(f"user:{name}", own, denials))
        found += [Principal(via(name, g), held["group"][g], denials) for g in belongs]
    for kind in ("role", "group"):
        found += [Principal(f"{kind}:{name}", docs) for name, docs in held[kind].items()]
    return found


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
    return arrange(held, membership(data).groups_of)


@dataclass(frozen=True)
class Rights:
    """``fields``: ``pushers``/``deleters``/``admins`` on one resource name; ``unknown``: the fields a
    grant might or might not reach (a name with parts not known); ``conditional``: grants under a
    Condition."""

    fields: dict[str, tuple[str, ...]]
    conditional: list[str]
    unknown: frozenset[str] = frozenset()

    def apply(self, record: Any, native: dict[str, Any]) -> Any:
        known = {k: v for k, v in self.fields.items() if k not in self.unknown}
        return msgspec.structs.replace(
            record, **known, native=native, unknown=record.unknown | set(self.unknown)
        )


def rights(people: list[Principal], resource: str) -> Rights:
    """Who may push to, delete from and administer ``resource``, and the conditional grants."""
    out: dict[str, list[str]] = {f: [] for f in FIELDS}
    conditional: list[str] = []
    unknown: set[str] = set()
    for person in people:
        push, delete, every = (person.answer(a, resource) for a in (PUSH, DELETE, EVERY))
        granted = {"pushers": push, "deleters": delete}
        granted["admins"] = every if "deny" not in (push, delete) else "none"
        if granted["admins"] != "none" and "unknown" in (push, delete):
            granted["admins"] = "unknown"
        for name, answer in granted.items():
            if answer in ("allow", "conditional"):
                out[name].append(person.member)
            if answer == "unknown":
                unknown.add(name)
            if answer == "conditional" and person.member not in conditional:
                conditional.append(person.member)
    return Rights({k: tuple(sorted(v)) for k, v in out.items()}, sorted(conditional), frozenset(unknown))


def global_admins(people: list[Principal]) -> tuple[str, ...]:
    """Every ``cr:`` action on every registry of every account (``acs:cr:*:*:*``), without a condition."""
    return tuple(sorted(p.member for p in people if p.answer(EVERY, "acs:cr:*:*:*") == "allow"))


def namespace_access(people: list[Principal], prefix: str, names: Iterable[str]) -> dict[str, Any]:
    """Each namespace's lists: grants on ``<prefix><namespace>/*``; a list a grant might or might not
    reach is ``None``."""
    out: dict[str, Any] = {}
    for name in names:
        found = rights(people, f"{prefix}{name}/*")
        out[name] = {k: None if k in found.unknown else list(v) for k, v in found.fields.items()}
    return out


def _arn(record: Resource, tail: str) -> str:
    return f"acs:cr:{record.region}:{record.account}:{tail}"


def _registry(
    record: Registry, people: list[Principal], everywhere: tuple[str, ...], unread: dict[str, Any]
) -> Registry:
    found = rights(people, _arn(record, f"repository/{record.id}/*"))
    names = [n for n in (ns.get("NamespaceName") for ns in record.native.get("namespaces") or []) if n]
    namespaces = namespace_access(people, _arn(record, f"repository/{record.id}/"), names)
    native = {
        **record.native,
        "namespace_access": namespaces,
        "conditional_access": found.conditional,
        **unread,
    }
    return found.apply(msgspec.structs.replace(record, global_admins=everywhere), native)


def _repository(record: Repository, people: list[Principal], unread: dict[str, Any]) -> Repository:
    instance = next(iter(record.related("registry")), None)
    raw = record.native
    tail = f"repository/{instance}/{raw.get('RepoNamespaceName')}/{raw.get('RepoName')}"
    found = rights(people, _arn(record, tail))
    return found.apply(record, {**raw, "conditional_access": found.conditional, **unread})


def _unknown(record: Resource, fields: tuple[str, ...]) -> Resource:
    return msgspec.structs.replace(record, unknown=record.unknown | set(fields))


def link(resources: list[Resource], data: Collected) -> list[Resource]:
    """``resources`` with the access fields of every EE registry and repository filled in."""
    people = principals(data)
    everywhere: tuple[str, ...] = ()
    if people is not None:
        everywhere = global_admins(people)
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
