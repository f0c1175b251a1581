"""``for`` expressions: ``[for x in xs : f(x) if p(x)]`` and ``{for k, v in m : k => v...}``.

Why they need care: a ``for`` expression is how real configurations build
firewall rules and bucket lists from variables, so it must follow
Terraform's order (maps in lexical key order) and errors (a repeated object
key without ``...``) exactly; anything it cannot know makes the whole result
unknown rather than a shorter, wrong list.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.evaluate.templates import to_str
from scanner.sources.terraform.hcl import For
from scanner.sources.terraform.model import UNKNOWN

if TYPE_CHECKING:
    from scanner.sources.terraform.evaluate.scope import Scope


def for_expression(expr: For, scope: Scope) -> Any:
    """A ``for`` expression over a known collection; unknown when the collection or any ``if`` is.

    Lists give (index, element), maps (key, value) in lexical key order, as
    Terraform iterates them. The object form's keys must be known strings;
    a repeated key without ``...`` is an error in Terraform, so unknown here.
    """
    collection = scope.evaluate(expr.collection)
    if isinstance(collection, dict):
        pairs: list[tuple[Any, Any]] = sorted(collection.items())
    elif isinstance(collection, list):
        pairs = list(enumerate(collection))
    else:
        return UNKNOWN
    items: list[Any] = []
    grouped: dict[str, Any] = {}
    for key, item in pairs:
        inner = copy.copy(scope)
        names = {expr.value_var: item} if expr.key_var is None else {expr.key_var: key, expr.value_var: item}
        inner.iteration = {**scope.iteration, **names}
        if expr.cond is not None:
            keep = inner.evaluate(expr.cond)
            if not isinstance(keep, bool):
                return UNKNOWN
            if not keep:
                continue
        if expr.key is None:
            items.append(inner.evaluate(expr.value))
            continue
        name = inner.evaluate(expr.key)
        if not isinstance(name, str | int | float) or isinstance(name, bool):
            return UNKNOWN
        name = to_str(name)
        if expr.group:
            grouped.setdefault(name, []).append(inner.evaluate(expr.value))
        elif name in grouped:
            return UNKNOWN
        else:
            grouped[name] = inner.evaluate(expr.value)
        if scope.budget.tripped:
            return UNKNOWN
    result = items if expr.key is None else grouped
    return result if scope.budget.affordable([result]) else UNKNOWN
