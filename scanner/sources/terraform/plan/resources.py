"""Managed resources of a plan or state -> :class:`TfResource` records, with module addresses.

Why the three readers share one record shape: a plan (``planned_values``,
with unknowns and references merged in), a ``terraform show -json`` state
(``values``) and a raw ``terraform.tfstate`` (``resources[].instances[]``)
all become the same records, so translation and policies never ask where a
resource came from. Data sources are skipped: they are not resources of the
account.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scanner.sources.terraform.model import ProviderConfig, TfResource, base_address
from scanner.sources.terraform.plan.locations import Place
from scanner.sources.terraform.plan.shape import MISSING, Shape
from scanner.sources.terraform.plan.unknowns import config_refs, merge_unknown, with_refs


def plan_resources(doc: dict[str, Any], place: Place, shape: Shape) -> Iterator[TfResource]:
    unknown: dict[str, Any] = {}
    for i, rc in enumerate(shape.arr(doc.get("resource_changes", MISSING), "$.resource_changes")):
        path = f"$.resource_changes[{i}]"
        rc = shape.obj(rc, path, optional=False)
        address = shape.text(rc.get("address", MISSING), f"{path}.address")
        change = shape.obj(rc.get("change"), f"{path}.change")
        unknown[address] = change.get("after_unknown") or {}
    refs: dict[str, dict[str, Any]] = {}
    config = shape.obj(doc.get("configuration"), "$.configuration")
    config_refs(config.get("root_module"), "$.configuration.root_module", "", refs, shape)
    planned = shape.obj(doc.get("planned_values"), "$.planned_values")
    root = shape.obj(planned.get("root_module"), "$.planned_values.root_module")
    yield from module_resources(root, "$.planned_values.root_module", unknown, refs, place, shape)


def module_resources(
    module: dict[str, Any],
    path: str,
    unknown: dict[str, Any],
    refs: dict[str, dict[str, Any]],
    place: Place,
    shape: Shape,
) -> Iterator[TfResource]:
    for i, res in enumerate(shape.arr(module.get("resources"), f"{path}.resources")):
        where = f"{path}.resources[{i}]"
        res = shape.obj(res, where, optional=False)
        if res.get("mode", "managed") != "managed":
            continue
        address = shape.text(res.get("address", MISSING), f"{where}.address")
        values = shape.obj(res.get("values"), f"{where}.values")
        values = merge_unknown(values, unknown.get(address) or {})
        expressions = refs.get(base_address(address))
        if expressions:
            values = with_refs(values, expressions, _module_of(address))
        file, line = place(address)
        yield TfResource(
            address=address,
            type=shape.text(res.get("type", MISSING), f"{where}.type"),
            name=shape.text(res.get("name", MISSING), f"{where}.name"),
            values=values,
            file=file,
            line=line,
            module=_module_of(address),
            index=shape.key(res.get("index", MISSING), f"{where}.index"),
        )
    for i, child in enumerate(shape.arr(module.get("child_modules"), f"{path}.child_modules")):
        child_path = f"{path}.child_modules[{i}]"
        child = shape.obj(child, child_path, optional=False)
        yield from module_resources(child, child_path, unknown, refs, place, shape)


def _module_of(address: str) -> str:
    """``module.a.module.b.TYPE.NAME[0]`` -> ``module.a.module.b``."""
    parts = base_address(address).split(".")
    return ".".join(parts[:-2])


def raw_state_resources(doc: dict[str, Any], place: Place, shape: Shape) -> Iterator[TfResource]:
    for i, res in enumerate(doc["resources"]):
        path = f"$.resources[{i}]"
        res = shape.obj(res, path, optional=False)
        if res.get("mode", "managed") != "managed":
            continue
        kind = shape.text(res.get("type", MISSING), f"{path}.type")
        name = shape.text(res.get("name", MISSING), f"{path}.name")
        module = res.get("module", "")
        if not isinstance(module, str):
            raise shape.error(f"{path}.module", "a string", module)
        base = f"{module}.{kind}.{name}" if module else f"{kind}.{name}"
        for j, inst in enumerate(shape.arr(res.get("instances"), f"{path}.instances")):
            where = f"{path}.instances[{j}]"
            inst = shape.obj(inst, where, optional=False)
            key = shape.key(inst.get("index_key", MISSING), f"{where}.index_key")
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


def plan_providers(doc: dict[str, Any], shape: Shape) -> ProviderConfig:
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
