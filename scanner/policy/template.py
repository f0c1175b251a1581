"""Finding messages: ``{path}`` placeholders filled from the resource, checked at load time."""

from __future__ import annotations

import re
from collections.abc import Callable
from keyword import iskeyword
from typing import Any

import msgspec

from scanner.inventory.model import PortRange
from scanner.policy.paths import UNKNOWN, getter

_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def _format(value: Any) -> str:
    if type(value) is str:  # the commonest value (also each item of a list of text): as str() gives it
        return value
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
    """A renderer for ``template``; its paths must already have been checked.

    The renderer is generated code, made once per policy: a message is rendered for
    every finding (hundreds of thousands in a large scan), and a loop over the parts
    with a call per placeholder was a quarter of the evaluation time. A top-level
    field is read inline (unknown first, as :func:`getter` does), a text value is
    used as it is (what :func:`_format` returns for it), anything else goes
    through :func:`_format`. Literal text stays an object in the namespace.
    """
    namespace: dict[str, Any] = {"_format": _format, "UNKNOWN": UNKNOWN}
    lines = ["def render(r):", "    marked = r.unknown"]
    pieces: list[str] = []
    position = 0

    def literal(text: str) -> None:
        if text:
            namespace[f"_l{len(pieces)}"] = text
            pieces.append(f"_l{len(pieces)}")

    for match in _PLACEHOLDER.finditer(template):
        literal(template[position : match.start()])
        token = match.group(0)
        if token in ("{{", "}}"):
            literal(token[0])
        else:
            path = match.group(1).strip()
            value = f"v{len(pieces)}"
            if path.isidentifier() and not iskeyword(path):
                lines.append(f"    {value} = UNKNOWN if marked and {path!r} in marked else r.{path}")
            else:
                namespace[f"_g{len(pieces)}"] = getter(path, check_unknown=True)
                lines.append(f"    {value} = _g{len(pieces)}(r)")
            pieces.append(f"({value} if type({value}) is str else _format({value}))")
        position = match.end()
    literal(template[position:])
    lines.append(f"    return ''.join(({', '.join(pieces)}{',' if pieces else ''}))")
    exec(compile("\n".join(lines), "<message template>", "exec"), namespace)  # noqa: S102
    return namespace["render"]  # type: ignore[no-any-return]
