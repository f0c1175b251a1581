"""The one table of comparison operators used by every policy leaf.

Each operator is a small function of (field value, policy value) plus what it
accepts: which field types make sense and the JSON Schema of its ``value``.
The policy JSON Schema is generated from this table, so the documented
vocabulary cannot drift from what the engine runs. There are no negated copies
(``not_contains`` ...): policies use the ``not`` combinator instead; ``ne`` and
``not_in`` exist because they are the everyday spelling.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

from scanner.inventory.model import PortRange

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

SCALAR = {"type": ["string", "number", "boolean", "null"]}
SCALAR_OR_LIST = {"anyOf": [SCALAR, {"type": "array", "items": SCALAR}]}
PORT = {
    "anyOf": [
        {"type": "integer", "minimum": 0, "maximum": 65535},
        {"type": "string", "pattern": r"^[0-9]{1,5}(-[0-9]{1,5})?$"},
    ]
}


@dataclass(frozen=True)
class Operator:
    """One operator: its test, the field types it accepts and its value's schema.

    ``fields`` is a set of field categories from :mod:`scanner.policy.paths`
    (``any``, ``number``, ``string``, ``list``, ``cidr``, ``ports``). ``prepare``
    turns the policy value into the form ``test`` wants, once, at load time, and
    raises ``ValueError`` with a readable message for a value that cannot work.
    """

    test: Callable[[Any, Any], bool]
    fields: frozenset[str]
    value_schema: dict[str, Any] | None
    description: str
    prepare: Callable[[Any], Any] = lambda value: value


def _normalise(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _eq(field: Any, value: Any) -> bool:
    return field == value


def _in(field: Any, value: frozenset[Any]) -> bool:
    try:
        return field in value
    except TypeError:
        return False


def _contains(field: Any, value: Any) -> bool:
    if field is None:
        return False
    try:
        return value in field
    except TypeError:
        return False


def _regex(field: Any, value: Any) -> bool:
    if isinstance(field, str):
        return _search(value, field)
    if isinstance(field, tuple):
        return any(isinstance(item, str) and value.search(item) is not None for item in field)
    return False


@lru_cache(maxsize=65536)
def _search(pattern: Any, text: str) -> bool:
    """One verdict per compiled pattern and text: fields matched by pattern (a database engine,
    a role) take few values, and each RE2 call through its wrapper costs more than a look-up."""
    return pattern.search(text) is not None


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # the error is ours to report, as one line: RE2 must not print it


def _compile_regex(value: str) -> Any:
    """Compile with RE2: matching time is linear in the text, whatever the pattern.

    Resource names come from the scanned accounts, so a backtracking engine would
    let an account owner stall the scan with a name built against a policy's
    pattern (``^(a+)+$``). RE2 has no backreferences or lookaround; a pattern that
    needs them is refused when the policy loads.
    """
    try:
        return re2.compile(value, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(f"invalid regular expression {value!r} (RE2 syntax): {reason}") from None


def _exists(field: Any, value: bool) -> bool:
    present = field is not None and field != () and field != ""
    return present is value


def _compare(check: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def test(field: Any, value: Any) -> bool:
        if isinstance(field, bool) or not isinstance(field, int | float):
            return False
        return check(field, value)

    return test


# --- CIDR operators --------------------------------------------------------------

_IPV4_ALL = ipaddress.IPv4Network("0.0.0.0/0")
_IPV6_ALL = ipaddress.IPv6Network("::/0")


@lru_cache(maxsize=65536)
def parse_network(text: str) -> Network | None:
    """A CIDR or bare address as a network; ``None`` for anything else.

    Providers spell "anywhere" in their own ways (``0.0.0.0``, ``*``); translate
    steps normalise those, and this stays strict so a typo never widens a range.
    """
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except (ValueError, AttributeError):
        return None


def _networks(field: Any) -> list[Network]:
    items = field if isinstance(field, tuple) else (field,)
    return [net for item in items if isinstance(item, str) and (net := parse_network(item))]


@lru_cache(maxsize=4096)
def _covers_everything(ranges: tuple[Network, ...], universe: Network) -> bool:
    """Whether the ranges of ``universe``'s IP version together cover all of it.

    One sort and one sweep over (first, last) address pairs, O(n log n): the
    union has a gap exactly where a range starts beyond everything covered so far.
    """
    spans = sorted(
        (int(net.network_address), int(net.broadcast_address))
        for net in ranges
        if net.version == universe.version
    )
    covered = int(universe.network_address)  # the first address not yet covered
    last = int(universe.broadcast_address)
    for first, end in spans:
        if first > covered:
            return False
        covered = max(covered, end + 1)
        if covered > last:
            return True
    return False


def _is_internet(field: Any, _value: Any) -> bool:
    """True when the ranges together admit every address, e.g. ``0.0.0.0/0`` or
    ``0.0.0.0/1`` plus ``128.0.0.0/1``, or ``::/0``."""
    if type(field) in _REMEMBERED:
        with suppress(TypeError):  # a tuple holding something unhashable is judged each time
            return _remembered_internet(field)
    return _internet(field)


def _is_public(field: Any, _value: Any) -> bool:
    """True when any range contains a globally routable (public) address."""
    if type(field) in _REMEMBERED:
        with suppress(TypeError):
            return _remembered_public(field)
    return _public(field)


# A record's ranges are text or a tuple of text, and the same few lists of ranges recur on
# thousands of records (``("0.0.0.0/0",)``): their verdicts are remembered per value. Lists
# (``native`` data) are not hashable and are judged each time.
_REMEMBERED = (str, tuple)


def _internet(field: Any) -> bool:
    nets = tuple(_networks(field))
    if not nets:
        return False
    return _covers_everything(nets, _IPV4_ALL) or _covers_everything(nets, _IPV6_ALL)


def _public(field: Any) -> bool:
    for net in _networks(field):
        if net.prefixlen == 0 or net.is_global:
            return True
        if net.num_addresses > 1 and (net.network_address.is_global or net.broadcast_address.is_global):
            return True
    return False


@lru_cache(maxsize=65536)
def _remembered_internet(field: str | tuple[Any, ...]) -> bool:
    return _internet(field)


@lru_cache(maxsize=65536)
def _remembered_public(field: str | tuple[Any, ...]) -> bool:
    return _public(field)


def _prepare_networks(value: Any) -> tuple[Network, ...]:
    items = value if isinstance(value, list) else [value]
    nets = []
    for item in items:
        net = parse_network(str(item))
        if net is None:
            raise ValueError(f"{item!r} is not a CIDR range or IP address")
        nets.append(net)
    return tuple(nets)


def _cidr_contains(field: Any, value: tuple[Network, ...]) -> bool:
    return any(
        net.version == want.version and net.supernet_of(want)  # type: ignore[arg-type]
        for net in _networks(field)
        for want in value
    )


def _cidr_overlaps(field: Any, value: tuple[Network, ...]) -> bool:
    return any(
        net.version == want.version and net.overlaps(want)  # type: ignore[arg-type]
        for net in _networks(field)
        for want in value
    )


# --- port operators --------------------------------------------------------------


def _prepare_ports(value: Any) -> tuple[tuple[int, int], ...]:
    items = value if isinstance(value, list) else [value]
    ranges = []
    for item in items:
        text = str(item)
        start_text, _, end_text = text.partition("-")
        start, end = int(start_text), int(end_text or start_text)
        if not 0 <= start <= end <= 65535:
            raise ValueError(f"{text!r} is not a port or port range within 0-65535")
        ranges.append((start, end))
    return tuple(ranges)


def _port_ranges(field: Any) -> list[tuple[int, int]]:
    items = field if isinstance(field, tuple) else (field,)
    out = []
    for item in items:
        if isinstance(item, PortRange):
            out.append((item.start, item.end))
        elif isinstance(item, int) and not isinstance(item, bool):
            out.append((item, item))
    return out


def _ports_overlap(field: Any, value: tuple[tuple[int, int], ...]) -> bool:
    if type(field) is tuple and field and type(field[0]) is PortRange:
        # a record's typed ports (every element a PortRange): the same few recur, remembered per value
        return _remembered_overlap(field, value)
    return _overlap(field, value)


def _overlap(field: Any, value: tuple[tuple[int, int], ...]) -> bool:
    return any(
        start <= want_end and want_start <= end
        for start, end in _port_ranges(field)
        for want_start, want_end in value
    )


@lru_cache(maxsize=65536)
def _remembered_overlap(field: tuple[PortRange, ...], value: tuple[tuple[int, int], ...]) -> bool:
    return _overlap(field, value)


OPERATORS: dict[str, Operator] = {
    "eq": Operator(_eq, frozenset({"any"}), SCALAR_OR_LIST, "equals the value", _normalise),
    "ne": Operator(
        lambda f, v: f != v,
        frozenset({"any"}),
        SCALAR_OR_LIST,
        "differs from the value",
        _normalise,
    ),
    "in": Operator(
        _in,
        frozenset({"any"}),
        {"type": "array", "items": SCALAR, "minItems": 1},
        "is one of the listed values",
        frozenset,
    ),
    "not_in": Operator(
        lambda f, v: not _in(f, v),
        frozenset({"any"}),
        {"type": "array", "items": SCALAR, "minItems": 1},
        "is none of the listed values",
        frozenset,
    ),
    "contains": Operator(
        _contains,
        frozenset({"list", "string"}),
        SCALAR,
        "the list has the value as an element, or the string has it as a substring",
    ),
    "regex": Operator(
        _regex,
        frozenset({"string", "list"}),
        {"type": "string"},
        "matches the regular expression (any element, for a list)",
        _compile_regex,
    ),
    "exists": Operator(
        _exists,
        frozenset({"any"}),
        {"type": "boolean"},
        "true: the field has a value (not null, not empty); false: it has none",
    ),
    "gt": Operator(_compare(lambda f, v: f > v), frozenset({"number"}), {"type": "number"}, ">"),
    "ge": Operator(_compare(lambda f, v: f >= v), frozenset({"number"}), {"type": "number"}, ">="),
    "lt": Operator(_compare(lambda f, v: f < v), frozenset({"number"}), {"type": "number"}, "<"),
    "le": Operator(_compare(lambda f, v: f <= v), frozenset({"number"}), {"type": "number"}, "<="),
    "cidr_is_internet": Operator(
        _is_internet,
        frozenset({"cidr"}),
        None,
        "the ranges together admit every IPv4 or every IPv6 address (0.0.0.0/0, ::/0, "
        "or the internet split into pieces)",
    ),
    "cidr_is_public": Operator(
        _is_public,
        frozenset({"cidr"}),
        None,
        "some range contains a public (globally routable) address",
    ),
    "cidr_contains": Operator(
        _cidr_contains,
        frozenset({"cidr"}),
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "some range contains the given address or range",
        _prepare_networks,
    ),
    "cidr_overlaps": Operator(
        _cidr_overlaps,
        frozenset({"cidr"}),
        {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "some range overlaps one of the given ranges",
        _prepare_networks,
    ),
    "ports_overlap": Operator(
        _ports_overlap,
        frozenset({"ports"}),
        {"anyOf": [PORT, {"type": "array", "items": PORT, "minItems": 1}]},
        "some port range includes one of the given ports or ranges ('22', 3389, '1433-1434')",
        _prepare_ports,
    ),
}
