"""Field paths: checked against a kind's record type at load time, read fast at run time.

A path is dotted (``access_keys``, ``origin.call``, ``native.settings.ipConfiguration``).
Checking it against the record type when a policy loads means a typo is an
error, not a condition that silently never matches. ``@`` is the current element
inside a ``some``/``every``/``none`` quantifier.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

import msgspec

from scanner.inventory.model import PortRange, Resource


class _Unknown:
    """The value of a field the source marked as not knowable (see ``Resource.unknown``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()

SELF = "@"


class PathError(ValueError):
    """A path that does not exist on the type it is used with."""


@dataclass(frozen=True)
class FieldType:
    """What a path leads to: the categories operators check, and the element type of lists.

    ``choices`` lists the allowed values of an enumerated field so that
    ``eq ingres`` can be rejected at load time.
    """

    categories: frozenset[str]
    element: Any = None
    choices: tuple[Any, ...] | None = None
    describe: str = "value"


_ANY = FieldType(frozenset({"any", "number", "string", "list", "cidr", "ports"}), Any, None, "any")


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def field_type(annotation: Any) -> FieldType:
    """Classify a type annotation into operator categories."""
    annotation = _strip_optional(annotation)
    origin = get_origin(annotation)
    if annotation is Any:
        return _ANY
    if origin is Literal:
        return FieldType(frozenset({"any", "string"}), choices=get_args(annotation), describe="text")
    if annotation is bool:
        return FieldType(frozenset({"any"}), describe="true/false")
    if annotation is int:
        return FieldType(frozenset({"any", "number", "ports"}), describe="number")
    if annotation is float:
        return FieldType(frozenset({"any", "number"}), describe="number")
    if annotation is str:
        return FieldType(frozenset({"any", "string", "cidr"}), describe="text")
    if annotation is PortRange:
        return FieldType(frozenset({"any", "ports"}), element=PortRange, describe="port range")
    if origin in (tuple, list, frozenset, set):
        element = _strip_optional(get_args(annotation)[0])
        categories = {"any", "list"}
        if element is str:
            categories.add("cidr")
        if element is PortRange or element is int:
            categories.add("ports")
        return FieldType(frozenset(categories), element=element, describe="list")
    if origin is dict:
        return FieldType(frozenset({"any"}), element=annotation, describe="mapping")
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return FieldType(frozenset({"any"}), element=annotation, describe="record")
    return _ANY


@cache
def _struct_hints(cls: type) -> dict[str, Any]:
    """The declared field types of a record class; cached because the types never change at run time
    (the built-in pack asked ``get_type_hints`` the same few dozen questions 600 times)."""
    hints = typing.get_type_hints(cls)
    names = set(cls.__struct_fields__)  # type: ignore[attr-defined]
    out = {name: hint for name, hint in hints.items() if name in names}
    if issubclass(cls, Resource):
        out["kind"] = str
    return out


def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def resolve(
    root: Any, path: str, relations: dict[str, str] | None = None, label: str = "the resource"
) -> FieldType:
    """The :class:`FieldType` at ``path`` under ``root``, or :class:`PathError`.

    ``root`` is a record class, or an element type inside a quantifier.
    """
    if path == SELF:
        return field_type(root)
    current: Any = root
    walked: list[str] = []
    for segment in path.split("."):
        current = _strip_optional(current)
        if current is Any:
            return _ANY
        where = ".".join(walked) or label
        if get_origin(current) is dict:
            _key_type, value_type = get_args(current)
            if walked == ["relations"] and relations is not None and segment not in relations:
                known = sorted(relations)
                raise PathError(
                    f"unknown relation {segment!r}; this kind has "
                    f"{', '.join(known) if known else 'no relations'}" + _suggest(segment, known)
                )
            current = value_type
        elif isinstance(current, type) and issubclass(current, msgspec.Struct):
            hints = _struct_hints(current)
            if segment not in hints:
                raise PathError(f"unknown field {segment!r} on {where}" + _suggest(segment, sorted(hints)))
            current = hints[segment]
        else:
            kind = field_type(current)
            if "list" in kind.categories:
                raise PathError(
                    f"{'.'.join(walked)!r} is a list; use some/every/none to look inside its elements"
                )
            raise PathError(f"{'.'.join(walked)!r} is a {kind.describe}; it has no field {segment!r}")
        walked.append(segment)
    return field_type(current)


@cache
def _readable(cls: type) -> frozenset[str]:
    """The attributes of a record type a path may read: its declared fields and its tag."""
    tag_field = cls.__struct_config__.tag_field  # type: ignore[attr-defined]
    return frozenset((*cls.__struct_fields__, *([tag_field] if tag_field else [])))  # type: ignore[attr-defined]


def _step(value: Any, segment: str) -> Any:
    """One segment of a path: a mapping key, a list index, or a declared record field.

    Nothing else: past ``native`` the data comes from the cloud and the segments
    from a policy, so ``getattr`` would let ``native.x.__class__.__subclasses__``
    walk Python's objects. Anything that is not plain data reads as not set.
    """
    if isinstance(value, dict):
        return value.get(segment)
    if isinstance(value, msgspec.Struct):
        return getattr(value, segment, None) if segment in _readable(type(value)) else None
    if isinstance(value, list | tuple) and segment.isdigit():
        index = int(segment)
        return value[index] if index < len(value) else None
    return None


def getter(path: str, *, check_unknown: bool) -> Callable[[Any], Any]:
    """A fast reader for ``path``; returns ``UNKNOWN`` for fields a resource marks unknown."""
    if path == SELF:
        return lambda obj: obj
    segments = tuple(path.split("."))
    prefixes = tuple(".".join(segments[: i + 1]) for i in range(len(segments)))

    def read(obj: Any) -> Any:
        if check_unknown and obj.unknown and any(p in obj.unknown for p in prefixes):
            return UNKNOWN
        value = obj
        for segment in segments:
            if value is None:
                return None
            value = _step(value, segment)
        return value

    if len(segments) == 1 and check_unknown:
        (name,) = segments

        def read_one(obj: Any) -> Any:
            if obj.unknown and name in obj.unknown:
                return UNKNOWN
            return getattr(obj, name)

        return read_one
    return read
