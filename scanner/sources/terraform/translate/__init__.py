"""Terraform resource types -> common inventory records: the explicit registry.

Each provider module (``google``, ``alicloud``, ``aws``) exports

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

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import msgspec

from scanner.findings import ScanError
from scanner.inventory.model import Resource
from scanner.sources.terraform.guard import guarded
from scanner.sources.terraform.model import ProviderConfig, TfResource, record_id
from scanner.sources.terraform.translate import alicloud, aws, google
from scanner.sources.terraform.translate.context import TfContext, Translator

TRANSLATORS: dict[str, Translator] = {**google.TRANSLATORS, **alicloud.TRANSLATORS, **aws.TRANSLATORS}
COMPANIONS: frozenset[str] = google.COMPANIONS | alicloud.COMPANIONS | aws.COMPANIONS

__all__ = ["COMPANIONS", "TRANSLATORS", "TfContext", "Translated", "Translator", "translate"]


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
    for root, members in by_root.items():
        ctx = TfContext(members, (roots or {}).get(root, providers))
        for res in members:
            fn = TRANSLATORS.get(res.type)
            if fn is not None:
                records, error = guarded(fn, res, ctx)
                out.records.extend(_in_root(rec, root, ctx) for rec in records)
                out.errors.extend([error] if error else [])
            elif res.type not in COMPANIONS:
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
