"""Function calls: the functions of :mod:`~scanner.sources.terraform.functions`, ``try`` and ``can``.

Why ``try``/``can`` are here and not in the function table: they do not take
values but expressions, and their answer depends on whether evaluating an
argument fails. The scan only claims a failure it can prove (a key of a
known value that is not there, a function Terraform rejects on known
arguments); an argument it cannot evaluate leaves the result unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.evaluate.references import index
from scanner.sources.terraform.evaluate.steps import follow_or_fail
from scanner.sources.terraform.functions import FUNCTIONS, FunctionError
from scanner.sources.terraform.hcl import Call, Get, Trav
from scanner.sources.terraform.limits import MAX_VALUE_SIZE
from scanner.sources.terraform.model import UNKNOWN, Ref, has_unknown, is_unknown

if TYPE_CHECKING:
    from scanner.sources.terraform.evaluate.scope import Scope

_PASS_THROUGH = frozenset({"tolist", "tostring", "tomap", "toset"})
"""Conversions that leave a reference to another resource a reference (``tolist(aws_vpc.main.cidrs)``)."""

NULL_ARGUMENTS = frozenset(
    {
        "coalesce",
        "merge",
        "jsonencode",
        "tostring",
        "tonumber",
        "tobool",
        "tolist",
        "toset",
        "tomap",
        "format",
    }
)
"""Functions whose parameters accept null (Terraform documents null as an input of these)."""

_FAILURES = (FunctionError, TypeError, ValueError, KeyError, IndexError, ArithmeticError)
"""What a function raises on arguments Terraform would reject."""


def call(expr: Call, scope: Scope) -> Any:
    """A known function on known arguments; unknown for other functions and rejected arguments."""
    if expr.name in ("try", "can"):
        return _try(expr, scope)
    fn = FUNCTIONS.get(expr.name)
    if fn is None:
        return UNKNOWN
    args = [scope.evaluate(a) for a in expr.args]
    if len(args) == 1 and isinstance(args[0], Ref) and expr.name in _PASS_THROUGH:
        return args[0]
    if not scope.budget.affordable(args) or any(has_unknown(a) for a in args):
        return UNKNOWN
    if expr.name == "join" and _separators(args) > MAX_VALUE_SIZE:
        return scope.budget.trip("size")
    try:
        return fn(*args)
    except _FAILURES:
        return UNKNOWN


def _separators(args: list[Any]) -> int:
    """Characters ``join`` adds: its separator once per element."""
    if len(args) >= 2 and isinstance(args[0], str) and all(isinstance(a, list) for a in args[1:]):
        return len(args[0]) * sum(len(a) for a in args[1:])
    return 0


def _try(expr: Call, scope: Scope) -> Any:
    """``try(a, b, ...)``: the first argument whose evaluation does not fail; ``can(a)``: whether it does not.

    A failure the scan can prove is a step into a known value that is not
    there (``var.ssl.mode`` when ``var.ssl`` is ``{}``, ``local.l[5]`` past the
    end) or a function Terraform would reject on known arguments. An argument
    that is unknown makes the result unknown (Terraform cannot tell either),
    except a reference to another resource, which is returned as it is.
    """
    for arg in expr.args:
        failed, value = _attempt(arg, scope)
        if failed is None:
            return UNKNOWN
        if expr.name == "can":
            return not failed
        if not failed:
            return value
    return UNKNOWN  # every argument failed: an error in Terraform


def _attempt(expr: Any, scope: Scope) -> tuple[bool | None, Any]:
    """(failed, value): ``True`` on a provable failure, ``None`` when it cannot be told."""
    if isinstance(expr, Trav | Get):
        if isinstance(expr, Trav):
            parts = tuple(index(p, scope) for p in expr.parts)
            if expr.root == "var" and parts and isinstance(parts[0], str):
                base, rest = scope.variables.get(parts[0], UNKNOWN), parts[1:]
            elif expr.root == "local" and parts and isinstance(parts[0], str):
                base, rest = scope.local(parts[0]), parts[1:]
            elif expr.root in scope.iteration:
                base, rest = scope.iteration[expr.root], parts
            else:
                value = scope.evaluate(expr)
                return (None if value is UNKNOWN else False), value
        else:
            base, rest = scope.evaluate(expr.base), tuple(index(p, scope) for p in expr.parts)
        return follow_or_fail(base, rest)
    if isinstance(expr, Call) and expr.name not in ("try", "can"):
        args = [scope.evaluate(a) for a in expr.args]
        if any(a is None for a in args) and expr.name not in NULL_ARGUMENTS:
            # A function parameter rejects null unless it is declared to allow it (go-cty
            # function.Parameter.AllowNull, false by default): pathexpand(null) fails, also
            # for a function the scan does not evaluate.
            return True, UNKNOWN
        if expr.name not in FUNCTIONS or any(has_unknown(a) for a in args):
            return None, UNKNOWN
        if not scope.budget.affordable(args):
            return None, UNKNOWN
        try:
            return False, FUNCTIONS[expr.name](*args)
        except _FAILURES:
            return True, UNKNOWN
    value = scope.evaluate(expr)
    if isinstance(value, Ref):
        return False, value
    return (None if is_unknown(value) else False), value
