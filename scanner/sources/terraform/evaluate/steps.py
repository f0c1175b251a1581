"""Attribute, index and splat steps into a value that is already evaluated.

Why apart from the expression forms: the same walk serves a reference
(``var.rules[0].cidr``), steps after any other expression (``split(",", s)[0]``)
and ``try``/``can``, which need to tell a step that provably fails (a key
that is not there) from one that cannot be told (an unknown value). Both
walks are pure: the keys arrive evaluated, as ``("index", value)`` steps.
"""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.hcl import OPAQUE
from scanner.sources.terraform.model import UNKNOWN, Ref, has_unknown, is_unknown


def follow(value: Any, parts: tuple[Any, ...]) -> Any:
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
            return [follow(item, rest) for item in items]
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


def follow_or_fail(value: Any, parts: tuple[Any, ...]) -> tuple[bool | None, Any]:
    """(failed, value) of following steps, for ``try``/``can``.

    A missing key or index of a known value is a failure (``True``); a step
    into an unknown value cannot be told (``None``); a reference to another
    resource is returned as it is.
    """
    for part in parts:
        if isinstance(value, Ref):
            return False, value
        if is_unknown(value):
            return None, UNKNOWN
        if not isinstance(part, str) and part[0] == "splat":
            result = follow(value, (part,))
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
