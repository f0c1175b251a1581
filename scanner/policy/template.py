"""Finding messages: ``{path}`` placeholders filled from the resource, checked at load time."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

from scanner.inventory.model import PortRange
from scanner.policy.paths import UNKNOWN, getter

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def _format(value: Any) -> str:
    if value is UNKNOWN:
        return "(unknown)"
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, PortRange):
        return str(value.start) if value.start == value.end else f"{value.start}-{value.end}"
    if isinstance(value, tuple | list | frozenset):
        return ", ".join(_format(item) for item in value) if value else "(none)"
    if isinstance(value, msgspec.Struct):
        identity = getattr(value, "id", None)  # an access key reads better as its id
        return str(identity) if identity is not None else msgspec.json.encode(value).decode()
    return str(value)


def placeholders(template: str) -> list[str]:
    """The field paths a template refers to, in order."""
    return [m.group(1).strip() for m in _PLACEHOLDER.finditer(template) if m.group(1) is not None]


def compile_template(template: str) -> Callable[[Any], str]:
    """A renderer for ``template``; its paths must already have been checked."""
    parts: list[str | Callable[[Any], Any]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(template[position : match.start()])
        token = match.group(0)
        if token in ("{{", "}}"):
            parts.append(token[0])
        else:
            parts.append(getter(match.group(1).strip(), check_unknown=True))
        position = match.end()
    parts.append(template[position:])

    def render(resource: Any) -> str:
        return "".join(part if isinstance(part, str) else _format(part(resource)) for part in parts)

    return render
