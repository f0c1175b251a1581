"""Plan and state JSON -> :class:`TfResource` records.

Accepted inputs, told apart by their keys:

* a plan, ``terraform show -json PLANFILE``: ``planned_values`` (what will exist
  after apply), with ``resource_changes[].change.after_unknown`` marking values
  known only after apply, and ``configuration`` giving the references of those
  values (so an unknown ``network`` still relates the firewall to its network);
* a state, ``terraform show -json`` (``values``), or a raw ``terraform.tfstate``
  (format version 4: ``resources[].instances[]``).

Anything else raises :class:`NotTerraformJson` (the CLI exits 2). Only managed
resources are read; data sources are not resources of the account.

Locations: the plan has no ``.tf`` lines. When the source directory is given
(``--terraform-source DIR``) each address is looked up in it; otherwise the
record points at the line of the plan JSON where the address first appears
(``terraform show -json`` writes one line, so that is line 1 of the file).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from scanner.sources.terraform.model import UNKNOWN, ProviderConfig, Ref, TfResource, base_address


class NotTerraformJson(ValueError):
    """The JSON file is neither a Terraform plan nor a state."""


@dataclass
class LoadedJson:
    resources: list[TfResource]
    providers: ProviderConfig
    kind: str  # "plan" | "state"


Locations = Mapping[str, tuple[str, int]]
"""Base address -> (file, line) of the resource block in the source directory."""


def load_json(text: str, shown: str, locations: Locations | None = None, root: str = "") -> LoadedJson:
    """Parse plan/state JSON text; ``shown`` is the file name used when no source location is known.

    A plan or state is one root module; its resources get ``root`` as their root label.
    """
    loaded = _load_json(text, shown, locations)
    if root:
        loaded.resources = [dataclasses.replace(r, root=root) for r in loaded.resources]
    return loaded


def _load_json(text: str, shown: str, locations: Locations | None) -> LoadedJson:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotTerraformJson(f"{shown}: not JSON (line {exc.lineno}): {exc.msg}") from None
    if not isinstance(doc, dict):
        raise NotTerraformJson(f"{shown}: not a Terraform plan or state (the JSON is not an object)")
    lines = _AddressLines(text)
    place = _placer(locations, lines, shown)
    if "planned_values" in doc or "resource_changes" in doc:
        return LoadedJson(list(_plan(doc, place)), _plan_providers(doc), "plan")
    if isinstance(doc.get("values"), dict) and "root_module" in doc["values"]:
        return LoadedJson(
            list(_module(doc["values"]["root_module"], {}, {}, place)), ProviderConfig(), "state"
        )
    if isinstance(doc.get("resources"), list) and "version" in doc:
        return LoadedJson(list(_raw_state(doc, place)), ProviderConfig(), "state")
    if "format_version" in doc and "terraform_version" in doc:
        return LoadedJson([], ProviderConfig(), "state")  # an empty plan or state
    raise NotTerraformJson(
        f"{shown}: not a Terraform plan or state: expected the output of `terraform show -json` "
        "(planned_values / values) or a terraform.tfstate file"
    )


class _AddressLines:
    """Line of the first ``"address": "..."`` of each address in the JSON text, found lazily."""

    _PATTERN = re.compile(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")')

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, int] | None = None

    def line(self, address: str) -> int:
        if self._found is None:
            self._found = {}
            line, last = 1, 0
            for match in self._PATTERN.finditer(self._text):
                line += self._text.count("\n", last, match.start())
                last = match.start()
                self._found.setdefault(json.loads(match.group(1)), line)
        return self._found.get(address, 1)


def _placer(locations: Locations | None, lines: _AddressLines, shown: str) -> Any:
    def place(address: str) -> tuple[str, int]:
        if locations:
            found = locations.get(base_address(address))
            if found is not None:
                return found
        return shown, lines.line(address)

    return place


def _plan(doc: dict[str, Any], place: Any) -> Iterator[TfResource]:
    unknown = {
        rc["address"]: rc.get("change", {}).get("after_unknown") or {}
        for rc in doc.get("resource_changes", []) or []
        if isinstance(rc, dict) and "address" in rc
    }
    refs: dict[str, dict[str, Any]] = {}
    _config_refs(doc.get("configuration", {}).get("root_module", {}), "", refs)
    root = (doc.get("planned_values") or {}).get("root_module") or {}
    yield from _module(root, unknown, refs, place)


def _config_refs(module: dict[str, Any], prefix: str, out: dict[str, dict[str, Any]]) -> None:
    """Base address -> the resource's configuration ``expressions`` (for ``references``)."""
    for res in module.get("resources", []) or []:
        out[f"{prefix}{res.get('address', '')}"] = res.get("expressions") or {}
    for name, call in (module.get("module_calls") or {}).items():
        _config_refs(call.get("module") or {}, f"{prefix}module.{name}.", out)


def _module(
    module: dict[str, Any],
    unknown: dict[str, Any],
    refs: dict[str, dict[str, Any]],
    place: Any,
) -> Iterator[TfResource]:
    for res in module.get("resources", []) or []:
        if res.get("mode", "managed") != "managed":
            continue
        address = res["address"]
        values = _merge_unknown(res.get("values") or {}, unknown.get(address) or {})
        expressions = refs.get(base_address(address))
        if expressions:
            values = _with_refs(values, expressions, _module_of(address))
        file, line = place(address)
        yield TfResource(
            address=address,
            type=res["type"],
            name=res["name"],
            values=values,
            file=file,
            line=line,
            module=_module_of(address),
            index=res.get("index"),
        )
    for child in module.get("child_modules", []) or []:
        yield from _module(child, unknown, refs, place)


def _module_of(address: str) -> str:
    """``module.a.module.b.TYPE.NAME[0]`` -> ``module.a.module.b``."""
    parts = base_address(address).split(".")
    return ".".join(parts[:-2])


def _merge_unknown(values: Any, unknown: Any) -> Any:
    """Replace every value that ``after_unknown`` marks ``true`` by :data:`UNKNOWN`."""
    if unknown is True:
        return UNKNOWN
    if isinstance(values, dict) and isinstance(unknown, dict):
        out = dict(values)
        for key, flag in unknown.items():
            out[key] = _merge_unknown(values.get(key), flag)
        return out
    if isinstance(values, list) and isinstance(unknown, list):
        merged = [_merge_unknown(v, u) for v, u in zip(values, unknown, strict=False)]
        merged += values[len(unknown) :]
        merged += [UNKNOWN if u is True else _merge_unknown(None, u) for u in unknown[len(values) :]]
        return merged
    if values is None and isinstance(unknown, dict) and unknown:
        return {k: _merge_unknown(None, v) for k, v in unknown.items()}
    return values


def _with_refs(values: dict[str, Any], expressions: dict[str, Any], module: str) -> dict[str, Any]:
    """An unknown top-level value whose expression references a resource becomes a :class:`Ref`."""
    prefix = f"{module}." if module else ""
    out = values
    for key, value in values.items():
        if value is not UNKNOWN:
            continue
        expr = expressions.get(key)
        references = expr.get("references") if isinstance(expr, dict) else None
        ref = _first_resource_ref(references or [], prefix)
        if ref is not None:
            out = {**out, key: ref} if out is values else out | {key: ref}
    return out


def _first_resource_ref(references: list[str], prefix: str) -> Ref | None:
    for text in references:
        parts = base_address(text).split(".")
        if parts[0] in ("var", "local", "module", "data", "each", "count", "path", "self") or len(parts) < 2:
            continue
        return Ref(f"{prefix}{parts[0]}.{parts[1]}", parts[2] if len(parts) > 2 else None)
    return None


def _raw_state(doc: dict[str, Any], place: Any) -> Iterator[TfResource]:
    for res in doc["resources"]:
        if not isinstance(res, dict) or res.get("mode", "managed") != "managed":
            continue
        module = res.get("module", "")
        base = f"{module}.{res['type']}.{res['name']}" if module else f"{res['type']}.{res['name']}"
        for inst in res.get("instances", []) or []:
            key = inst.get("index_key")
            address = base if key is None else f"{base}[{json.dumps(key)}]"
            file, line = place(address)
            yield TfResource(
                address=address,
                type=res["type"],
                name=res["name"],
                values=inst.get("attributes") or {},
                file=file,
                line=line,
                module=module,
                index=key,
            )


def _plan_providers(doc: dict[str, Any]) -> ProviderConfig:
    """Constant settings of the configuration's provider blocks (project, region)."""
    settings: dict[str, dict[str, Any]] = {}
    for key, cfg in ((doc.get("configuration") or {}).get("provider_config") or {}).items():
        if "." in key or not isinstance(cfg, dict):
            continue  # aliased (google.eu) or a module's provider
        exprs = cfg.get("expressions") or {}
        known = {
            k: v["constant_value"] for k, v in exprs.items() if isinstance(v, dict) and "constant_value" in v
        }
        settings[cfg.get("name", key)] = known
    return ProviderConfig(settings)
