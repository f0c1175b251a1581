"""Container Registry instances, namespaces and repositories (``alicloud_cr_*``) -> registry and
repository records.

``alicloud_cr_chain`` (delivery chains, provider v1.161.0+) is read onto its instance's registry
record as the live adapter reads GetChain (:mod:`scanner.providers.alibaba.link.delivery_chains`):
its ``chain_config.nodes`` blocks (``node_name``, ``enable``, ``node_config.deny_policy`` with
``issue_level``, ``issue_count``, ``action``). The provider documents no defaults for them, so a
node left without ``enable`` is unknown; a chain without ``chain_config`` has no scanning node.

Who may push, delete or administer (``pushers``, ``deleters``, ``admins``, ``global_admins``) comes
from the RAM policies of the code: :mod:`.registry_access`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Registry,
    Repository,
    Resource,
)
from scanner.providers.alibaba.link import delivery_chains, public_auto_create
from scanner.providers.alibaba.terraform import registry_access
from scanner.providers.alibaba.terraform.common import attachment_name, base_fields
from scanner.sources.terraform.model import TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    reference,
)
from scanner.sources.terraform.translate.context import TfContext, Translator


def _namespace(ns: TfResource) -> dict[str, Any]:
    auto, visibility = as_bool(ns.get("auto_create")), ns.get("default_visibility")
    return {
        "NamespaceName": ns.get("name") if isinstance(ns.get("name"), str) else ns.name,
        "AutoCreateRepo": None if is_unknown(auto) else auto,
        "DefaultRepoType": None if is_unknown(visibility) else visibility,
    }


def _namespaces(spaces: list[TfResource]) -> dict[str, Any]:
    found = [_namespace(n) for n in spaces]
    return {"namespaces": found, "public_auto_create_namespaces": public_auto_create(found)}


_UNKNOWN_VALUE = object()  # an expression Terraform cannot know yet: the chain's verdict is unknown


def _plain(value: Any) -> Any:
    return _UNKNOWN_VALUE if is_unknown(value) else value


def _first(value: Any) -> dict[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return value[0]
    return value if isinstance(value, dict) else {}


def _chain(res: TfResource) -> dict[str, Any]:
    """An ``alicloud_cr_chain`` in GetChain's shape."""
    nodes = []
    config = res.block("chain_config")
    listed = config.get("nodes") if isinstance(config.get("nodes"), list) else [config.get("nodes")]
    for node in [n for n in listed if isinstance(n, dict)]:
        deny = _first(_first(node.get("node_config")).get("deny_policy"))
        enable = node.get("enable")
        nodes.append(
            {
                "NodeName": node.get("node_name"),
                "Enable": None if enable is None or is_unknown(enable) else enable,
                "NodeConfig": {
                    "DenyPolicy": {
                        "Action": _plain(deny.get("action")),
                        "IssueLevel": _plain(deny.get("issue_level")),
                        "IssueCount": _plain(deny.get("issue_count")),
                    }
                },
            }
        )
    name = res.get("chain_name")
    return {
        "ChainId": res.address,
        "Name": name if isinstance(name, str) else res.name,
        "ChainConfig": {"Nodes": nodes},
    }


def _chains(chains: list[TfResource]) -> dict[str, Any]:
    found = [_chain(c) for c in chains]
    return delivery_chains.summarise(found, {c["ChainId"]: c for c in found})


def cr_ee_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Internet ACL entries (``alicloud_cr_endpoint_acl_policy``, endpoint_type internet) imply the
    internet endpoint is in use; without them the endpoint state is not in the code (unknown)."""
    f = Fields()
    entries = [
        p.get("entry")
        for p in ctx.companions(res.address, "alicloud_cr_endpoint_acl_policy", via="instance_id")
        if p.get("endpoint_type") == "internet"
    ]
    if entries:
        f.set("public_endpoint", True)
        if any(is_unknown(e) for e in entries):
            f.mark_unknown("endpoint_allowed_ranges")
        f.set("endpoint_allowed_ranges", tuple(e for e in entries if isinstance(e, str)))
    else:
        f.mark_unknown("public_endpoint").mark_unknown("endpoint_allowed_ranges")
    spaces = ctx.companions(res.address, "alicloud_cr_ee_namespace", via="instance_id")
    namespaces = _namespaces(spaces)
    names = [n["NamespaceName"] for n in namespaces["namespaces"] if isinstance(n["NamespaceName"], str)]
    access = registry_access.registry(ctx, res, names, f)
    yield record(
        Registry,
        res,
        **base_fields(res, ctx),
        name=res.get("instance_name"),
        fields=f,
        extra_native={
            **namespaces,
            **_chains(ctx.companions(res.address, "alicloud_cr_chain", via="instance_id")),
            **access,
        },
    )


def cr_namespace(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """A Personal Edition namespace has no instance: it is its own registry, so the
    auto-create-public-repositories policy reaches it through ``native.namespaces``."""
    yield record(
        Registry,
        res,
        **base_fields(res, ctx),
        name=res.get("name"),
        fields=Fields().mark_unknown("public_endpoint"),
        extra_native=_namespaces([res]),
    )


def repository(registry_key: str, registry_type: str) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        f = Fields()
        f.set("format", "docker")
        kind = res.get("repo_type")  # Required: PUBLIC or PRIVATE
        f.set("public", kind, lambda k: str(k).upper() == "PUBLIC")
        space = attachment_name(ctx, res.get("namespace"))
        name = res.get("name")
        label = f"{space or '?'}/{name if isinstance(name, str) else res.name}"
        access = (
            registry_access.repository(ctx, res.get(registry_key), space, name, f)
            if registry_type == "alicloud_cr_ee_instance"
            else {}
        )
        yield record(
            Repository,
            res,
            **base_fields(res, ctx),
            name=label,
            fields=f,
            relations={"registry": [reference(ctx, res.get(registry_key), registry_type)]},
            extra_native=access,
        )

    return translate
