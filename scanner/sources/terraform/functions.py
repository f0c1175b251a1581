"""Terraform's built-in functions that the scan evaluates, each as Terraform documents it.

Every function here follows its page in the Terraform language reference
(developer.hashicorp.com/terraform/language/functions/<name>); where Terraform
would fail (a wrong type, a missing key without default, an empty list for
``element``) the function raises and the value becomes unknown, never a guess.
A function not in :data:`FUNCTIONS` is unknown too (``file``, ``regex``,
``templatefile``, ``timestamp`` ...): the scan does not read files or the
clock, and a regular-expression dialect (RE2) it cannot match exactly is not
approximated. ``try`` and ``can`` are not here: they catch errors of their
arguments' evaluation, so ``evaluate`` handles them.

Values are the evaluator's: ``str``, ``int``/``float``, ``bool``, ``None``
(null), ``list`` (lists, tuples and sets) and ``dict`` (maps and objects).
Arguments are known (no unknown anywhere inside) when a function is called.
"""

from __future__ import annotations

import ipaddress
import json
import math
from collections.abc import Callable
from typing import Any


class FunctionError(ValueError):
    """What Terraform would report as an error calling the function: the value is unknown."""


def number(value: Any) -> int | float:
    """A Terraform number: a number, or a string Terraform converts (``"5"``, ``"2.5"``)."""
    if isinstance(value, bool) or value is None:
        raise FunctionError("a number is required")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            raise FunctionError("a number is required") from None
        if not math.isfinite(parsed):
            raise FunctionError("a number is required")
        return (
            int(parsed) if parsed.is_integer() and "." not in value and "e" not in value.lower() else parsed
        )
    raise FunctionError("a number is required")


def tidy(value: float | int) -> int | float:
    """A whole float as int (Terraform has one number type: ``4 / 2`` is ``2``)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FunctionError("the result is not a finite number")
        if value.is_integer():
            return int(value)
    return value


def string(value: Any) -> str:
    """A Terraform string conversion: strings, numbers and bools; nothing else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(tidy(value))
    raise FunctionError("a string is required")


def boolean(value: Any) -> bool:
    """A Terraform bool conversion: ``true``/``false`` and the strings ``"true"``/``"false"``."""
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise FunctionError("a bool is required")


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise FunctionError("a list is required")


def _map(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    raise FunctionError("a map is required")


def _merge(*maps: Any) -> dict[str, Any]:
    """merge: later arguments win; null arguments are skipped (Terraform's stdlib does the same)."""
    out: dict[str, Any] = {}
    for item in maps:
        if item is not None:
            out.update(_map(item))
    return out


def _lookup(mapping: Any, key: Any, *default: Any) -> Any:
    """lookup(map, key, default): without a default, a missing key is an error."""
    found = _map(mapping)
    name = string(key)
    if name in found:
        return found[name]
    if default:
        return default[0]
    raise FunctionError("no such key")


def _coalesce(*values: Any) -> Any:
    """coalesce: the first argument that is not null or an empty string; none is an error."""
    for item in values:
        if item is not None and item != "":
            return item
    raise FunctionError("no non-null, non-empty-string arguments")


def _coalescelist(*lists: Any) -> list[Any]:
    for item in lists:
        if _list(item):
            return item
    raise FunctionError("no non-empty list arguments")


def _flatten(value: Any) -> list[Any]:
    out: list[Any] = []
    pending = [iter(_list(value))]
    while pending:
        item = next(pending[-1], _END)
        if item is _END:
            pending.pop()
        elif isinstance(item, list):
            pending.append(iter(item))
        else:
            out.append(item)
    return out


_END = object()


def equal(left: Any, right: Any) -> bool:
    """Terraform's ``==``: values of different types are never equal (``1 == "1"`` is false)."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    if type(left) is not type(right):
        return False
    if isinstance(left, list):
        return len(left) == len(right) and all(equal(a, b) for a, b in zip(left, right, strict=True))
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(equal(left[k], right[k]) for k in left)
    return bool(left == right)


def _contains(items: Any, value: Any) -> bool:
    return any(equal(item, value) for item in _list(items))


def _distinct(items: Any) -> list[Any]:
    out: list[Any] = []
    for item in _list(items):
        if not any(equal(item, seen) for seen in out):
            out.append(item)
    return out


def _toset(items: Any) -> list[Any]:
    """toset: duplicates removed; a set of strings is ordered lexically as Terraform shows it."""
    unique = _distinct(items)
    if all(isinstance(i, str) for i in unique):
        return sorted(unique)
    return unique


def _length(value: Any) -> int:
    """length of a list, a map, or a string (characters; only plain ASCII is counted here)."""
    if isinstance(value, list | dict):
        return len(value)
    if isinstance(value, str) and value.isascii():
        return len(value)
    raise FunctionError("length of non-ASCII text counts grapheme clusters: not evaluated")


def _element(items: Any, index: Any) -> Any:
    """element: the index wraps around the length (negative counts from the end); empty is an error."""
    found = _list(items)
    at = number(index)
    if not found or not isinstance(at, int):
        raise FunctionError("cannot use element on an empty list")
    return found[at % len(found)]


def _replace(text: Any, old: Any, new: Any) -> str:
    """replace with a plain substring; a ``/regex/`` pattern is not evaluated (RE2 semantics)."""
    pattern = string(old)
    if len(pattern) > 1 and pattern.startswith("/") and pattern.endswith("/"):
        raise FunctionError("regular expression replace is not evaluated")
    return string(text).replace(pattern, string(new))


def _split(separator: Any, text: Any) -> list[str]:
    sep, value = string(separator), string(text)
    if sep == "":
        raise FunctionError("splitting on an empty separator is not evaluated")
    return value.split(sep)


def _join(separator: Any, *lists: Any) -> str:
    return string(separator).join(string(item) for items in lists for item in _list(items))


def _format(spec: Any, *args: Any) -> str:
    """format with the verbs ``%s``, ``%d``, ``%v`` and ``%%`` (no flags or widths); others unknown."""
    text, out, used, i = string(spec), [], 0, 0
    while i < len(text):
        char = text[i]
        if char != "%":
            out.append(char)
            i += 1
            continue
        verb = text[i + 1 : i + 2]
        if verb == "%":
            out.append("%")
        elif verb in ("s", "d", "v") and used < len(args):
            value = args[used]
            used += 1
            if verb == "d":
                whole = number(value)
                if not isinstance(whole, int):
                    raise FunctionError("%d needs a whole number")
                out.append(str(whole))
            elif verb == "s" or not isinstance(value, list | dict):
                out.append(string(value))
            else:
                raise FunctionError("%v of a collection is not evaluated")
        else:
            raise FunctionError("format verb not evaluated")
        i += 2
    if used != len(args):
        raise FunctionError("too many arguments for the format")
    return "".join(out)


def _cidrsubnet(prefix: Any, newbits: Any, netnum: Any) -> str:
    """cidrsubnet(prefix, newbits, netnum): the netnum-th subnet with newbits more prefix bits."""
    network = ipaddress.ip_network(string(prefix), strict=False)
    bits, num = number(newbits), number(netnum)
    if not isinstance(bits, int) or not isinstance(num, int) or bits < 0 or num < 0:
        raise FunctionError("invalid cidrsubnet arguments")
    length = network.prefixlen + bits
    if length > network.max_prefixlen or num >= 2**bits:
        raise FunctionError("not enough bits")
    address = int(network.network_address) + (num << (network.max_prefixlen - length))
    return f"{ipaddress.ip_address(address)}/{length}"


def _one(items: Any) -> Any:
    found = _list(items)
    if len(found) > 1:
        raise FunctionError("must be a list, set, or tuple value with either zero or one elements")
    return found[0] if found else None


def _zipmap(keys: Any, values: Any) -> dict[str, Any]:
    names, items = _list(keys), _list(values)
    if len(names) != len(items):
        raise FunctionError("number of keys and values must match")
    return {string(k): v for k, v in zip(names, items, strict=True)}


def _values(mapping: Any) -> list[Any]:
    found = _map(mapping)
    return [found[k] for k in sorted(found)]


def _tonumber(value: Any) -> Any:
    return None if value is None else number(value)


def _tostring(value: Any) -> Any:
    return None if value is None else string(value)


def _tobool(value: Any) -> Any:
    return None if value is None else boolean(value)


def _tomap(value: Any) -> dict[str, Any]:
    return _map(value)


def _tolist(value: Any) -> list[Any]:
    return _list(value)


def _compact(items: Any) -> list[Any]:
    return [string(i) for i in _list(items) if i is not None and i != ""]


def _concat(*lists: Any) -> list[Any]:
    return [item for items in lists for item in _list(items)]


def _keys(mapping: Any) -> list[str]:
    return sorted(_map(mapping))


def _jsonencode(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _alltrue(items: Any) -> bool:
    return all(boolean(i) for i in _list(items))


def _anytrue(items: Any) -> bool:
    return any(boolean(i) for i in _list(items))


def _range(*args: Any) -> list[int]:
    ints = [number(a) for a in args]
    if not all(isinstance(i, int) for i in ints) or not 1 <= len(ints) <= 3:
        raise FunctionError("range needs whole numbers here")
    found = range(*ints)  # type: ignore[arg-type]
    if len(found) > 1024:  # Terraform's own limit on range()
        raise FunctionError("more than 1024 values")
    return list(found)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "alltrue": _alltrue,
    "anytrue": _anytrue,
    "cidrsubnet": _cidrsubnet,
    "coalesce": _coalesce,
    "coalescelist": _coalescelist,
    "compact": _compact,
    "concat": _concat,
    "contains": _contains,
    "distinct": _distinct,
    "element": _element,
    "endswith": lambda s, suffix: string(s).endswith(string(suffix)),
    "flatten": _flatten,
    "format": _format,
    "join": _join,
    "jsonencode": _jsonencode,
    "keys": _keys,
    "length": _length,
    "lookup": _lookup,
    "lower": lambda s: string(s).lower(),
    "merge": _merge,
    "one": _one,
    "range": _range,
    "replace": _replace,
    "split": _split,
    "startswith": lambda s, prefix: string(s).startswith(string(prefix)),
    "tobool": _tobool,
    "tolist": _tolist,
    "tomap": _tomap,
    "tonumber": _tonumber,
    "toset": _toset,
    "tostring": _tostring,
    "trimprefix": lambda s, p: string(s).removeprefix(string(p)),
    "trimspace": lambda s: string(s).strip(" \t\n\r\v\f"),
    "trimsuffix": lambda s, p: string(s).removesuffix(string(p)),
    "upper": lambda s: string(s).upper(),
    "values": _values,
    "zipmap": _zipmap,
}
"""Function name -> implementation; raises (``FunctionError``, ``TypeError`` ...) where Terraform fails."""
