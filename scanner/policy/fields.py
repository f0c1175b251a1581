"""The reference of the fields each inventory kind offers to policies (``docs/fields.md``).

Generated from the record types themselves: the names and types from the type
hints (as the loader checks paths), the meaning from the bullet list in each
record's docstring (``* ``field``: meaning``), so the reference cannot drift from
what a policy path may name. ``cloudscan schema fields KIND`` prints one kind;
a test keeps the committed ``docs/fields.md`` identical to :func:`render_markdown`.

Which providers fill each field, live and from Terraform, comes from each provider's
declared table (``scanner/providers/<cloud>/fields.py``, which the CLI passes in as
``filled``); a test checks each table against what its translators actually produce.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Union, get_args, get_origin

import msgspec

from scanner.inventory.model import KINDS, PROVIDERS, PortRange, Resource

FilledBy = Mapping[str, Mapping[str, Mapping[str, Iterable[str]]]]
"""provider -> source (``live`` or ``terraform``) -> kind -> the fields it fills."""
SOURCES = {"live": "live", "terraform": "Terraform"}
IDENTITY = frozenset({"provider", "account", "id", "name", "origin", "region", "kind"})

_BULLET = re.compile(r"^\* (?P<names>(?:``[^`]+``[\s,/]*(?:and\s+|or\s+)?)+):\s*(?P<text>.*)$")
_NAME = re.compile(r"``([^`]+)``")


def describe_type(annotation: Any) -> str:
    """A type as a policy author reads it: ``true/false``, ``number``, ``list of text`` ..."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return describe_type(args[0])
        return " or ".join(describe_type(a) for a in args)
    origin = get_origin(annotation)
    if annotation is Any:
        return "any"
    if origin is Literal:
        return "one of " + ", ".join(str(v) for v in get_args(annotation))
    if annotation is bool:
        return "true/false"
    if annotation in (int, float):
        return "number"
    if annotation is str:
        return "text"
    if annotation is PortRange:
        return "port range {start, end}"
    if origin in (tuple, list, frozenset, set):
        return "list of " + describe_type(get_args(annotation)[0])
    if origin is dict:
        return "mapping"
    if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
        return f"record ({', '.join(annotation.__struct_fields__)})"
    return str(annotation)


def _meanings(cls: type) -> dict[str, str]:
    """Field -> meaning, from the ``* ``name``: text`` bullets of the class docstrings (base first)."""
    out: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        doc = inspect.getdoc(klass) if "__doc__" in vars(klass) else None
        if not doc:
            continue
        current: list[str] | None = None
        for line in doc.splitlines():
            match = _BULLET.match(line.strip()) if line.startswith("*") else None
            if match:
                names = _NAME.findall(match.group("names"))
                current = [match.group("text").strip()]
                for name in names:
                    out[name] = current  # type: ignore[assignment]
            elif current is not None and line.startswith("  ") and line.strip():
                current.append(line.strip())
            else:
                current = None
    return {name: " ".join(p for p in parts if p).replace("``", "`") for name, parts in out.items()}  # type: ignore[arg-type]


COMMON = {
    "provider": "alibaba, gcp or aws",
    "account": "Alibaba account, GCP project or AWS account id",
    "id": "the cloud's own unique id (ARN, self link, acs id) or a Terraform address",
    "name": "the resource's name",
    "origin": "where the record came from: API call, Terraform file and line, or snapshot",
    "region": "the region, or global",
    "relations": "relation name -> ids of related resources (follow: RELATION)",
    "tags": "tags (AWS, Alibaba) or labels (GCP)",
    "unknown": "paths whose value the source could not know (verdicts on them are unknown)",
    "native": "the provider's own attributes, for provider-specific policies",
    "kind": "the inventory kind",
}


# Fields whose record docstring names them in no bullet or sentence (plain, self-describing names).
PLAIN = {
    "cidr": "the address range (CIDR)",
    "private_api_access": "reach the provider's APIs without a public address (GCP Private Google Access)",
    "flow_logs": "flow logs are on",
    "direction": "ingress or egress",
    "action": "allow or deny",
    "source_ranges": "source address ranges (CIDR) of an ingress rule",
    "destination_ranges": "destination address ranges (CIDR) of an egress rule",
    "source_groups": "source security groups / service accounts / tags the rule admits",
    "targets": "what the rule applies to: instance tags, service accounts or the group's members",
    "priority": "the rule's priority (lower wins on GCP and Alibaba)",
    "disabled": "the rule is switched off",
    "group": "the security group or firewall the rule belongs to",
    "principal_type": "user, role, service_account, group or root",
    "role": "the role or policy granted",
    "members": (
        "who is granted it (users, groups, service accounts, allUsers ...); an Alibaba RAM group's "
        "users follow it as `user:NAME (via group:GROUP)`"
    ),
    "min_length": "minimum password length",
    "require_uppercase": "a password needs an upper-case letter",
    "require_lowercase": "a password needs a lower-case letter",
    "require_numbers": "a password needs a digit",
    "require_symbols": "a password needs a symbol",
}


def _sentence_about(doc: str, name: str) -> str:
    """The first sentence of ``doc`` that names ````name````, as its meaning."""
    flat = " ".join(doc.split())
    for sentence in re.split(r"(?<=[.;])\s+", flat):
        if f"``{name}``" in sentence:
            return sentence.replace("``", "`")
    return ""


def kind_fields(kind: str) -> list[tuple[str, str, str]]:
    """(field, type, meaning) for every field of ``kind``, its own fields first, then the common ones."""
    cls = KINDS[kind]
    hints = typing.get_type_hints(cls)
    meanings = _meanings(cls)
    own = [name for name in cls.__struct_fields__ if name not in Resource.__struct_fields__]
    doc = inspect.getdoc(cls) or ""
    rows = [
        (
            name,
            describe_type(hints[name]),
            meanings.get(name) or _sentence_about(doc, name) or PLAIN.get(name, ""),
        )
        for name in own
    ]
    common = [*Resource.__struct_fields__, "kind"]
    rows += [
        (name, "text" if name == "kind" else describe_type(hints[name]), COMMON.get(name, ""))
        for name in common
    ]
    return rows


def relations(kind: str) -> dict[str, str]:
    return dict(KINDS[kind].RELATIONS)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _providers(filled: FilledBy, source: str, kind: str, field: str | None) -> list[str]:
    """The providers whose ``source`` fills ``field`` of ``kind`` (any field when ``None``)."""
    out = []
    for provider in PROVIDERS:
        fields = set(filled.get(provider, {}).get(source, {}).get(kind, ()))
        if fields and (field is None or field in fields):
            out.append(provider)
    return out


def filled_by(filled: FilledBy, kind: str, field: str | None = None) -> str:
    """``live: gcp, aws; Terraform: gcp`` for one field (or the whole kind), ``-`` when none."""
    if field in IDENTITY:
        return "every source"
    parts = [
        f"{label}: {', '.join(providers)}"
        for source, label in SOURCES.items()
        if (providers := _providers(filled, source, kind, field))
    ]
    return "; ".join(parts) or "-"


def render_kind(kind: str, filled: FilledBy | None = None) -> str:
    """One kind as a Markdown section; with ``filled``, a column of the providers that fill each field."""
    cls = KINDS[kind]
    summary = (inspect.getdoc(cls) or "").split("\n\n")[0].replace("\n", " ").replace("``", "`")
    lines = [f"## {kind}", "", summary, ""]
    rels = relations(kind)
    if rels:
        lines += [
            "Relations: " + ", ".join(f"`{name}` -> {target}" for name, target in sorted(rels.items())),
            "",
        ]
    if filled is None:
        lines += ["| field | type | meaning |", "|---|---|---|"]
        lines += [
            f"| `{name}` | {_cell(kind_type)} | {_cell(meaning)} |"
            for name, kind_type, meaning in kind_fields(kind)
        ]
        return "\n".join(lines) + "\n"
    lines += [f"Filled by: {filled_by(filled, kind)}", ""]
    lines += ["| field | type | meaning | filled by |", "|---|---|---|---|"]
    lines += [
        f"| `{name}` | {_cell(kind_type)} | {_cell(meaning)} | {filled_by(filled, kind, name)} |"
        for name, kind_type, meaning in kind_fields(kind)
    ]
    return "\n".join(lines) + "\n"


def render_markdown(filled: FilledBy | None = None) -> str:
    """``docs/fields.md``: every kind, every field, its type and meaning, and who fills it."""
    head = [
        "# Inventory fields",
        "",
        "Generated by `cloudscan schema fields` from the inventory record types; a test keeps",
        "this file current. Every field is a valid policy path (`{field: PATH, ...}`); dotted paths reach",
        "into records and mappings (`origin.call`, `native.settings.ipConfiguration`). A field a source",
        "could not read is `null` (absent) or listed in `unknown`.",
        "`cloudscan schema fields KIND` prints one kind.",
        "",
        "**Filled by** names the providers whose live adapter and whose Terraform translators give",
        "the field a value (not null, not empty) in at least one record of the test suite's landing",
        "zones and Terraform code (`scanner/providers/<cloud>/fields.py`, checked against the",
        "translators' output by `tests/test_field_sources.py`). `-`: no source fills it yet, though",
        "a snapshot may. The identity fields are filled by every source.",
        "",
        "Kinds: " + ", ".join(f"[`{k}`](#{k})" for k in sorted(KINDS)),
        "",
    ]
    return "\n".join(head) + "\n".join(render_kind(kind, filled) for kind in sorted(KINDS))
