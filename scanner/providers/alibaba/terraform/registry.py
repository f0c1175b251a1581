"""Container Registry instances, namespaces and repositories (``alicloud_cr_*``) -> registry and
repository records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Registry,
    Repository,
    Resource,
)
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


def _public_auto_create(spaces: list[dict[str, Any]]) -> list[Any]:
    """The namespaces that auto-create PUBLIC repositories (the live rule, translate/registry.py)."""
    return [
        n["NamespaceName"]
        for n in spaces
        if n["AutoCreateRepo"] is True and str(n["DefaultRepoType"] or "").upper() == "PUBLIC"
    ]


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
    yield record(
        Registry,
        res,
        **base_fields(res, ctx),
        name=res.get("instance_name"),
        fields=f,
        extra_native={
            "namespaces": [_namespace(n) for n in spaces],
            "public_auto_create_namespaces": _public_auto_create([_namespace(n) for n in spaces]),
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
        extra_native={
            "namespaces": [_namespace(res)],
            "public_auto_create_namespaces": _public_auto_create([_namespace(res)]),
        },
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
        yield record(
            Repository,
            res,
            **base_fields(res, ctx),
            name=label,
            fields=f,
            relations={"registry": [reference(ctx, res.get(registry_key), registry_type)]},
        )

    return translate
