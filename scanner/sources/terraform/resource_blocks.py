"""One instance of a ``resource`` block -> its :class:`TfResource`: attributes, nested and ``dynamic`` blocks.

Why apart from module instantiation: this is where values meet the
translators, so it decides what a translator sees for a nested block (a list
of dicts, one per block), for a ``dynamic`` block (one block per element of a
known ``for_each``, or an unknown value when the number of blocks is not
known: no policy judges a guessed count), and for a value over a limit
(unknown, reported under its own attribute name).
"""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.evaluate import Scope
from scanner.sources.terraform.expansion import Expansion
from scanner.sources.terraform.hcl import Block, Call, Trav
from scanner.sources.terraform.limits import MAX_INSTANCES_PER_RESOURCE
from scanner.sources.terraform.model import UNKNOWN, TfResource, instance_address

META_ARGUMENTS = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle"})
SKIPPED_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "precondition", "postcondition"})


def resource_record(
    expansion: Expansion, block: Block, shown: str, scope: Scope, key: Any, root: str
) -> TfResource:
    """The record of one instance (``key``: its count index or for_each key, UNKNOWN, or ``None``)."""
    kind, name = block.labels
    address = f"{scope.prefix}{kind}.{name}"
    if key is not None and key is not UNKNOWN:
        address = instance_address(address, key)
    values = _values(expansion, block, shown, scope, top=address)
    return TfResource(
        address=address,
        type=kind,
        name=name,
        values=values,
        file=shown,
        line=block.line,
        module=scope.prefix.rstrip("."),
        index=key,
        root=root,
    )


def _values(expansion: Expansion, block: Block, shown: str, scope: Scope, top: str = "") -> dict[str, Any]:
    """A block's attributes and nested blocks; ``top`` is the resource address at the top level.

    At the top level each attribute (and each nested block type, once all its
    blocks are built) is checked against the value limits, so an over-limit
    value is reported under its own name.
    """
    skip = META_ARGUMENTS if top else frozenset()
    values: dict[str, Any] = {}
    for key, expr in block.attrs.items():
        if key not in skip:
            values[key] = _checked(expansion, scope.evaluate(expr), shown, block, top, key)
    nested: dict[str, None] = {}
    for child in block.blocks:
        if child.type in SKIPPED_BLOCKS:
            continue
        if child.type == "dynamic" and child.labels:
            _add_dynamic(expansion, values, child, shown, scope)
            nested[child.labels[0]] = None
        else:
            _append(values, child.type, _values(expansion, child, shown, scope))
            nested[child.type] = None
    for key in nested:
        if key in values:
            values[key] = _checked(expansion, values[key], shown, block, top, key)
    return values


def _checked(expansion: Expansion, value: Any, shown: str, block: Block, top: str, key: str) -> Any:
    if not top:
        return value
    return expansion.budget.check(value, (shown, block.line), f"{top}.{key}")


def _add_dynamic(
    expansion: Expansion, values: dict[str, Any], block: Block, shown: str, scope: Scope
) -> None:
    """Expand ``dynamic "LABEL"``: one ``LABEL`` block per ``for_each`` element, none for an empty one.

    Inside ``content``, ``LABEL.key``/``LABEL.value`` (or the ``iterator`` name's)
    are the element's key and value. When the collection is not known before
    apply, how many blocks there will be is not known either: the whole
    ``LABEL`` attribute becomes unknown, so no policy judges a guessed count.
    So does a collection larger than ``MAX_INSTANCES_PER_RESOURCE`` (reported).
    """
    label = block.labels[0]
    iterations = _dynamic_iterations(block, scope)
    if iterations is not None and len(iterations) > MAX_INSTANCES_PER_RESOURCE:
        limit = f"more than {MAX_INSTANCES_PER_RESOURCE:,} blocks: treated as unknown"
        expansion.problem(shown, block.line, f'dynamic "{label}": {limit}')
        iterations = None
    if iterations is None:
        values[label] = UNKNOWN
        return
    iterator = block.attrs.get("iterator")
    name = iterator.root if isinstance(iterator, Trav) and not iterator.parts else label
    for content in (c for c in block.blocks if c.type == "content"):
        for key, item in iterations:
            inner = scope.bind(name, {"key": key, "value": item})
            _append(values, label, _values(expansion, content, shown, inner))


def _append(values: dict[str, Any], key: str, item: dict[str, Any]) -> None:
    existing = values.setdefault(key, [])
    if isinstance(existing, list):
        existing.append(item)  # an UNKNOWN set of blocks stays unknown


def _dynamic_iterations(block: Block, scope: Scope) -> list[tuple[Any, Any]] | None:
    """(key, value) per element of a ``dynamic`` block's ``for_each``; ``None`` when not known.

    As in Terraform: a map gives its keys (in lexical order) and values, a list
    its indexes and elements, a set (``toset(...)``) its elements as both key
    and value.
    """
    expr = block.attrs.get("for_each")
    each = scope.evaluate(expr) if expr is not None else UNKNOWN
    if isinstance(each, dict):
        return sorted(each.items())
    if not isinstance(each, list):
        return None  # unknown, or a value Terraform would reject
    if isinstance(expr, Call) and expr.name == "toset":
        return [(e, e) for e in each]
    return list(enumerate(each))
