"""Disks, ActionTrail trails and ACK clusters and node pools from ``alicloud_*`` resources.

Field meanings are the live adapter's (:mod:`scanner.providers.alibaba.translate.disk`,
``audit_trail``, ``kubernetes``). Provider defaults, from the alicloud provider's
resource documentation (registry.terraform.io/providers/aliyun/alicloud, ``website/docs/r``):

* ``alicloud_ecs_disk`` / ``alicloud_disk``: ``encrypted`` "Default value: false"; attached when
  it names an ``instance_id`` or an ``alicloud_ecs_disk_attachment`` / ``alicloud_disk_attachment``
  targets it.
* ``alicloud_actiontrail_trail``: ``event_rw`` "Default value: All" (the deprecated
  ``alicloud_actiontrail``'s was ``Write``), ``trail_region`` "Default value: All";
  ``status`` unset leaves ``enabled`` unknown (a trail logs only after StartLogging).
* ``alicloud_cs_managed_kubernetes``: ``slb_internet_enabled`` (an internet SLB for the API
  server) "Default to true"; ``deletion_protection`` "Default to false"; ``addons`` blocks
  (``logtail-ds``, ``kubernetes-dashboard``, ``terway-eniip`` with ``NetworkPolicy`` in its
  ``config``) and ``control_plane_log_components`` (``apiserver``) as in the live adapter.
  The API server's ACL is no argument of the cluster: it is set on the CLB listener ACK creates
  (``alicloud_slb_listener`` ``acl_status``/``acl_type``/``acl_ids``), whose instance is the
  cluster's computed ``slb_id``, so ``authorized_networks(_enabled)`` stay unknown for a cluster
  with an internet API server (docs/alibaba.md, "ACK API server ACL").
* ``alicloud_cs_kubernetes_node_pool``: ``internet_max_bandwidth_out`` above 0 gives nodes public
  addresses; ``management { auto_upgrade }`` (only with ``management { enable = true }``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import AuditTrail, Disk, KubernetesCluster, NodePool, Resource
from scanner.providers.alibaba.terraform.common import as_int, base_fields, first_of
from scanner.sources.terraform.model import TfResource, is_unknown
from scanner.sources.terraform.translate.common import Fields, as_bool, record, reference, value
from scanner.sources.terraform.translate.context import TfContext

_DISK_ATTACHMENTS = ("alicloud_ecs_disk_attachment", "alicloud_disk_attachment")


def disk(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    encrypted = as_bool(value(res, "encrypted", False))  # "Default value: false"
    key = res.get("kms_key_id")
    if is_unknown(encrypted):
        f.mark_unknown("encryption")
    else:
        f.set("encryption", "none" if not encrypted else ("customer_key" if key else "provider"))
        f.set("kms_key", key if encrypted and isinstance(key, str) else None)
    attached = ctx.companions(res.address, *_DISK_ATTACHMENTS, via="disk_id")
    instance = res.get("instance_id")
    targets = [reference(ctx, a.get("instance_id"), "alicloud_instance") for a in attached]
    if instance is not None:
        targets.append(reference(ctx, instance, "alicloud_instance"))
    f.set("attached", bool(attached) or instance is not None)
    size = as_int(res.get("size"))
    f.set("size_gb", None if is_unknown(size) else size)
    yield record(
        Disk,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "disk_name", "name"),
        fields=f,
        relations={"instance": targets},
        tags=res.get("tags"),
    )


_EVENTS = {"all": ("read", "write"), "read": ("read",), "write": ("write",)}


def actiontrail_trail(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    events = value(res, "event_rw", "All")  # "Default value: All"
    if is_unknown(events):
        f.mark_unknown("event_types")
    else:
        f.set("event_types", _EVENTS.get(str(events).lower(), ()))
    region = value(res, "trail_region", "All")  # "Default value: All"
    f.set("all_regions", region, lambda r: str(r) == "All")
    status = res.get("status")
    if status is None or is_unknown(status):
        f.mark_unknown("enabled")
    else:
        f.set("enabled", str(status) == "Enable")
    f.set("all_services", True)
    bucket = reference(ctx, res.get("oss_bucket_name"), "alicloud_oss_bucket")
    yield record(
        AuditTrail,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "trail_name", "name"),
        fields=f,
        relations={"bucket": [bucket]},
    )


def _addons(res: TfResource) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for block in res.get("addons") or []:
        if isinstance(block, dict) and isinstance(block.get("name"), str) and not block.get("disabled"):
            found[block["name"]] = block.get("config")
    return found


def _network_policy(config: Any) -> bool:
    if isinstance(config, str):
        try:
            config = json.loads(config)
        except ValueError:
            return False
    return isinstance(config, dict) and str(config.get("NetworkPolicy", "")).lower() == "true"


def managed_kubernetes(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    public = as_bool(value(res, "slb_internet_enabled", True))  # "Default to true"
    f.set("public_endpoint", public)
    if public is not False:  # the listener's ACL is not in the plan
        f.mark_unknown("authorized_networks_enabled")
        f.mark_unknown("authorized_networks")
    f.set("deletion_protection", as_bool(value(res, "deletion_protection", False)))  # "Default to false"
    addons = _addons(res)
    f.set("logging", "logtail-ds" in addons)
    f.set("dashboard", "kubernetes-dashboard" in addons)
    f.set("eni_multi_ip", "terway-eniip" in addons)
    f.set("network_policy", any(_network_policy(c) for n, c in addons.items() if n.startswith("terway")))
    components = res.get("control_plane_log_components")
    if is_unknown(components):
        f.mark_unknown("control_plane_logging")
    else:
        f.set("control_plane_logging", "apiserver" in (components or []))
    version = res.get("version")
    f.set("version", version if isinstance(version, str) else None)
    rrsa = res.get("rrsa_metadata") or []
    enabled = rrsa[0].get("enabled") if rrsa and isinstance(rrsa[0], dict) else res.get("enable_rrsa")
    f.set("workload_identity", bool(as_bool(enabled)) if not is_unknown(enabled) else None)
    yield record(
        KubernetesCluster,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "name", "name_prefix"),
        fields=f,
        tags=res.get("tags"),
    )


def node_pool(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    bandwidth = as_int(value(res, "internet_max_bandwidth_out", 0))
    if is_unknown(bandwidth):
        f.mark_unknown("public_ips")
    else:
        f.set("public_ips", bool(bandwidth and bandwidth > 0))
    management = (res.get("management") or [{}])[0] if isinstance(res.get("management"), list) else {}
    managed = as_bool(management.get("enable", False)) if isinstance(management, dict) else False
    upgrade = as_bool(management.get("auto_upgrade", False)) if isinstance(management, dict) else False
    if is_unknown(managed) or is_unknown(upgrade):
        f.mark_unknown("auto_upgrade")
    else:
        f.set("auto_upgrade", bool(managed) and bool(upgrade))
    cluster = reference(ctx, res.get("cluster_id"), "alicloud_cs_managed_kubernetes")
    yield record(
        NodePool,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "node_pool_name", "name"),
        fields=f,
        relations={"cluster": [cluster]},
    )
