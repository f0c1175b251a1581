"""What a plan knows only after apply: ``after_unknown`` values, and the references that still relate them.

Why both: a value that is unknown until apply (a network's self link) must
never be judged as if it were known, yet the policies that relate two
resources (this firewall belongs to that network) still need to know which
resource it will come from. ``after_unknown`` marks the first; the
configuration's ``references`` give the second, as a
:class:`~scanner.sources.terraform.model.Ref`.
"""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.model import UNKNOWN, Ref, base_address
from scanner.sources.terraform.plan.shape import MISSING, Shape


def config_refs(module: Any, path: str, prefix: str, out: dict[str, dict[str, Any]], shape: Shape) -> None:
    """Base address -> the resource's configuration ``expressions`` (for ``references``)."""
    module = shape.obj(module, path)
    for i, res in enumerate(shape.arr(module.get("resources"), f"{path}.resources")):
        res = shape.obj(res, f"{path}.resources[{i}]", optional=False)
        address = shape.text(res.get("address", MISSING), f"{path}.resources[{i}].address")
        out[f"{prefix}{address}"] = shape.obj(res.get("expressions"), f"{path}.resources[{i}].expressions")
    calls = shape.obj(module.get("module_calls"), f"{path}.module_calls")
    for name, call in calls.items():
        call_path = f"{path}.module_calls.{name}"
        inner = shape.obj(call, call_path, optional=False).get("module")
        config_refs(inner, f"{call_path}.module", f"{prefix}module.{name}.", out, shape)


def merge_unknown(values: Any, unknown: Any) -> Any:
    """Replace every value that ``after_unknown`` marks ``true`` by :data:`UNKNOWN`."""
    if unknown is True:
        return UNKNOWN
    if isinstance(values, dict) and isinstance(unknown, dict):
        out = dict(values)
        for key, flag in unknown.items():
            out[key] = merge_unknown(values.get(key), flag)
        return out
    if isinstance(values, list) and isinstance(unknown, list):
        merged = [merge_unknown(v, u) for v, u in zip(values, unknown, strict=False)]
        merged += values[len(unknown) :]
        merged += [UNKNOWN if u is True else merge_unknown(None, u) for u in unknown[len(values) :]]
        return merged
    if values is None and isinstance(unknown, dict) and unknown:
        return {k: merge_unknown(None, v) for k, v in unknown.items()}
    return values


def with_refs(values: dict[str, Any], expressions: dict[str, Any], module: str) -> dict[str, Any]:
    """An unknown top-level value whose expression references a resource becomes a :class:`Ref`."""
    prefix = f"{module}." if module else ""
    out = values
    for key, value in values.items():
        if value is not UNKNOWN:
            continue
        expr = expressions.get(key)
        references = expr.get("references") if isinstance(expr, dict) else None
        ref = _first_resource_ref(references or [], prefix)
        if ref is not None:
            out = {**out, key: ref} if out is values else out | {key: ref}
    return out


def _first_resource_ref(references: list[str], prefix: str) -> Ref | None:
    """The first of ``references`` naming a managed resource (not a variable, local, module, data source)."""
    for text in references if isinstance(references, list) else []:
        if not isinstance(text, str):
            continue
        parts = base_address(text).split(".")
        if parts[0] in ("var", "local", "module", "data", "each", "count", "path", "self") or len(parts) < 2:
            continue
        return Ref(f"{prefix}{parts[0]}.{parts[1]}", parts[2] if len(parts) > 2 else None)
    return None
