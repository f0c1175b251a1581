"""One module instance as expressions see it, and the entry point that evaluates an expression in it.

Why evaluation is a method of the scope: every expression form (reference,
operator, template, ``for``, call) evaluates its operands in the scope it was
given, or in a copy with more iteration variables. Calling back through the
scope keeps each form in its own module without the forms importing each
other, and keeps the budget's depth and work checks in one place.
"""

from __future__ import annotations

import copy
from typing import Any

from scanner.sources.terraform.evaluate.budget import Budget
from scanner.sources.terraform.evaluate.calls import call
from scanner.sources.terraform.evaluate.for_expressions import for_expression
from scanner.sources.terraform.evaluate.operators import conditional, operation
from scanner.sources.terraform.evaluate.references import get, traverse
from scanner.sources.terraform.evaluate.steps import follow
from scanner.sources.terraform.evaluate.templates import template
from scanner.sources.terraform.hcl import Call, Cond, For, Get, Op, Tmpl, Trav
from scanner.sources.terraform.limits import MAX_EVALUATION_DEPTH
from scanner.sources.terraform.model import UNKNOWN


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

    def evaluate(self, expr: Any) -> Any:
        """The value of ``expr`` in this scope; unknown past the budget's depth or work limits."""
        if expr is None or isinstance(expr, str | int | float | bool):
            return expr
        budget = self.budget
        if budget.depth >= MAX_EVALUATION_DEPTH:
            return budget.trip("nesting")
        if not budget.spend(1):
            return UNKNOWN
        budget.depth += 1
        try:
            return _dispatch(expr, self)
        finally:
            budget.depth -= 1

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
        value = self._module.evaluate(self.local_exprs[name])
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
        value = self._module.evaluate(self.output_exprs[name])
        value = self.budget.check(value, self.output_places.get(name), f"{self.prefix}output.{name}")
        self._busy.discard(key)
        self._locals[key] = value
        return value

    def module_output(self, parts: tuple[Any, ...]) -> Any:
        """``module.NAME.OUTPUT...`` or ``module.NAME[KEY].OUTPUT...`` (``parts`` after ``module``).

        ``KEY`` picks one instance of a call with ``count``/``for_each``; the
        steps after the output name are followed into its value.
        """
        child = self.children.get(parts[0])
        rest = parts[1:]
        if isinstance(child, dict):  # module.NAME[key].output of a call with count/for_each
            step = rest[0]
            key = step[1] if isinstance(step, tuple) and step[0] == "index" else None
            child = child.get(key) if isinstance(key, int | str) and not isinstance(key, bool) else None
            rest = rest[1:]
        if not isinstance(child, Scope) or not rest or not isinstance(rest[0], str):
            return UNKNOWN
        return follow(child.output(rest[0]), rest[1:])


def _dispatch(expr: Any, scope: Scope) -> Any:
    """The expression form's own evaluation; OPAQUE and anything unforeseen is unknown."""
    if isinstance(expr, list):
        return [scope.evaluate(e) for e in expr]
    if isinstance(expr, dict):
        return {k: scope.evaluate(v) for k, v in expr.items()}
    if isinstance(expr, Trav):
        return traverse(expr, scope)
    if isinstance(expr, Tmpl):
        return template(expr, scope)
    if isinstance(expr, Cond):
        return conditional(expr, scope)
    if isinstance(expr, Call):
        return call(expr, scope)
    if isinstance(expr, Op):
        return operation(expr, scope)
    if isinstance(expr, For):
        return for_expression(expr, scope)
    if isinstance(expr, Get):
        return get(expr, scope)
    return UNKNOWN
