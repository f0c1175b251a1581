"""Evaluate parsed HCL expressions as far as they are known before apply.

The rule (also tested): a value is known only when it is a literal, or built
from literals, variable defaults (or values passed in a module call, or set in
``terraform.tfvars`` / ``*.auto.tfvars``), locals and outputs of local modules
that are themselves known, through Terraform's operators (``&&``, ``||``,
``!``, comparisons, arithmetic), ``for`` expressions, splats and the functions of
:mod:`~scanner.sources.terraform.functions`, each following Terraform's
documented semantics. ``count.index``, ``each.key`` and ``each.value``
are known inside a resource whose ``count``/``for_each`` is known (see
:meth:`Scope.repeat`), and a ``dynamic`` block's ``<label>.key``/``.value``
inside each copy of its ``content`` (see :meth:`Scope.bind`). A reference to
another managed resource becomes a :class:`~scanner.sources.terraform.model.Ref`;
anything else (data sources, ``count``/``each`` of an unknown repetition, a
variable without default, other functions, an operation or function Terraform
would reject) is :data:`~scanner.sources.terraform.model.UNKNOWN`, never a
guess. A conditional is known when its test is known, or when both branches agree.

Bounded work (``limits``): evaluation shares one :class:`Budget` per scanned
path. Expressions evaluated inside each other deeper than
``MAX_EVALUATION_DEPTH``, a value (a local, an output, a function result, a
template) over ``MAX_VALUE_SIZE`` / ``MAX_VALUE_DEPTH``, and everything once
``MAX_EVALUATION_STEPS`` units of work are spent, are unknown, and the budget
reports why with the file and line of the local, output or resource concerned.
So a local that doubles a string or list 40 times, or a chain of 1,000 locals,
ends as an unknown value and a source error, never as MemoryError, a
RecursionError or a hang.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from scanner.sources.terraform.functions import FUNCTIONS, FunctionError, boolean, equal, number, tidy
from scanner.sources.terraform.hcl import OPAQUE, Call, Cond, For, Get, Op, Tmpl, Trav
from scanner.sources.terraform.limits import (
    MAX_EVALUATION_DEPTH,
    MAX_EVALUATION_STEPS,
    MAX_VALUE_DEPTH,
    MAX_VALUE_SIZE,
    measure,
)
from scanner.sources.terraform.model import UNKNOWN, Ref, has_unknown, instance_address, is_unknown

# Roots that never name a managed resource and are not known before apply.
_OPAQUE_ROOTS = frozenset({"data", "each", "count", "self", "path", "terraform"})


Report = Callable[[str, int, str], None]
"""Where over-limit values are reported: ``report(file, line, message)``."""

_LIMIT_MESSAGES = {
    "size": f"value larger than {MAX_VALUE_SIZE:,} characters and elements",
    "depth": f"value nested deeper than {MAX_VALUE_DEPTH} levels",
    "nesting": f"expressions evaluated inside each other deeper than {MAX_EVALUATION_DEPTH} levels",
    "steps": f"evaluation stopped after {MAX_EVALUATION_STEPS:,} steps of work",
}


class Budget:
    """The work, nesting and value-size limits of one scanned path, shared by all its scopes.

    ``tripped`` holds the first limit hit since the last :meth:`check`; the caller
    that knows a file and line (a local, an output, a resource attribute)
    reports it there, once per place and message.
    """

    def __init__(self, report: Report | None = None) -> None:
        self.steps = 0
        self.depth = 0
        self.tripped: str | None = None
        self._report = report
        self._reported: set[tuple[str, int, str]] = set()
        self._steps_reported = False

    def trip(self, reason: str) -> Any:
        if self.tripped is None:
            self.tripped = reason
        return UNKNOWN

    def spend(self, units: int) -> bool:
        """Count ``units`` of work; false (and tripped) once the scan's steps are spent."""
        self.steps += units
        if self.steps > MAX_EVALUATION_STEPS:
            self.trip("steps")
            return False
        return True

    def check(self, value: Any, place: tuple[str, int] | None, what: str) -> Any:
        """``value``, or UNKNOWN when it (or its evaluation) went over a limit: reported at ``place``."""
        reason, self.tripped = self.tripped, None
        if reason is None and isinstance(value, list | dict | str):
            reason, size = measure(value)
            if not self.spend(size):
                reason = "steps"
        if reason is None:
            return value
        if place is None or self._report is None:
            return UNKNOWN
        if reason == "steps":  # reported once: every value after it is unknown too
            if self._steps_reported:
                return UNKNOWN
            self._steps_reported = True
            message = f"{what}: {_LIMIT_MESSAGES[reason]}: this and every later value treated as unknown"
        else:
            message = f"{what}: {_LIMIT_MESSAGES[reason]}: treated as unknown"
        key = (place[0], place[1], message)
        if key not in self._reported:
            self._reported.add(key)
            self._report(place[0], place[1], message)
        return UNKNOWN


class Scope:
    """One module instance: its address prefix, variables, locals, outputs and child modules."""

    def __init__(self, prefix: str, variables: dict[str, Any], budget: Budget | None = None) -> None:
        self.prefix = prefix  # "" or "module.net." (with the trailing dot)
        self.variables = variables  # name -> evaluated value (UNKNOWN when no default)
        self.budget = budget if budget is not None else Budget()
        self.local_exprs: dict[str, Any] = {}
        self.local_places: dict[str, tuple[str, int]] = {}  # name -> (file, line) of its locals block
        self.output_exprs: dict[str, Any] = {}
        self.output_places: dict[str, tuple[str, int]] = {}
        self.children: dict[str, Scope | dict[Any, Scope]] = {}  # expanded calls: instance key -> scope
        self.iteration: dict[str, dict[str, Any]] = {}  # {"count": {"index": 0}} or {"each": {...}}
        self._locals: dict[str, Any] = {}
        self._busy: set[str] = set()
        self._module: Scope = self

    def repeat(self, iteration: dict[str, dict[str, Any]]) -> Scope:
        """This module scope seen from one instance of a ``count``/``for_each`` resource.

        Variables, locals, outputs and their caches are shared (Terraform forbids
        ``count``/``each`` in locals and outputs, so they never depend on it).
        """
        instance = copy.copy(self._module)
        instance.iteration = iteration
        return instance

    def bind(self, name: str, values: dict[str, Any]) -> Scope:
        """This scope with one more iteration variable: a ``dynamic`` block's iterator.

        ``name`` is the block label or its ``iterator``; ``values`` its ``key`` and
        ``value``. The resource's own ``count``/``each`` and the iterators of
        enclosing ``dynamic`` blocks stay visible, as in Terraform.
        """
        inner = copy.copy(self)
        inner.iteration = {**self.iteration, name: values}
        return inner

    def local(self, name: str) -> Any:
        if name in self._locals:
            return self._locals[name]
        if name not in self.local_exprs or name in self._busy:
            return UNKNOWN
        self._busy.add(name)
        value = evaluate(self.local_exprs[name], self._module)
        value = self.budget.check(value, self.local_places.get(name), f"local.{name}")
        self._busy.discard(name)
        self._locals[name] = value
        return value

    def output(self, name: str) -> Any:
        key = f"output.{name}"
        if key in self._locals:
            return self._locals[key]
        if name not in self.output_exprs or key in self._busy:
            return UNKNOWN
        self._busy.add(key)
        value = evaluate(self.output_exprs[name], self._module)
        value = self.budget.check(value, self.output_places.get(name), f"{self.prefix}output.{name}")
        self._busy.discard(key)
        self._locals[key] = value
        return value


def evaluate(expr: Any, scope: Scope) -> Any:
    """The value of ``expr`` in ``scope``; unknown past the budget's depth or work limits."""
    if expr is None or isinstance(expr, str | int | float | bool):
        return expr
    budget = scope.budget
    if budget.depth >= MAX_EVALUATION_DEPTH:
        return budget.trip("nesting")
    if not budget.spend(1):
        return UNKNOWN
    budget.depth += 1
    try:
        return _evaluate(expr, scope)
    finally:
        budget.depth -= 1


def _evaluate(expr: Any, scope: Scope) -> Any:
    if isinstance(expr, list):
        return [evaluate(e, scope) for e in expr]
    if isinstance(expr, dict):
        return {k: evaluate(v, scope) for k, v in expr.items()}
    if isinstance(expr, Trav):
        return _traverse(expr, scope)
    if isinstance(expr, Tmpl):
        return _template(expr, scope)
    if isinstance(expr, Cond):
        return _conditional(expr, scope)
    if isinstance(expr, Call):
        return _call(expr, scope)
    if isinstance(expr, Op):
        return _operation(expr, scope)
    if isinstance(expr, For):
        return _for(expr, scope)
    if isinstance(expr, Get):
        return _get(expr, scope)
    return UNKNOWN  # OPAQUE and anything unforeseen


def _traverse(expr: Trav, scope: Scope) -> Any:
    parts = tuple(_index(p, scope) for p in expr.parts)
    if expr.root == "var" and parts and isinstance(parts[0], str):
        return _apply(scope.variables.get(parts[0], UNKNOWN), parts[1:])
    if expr.root == "local" and parts and isinstance(parts[0], str):
        return _apply(scope.local(parts[0]), parts[1:])
    if expr.root == "module" and len(parts) >= 2 and isinstance(parts[0], str):
        child = scope.children.get(parts[0])
        rest = parts[1:]
        if isinstance(child, dict):  # module.NAME[key].output of a call with count/for_each
            step = rest[0]
            key = step[1] if isinstance(step, tuple) and step[0] == "index" else None
            child = child.get(key) if isinstance(key, int | str) and not isinstance(key, bool) else None
            rest = rest[1:]
        if not isinstance(child, Scope) or not rest or not isinstance(rest[0], str):
            return UNKNOWN
        return _apply(child.output(rest[0]), rest[1:])
    if expr.root in scope.iteration:
        return _apply(scope.iteration[expr.root], parts)
    if expr.root in _OPAQUE_ROOTS or not parts or not isinstance(parts[0], str):
        return UNKNOWN
    attribute = next((p for p in parts[1:] if isinstance(p, str)), None)
    address = f"{scope.prefix}{expr.root}.{parts[0]}"
    key = parts[1][1] if len(parts) > 1 and isinstance(parts[1], tuple) and parts[1][0] == "index" else None
    if isinstance(key, int | str) and not isinstance(key, bool):
        address = instance_address(address, key)  # aws_vpc.main[0], google_storage_bucket.b["logs"]
    return Ref(address, attribute)


def _index(part: Any, scope: Scope) -> Any:
    """An ``[expr]`` step with its key evaluated (``var.ranges[count.index]``)."""
    if isinstance(part, tuple) and part[0] == "index":
        return ("index", evaluate(part[1], scope))
    return part


def _apply(value: Any, parts: tuple[Any, ...]) -> Any:
    """Follow attribute, index and splat steps into a known value; unknown as soon as a step is.

    A splat (``var.rules[*].cidr``) applies the steps after it to every element;
    on a value that is not a list it gives ``[value]`` (``[]`` for null), as in
    Terraform.
    """
    for at, part in enumerate(parts):
        if is_unknown(value):
            return value if isinstance(value, Ref) else UNKNOWN
        if not isinstance(part, str) and part[0] == "splat":
            if part[1] is None:
                return UNKNOWN
            items = value if isinstance(value, list) else [] if value is None else [value]
            rest = (*part[1], *parts[at + 1 :])
            return [_apply(item, rest) for item in items]
        if isinstance(part, str):
            key: Any = part
        elif part[0] == "index" and not has_unknown(part[1]) and part[1] is not OPAQUE:
            key = part[1]
        else:
            return UNKNOWN
        if (
            isinstance(value, dict)
            and isinstance(key, str | int)
            and not isinstance(key, bool)
            and str(key) in value
        ):
            value = value[str(key)]
        elif (
            isinstance(value, list)
            and isinstance(key, int)
            and not isinstance(key, bool)
            and 0 <= key < len(value)
        ):
            value = value[key]
        else:
            return UNKNOWN
    return value


def _template(expr: Tmpl, scope: Scope) -> Any:
    values = [evaluate(p, scope) if not isinstance(p, str) else p for p in expr.parts]
    if len(values) == 1:
        return values[0]  # "${x}" is x itself, whatever its type
    if not _affordable(values, scope) or any(has_unknown(v) or isinstance(v, list | dict) for v in values):
        return UNKNOWN
    return "".join(_to_str(v) for v in values)


def _affordable(inputs: list[Any], scope: Scope) -> bool:
    """Whether a result built from ``inputs`` stays within the value size and the work left.

    Checked before a template or function builds it, so no doubling ever
    allocates more than the limit: the result is at most about the size of its
    inputs (``join`` adds its separator per element, counted too).
    """
    over, size = measure(inputs)
    if over is not None:
        scope.budget.trip(over)
        return False
    return scope.budget.spend(size)


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _conditional(expr: Cond, scope: Scope) -> Any:
    test = evaluate(expr.test, scope)
    if isinstance(test, bool):
        return evaluate(expr.then if test else expr.other, scope)
    then, other = evaluate(expr.then, scope), evaluate(expr.other, scope)
    if not _affordable([then, other], scope):
        return UNKNOWN
    return then if not has_unknown(then) and then == other else UNKNOWN


def _operation(expr: Op, scope: Scope) -> Any:
    """``&&``, ``||``, ``!``, comparisons and arithmetic, as Terraform evaluates them.

    Every operand is evaluated (Terraform's logical operators do not short-circuit)
    and an unknown operand makes the result unknown; an operand of a type
    Terraform rejects (``"x" + 1``, ``1 / 0``, ``!"maybe"``) makes it unknown too.
    """
    values = [evaluate(a, scope) for a in expr.args]
    if not _affordable(values, scope) or any(has_unknown(v) for v in values):
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


def _for(expr: For, scope: Scope) -> Any:
    """A ``for`` expression over a known collection; unknown when the collection or any ``if`` is.

    Lists give (index, element), maps (key, value) in lexical key order, as
    Terraform iterates them. The object form's keys must be known strings;
    a repeated key without ``...`` is an error in Terraform, so unknown here.
    """
    collection = evaluate(expr.collection, scope)
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
            keep = evaluate(expr.cond, inner)
            if not isinstance(keep, bool):
                return UNKNOWN
            if not keep:
                continue
        if expr.key is None:
            items.append(evaluate(expr.value, inner))
            continue
        name = evaluate(expr.key, inner)
        if not isinstance(name, str | int | float) or isinstance(name, bool):
            return UNKNOWN
        name = _to_str(name)
        if expr.group:
            grouped.setdefault(name, []).append(evaluate(expr.value, inner))
        elif name in grouped:
            return UNKNOWN
        else:
            grouped[name] = evaluate(expr.value, inner)
        if scope.budget.tripped:
            return UNKNOWN
    result = items if expr.key is None else grouped
    return result if _affordable([result], scope) else UNKNOWN


def _get(expr: Get, scope: Scope) -> Any:
    base = evaluate(expr.base, scope)
    return _apply(base, tuple(_index(p, scope) for p in expr.parts))


_PASS_THROUGH = frozenset({"tolist", "tostring", "tomap", "toset"})


def _separators(args: list[Any]) -> int:
    """Characters ``join`` adds: its separator once per element."""
    if len(args) >= 2 and isinstance(args[0], str) and all(isinstance(a, list) for a in args[1:]):
        return len(args[0]) * sum(len(a) for a in args[1:])
    return 0


def _call(expr: Call, scope: Scope) -> Any:
    if expr.name in ("try", "can"):
        return _try(expr, scope)
    fn = FUNCTIONS.get(expr.name)
    if fn is None:
        return UNKNOWN
    args = [evaluate(a, scope) for a in expr.args]
    if len(args) == 1 and isinstance(args[0], Ref) and expr.name in _PASS_THROUGH:
        return args[0]
    if not _affordable(args, scope) or any(has_unknown(a) for a in args):
        return UNKNOWN
    if expr.name == "join" and _separators(args) > MAX_VALUE_SIZE:
        return scope.budget.trip("size")
    try:
        return fn(*args)
    except (FunctionError, TypeError, ValueError, KeyError, IndexError, ArithmeticError):
        return UNKNOWN


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
            parts = tuple(_index(p, scope) for p in expr.parts)
            if expr.root == "var" and parts and isinstance(parts[0], str):
                base, rest = scope.variables.get(parts[0], UNKNOWN), parts[1:]
            elif expr.root == "local" and parts and isinstance(parts[0], str):
                base, rest = scope.local(parts[0]), parts[1:]
            elif expr.root in scope.iteration:
                base, rest = scope.iteration[expr.root], parts
            else:
                value = evaluate(expr, scope)
                return (None if value is UNKNOWN else False), value
        else:
            base, rest = evaluate(expr.base, scope), tuple(_index(p, scope) for p in expr.parts)
        return _steps_fail(base, rest)
    if isinstance(expr, Call) and expr.name not in ("try", "can"):
        args = [evaluate(a, scope) for a in expr.args]
        if any(a is None for a in args) and expr.name not in NULL_ARGUMENTS:
            # A function parameter rejects null unless it is declared to allow it (go-cty
            # function.Parameter.AllowNull, false by default): pathexpand(null) fails, also
            # for a function the scan does not evaluate.
            return True, UNKNOWN
        if expr.name not in FUNCTIONS or any(has_unknown(a) for a in args):
            return None, UNKNOWN
        if not _affordable(args, scope):
            return None, UNKNOWN
        try:
            return False, FUNCTIONS[expr.name](*args)
        except (FunctionError, TypeError, ValueError, KeyError, IndexError, ArithmeticError):
            return True, UNKNOWN
    value = evaluate(expr, scope)
    if isinstance(value, Ref):
        return False, value
    return (None if is_unknown(value) else False), value


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


def _steps_fail(value: Any, parts: tuple[Any, ...]) -> tuple[bool | None, Any]:
    """Follow steps; a missing key or index of a known value is a failure, an unknown one is not known."""
    for part in parts:
        if isinstance(value, Ref):
            return False, value
        if is_unknown(value):
            return None, UNKNOWN
        if not isinstance(part, str) and part[0] == "splat":
            result = _apply(value, (part,))
            return (None if result is UNKNOWN else False), result
        key = part if isinstance(part, str) else part[1]
        if has_unknown(key) or key is OPAQUE:
            return None, UNKNOWN
        if isinstance(value, dict) and isinstance(key, str | int) and not isinstance(key, bool):
            if str(key) not in value:
                return True, UNKNOWN
            value = value[str(key)]
        elif isinstance(value, list) and isinstance(key, int) and not isinstance(key, bool):
            if not 0 <= key < len(value):
                return True, UNKNOWN
            value = value[key]
        else:
            return True, UNKNOWN  # an attribute of a string, null or number: an error in Terraform
    return (None if value is UNKNOWN else False), value
