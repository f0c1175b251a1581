"""Log Service Logstores, PolarDB clusters, Redis (KVStore) and MongoDB instances from ``alicloud_*``.

Provider defaults, from the alicloud provider's resource documentation (``website/docs/r``):

* ``alicloud_log_store``: ``retention_period`` "Default to 30" days (1-3650; 3650 keeps logs
  for good, counted as 3650 as the live adapter would).
* ``alicloud_polardb_cluster`` ``security_ips``, ``alicloud_kvstore_instance`` ``security_ips``,
  ``alicloud_mongodb_instance`` / ``alicloud_mongodb_sharding_instance`` ``security_ip_list``:
  the whitelist, read like RDS's (:mod:`.database`); left out, nothing is claimed open.
* Public addresses come from their own resources, as RDS's ``alicloud_db_connection`` does:
  ``alicloud_polardb_endpoint_address`` with ``net_type`` ``Public`` and
  ``alicloud_kvstore_connection``; Terraform creates none otherwise, so ``public_endpoint`` is
  false. MongoDB's public address is not read (unknown), as live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import Database, LogStore, Resource
from scanner.providers.alibaba.terraform.common import as_int, base_fields, first_of, split
from scanner.providers.alibaba.terraform.database import _allowed
from scanner.sources.terraform.model import TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, record, reference, value
from scanner.sources.terraform.translate.context import TfContext


def log_store(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    days = as_int(value(res, "retention_period", 30))  # "Default to 30"
    if is_unknown(days):
        f.mark_unknown("retention_days")
    else:
        f.set("retention_days", days)
    yield record(
        LogStore,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "logstore_name", "name"),
        fields=f,
    )


def _database(
    res: TfResource,
    ctx: TfContext,
    *,
    engine: str,
    ips_key: str,
    public: bool | None,
    name_keys: tuple[str, ...],
) -> Resource:
    f = Fields()
    f.set("engine", engine)
    allowed = _allowed(res.get(ips_key), f)
    if "allowed_networks" not in f.unknown:
        f.set("allowed_networks", tuple(dict.fromkeys(allowed)))
    if public is None:
        f.mark_unknown("public_endpoint")
    else:
        f.set("public_endpoint", public)
    vswitches = split(res.get("vswitch_id"))
    subnets = [] if is_unknown(vswitches) else [reference(ctx, v, "alicloud_vswitch") for v in vswitches]
    if not any(subnets) and has_unknown(res.get("vswitch_id")):
        # A vSwitch known only after apply: in a VPC or not is unknown (as for alicloud_db_instance).
        f.mark_unknown("relations.subnet")
        f.mark_unknown("relations.network")
    return record(
        Database,
        res,
        **base_fields(res, ctx),
        name=first_of(res, *name_keys),
        fields=f,
        relations={"subnet": subnets, "network": [reference(ctx, res.get("vpc_id"), "alicloud_vpc")]},
        tags=res.get("tags"),
    )


def polardb_cluster(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    addresses = ctx.companions(res.address, "alicloud_polardb_endpoint_address", via="db_cluster_id")
    public = any(str(a.get("net_type") or "").lower() == "public" for a in addresses)
    db_type: Any = res.get("db_type")
    engine = f"polardb-{str(db_type).lower()}" if isinstance(db_type, str) else "polardb"
    yield _database(
        res, ctx, engine=engine, ips_key="security_ips", public=public, name_keys=("description",)
    )


def kvstore_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    public = bool(ctx.companions(res.address, "alicloud_kvstore_connection", via="instance_id"))
    kind = res.get("instance_type")
    engine = str(kind).lower() if isinstance(kind, str) else "redis"
    yield _database(
        res,
        ctx,
        engine=engine,
        ips_key="security_ips",
        public=public,
        name_keys=("db_instance_name", "instance_name"),
    )


def mongodb_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield _database(res, ctx, engine="mongodb", ips_key="security_ip_list", public=None, name_keys=("name",))
