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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from scanner.inventory.model import Resource
from scanner.sources.terraform.model import ProviderConfig, TfResource
from scanner.sources.terraform.translate import alicloud, aws, google
from scanner.sources.terraform.translate.context import TfContext, Translator

TRANSLATORS: dict[str, Translator] = {**google.TRANSLATORS, **alicloud.TRANSLATORS, **aws.TRANSLATORS}
COMPANIONS: frozenset[str] = google.COMPANIONS | alicloud.COMPANIONS | aws.COMPANIONS

__all__ = ["COMPANIONS", "TRANSLATORS", "TfContext", "Translated", "Translator", "translate"]


@dataclass
class Translated:
    """Records of one scan plus the resource types nobody translates (type -> count)."""

    records: list[Resource] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)


def translate(resources: Sequence[TfResource], providers: ProviderConfig | None = None) -> Translated:
    """Translate every resource; companions are consumed by their target's translator."""
    ctx = TfContext(resources, providers)
    out = Translated()
    missing: Counter[str] = Counter()
    for res in resources:
        fn = TRANSLATORS.get(res.type)
        if fn is not None:
            out.records.extend(fn(res, ctx))
        elif res.type not in COMPANIONS:
            missing[res.type] += 1
    out.unsupported = dict(sorted(missing.items()))
    return out
