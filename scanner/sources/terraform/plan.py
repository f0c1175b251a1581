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

from scanner.sources.terraform.limits import MAX_JSON_NESTING
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
    doc = _parse(text, shown)
    lines = _AddressLines(text)
    place = _placer(locations, lines, shown)
    shape = _Shape(shown)
    if "planned_values" in doc or "resource_changes" in doc:
        return LoadedJson(list(_plan(doc, place, shape)), _plan_providers(doc, shape), "plan")
    if isinstance(doc.get("values"), dict) and "root_module" in doc["values"]:
        root = shape.obj(doc["values"]["root_module"], "$.values.root_module")
        return LoadedJson(
            list(_module(root, "$.values.root_module", {}, {}, place, shape)), ProviderConfig(), "state"
        )
    if isinstance(doc.get("resources"), list) and "version" in doc:
        return LoadedJson(list(_raw_state(doc, place, shape)), ProviderConfig(), "state")
    if "format_version" in doc and "terraform_version" in doc:
        return LoadedJson([], ProviderConfig(), "state")  # an empty plan or state
    raise NotTerraformJson(
        f"{shown}: not a Terraform plan or state: expected the output of `terraform show -json` "
        "(planned_values / values) or a terraform.tfstate file"
    )


def _parse(text: str, shown: str) -> dict[str, Any]:
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


_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), "a number")


class _Shape:
    """Checks each part of the document as it is read; a part of the wrong type is one input error.

    The message names the file and the JSON path and the type found, never the
    value (a plan holds secrets).
    """

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def error(self, path: str, expected: str, value: Any) -> NotTerraformJson:
        found = "missing" if value is _MISSING else f"found {_type_name(value)}"
        return NotTerraformJson(f"{self.shown}: {path}: expected {expected}, {found}")

    def obj(self, value: Any, path: str, optional: bool = True) -> dict[str, Any]:
        """An object; ``null`` or absent is an empty one when ``optional``."""
        if isinstance(value, dict):
            return value
        if optional and (value is None or value is _MISSING):
            return {}
        raise self.error(path, "an object", value)

    def arr(self, value: Any, path: str) -> list[Any]:
        """An array; ``null`` or absent is an empty one."""
        if isinstance(value, list):
            return value
        if value is None or value is _MISSING:
            return []
        raise self.error(path, "an array", value)

    def text(self, value: Any, path: str) -> str:
        if isinstance(value, str) and value:
            return value
        raise self.error(path, "a non-empty string", value)

    def key(self, value: Any, path: str) -> Any:
        """An instance key: absent, ``null``, an integer or a string."""
        if value is _MISSING or value is None:
            return None
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self.error(path, "an integer or a string", value)


_MISSING: Any = object()


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
                try:
                    self._found.setdefault(json.loads(match.group(1)), line)
                except ValueError:
                    continue  # a match inside another string: not an address
        return self._found.get(address, 1)


def _placer(locations: Locations | None, lines: _AddressLines, shown: str) -> Any:
    def place(address: str) -> tuple[str, int]:
        if locations:
            found = locations.get(base_address(address))
            if found is not None:
                return found
        return shown, lines.line(address)

    return place


def _plan(doc: dict[str, Any], place: Any, shape: _Shape) -> Iterator[TfResource]:
    unknown: dict[str, Any] = {}
    for i, rc in enumerate(shape.arr(doc.get("resource_changes", _MISSING), "$.resource_changes")):
        path = f"$.resource_changes[{i}]"
        rc = shape.obj(rc, path, optional=False)
        address = shape.text(rc.get("address", _MISSING), f"{path}.address")
        change = shape.obj(rc.get("change"), f"{path}.change")
        unknown[address] = change.get("after_unknown") or {}
    refs: dict[str, dict[str, Any]] = {}
    config = shape.obj(doc.get("configuration"), "$.configuration")
    _config_refs(config.get("root_module"), "$.configuration.root_module", "", refs, shape)
    planned = shape.obj(doc.get("planned_values"), "$.planned_values")
    root = shape.obj(planned.get("root_module"), "$.planned_values.root_module")
    yield from _module(root, "$.planned_values.root_module", unknown, refs, place, shape)


def _config_refs(module: Any, path: str, prefix: str, out: dict[str, dict[str, Any]], shape: _Shape) -> None:
    """Base address -> the resource's configuration ``expressions`` (for ``references``)."""
    module = shape.obj(module, path)
    for i, res in enumerate(shape.arr(module.get("resources"), f"{path}.resources")):
        res = shape.obj(res, f"{path}.resources[{i}]", optional=False)
        address = shape.text(res.get("address", _MISSING), f"{path}.resources[{i}].address")
        out[f"{prefix}{address}"] = shape.obj(res.get("expressions"), f"{path}.resources[{i}].expressions")
    calls = shape.obj(module.get("module_calls"), f"{path}.module_calls")
    for name, call in calls.items():
        call_path = f"{path}.module_calls.{name}"
        inner = shape.obj(call, call_path, optional=False).get("module")
        _config_refs(inner, f"{call_path}.module", f"{prefix}module.{name}.", out, shape)


def _module(
    module: dict[str, Any],
    path: str,
    unknown: dict[str, Any],
    refs: dict[str, dict[str, Any]],
    place: Any,
    shape: _Shape,
) -> Iterator[TfResource]:
    for i, res in enumerate(shape.arr(module.get("resources"), f"{path}.resources")):
        where = f"{path}.resources[{i}]"
        res = shape.obj(res, where, optional=False)
        if res.get("mode", "managed") != "managed":
            continue
        address = shape.text(res.get("address", _MISSING), f"{where}.address")
        values = shape.obj(res.get("values"), f"{where}.values")
        values = _merge_unknown(values, unknown.get(address) or {})
        expressions = refs.get(base_address(address))
        if expressions:
            values = _with_refs(values, expressions, _module_of(address))
        file, line = place(address)
        yield TfResource(
            address=address,
            type=shape.text(res.get("type", _MISSING), f"{where}.type"),
            name=shape.text(res.get("name", _MISSING), f"{where}.name"),
            values=values,
            file=file,
            line=line,
            module=_module_of(address),
            index=shape.key(res.get("index", _MISSING), f"{where}.index"),
        )
    for i, child in enumerate(shape.arr(module.get("child_modules"), f"{path}.child_modules")):
        child_path = f"{path}.child_modules[{i}]"
        child = shape.obj(child, child_path, optional=False)
        yield from _module(child, child_path, unknown, refs, place, shape)


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
    for text in references if isinstance(references, list) else []:
        if not isinstance(text, str):
            continue
        parts = base_address(text).split(".")
        if parts[0] in ("var", "local", "module", "data", "each", "count", "path", "self") or len(parts) < 2:
            continue
        return Ref(f"{prefix}{parts[0]}.{parts[1]}", parts[2] if len(parts) > 2 else None)
    return None


def _raw_state(doc: dict[str, Any], place: Any, shape: _Shape) -> Iterator[TfResource]:
    for i, res in enumerate(doc["resources"]):
        path = f"$.resources[{i}]"
        res = shape.obj(res, path, optional=False)
        if res.get("mode", "managed") != "managed":
            continue
        kind = shape.text(res.get("type", _MISSING), f"{path}.type")
        name = shape.text(res.get("name", _MISSING), f"{path}.name")
        module = res.get("module", "")
        if not isinstance(module, str):
            raise shape.error(f"{path}.module", "a string", module)
        base = f"{module}.{kind}.{name}" if module else f"{kind}.{name}"
        for j, inst in enumerate(shape.arr(res.get("instances"), f"{path}.instances")):
            where = f"{path}.instances[{j}]"
            inst = shape.obj(inst, where, optional=False)
            key = shape.key(inst.get("index_key", _MISSING), f"{where}.index_key")
            address = base if key is None else f"{base}[{json.dumps(key)}]"
            file, line = place(address)
            yield TfResource(
                address=address,
                type=kind,
                name=name,
                values=shape.obj(inst.get("attributes"), f"{where}.attributes"),
                file=file,
                line=line,
                module=module,
                index=key,
            )


def _plan_providers(doc: dict[str, Any], shape: _Shape) -> ProviderConfig:
    """Constant settings of the configuration's provider blocks (project, region)."""
    settings: dict[str, dict[str, Any]] = {}
    config = shape.obj(doc.get("configuration"), "$.configuration")
    providers = shape.obj(config.get("provider_config"), "$.configuration.provider_config")
    for key, cfg in providers.items():
        if "." in key or not isinstance(cfg, dict):
            continue  # aliased (google.eu) or a module's provider
        exprs = cfg.get("expressions") or {}
        if not isinstance(exprs, dict):
            continue
        known = {
            k: v["constant_value"] for k, v in exprs.items() if isinstance(v, dict) and "constant_value" in v
        }
        name = cfg.get("name", key)
        settings[name if isinstance(name, str) else key] = known
    return ProviderConfig(settings)
