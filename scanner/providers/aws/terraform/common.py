"""What the ``aws_*`` translators share: the provider's region and policy-document statement readers."""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.model import TfResource
from scanner.sources.terraform.translate.context import TfContext

PROVIDER = "aws"


def base_fields(ctx: TfContext) -> dict[str, Any]:
    return {"provider": PROVIDER, "account": None, "region": ctx.providers.get("aws", "region")}


def as_list(val: Any) -> list[Any]:
    if val is None:
        return []
    return list(val) if isinstance(val, list | tuple) else [val]


def principals(statement: dict[str, Any]) -> list[str]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        return [str(p) for v in principal.values() for p in as_list(v)]
    return [str(p) for p in as_list(principal)]


def open_statements(doc: Any, actions: tuple[str, ...]) -> bool:
    """An ``Allow`` for everyone (``*``) on one of ``actions`` without condition."""
    if not isinstance(doc, dict):
        return False
    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and "*" in principals(s)
        and not s.get("Condition")
        and any(str(a).lower() in actions for a in as_list(s.get("Action")))
        for s in as_list(doc.get("Statement"))
    )


def one_companion(ctx: TfContext, res: TfResource, companion: str, via: str) -> TfResource | None:
    found = ctx.companions(res.address, companion, via=via)
    return found[0] if found else None
