"""One resource whose values a translator cannot read becomes a source error, not a crash.

Terraform values come from code under review, so a translator meets strings
where the provider schema says number (``from_port = "ssh"``, ``ports =
["ssh"]``, ``backup_retention_period = "seven"``). Terraform itself would
reject them at plan time; the scan reports them the same way: a per-resource
source error naming the file, line, address and (when it can be found) the
attribute, and the rest of the scan goes on (exit code 3 when nothing fails
the threshold). The message never repeats the value: it may be a secret.

The attribute is found by translating again without one top-level attribute at
a time: the first whose removal lets the translation through is named. This
runs only for a resource that failed, and translators are pure, so it is safe.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from scanner.findings import ScanError
from scanner.inventory.model import Resource
from scanner.sources.terraform.model import TfResource

INVALID_VALUE = "invalid-value"
"""``ScanError.code`` of a resource that was not translated because a value has the wrong type."""

BAD_INPUT = (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError)
"""What a translator raises when a value is not of the type the provider schema gives."""

Translate = Callable[[TfResource, Any], Iterable[Resource]]


def guarded(fn: Translate, res: TfResource, ctx: Any) -> tuple[list[Resource], ScanError | None]:
    """The records of ``res``, or none and the error that says why it was not translated."""
    try:
        return list(fn(res, ctx)), None
    except BAD_INPUT:
        attribute = _culprit(fn, res, ctx)
    place = f"{res.file}:{res.line}" if res.file and res.line else res.file or "terraform"
    what = f"attribute {attribute!r} has" if attribute else "a value has"
    return [], ScanError(
        source=f"terraform {res.file}" if res.file else "terraform",
        message=f"{place}: {res.address}: {what} a type or format the provider does not accept; "
        "the resource was not checked",
        code=INVALID_VALUE,
    )


def _culprit(fn: Translate, res: TfResource, ctx: Any) -> str | None:
    """The attribute (``ingress.from_port`` inside nested blocks) whose value the translator rejects."""
    for key, value in res.values.items():
        if not _passes(fn, res, ctx, {k: v for k, v in res.values.items() if k != key}):
            continue
        blocks = value if isinstance(value, list) and all(isinstance(b, dict) for b in value) else []
        inner = dict.fromkeys(k for block in blocks for k in block)
        for name in inner:
            stripped = [{k: v for k, v in block.items() if k != name} for block in blocks]
            if _passes(fn, res, ctx, {**res.values, key: stripped}):
                return f"{key}.{name}"
        return key
    return None


def _passes(fn: Translate, res: TfResource, ctx: Any, values: dict[str, Any]) -> bool:
    try:
        list(fn(dataclasses.replace(res, values=values), ctx))
    except BAD_INPUT:
        return False
    return True
