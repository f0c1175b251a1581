"""Policy parameters: a number a team may tune (an age limit, a day count) without copying the policy.

A policy declares each parameter with its type, default and meaning, and uses it as a
condition value (``value: {param: max_age_days}``) and in its texts (``{params.max_age_days}``
in the title, description, remediation or message). A scan overrides it with
``--param POLICY_ID.NAME=VALUE`` (or ``param:`` in the config file's ``scan`` section).

Parameters are resolved when the policy is compiled, so the condition the engine runs is
an ordinary literal, every load-time check (the value's type against the field's type)
still applies, and a report states the values its rules were run with.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from scanner.policy.errors import PolicyError
from scanner.policy.frameworks import suggest
from scanner.policy.select import SelectionError

NAME_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
TYPES: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "string": (str,),
    "boolean": (bool,),
}
TEXT_KEYS = ("title", "description", "remediation", "message")
_TEXT_REF = re.compile(r"\{params\.([^{}]*)\}")

REF_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["param"],
    "additionalProperties": False,
    "properties": {
        "param": {"type": "string", "pattern": NAME_PATTERN, "description": "a declared parameter"}
    },
}
PARAMETERS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "values a scan may tune with --param POLICY_ID.NAME=VALUE",
    "propertyNames": {"pattern": NAME_PATTERN},
    "maxProperties": 16,
    "additionalProperties": {
        "type": "object",
        "required": ["type", "default", "description"],
        "additionalProperties": False,
        "properties": {
            "type": {"enum": list(TYPES)},
            "default": {"type": ["integer", "number", "string", "boolean"]},
            "description": {"type": "string", "minLength": 1},
            "minimum": {"type": "number"},
            "maximum": {"type": "number"},
        },
    },
}

DocPath = tuple[str | int, ...]
Overrides = Mapping[str, Mapping[str, str]]


def parse_overrides(values: Iterable[str], option: str = "--param") -> dict[str, dict[str, str]]:
    """``POLICY_ID.NAME=VALUE`` strings as {policy id: {name: raw value}} (the value is typed later,
    by the parameter's declaration)."""
    out: dict[str, dict[str, str]] = {}
    for item in values:
        target, sep, raw = item.partition("=")
        policy_id, dot, name = target.strip().rpartition(".")
        if not sep or not dot or not policy_id or not re.fullmatch(NAME_PATTERN, name):
            raise SelectionError(
                f"{option} {item!r}: expected POLICY_ID.NAME=VALUE, e.g. disk.unattached.days=30"
            )
        out.setdefault(policy_id, {})[name] = raw.strip()
    return out


def check_override_ids(overrides: Overrides, policy_ids: Sequence[str], option: str = "--param") -> None:
    """An override for a policy that is not loaded is a mistake (a typo would otherwise do nothing)."""
    for policy_id in overrides:
        if policy_id not in policy_ids:
            raise SelectionError(
                f"{option}: unknown policy {policy_id!r}" + suggest(policy_id, list(policy_ids))
            )


def _typed(raw: str, kind: str) -> Any:
    """``raw`` (a command-line string) as a value of the declared type, or ``None`` when it is not one."""
    if kind == "string":
        return raw
    if kind == "boolean":
        return {"true": True, "false": False}.get(raw.lower())
    try:
        return int(raw) if kind == "integer" else float(raw)
    except ValueError:
        return None


def _fits(value: Any, spec: Mapping[str, Any]) -> str | None:
    """What is wrong with ``value`` for ``spec`` (its type and bounds), or ``None``."""
    kind = spec["type"]
    if (isinstance(value, bool) and kind != "boolean") or not isinstance(value, TYPES[kind]):
        return f"must be of type {kind}"
    if kind in ("integer", "number"):
        if "minimum" in spec and value < spec["minimum"]:
            return f"must be at least {spec['minimum']}"
        if "maximum" in spec and value > spec["maximum"]:
            return f"must be at most {spec['maximum']}"
    return None


def resolve_parameters(
    data: dict[str, Any],
    file: str,
    line_of: Callable[[DocPath], int | None],
    overrides: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The policy document with every parameter replaced by its value, and those values.

    ``data`` has passed the JSON Schema. A default that does not fit its declaration, a
    reference to an undeclared parameter or an override for one the policy lacks is an error.
    """
    specs: dict[str, Any] = data.get("parameters") or {}
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        problem = _fits(spec["default"], spec)
        if problem:
            path = ("parameters", name, "default")
            raise PolicyError(file, f"parameter {name}: the default {problem}", line_of(path), path)
        values[name] = spec["default"]
    for name, raw in (overrides or {}).items():
        if name not in specs:
            hint = suggest(name, list(specs)) or (
                f" (it has: {', '.join(specs)})" if specs else " (it has none)"
            )
            raise SelectionError(
                f"--param {data['id']}.{name}: policy {data['id']} has no parameter {name!r}{hint}"
            )
        value = _typed(raw, specs[name]["type"])
        problem = "must be of type " + specs[name]["type"] if value is None else _fits(value, specs[name])
        if problem:
            raise SelectionError(f"--param {data['id']}.{name}={raw}: the value {problem}")
        values[name] = value

    def lookup(name: str, path: DocPath) -> Any:
        if name not in values:
            hint = suggest(name, list(values)) or " (declare it under parameters:)"
            raise PolicyError(file, f"unknown parameter {name!r}{hint}", line_of(path), path)
        return values[name]

    resolved = dict(data)
    resolved["condition"] = _substitute(data["condition"], ("condition",), lookup)
    for key in TEXT_KEYS:
        text = data[key]
        resolved[key] = _TEXT_REF.sub(lambda m, key=key: str(lookup(m.group(1), (key,))), text)
    return resolved, values


def _substitute(node: Any, path: DocPath, lookup: Callable[[str, DocPath], Any]) -> Any:
    """``node`` with each condition ``value: {param: NAME}`` replaced by that parameter's value."""
    if isinstance(node, list):
        return [_substitute(item, (*path, i), lookup) for i, item in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "value" and isinstance(value, dict) and set(value) == {"param"}:
            out[key] = lookup(value["param"], (*path, key, "param"))
        elif key in ("all", "any", "not", "where"):
            out[key] = _substitute(value, (*path, key), lookup)
        else:
            out[key] = value
    return out
