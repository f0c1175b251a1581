"""Terraform's operators: the conditional ``c ? a : b``, logical, comparison and arithmetic.

Why written out instead of borrowed from Python: Terraform's semantics differ
where a policy can tell (its logical operators do not short-circuit, ``%``
takes the sign of the dividend, ``"x" + 1`` is an error rather than a
string), and an error must give an unknown value, never a guess.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.functions import FunctionError, boolean, equal, number, tidy
from scanner.sources.terraform.hcl import Cond, Op
from scanner.sources.terraform.model import UNKNOWN, has_unknown

if TYPE_CHECKING:
    from scanner.sources.terraform.evaluate.scope import Scope


def conditional(expr: Cond, scope: Scope) -> Any:
    """The branch a known test picks; with an unknown test, the value both branches agree on."""
    test = scope.evaluate(expr.test)
    if isinstance(test, bool):
        return scope.evaluate(expr.then if test else expr.other)
    then, other = scope.evaluate(expr.then), scope.evaluate(expr.other)
    if not scope.budget.affordable([then, other]):
        return UNKNOWN
    return then if not has_unknown(then) and then == other else UNKNOWN


def operation(expr: Op, scope: Scope) -> Any:
    """``&&``, ``||``, ``!``, comparisons and arithmetic, as Terraform evaluates them.

    Every operand is evaluated (Terraform's logical operators do not short-circuit)
    and an unknown operand makes the result unknown; an operand of a type
    Terraform rejects (``"x" + 1``, ``1 / 0``, ``!"maybe"``) makes it unknown too.
    """
    values = [scope.evaluate(a) for a in expr.args]
    if not scope.budget.affordable(values) or any(has_unknown(v) for v in values):
        return UNKNOWN
    try:
        return _operate(expr.op, values)
    except (FunctionError, TypeError, ValueError, ArithmeticError):
        return UNKNOWN


def _operate(op: str, values: list[Any]) -> Any:
    if len(values) == 1:
        return (not boolean(values[0])) if op == "!" else tidy(-number(values[0]))
    left, right = values
    if op in ("&&", "||"):
        a, b = boolean(left), boolean(right)
        return (a and b) if op == "&&" else (a or b)
    if op in ("==", "!="):
        return equal(left, right) == (op == "==")
    a, b = number(left), number(right)
    if op in _COMPARE:
        return _COMPARE[op](a, b)
    if op == "%":  # Go's remainder: the sign of the dividend (-5 % 3 is -2)
        return tidy(math.fmod(a, b)) if isinstance(a, float) or isinstance(b, float) else _int_mod(a, b)
    return tidy(_ARITHMETIC[op](a, b))


def _int_mod(a: int, b: int) -> int:
    if b == 0:
        raise ZeroDivisionError
    remainder = abs(a) % abs(b)
    return -remainder if a < 0 else remainder


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
_ARITHMETIC: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}
