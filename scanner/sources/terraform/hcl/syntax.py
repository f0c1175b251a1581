"""The syntax tree the scan keeps of a ``.tf`` file: blocks, attributes and unevaluated expressions.

Why its own small tree rather than tree-sitter's nodes: nodes hold the whole
source and its grammar's quirks; these dataclasses hold only what evaluation
and the translators need (the expressions frozen, so they can be compared and
shared between module instances), and keep the grammar an implementation
detail of :mod:`.blocks` and :mod:`.expressions`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Trav:
    """``root.part.part[...]``: parts are attribute names (str) or index keys (``("index", value)``)."""

    root: str
    parts: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Tmpl:
    """A string template: literal strings and interpolated expressions, in order."""

    parts: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Cond:
    test: Any
    then: Any
    other: Any


@dataclass(frozen=True, slots=True)
class Op:
    """An operator applied to its operands: ``op`` is the token (``&&``, ``!``, ``+``, ``==`` ...)."""

    op: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class For:
    """A ``for`` expression: ``[for KEY, VALUE in COLL : RESULT if COND]`` or the ``{... : K => V}`` form.

    ``key_var`` is ``None`` with one iteration variable; ``key`` is ``None`` in the
    list form; ``group`` is the object form's ``...`` (values with one key grouped).
    """

    key_var: str | None
    value_var: str
    collection: Any
    key: Any
    value: Any
    cond: Any = None
    group: bool = False


@dataclass(frozen=True, slots=True)
class Get:
    """Attribute/index/splat steps applied to the value of ``base`` (not a plain name)."""

    base: Any
    parts: tuple[Any, ...]


OPERATORS = frozenset({"&&", "||", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "!"})


class _Opaque:
    def __repr__(self) -> str:
        return "OPAQUE"


OPAQUE = _Opaque()


@dataclass(slots=True)
class Block:
    type: str
    labels: tuple[str, ...]
    line: int
    attrs: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class ParsedFile:
    """Top-level blocks and attributes (``.tfvars``) of a file, or why it cannot be read and where."""

    blocks: list[Block]
    attrs: dict[str, Any]
    error_line: int | None = None
    error: str | None = None
