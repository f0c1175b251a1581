"""Helpers every translator shares: the record builder, unknown tracking, ports.

The builder fills what every record needs the same way for all providers:
``id`` is the Terraform address (plus ``#suffix`` when one resource gives several
records, like the allow/deny blocks of a firewall), prefixed with the root module
(``envs/prod//``, see ``model.record_id``) outside the current directory's root;
``account``, when the cloud account is not known, names the root
(``terraform:envs/prod``, see ``model.root_account``) so that each root is its
own SARIF category; ``origin`` carries the file, line and the logical address,
``native`` keeps the resource's values (unknowns dropped), and ``unknown`` names
the fields whose value is known only after apply.

Usage in a translator::

    f = Fields()
    f.set("cidr", res.get("ip_cidr_range"))                 # None when left out
    f.set("flow_logs", value(res, "enable_flow_logs", False))  # documented default
    yield record(Subnet, res, provider="gcp", account=..., region=..., fields=f)

Rule for unknowns: a field whose Terraform value is :data:`UNKNOWN` or a
:class:`Ref` is left at the record's default and named in ``unknown``; so is
every ``native`` path whose value is unknown (``native.purpose``, see
:func:`unknown_native`): the policy engine's three-valued logic then never fails
a policy on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from scanner.inventory.model import Origin, Resource
from scanner.sources.terraform.model import (
    UNKNOWN,
    Ref,
    TfResource,
    has_unknown,
    is_unknown,
    record_id,
    root_account,
)
from scanner.sources.terraform.translate.context import TfContext

R = TypeVar("R", bound=Resource)

_MISSING = object()


class Fields:
    """Collects a record's typed fields and the names of those that are unknown."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.unknown: set[str] = set()

    def set(self, name: str, value: Any, convert: Callable[[Any], Any] | None = None) -> Fields:
        """Set ``name`` to ``convert(value)``; ``None`` is skipped; unknown (deep) marks it unknown."""
        if has_unknown(value):
            self.unknown.add(name)
        elif value is not None:
            self.values[name] = convert(value) if convert else value
        return self

    def mark_unknown(self, name: str) -> Fields:
        self.unknown.add(name)
        return self


def value(res: TfResource | Mapping[str, Any], key: str, default: Any = None) -> Any:
    """``res[key]``, or ``default`` (the provider's documented default) when it was left out.

    An explicit ``null`` in the configuration also means "use the default", as in
    Terraform. Unknown values are returned as they are.
    """
    values = res.values if isinstance(res, TfResource) else res
    found = values.get(key, _MISSING)
    if found is _MISSING or found is None:
        return default
    return found


def as_bool(val: Any) -> Any:
    """A boolean attribute as Terraform reads it: ``true`` or the strings ``"true"``/``"1"``.

    Terraform converts a string to a bool only when it is ``"true"``/``"1"`` or
    ``"false"``/``"0"`` (``go-cty`` ``convert``: any other string is "a bool is
    required"), so ``disabled = var.off`` with a string default ``"false"`` is
    false, never Python's truthy ``"false"``. Unknown stays unknown, ``None``
    (left out) stays ``None``, and a value Terraform would reject is unknown:
    the scan does not guess what an invalid configuration means.
    """
    if val is None or is_unknown(val):
        return val
    if isinstance(val, bool):
        return val
    if isinstance(val, str):
        text = val.strip()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
    return UNKNOWN


def first_known(*candidates: Any) -> Any:
    """The first candidate that is set and known, else ``UNKNOWN`` if any was unknown, else ``None``."""
    saw_unknown = False
    for cand in candidates:
        if is_unknown(cand):
            saw_unknown = True
        elif cand is not None and cand != "":
            return cand
    return UNKNOWN if saw_unknown else None


def known_str(value: Any, fallback: str) -> str:
    """A string identity field (account, region, name): ``fallback`` when unknown or missing."""
    return str(value) if value is not None and not is_unknown(value) and value != "" else fallback


def known_list(value: Any) -> list[Any]:
    """The known elements of a list attribute (unknown elements and unknown lists dropped)."""
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if not has_unknown(v)]


def reference(ctx: TfContext, val: Any, *types: str) -> str | None:
    """The address (record id) ``val`` points at, else the literal id, else ``None``."""
    found = ctx.target(val, *types)
    if found:
        return found
    return val if isinstance(val, str) and val else None


def policy_document(val: Any) -> Any:
    """A JSON policy document (text, heredoc, ``jsonencode`` value) as a dict.

    ``UNKNOWN`` when it is not literal, ``None`` when it is not JSON.
    """
    if has_unknown(val):
        return UNKNOWN
    if isinstance(val, dict):
        return val
    if isinstance(val, str):
        try:
            return json.loads(val)
        except ValueError:
            return None
    return None


def native(values: Mapping[str, Any]) -> dict[str, Any]:
    """The resource's values for ``native``: unknown values dropped, ``Ref``s as their address."""
    return {k: v for k, v in ((k, _plain(v)) for k, v in values.items()) if v is not _DROP}


_DROP = object()


def _plain(value: Any) -> Any:
    if value is UNKNOWN:
        return _DROP
    if isinstance(value, Ref):
        return _DROP
    if isinstance(value, list):
        return [p for p in (_plain(v) for v in value) if p is not _DROP]
    if isinstance(value, dict):
        return native(value)
    return value


def unknown_native(values: Mapping[str, Any], prefix: str = "native") -> frozenset[str]:
    """The ``native`` paths whose value is unknown, for the record's ``unknown`` set.

    :func:`native` drops unknown values, so without this a policy reading one
    (``native.purpose not_in [...]`` when ``purpose`` is a conditional) would see
    it absent and could fail on it. Marked here, the policy engine reads such a
    path (and anything below it) as unknown. A list with an unknown element is
    marked as a whole: which element a quantifier would meet is not known.
    """
    out: set[str] = set()
    for key, item in values.items():
        path = f"{prefix}.{key}"
        if isinstance(item, dict):
            out |= unknown_native(item, path)
        elif has_unknown(item):
            out.add(path)
    return frozenset(out)


UNKNOWN_INSTANCES = {"terraform_instances": "unknown"}
"""``native`` mark of a record standing for a ``count``/``for_each`` block whose instances are unknown."""


def _repetition(res: TfResource) -> dict[str, str]:
    return UNKNOWN_INSTANCES if res.index is UNKNOWN else {}


def origin(res: TfResource) -> Origin:
    return Origin(source="terraform", file=res.file, line=res.line, address=res.address)


def record(
    cls: type[R],
    res: TfResource,
    *,
    provider: str,
    account: Any,
    region: Any = "global",
    name: Any = None,
    fields: Fields | None = None,
    relations: Mapping[str, Iterable[str | None]] | None = None,
    tags: Any = None,
    suffix: str = "",
    extra_native: Mapping[str, Any] | None = None,
) -> R:
    """Build one inventory record of ``cls`` for ``res``.

    ``account``/``region``/``name`` may be unknown: they fall back to
    ``terraform:<root>`` (``model.root_account``), ``global`` and the Terraform
    resource name. Relation
    targets that are ``None`` are dropped. ``suffix`` makes ids distinct when one
    resource yields several records (``google_compute_firewall.ssh#1``).
    """
    fields = fields or Fields()
    rels = {k: tuple(t for t in v if t) for k, v in (relations or {}).items()}
    label = tags if isinstance(tags, dict) else {}
    return cls(
        provider=provider,  # type: ignore[arg-type]
        account=known_str(account, root_account(res.root)),
        region=known_str(region, "global"),
        id=record_id(res.root, f"{res.address}#{suffix}" if suffix else res.address),
        name=known_str(name, res.name),
        origin=origin(res),
        relations={k: v for k, v in rels.items() if v},
        tags={str(k): str(v) for k, v in label.items() if not has_unknown(v)},
        unknown=frozenset(fields.unknown) | unknown_native(res.values),
        native={**native(res.values), **_repetition(res), **(extra_native or {})},
        **fields.values,
    )
