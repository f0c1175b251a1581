"""Terraform resource types -> common inventory records: the dispatcher and its registry.

Each cloud's Terraform translators live in that cloud's folder
(``scanner/providers/<cloud>/terraform/``, one module per inventory kind) and
are found through :data:`TERRAFORM_PROVIDERS`, one entry per Terraform provider,
the same way ``scanner.sources.live.LIVE_PROVIDERS`` finds live adapters. The
entry is a module path imported on first use (never registration by import side
effect), so this package imports no provider module itself. Each such package
exports

* ``TRANSLATORS: dict[str, Translator]``: resource type -> ``fn(res, ctx)``
  yielding inventory records (``scanner.inventory.model``), built with
  ``common.record`` so ids, origins, ``unknown`` and ``native`` are uniform;
* ``COMPANIONS: frozenset[str]``: types that only configure another resource
  (``google_storage_bucket_iam_member``, ``alicloud_oss_bucket_acl``,
  ``aws_s3_bucket_public_access_block``). They yield no record of their own: the
  translator of the resource they configure finds them with
  ``ctx.companions(address, TYPE, via="bucket")`` and folds them in. They are
  not counted as unsupported.

A type in neither set is *unsupported*: :func:`translate` counts it, so the
summary can list it; it is never dropped silently.

Root modules are translated one at a time (``TfResource.root``): a reference,
a companion or a literal name is only looked up in the same root, so
``envs/prod`` never relates to ``envs/staging``. Translators work with plain
addresses; :func:`translate` then turns a relation target that is an address of
the root into its record id (``model.record_id``).
"""

from __future__ import annotations

import functools
import importlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import msgspec

from scanner.findings import ScanError
from scanner.inventory.model import Resource
from scanner.sources.terraform.guard import guarded
from scanner.sources.terraform.model import ProviderConfig, TfResource, record_id
from scanner.sources.terraform.translate.context import TfContext, Translator

# Terraform provider name -> the package holding its TRANSLATORS and COMPANIONS.
TERRAFORM_PROVIDERS: dict[str, str] = {
    "google": "scanner.providers.gcp.terraform",
    "alicloud": "scanner.providers.alibaba.terraform",
    "aws": "scanner.providers.aws.terraform",
}

__all__ = [
    "COMPANIONS",
    "TERRAFORM_PROVIDERS",
    "TRANSLATORS",
    "TfContext",
    "Translated",
    "Translator",
    "companions",
    "translate",
    "translators",
]


@functools.cache
def translators() -> dict[str, Translator]:
    """Every registered resource type -> its translator, from all providers in registry order."""
    table: dict[str, Translator] = {}
    for module in TERRAFORM_PROVIDERS.values():
        table.update(importlib.import_module(module).TRANSLATORS)
    return table


@functools.cache
def companions() -> frozenset[str]:
    """Every registered companion type (configures another resource, yields no record)."""
    return frozenset().union(*(importlib.import_module(m).COMPANIONS for m in TERRAFORM_PROVIDERS.values()))


def __getattr__(name: str) -> object:
    """``TRANSLATORS``/``COMPANIONS`` as module constants, loaded on first use.

    Loaded lazily because the provider packages import this package's helpers
    (``common``, ``context``): an eager import here would be circular.
    """
    if name == "TRANSLATORS":
        return translators()
    if name == "COMPANIONS":
        return companions()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Translated:
    """Records of one scan, the resource types nobody translates (type -> count), and the
    resources not translated because of a value of the wrong type (``guard``)."""

    records: list[Resource] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)
    errors: list[ScanError] = field(default_factory=list)


def translate(
    resources: Sequence[TfResource],
    providers: ProviderConfig | None = None,
    roots: Mapping[str, ProviderConfig] | None = None,
) -> Translated:
    """Translate every resource, one root module at a time; companions go to their target's translator.

    ``roots`` gives each root label its provider defaults; a root it does not
    name (or every root, without it) uses ``providers``.
    """
    by_root: dict[str, list[TfResource]] = {}
    for res in resources:
        by_root.setdefault(res.root, []).append(res)
    out = Translated()
    missing: Counter[str] = Counter()
    table, companion_types = translators(), companions()
    for root, members in by_root.items():
        ctx = TfContext(members, (roots or {}).get(root, providers))
        for res in members:
            fn = table.get(res.type)
            if fn is not None:
                records, error = guarded(fn, res, ctx)
                out.records.extend(_in_root(rec, root, ctx) for rec in records)
                out.errors.extend([error] if error else [])
            elif res.type not in companion_types:
                missing[res.type] += 1
    out.unsupported = dict(sorted(missing.items()))
    return out


def _in_root(rec: Resource, root: str, ctx: TfContext) -> Resource:
    """``rec`` with relation targets that are addresses of its root turned into record ids."""
    if not root or not rec.relations:
        return rec
    relations = {
        name: tuple(record_id(root, t) if ctx.get(t) is not None else t for t in targets)
        for name, targets in rec.relations.items()
    }
    return msgspec.structs.replace(rec, relations=relations)
