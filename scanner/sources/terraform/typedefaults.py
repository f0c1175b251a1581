"""Variable type constraints: the defaults of ``optional(type, default)`` attributes.

Terraform (1.3 and later) fills an object attribute declared
``optional(type, default)`` with ``default`` when the given value omits it or
sets it to null, and with null when no default is declared, at every level of
nesting (objects in maps, lists and sets, objects in objects). So a module
``variable "ssl" { type = object({ mode = optional(string, "X") }) default = {} }``
sees ``var.ssl.mode == "X"``. Nothing else of the type is applied: values are
not converted (a string stays a string), and a value that does not match the
type is left as it is (Terraform would reject it; the scan reports what it reads).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.sources.terraform.hcl import Call
from scanner.sources.terraform.model import is_unknown

Evaluate = Callable[[Any], Any]
"""Evaluates a default expression (``optional``'s second argument) in the module's scope."""


def with_defaults(type_expr: Any, value: Any, evaluate: Evaluate) -> Any:
    """``value`` with the optional attributes that ``type_expr`` declares filled in."""
    if value is None or is_unknown(value) or not isinstance(type_expr, Call) or not type_expr.args:
        return value
    name, args = type_expr.name, type_expr.args
    if name == "object" and isinstance(args[0], dict) and isinstance(value, dict):
        out = dict(value)
        for attr, attr_type in args[0].items():
            optional = isinstance(attr_type, Call) and attr_type.name == "optional" and attr_type.args
            inner = attr_type.args[0] if optional else attr_type
            if optional and out.get(attr) is None:
                out[attr] = evaluate(attr_type.args[1]) if len(attr_type.args) > 1 else None
            if attr in out:
                out[attr] = with_defaults(inner, out[attr], evaluate)
        return out
    if name == "map" and isinstance(value, dict):
        return {k: with_defaults(args[0], v, evaluate) for k, v in value.items()}
    if name in ("list", "set") and isinstance(value, list):
        return [with_defaults(args[0], v, evaluate) for v in value]
    if (
        name == "tuple"
        and isinstance(args[0], list)
        and isinstance(value, list)
        and len(args[0]) == len(value)
    ):
        return [with_defaults(t, v, evaluate) for t, v in zip(args[0], value, strict=True)]
    return value
