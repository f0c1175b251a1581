"""Evaluate parsed HCL expressions as far as they are known before apply.

The rule (also tested): a value is known only when it is a literal, or built
from literals, variable defaults (or values passed in a module call, or set in
``terraform.tfvars`` / ``*.auto.tfvars``), locals and outputs of local modules
that are themselves known, through a few pure functions (``jsonencode``,
``tolist``, ``lower`` ...). ``count.index``, ``each.key`` and ``each.value``
are known inside a resource whose ``count``/``for_each`` is known (see
:meth:`Scope.repeat`), and a ``dynamic`` block's ``<label>.key``/``.value``
inside each copy of its ``content`` (see :meth:`Scope.bind`). A reference to
another managed resource becomes a :class:`~scanner.sources.terraform.model.Ref`;
anything else (data sources, ``count``/``each`` of an unknown repetition, a
variable without default, other functions, ``for`` expressions, arithmetic) is
:data:`~scanner.sources.terraform.model.UNKNOWN`. A conditional is known when
its test is known, or when both branches agree.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from scanner.sources.terraform.hcl import OPAQUE, Call, Cond, Tmpl, Trav
from scanner.sources.terraform.model import UNKNOWN, Ref, has_unknown, instance_address, is_unknown

# Roots that never name a managed resource and are not known before apply.
_OPAQUE_ROOTS = frozenset({"data", "each", "count", "self", "path", "terraform"})


class Scope:
    """One module instance: its address prefix, variables, locals, outputs and child modules."""

    def __init__(self, prefix: str, variables: dict[str, Any]) -> None:
        self.prefix = prefix  # "" or "module.net." (with the trailing dot)
        self.variables = variables  # name -> evaluated value (UNKNOWN when no default)
        self.local_exprs: dict[str, Any] = {}
        self.output_exprs: dict[str, Any] = {}
        self.children: dict[str, Scope] = {}
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
        self._busy.discard(key)
        self._locals[key] = value
        return value


def evaluate(expr: Any, scope: Scope) -> Any:
    if expr is None or isinstance(expr, str | int | float | bool):
        return expr
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
    return UNKNOWN  # OPAQUE and anything unforeseen


def _traverse(expr: Trav, scope: Scope) -> Any:
    parts = tuple(_index(p, scope) for p in expr.parts)
    if expr.root == "var" and parts and isinstance(parts[0], str):
        return _apply(scope.variables.get(parts[0], UNKNOWN), parts[1:])
    if expr.root == "local" and parts and isinstance(parts[0], str):
        return _apply(scope.local(parts[0]), parts[1:])
    if expr.root == "module" and len(parts) >= 2 and isinstance(parts[0], str):
        child = scope.children.get(parts[0])
        name = parts[1] if isinstance(parts[1], str) else None
        if child is None or name is None:
            return UNKNOWN
        return _apply(child.output(name), parts[2:])
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
    """Follow attribute and index steps into a known value; unknown as soon as a step is."""
    for part in parts:
        if is_unknown(value):
            return value if isinstance(value, Ref) else UNKNOWN
        if isinstance(part, str):
            key: Any = part
        elif part[0] == "index" and not has_unknown(part[1]) and part[1] is not OPAQUE:
            key = part[1]
        else:
            return UNKNOWN
        if isinstance(value, dict) and str(key) in value:
            value = value[str(key)]
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return UNKNOWN
    return value


def _template(expr: Tmpl, scope: Scope) -> Any:
    values = [evaluate(p, scope) if not isinstance(p, str) else p for p in expr.parts]
    if len(values) == 1:
        return values[0]  # "${x}" is x itself, whatever its type
    if any(has_unknown(v) or isinstance(v, list | dict) for v in values):
        return UNKNOWN
    return "".join(_to_str(v) for v in values)


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _conditional(expr: Cond, scope: Scope) -> Any:
    test = evaluate(expr.test, scope)
    if isinstance(test, bool):
        return evaluate(expr.then if test else expr.other, scope)
    then, other = evaluate(expr.then, scope), evaluate(expr.other, scope)
    return then if not has_unknown(then) and then == other else UNKNOWN


def _concat(*lists: Any) -> Any:
    return [v for item in lists for v in item] if all(isinstance(i, list) for i in lists) else UNKNOWN


def _merge(*maps: Any) -> Any:
    return {k: v for m in maps for k, v in m.items()} if all(isinstance(m, dict) for m in maps) else UNKNOWN


def _same(value: Any) -> Any:
    return value


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "jsonencode": lambda v: json.dumps(v, separators=(",", ":")),
    "tolist": _same,
    "toset": lambda v: sorted(dict.fromkeys(v), key=str) if isinstance(v, list) else UNKNOWN,
    "tomap": _same,
    "tostring": _to_str,
    "tonumber": lambda v: v if isinstance(v, int | float) else float(v) if "." in str(v) else int(v),
    "tobool": lambda v: v if isinstance(v, bool) else str(v) == "true",
    "lower": lambda v: str(v).lower(),
    "upper": lambda v: str(v).upper(),
    "concat": _concat,
    "merge": _merge,
    "join": lambda sep, items: str(sep).join(_to_str(i) for i in items),
    "lookup": lambda m, k, *default: m.get(k, *default) if isinstance(m, dict) else UNKNOWN,
    "coalesce": lambda *vs: next((v for v in vs if v not in (None, "")), None),
}
_PASS_THROUGH = frozenset({"tolist", "tostring", "tomap", "toset"})


def _call(expr: Call, scope: Scope) -> Any:
    fn = _FUNCTIONS.get(expr.name)
    if fn is None:
        return UNKNOWN
    args = [evaluate(a, scope) for a in expr.args]
    if len(args) == 1 and isinstance(args[0], Ref) and expr.name in _PASS_THROUGH:
        return args[0]
    if any(has_unknown(a) for a in args):
        return UNKNOWN
    try:
        return fn(*args)
    except (TypeError, ValueError, KeyError):
        return UNKNOWN
