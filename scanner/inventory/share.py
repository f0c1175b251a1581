"""One copy of each repeated value in a decoded inventory: the memory a million records need.

A JSON decoder makes a new object for every value it reads, so a million records
hold a million copies of ``"api"``, of each account id and region, of
``("0.0.0.0/0",)``, of ``{"env": "prod", "team": "web"}``. :func:`share_values`
walks freshly decoded records once and makes equal values the same object:

* ``origin``: one :class:`Origin` per distinct origin;
* text fields other than ``id`` and ``name`` (an account, a region, a protocol, a
  state), lists of text and lists of port ranges: one object per distinct value;
* ``tags`` and ``relations``: one mapping per distinct list of pairs (order
  included, so a record encodes exactly as it was read): the rules of one
  security group all point at the same network;
* ``name``: the ``id`` object itself when they are equal (a rule named by its id);
* empty ``relations``, ``tags`` and ``native``: one empty mapping for all.

``native`` values are left as they are: most are unique per record (ids, times),
and rebuilding each mapping cost more time than the few shared strings saved.

Nothing changes value, only identity: records compare, hash and encode as they
did, and a record is never mutated after loading (the inventory's contract,
``base.py``), so sharing an object between records is safe. ``force_setattr`` is
how msgspec lets a frozen record take an equal value in place.

Each table takes new values until it holds :data:`MAX_DISTINCT`: a field that
turns out to be unique per record (a serial number) stops being recorded once
its table is full, so the tables never cost much more than they save. The
per-kind code is generated once from the record type's annotations
(straight-line attribute reads instead of a loop over field names: this runs
once per record and field).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from msgspec.structs import force_setattr

from scanner.inventory.model import KINDS, PortRange, Resource

MAX_DISTINCT = 200_000
_UNIQUE = frozenset({"id", "name"})  # one per record: recording them would only cost memory
_DICTS = ("relations", "tags", "native")


def _plain(annotation: Any) -> Any:
    """``X | None`` as ``X``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _shared_fields(cls: type[Resource]) -> tuple[list[str], list[str]]:
    """The text fields and the tuple-of-text/port-range fields of a record type worth sharing."""
    texts, tuples = [], []
    hints = typing.get_type_hints(cls)
    for name in cls.__struct_fields__:
        if name in _UNIQUE or name in _DICTS or name == "origin":
            continue
        annotation = _plain(hints[name])
        if annotation is str:
            texts.append(name)
        elif get_origin(annotation) is tuple and _plain(get_args(annotation)[0]) in (str, PortRange):
            tuples.append(name)
        elif get_origin(annotation) is Literal:
            continue  # msgspec already returns the one object each literal value has
    return texts, tuples


class Tables:
    """What one load has seen: value -> the object every record gets."""

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}
        self.origins: dict[Any, Any] = {}
        self.tags: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
        self.relations: dict[tuple[tuple[str, tuple[str, ...]], ...], dict[str, tuple[str, ...]]] = {}
        self.empty: dict[str, Any] = {}


Lookup = Callable[[Any, Any], Any]
"""``table.setdefault`` while a table has room, ``table.get`` once it is full: value -> shared object."""


@cache
def _sharer(cls: type[Resource]) -> Callable[..., None]:
    """Generated code sharing the values of one record type (see the module docstring).

    Each table is reached through a :data:`Lookup` that returns the shared object
    (the value itself when it is new): one C call per field, then an identity test.
    """
    texts, tuples = _shared_fields(cls)
    lines = [
        "def share(r, origin_of, value_of, tags_of, relations_of, empty, put):",
        "    o = r.origin",
        "    same = origin_of(o, o)",
        "    if same is not o:",
        "        put(r, 'origin', same)",
    ]
    for name in (*texts, *tuples):
        lines += [
            f"    v = r.{name}",
            "    if v:",
            "        same = value_of(v, v)",
            "        if same is not v:",
            f"            put(r, {name!r}, same)",
        ]
    for name, table in (("tags", "tags_of"), ("relations", "relations_of")):
        lines += [
            f"    pairs = r.{name}",
            "    if pairs:",
            f"        same = {table}(tuple(pairs.items()), pairs)",
            "        if same is not pairs:",
            f"            put(r, {name!r}, same)",
            "    else:",
            f"        put(r, {name!r}, empty)",
        ]
    lines += [
        "    if r.name == r.id and r.name is not r.id:",
        "        put(r, 'name', r.id)",
        "    if not r.native:",
        "        put(r, 'native', empty)",
    ]
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), f"<share {cls.__name__}>", "exec"), namespace)  # noqa: S102
    return namespace["share"]  # type: ignore[no-any-return]


def _lookup(table: dict[Any, Any]) -> Lookup:
    return table.setdefault if len(table) < MAX_DISTINCT else table.get


def share_values(resources: Iterable[Resource], tables: Tables | None = None) -> Tables:
    """Make equal values of ``resources`` one object each (see the module docstring).

    Pass the returned tables to the next call to share across batches of one load;
    a table that is full when a call starts only gives out what it holds (it grows
    by at most one call's new values past :data:`MAX_DISTINCT`).
    """
    tables = tables if tables is not None else Tables()
    sharers = {cls: _sharer(cls) for cls in KINDS.values()}
    origin_of, value_of = _lookup(tables.origins), _lookup(tables.values)
    tags_of, relations_of, empty = _lookup(tables.tags), _lookup(tables.relations), tables.empty
    for resource in resources:
        share = sharers.get(type(resource))
        if share is not None:
            share(resource, origin_of, value_of, tags_of, relations_of, empty, force_setattr)
    return tables
