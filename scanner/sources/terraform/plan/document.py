"""Plan/state JSON text -> the document, within the nesting limit and with no lone surrogates.

Why not plain ``json.loads``: it recurses (a document nested 100,000 deep is a
RecursionError), accepts ``"\\ud800"`` (a string no UTF-8 report writer can
encode) and reports errors as exceptions a user should not see. Here every
failure is a :class:`NotTerraformJson` naming the file and the place.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scanner.sources.terraform.limits import MAX_JSON_NESTING
from scanner.sources.terraform.plan.shape import NotTerraformJson


def parse_document(text: str, shown: str) -> dict[str, Any]:
    """The JSON object, nested at most ``MAX_JSON_NESTING`` deep, lone surrogates replaced."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotTerraformJson(f"{shown}: not JSON (line {exc.lineno}): {exc.msg}") from None
    except RecursionError:
        raise NotTerraformJson(f"{shown}: JSON nested deeper than {MAX_JSON_NESTING} levels") from None
    except ValueError as exc:  # a number too long to convert (int max str digits)
        raise NotTerraformJson(f"{shown}: not valid JSON: {str(exc).split(':')[0]}") from None
    if not isinstance(doc, dict):
        raise NotTerraformJson(f"{shown}: not a Terraform plan or state (the JSON is not an object)")
    fix = _SURROGATE_ESCAPE.search(text) is not None
    return _checked(doc, shown, fix)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _checked(doc: dict[str, Any], shown: str, fix_surrogates: bool) -> dict[str, Any]:
    """Check nesting without recursion; with ``fix_surrogates``, replace lone surrogates by U+FFFD.

    ``json`` accepts ``"\\ud800"`` and gives a string that no UTF-8 writer can
    encode: it is replaced at read time, as Terraform's own decoder does, so
    nothing downstream meets it.
    """
    # Each entry: a container, its depth, and its path as a linked list (key, parent link),
    # so the walk keeps one small tuple per container, whatever the depth.
    pending: list[tuple[Any, int, Any]] = [(doc, 0, None)]
    while pending:
        item, depth, link = pending.pop()
        if depth >= MAX_JSON_NESTING:
            raise NotTerraformJson(
                f"{shown}: {_json_path(_unlink(link)[:8])}...: "
                f"JSON nested deeper than {MAX_JSON_NESTING} levels"
            )
        if isinstance(item, dict):
            if fix_surrogates:
                fixed = {_no_surrogates(k): _no_surrogates(v) for k, v in item.items()}
                item.clear()
                item.update(fixed)
            pending.extend((v, depth + 1, (k, link)) for k, v in item.items() if isinstance(v, dict | list))
        else:
            if fix_surrogates:
                item[:] = [_no_surrogates(v) for v in item]
            children = enumerate(item)
            pending.extend((v, depth + 1, (i, link)) for i, v in children if isinstance(v, dict | list))
    return doc


def _unlink(link: Any) -> tuple[Any, ...]:
    parts: list[Any] = []
    while link is not None:
        key, link = link
        parts.append(key)
    return tuple(reversed(parts))


def _no_surrogates(value: Any) -> Any:
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _json_path(parts: tuple[Any, ...]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)
