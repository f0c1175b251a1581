"""Turn a policy condition into a function, checking every path and operator on the way.

Conditions use three-valued logic: a test is ``True`` (violated), ``False`` or
``None`` (unknown: a value the source could not know). ``all``/``any``/``not``
follow Kleene's rules, so an unknown never turns into a finding by itself but
is never hidden behind a definite answer either.

Condition forms::

    {all: [c, ...]}   {any: [c, ...]}   {not: c}
    {field: PATH, op: OPERATOR, value: V}
    {some: PATH, where: c}   {every: PATH, where: c}   {none: PATH, where: c}
    {follow: RELATION, where: c}          # some related resource satisfies c

A relation whose target is missing from the inventory, or is a resource of
another kind than the relation declares (a hand-edited snapshot), counts as an
unknown target: its fields cannot be read as the declared kind's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from keyword import iskeyword
from typing import Any

from scanner.inventory.model import KINDS, Resource
from scanner.inventory.store import Inventory
from scanner.policy.errors import PolicyError
from scanner.policy.operators import OPERATORS
from scanner.policy.paths import SELF, UNKNOWN, PathError, field_type, getter, resolve

Verdict = bool | None
Test = Callable[[Any, Inventory], Verdict]
DocPath = tuple[str | int, ...]
QUANTIFIERS = ("some", "every", "none")
_TYPED_OPS = ("eq", "ne", "in", "not_in", "gt", "ge", "lt", "le", "contains")
_FITS: dict[str, Callable[[Any], bool]] = {
    "true/false": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "text": lambda v: isinstance(v, str),
}
_A = {"true/false": "true or false", "number": "a number", "text": "text"}


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


@dataclass(frozen=True)
class Scope:
    """What paths in a condition refer to: a resource kind, or a list element type."""

    root: Any
    label: str
    relations: Mapping[str, str]
    is_resource: bool


def resource_scope(kind: str) -> Scope:
    cls = KINDS[kind]
    return Scope(cls, kind, cls.RELATIONS, True)


class ConditionCompiler:
    """Compiles the conditions of one policy file; ``line_of`` maps document paths to lines."""

    def __init__(self, file: str, line_of: Callable[[DocPath], int | None]) -> None:
        self.file = file
        self.line_of = line_of

    def error(self, path: DocPath, message: str) -> PolicyError:
        return PolicyError(self.file, message, self.line_of(path), path)

    def compile(self, node: Any, scope: Scope, path: DocPath) -> Test:
        if not isinstance(node, dict):
            raise self.error(path, "a condition must be a mapping")
        if "all" in node:
            return _all([self.compile(c, scope, (*path, "all", i)) for i, c in enumerate(node["all"])])
        if "any" in node:
            return _any([self.compile(c, scope, (*path, "any", i)) for i, c in enumerate(node["any"])])
        if "not" in node:
            return _not(self.compile(node["not"], scope, (*path, "not")))
        if "field" in node:
            return self._leaf(node, scope, path)
        for quantifier in QUANTIFIERS:
            if quantifier in node:
                return self._quantifier(quantifier, node, scope, path)
        if "follow" in node:
            return self._follow(node, scope, path)
        raise self.error(path, "a condition needs one of all, any, not, field, some, every, none, follow")

    def check_path(self, field: str, scope: Scope, path: DocPath) -> Any:
        try:
            return resolve(scope.root, field, dict(scope.relations), scope.label)
        except PathError as exc:
            raise self.error(path, str(exc)) from None

    def _leaf(self, node: dict[str, Any], scope: Scope, path: DocPath) -> Test:
        field = node["field"]
        op_name = node.get("op")
        operator = OPERATORS.get(op_name)  # type: ignore[arg-type]
        if operator is None:
            raise self.error((*path, "op"), f"unknown operator {op_name!r}")
        ftype = self.check_path(field, scope, (*path, "field"))
        if not operator.fields & ftype.categories:
            wants = " or ".join(sorted(operator.fields))
            raise self.error(
                (*path, "op"),
                f"operator {op_name!r} needs a {wants} field, but {field!r} is a {ftype.describe}",
            )
        if operator.value_schema is None:
            if "value" in node:
                raise self.error((*path, "value"), f"operator {op_name!r} takes no value")
            value = None
        elif "value" not in node:
            raise self.error(path, f"operator {op_name!r} needs a value")
        else:
            value = node["value"]
            self._check_choices(value, op_name, ftype.choices, (*path, "value"))
            self._check_value_type(field, ftype, op_name, value, (*path, "value"))
            self._check_list_compare(field, ftype, op_name, value, (*path, "op"))
        try:
            prepared = operator.prepare(value)
        except (ValueError, TypeError) as exc:
            raise self.error((*path, "value"), str(exc)) from None
        test = operator.test
        if scope.is_resource and field != SELF and "." not in field:
            return _field_leaf(field, test, prepared, op_name)
        read = getter(field, check_unknown=scope.is_resource)

        def leaf(obj: Any, _inv: Inventory) -> Verdict:
            current = read(obj)
            if current is UNKNOWN:
                return None
            return test(current, prepared)

        return leaf

    def _check_value_type(self, field: str, ftype: Any, op: str, value: Any, path: DocPath) -> None:
        """A value of another type than the field's can never match (``versioning eq "false"``): say so now.

        ``null`` is allowed everywhere (an unset field); ``in``/``not_in`` check each item,
        and a list field is compared through its elements' type.
        """
        if op not in _TYPED_OPS:
            return
        wanted = ftype.describe
        if ftype.describe == "list":
            wanted = field_type(ftype.element).describe if ftype.element is not None else "value"
            if op in ("eq", "ne") and not isinstance(value, list):
                return  # reported by _check_list_compare
        items = (
            value
            if isinstance(value, list) and (op in ("in", "not_in") or ftype.describe == "list")
            else [value]
        )
        check = _FITS.get(wanted)
        if check is None:
            return
        for item in items:
            if item is not None and not check(item):
                hint = ""
                if wanted == "true/false" and isinstance(item, str) and item.lower() in ("true", "false"):
                    hint = f" (write {item.lower()} without quotes)"
                elif wanted == "number" and isinstance(item, str) and item.strip().lstrip("-").isdigit():
                    hint = f" (write {item.strip()} without quotes)"
                elif wanted == "text" and not isinstance(item, str):
                    hint = (
                        f' (quote it: "{item}")'
                        if not isinstance(item, bool)
                        else f' (quote it: "{str(item).lower()}")'
                    )
                raise self.error(
                    path,
                    f"{field!r} holds {_A[wanted]}, so {_describe_value(item)} can never match{hint}",
                )

    def _check_list_compare(self, field: str, ftype: Any, op: str, value: Any, path: DocPath) -> None:
        """A list compared with one value by eq/ne/in/not_in can never match: say so at load time."""
        if ftype.describe != "list" or op not in ("eq", "ne", "in", "not_in"):
            return
        if op in ("eq", "ne") and isinstance(value, list):
            return  # the whole list against a whole list
        raise self.error(
            path,
            f"{field!r} is a list, so {op!r} with a single value never matches; "
            "use 'contains', or look at its elements with some/every/none",
        )

    def _check_choices(self, value: Any, op: str, choices: Any, path: DocPath) -> None:
        if not choices or op not in ("eq", "ne", "in", "not_in"):
            return
        for item in value if isinstance(value, list) else [value]:
            if item not in choices:
                allowed = ", ".join(map(str, choices))
                raise self.error(path, f"{item!r} can never match; the field is one of {allowed}")

    def _quantifier(self, quantifier: str, node: dict[str, Any], scope: Scope, path: DocPath) -> Test:
        field = node[quantifier]
        ftype = self.check_path(field, scope, (*path, quantifier))
        if "list" not in ftype.categories:
            raise self.error(
                (*path, quantifier),
                f"{quantifier!r} needs a list field; {field!r} is a {ftype.describe}",
            )
        if "where" not in node:
            raise self.error(path, f"{quantifier!r} needs a 'where' condition for the elements")
        element_scope = Scope(ftype.element, f"elements of {field}", {}, False)
        where = self.compile(node["where"], element_scope, (*path, "where"))
        read = getter(field, check_unknown=scope.is_resource)
        return _quantify(quantifier, read, where)

    def _follow(self, node: dict[str, Any], scope: Scope, path: DocPath) -> Test:
        relation = node["follow"]
        if relation not in scope.relations:
            known = ", ".join(sorted(scope.relations)) or "none"
            raise self.error(
                (*path, "follow"), f"{scope.label} has no relation {relation!r} (it has: {known})"
            )
        if "where" not in node:
            raise self.error(path, "'follow' needs a 'where' condition for the related resource")
        target = resource_scope(scope.relations[relation])
        where = self.compile(node["where"], target, (*path, "where"))
        return _follow(relation, scope.relations[relation], where)


def _field_leaf(name: str, test: Callable[[Any, Any], Verdict], prepared: Any, op: str) -> Test:
    """A leaf on one top-level field of a resource: the reader inlined, the commonest leaf there is.

    The same verdicts as the general leaf over :func:`getter` (unknown first, then the
    field, already checked to exist at load time), one call fewer per resource and leaf:
    leaves are most of the evaluation time of a large inventory.
    """

    def leaf(obj: Any, _inv: Inventory) -> Verdict:
        unknown = obj.unknown
        if unknown and name in unknown:
            return None
        return test(getattr(obj, name), prepared)

    leaf.field_test = (name, test, prepared, op)  # type: ignore[attr-defined]  # for _kleene to inline
    return leaf


def _kleene(tests: list[Test], decisive: bool) -> Test:
    """``all`` (decisive ``False``) or ``any`` (decisive ``True``) in three-valued logic.

    The first decisive verdict wins; otherwise an unknown makes the whole unknown.
    The verdict does not depend on the order the parts are tried in, so leaves on
    top-level fields (most parts of most policies) are tried first, inline, without
    a call each; the other parts follow.
    """
    fields = [t.field_test for t in tests if hasattr(t, "field_test")]
    if fields:
        others = [t for t in tests if not hasattr(t, "field_test")]
        return _kleene_inline(fields, others, decisive)

    def run(obj: Any, inv: Inventory) -> Verdict:
        unknown = False
        for test in tests:
            verdict = test(obj, inv)
            if verdict is decisive:
                return decisive
            if verdict is None:
                unknown = True
        return None if unknown else not decisive

    return run


# Operators whose test is one comparison: written inline in the generated code, the same expression
# their function evaluates (``_eq`` is ``field == value``, ``ne`` is ``field != value``).
_INLINE = {"eq": "{field} == {value}", "ne": "{field} != {value}"}


def _kleene_inline(
    fields: list[tuple[str, Callable[[Any, Any], Verdict], Any, str]], others: list[Test], decisive: bool
) -> Test:
    """:func:`_kleene` with its top-level field leaves read and tested in straight-line code.

    The function is generated once per ``all``/``any`` when the policy loads: each leaf
    becomes its own few lines (unknown check, attribute read, the comparison inline
    for ``eq``/``ne``, else one call of the operator's test), in the same order and with
    the same verdicts as the loop it replaces, without a loop, a tuple unpacking or a
    ``getattr`` per leaf and resource. Only names checked against the record type
    reach the source text (as attributes or ``repr`` strings); values stay objects in
    the function's namespace.
    """
    namespace: dict[str, Any] = {}
    lines = ["def run(obj, inv):", "    unknown = False", "    marked = obj.unknown"]
    for i, (name, test, prepared, op) in enumerate(fields):
        namespace[f"_t{i}"], namespace[f"_p{i}"] = test, prepared
        read = f"obj.{name}" if name.isidentifier() and not iskeyword(name) else f"getattr(obj, {name!r})"
        inline = _INLINE.get(op)
        expr = inline.format(field=read, value=f"_p{i}") if inline else f"_t{i}({read}, _p{i})"
        lines += [
            f"    if marked and {name!r} in marked:",
            "        unknown = True",
            "    else:",
            f"        verdict = {expr}",
            f"        if verdict is {decisive}:",
            f"            return {decisive}",
            "        if verdict is None:",
            "            unknown = True",
        ]
    for j, other in enumerate(others):
        namespace[f"_o{j}"] = other
        lines += [
            f"    verdict = _o{j}(obj, inv)",
            f"    if verdict is {decisive}:",
            f"        return {decisive}",
            "    if verdict is None:",
            "        unknown = True",
        ]
    lines.append(f"    return None if unknown else {not decisive}")
    exec(compile("\n".join(lines), f"<{'any' if decisive else 'all'} condition>", "exec"), namespace)  # noqa: S102
    return namespace["run"]  # type: ignore[no-any-return]


def _all(tests: list[Test]) -> Test:
    return _kleene(tests, decisive=False)


def _any(tests: list[Test]) -> Test:
    return _kleene(tests, decisive=True)


def _not(test: Test) -> Test:
    def run(obj: Any, inv: Inventory) -> Verdict:
        verdict = test(obj, inv)
        return None if verdict is None else not verdict

    return run


def _quantify(quantifier: str, read: Callable[[Any], Any], where: Test) -> Test:
    some = _any_element(read, where)
    if quantifier == "some":
        return some
    if quantifier == "none":
        return _not(some)
    negated = _not(where)
    some_fails = _any_element(read, negated)
    return _not(some_fails)


_MISSING = object()


def _exists(items: Iterable[Any], where: Test, inv: Inventory) -> Verdict:
    """Kleene "some item satisfies ``where``"; a ``_MISSING`` item counts as unknown."""
    unknown = False
    for item in items:
        verdict = None if item is _MISSING else where(item, inv)
        if verdict is True:
            return True
        if verdict is None:
            unknown = True
    return None if unknown else False


def _any_element(read: Callable[[Any], Any], where: Test) -> Test:
    def run(obj: Any, inv: Inventory) -> Verdict:
        items = read(obj)
        if items is UNKNOWN:
            return None
        return _exists(items or (), where, inv)

    return run


def _follow(relation: str, kind: str, where: Test) -> Test:
    def target(inv: Inventory, rid: str) -> Any:
        resource = inv.get(rid)
        return resource if resource is not None and resource.kind == kind else _MISSING

    def run(obj: Resource, inv: Inventory) -> Verdict:
        return _exists((target(inv, rid) for rid in obj.relations.get(relation, ())), where, inv)

    return run
