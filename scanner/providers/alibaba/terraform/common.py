"""What the ``alicloud_*`` translators share: the provider's region and small value readers."""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.model import TfResource, is_unknown
from scanner.sources.terraform.translate.context import TfContext

PROVIDER = "alibaba"


def _region(res: TfResource, ctx: TfContext) -> Any:
    return ctx.providers.get("alicloud", "region")


def base_fields(res: TfResource, ctx: TfContext) -> dict[str, Any]:
    return {"provider": PROVIDER, "account": None, "region": _region(res, ctx)}


def as_int(val: Any) -> Any:
    if val is None or is_unknown(val):
        return val
    try:
        return int(val)
    except (TypeError, ValueError):
        return None


def split(val: Any) -> Any:
    """A comma-separated string or a list of strings -> list (unknown kept as is)."""
    if is_unknown(val):
        return val
    if isinstance(val, str):
        return [p.strip() for p in val.split(",") if p.strip()]
    if isinstance(val, list | tuple):
        out: list[Any] = []
        for item in val:
            out += [item] if is_unknown(item) else split(item)
        return out
    return []


def first_of(res: TfResource, *keys: str) -> Any:
    """The first of several attribute names (current and deprecated) that is set."""
    for key in keys:
        found = res.get(key)
        if found is not None:
            return found
    return None


def attachment_name(ctx: TfContext, val: Any) -> str | None:
    target = ctx.target(val)
    if target is not None:
        res = ctx.get(target)
        return (
            None
            if res is None
            else str(first_of(res, "name", "user_name", "group_name", "role_name") or res.name)
        )
    return val if isinstance(val, str) else None
