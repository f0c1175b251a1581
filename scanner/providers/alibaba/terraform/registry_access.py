"""Who may push to, delete from or administer each Container Registry EE instance, namespace and
repository in Terraform code: the live rules of :mod:`scanner.providers.alibaba.translate.registry_access`
(the same :func:`~scanner.providers.alibaba.translate.registry_access.arrange` and ``rights``), fed from
the code instead of the account.

* **Principals**: every user, group and role named by an ``alicloud_ram_user_policy_attachment``,
  ``alicloud_ram_group_policy_attachment`` or ``alicloud_ram_role_policy_attachment`` (``user_name``,
  ``group_name``, ``role_name``), every ``alicloud_ram_user`` and ``alicloud_ram_group``, and the users
  and groups of ``alicloud_ram_group_membership`` / ``alicloud_ram_user_group_attachment``
  (:mod:`.groups`). Documents: :func:`.ram_policies.attached_document`.
* **Unknown**: when an attachment's principal or policy document, or a group's members, are not known
  in the code, every access field is unknown (as live when a document could not be read).
* **Resource names**: ``acs:cr:<region>:<account>:repository/<instance>/<namespace>/<repository>``. The
  account is never in the code and an instance id is known only when written literally (an
  ``instance_id = "cri-..."``, or the ``id`` of a plan's existing instance); the region is the
  provider's. Those parts are :data:`~scanner.rules.policy_document.UNSET`: a statement whose
  resource covers every value there (``*``, ``acs:cr:*:*:*``, ``acs:cr:*:*:repository/*``) decides;
  one naming a particular instance or account makes that field unknown rather than guessed.
  A policy document that interpolates the instance's id (``${alicloud_cr_ee_instance.x.id}``) is not
  known before apply, so it is unknown as a whole.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from scanner.providers.alibaba.terraform.common import attachment_name
from scanner.providers.alibaba.terraform.groups import membership
from scanner.providers.alibaba.terraform.ram_policies import attached_document
from scanner.providers.alibaba.translate.registry_access import (
    FIELDS,
    Principal,
    arrange,
    global_admins,
    namespace_access,
    rights,
)
from scanner.rules.policy_document import UNSET
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource
from scanner.sources.terraform.translate.common import Fields
from scanner.sources.terraform.translate.context import TfContext

_ATTACHMENTS = (
    ("user", "alicloud_ram_user_policy_attachment", "user_name"),
    ("group", "alicloud_ram_group_policy_attachment", "group_name"),
    ("role", "alicloud_ram_role_policy_attachment", "role_name"),
)


@lru_cache(maxsize=1)
def principals(ctx: TfContext) -> list[Principal] | None:
    """Every principal of the code with its documents; ``None`` when any of it is not known.

    Read once per scan (the context of the last scan is kept), not once per registry and
    repository: every record of the scan asks the same question of the same code."""
    members = membership(ctx)
    if not members.complete:
        return None
    held: dict[str, dict[str, tuple[Any, ...]]] = {"user": {}, "group": {}, "role": {}}
    for kind, types in (("user", "alicloud_ram_user"), ("group", "alicloud_ram_group")):
        for res in ctx.of_type(types):
            name = _own_name(res)
            if name is not None:
                held[kind].setdefault(name, ())
    for group, users in members.members.items():
        held["group"].setdefault(group, ())
        for user in users:
            held["user"].setdefault(user, ())
    for kind, kind_type, key in _ATTACHMENTS:
        for res in ctx.of_type(kind_type):
            name = attachment_name(ctx, res.get(key))
            doc = attached_document(ctx, res.get("policy_name"), res.get("policy_type"))
            if name is None or doc is UNKNOWN:
                return None
            held[kind][name] = (*held[kind].get(name, ()), doc)
    return arrange(held, members.groups_of)


def _own_name(res: TfResource) -> str | None:
    found = res.get("name")
    if found is None:
        found = res.get("user_name") if res.type == "alicloud_ram_user" else res.get("group_name")
    return found if isinstance(found, str) else None


def _segment(val: Any) -> str:
    return val if isinstance(val, str) and val else UNSET


def _prefix(ctx: TfContext, instance: Any) -> str:
    region = ctx.providers.get("alicloud", "region")
    return f"acs:cr:{_segment(region)}:{UNSET}:repository/{_segment(instance)}/"


def registry(ctx: TfContext, res: TfResource, namespaces: list[str], f: Fields) -> dict[str, Any]:
    """Fill ``f`` for an ``alicloud_cr_ee_instance``; its ``native`` additions are returned."""
    people = principals(ctx)
    if people is None:
        for name in (*FIELDS, "global_admins"):
            f.mark_unknown(name)
        return {}
    prefix = _prefix(ctx, res.get("id"))
    found = rights(people, prefix + "*")
    _fill(f, found.fields, found.unknown)
    f.set("global_admins", global_admins(people))
    return {
        "namespace_access": namespace_access(people, prefix, namespaces),
        "conditional_access": found.conditional,
    }


def repository(ctx: TfContext, instance: Any, namespace: str | None, name: Any, f: Fields) -> dict[str, Any]:
    """Fill ``f`` for an ``alicloud_cr_ee_repo`` whose ``instance_id`` is ``instance`` (a literal id,
    or a reference to the instance, whose ``id`` is known only in a plan); ``native`` additions are
    returned."""
    people = principals(ctx)
    if people is None:
        for field in FIELDS:
            f.mark_unknown(field)
        return {}
    target = ctx.target(instance, "alicloud_cr_ee_instance") if isinstance(instance, Ref) else None
    resource = ctx.get(target) if target else None
    instance_id = resource.get("id") if resource is not None else instance
    found = rights(people, f"{_prefix(ctx, instance_id)}{_segment(namespace)}/{_segment(name)}")
    _fill(f, found.fields, found.unknown)
    return {"conditional_access": found.conditional}


def _fill(f: Fields, fields: dict[str, tuple[str, ...]], unknown: frozenset[str]) -> None:
    for field, members in fields.items():
        if field in unknown:
            f.mark_unknown(field)
        else:
            f.set(field, members)
