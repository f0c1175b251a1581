"""PolarDB clusters, Redis (KVStore) and MongoDB instances into ``database`` records.

Only what the exposure policies need, read the way RDS is (:mod:`.database`):

* ``allowed_networks``: every address of every whitelist group, except groups whose attribute
  is ``hidden`` (kept by Alibaba Cloud services): PolarDB DescribeDBClusterAccessWhitelist
  ``Items.DBClusterIPArray[].SecurityIps``, KVStore and MongoDB DescribeSecurityIps
  ``SecurityIpGroups.SecurityIpGroup[].SecurityIpList`` (comma-separated).
* ``public_endpoint``: PolarDB DescribeDBClusterEndpoints has an address with ``NetType``
  ``Public``; KVStore DescribeDBInstanceNetInfo an address with ``IPType`` ``Public``. MongoDB's
  public addresses are not read: unknown.
* ``engine``: ``polardb-mysql``/``polardb-postgresql``/... (PolarDB ``DBType``), ``redis`` or
  ``tair`` (KVStore ``InstanceType``), ``mongodb``.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Database
from scanner.providers.alibaba.translate.common import MISSING, items, origin

_UNREAD = frozenset(
    {"ssl_required", "backups", "encrypted", "tde", "tde_key", "audit_log", "audit_retention_days"}
)


def _ips(groups: list[dict[str, Any]], attribute: str, addresses: str) -> tuple[str, ...]:
    found: list[str] = []
    for group in groups:
        if str(group.get(attribute) or "").lower() == "hidden":
            continue
        found += [ip.strip() for ip in str(group.get(addresses) or "").split(",") if ip.strip()]
    return tuple(dict.fromkeys(found))


def _record(
    account: str,
    region: str,
    raw: dict[str, Any],
    *,
    id_key: str,
    name_key: str,
    call: str,
    engine: str,
    allowed: Any,
    public: Any,
    native: dict[str, Any],
) -> Database:
    unknown = set(_UNREAD)
    if allowed is None:
        unknown.add("allowed_networks")
    if public is None:
        unknown.add("public_endpoint")
    relations: dict[str, tuple[str, ...]] = {}
    vswitches = [v for v in str(raw.get("VSwitchId") or "").split(",") if v]
    if vswitches:
        relations["subnet"] = tuple(vswitches)
    if raw.get("VpcId"):
        relations["network"] = (str(raw["VpcId"]),)
    network_type = str(raw.get("NetworkType") or raw.get("DBClusterNetworkType") or "").lower()
    if not relations and network_type != "classic":
        # In a VPC whose ids this answer does not carry, or a network type not reported: whether the
        # database sits in a private network is unknown, never "outside" (database.outside-private-network).
        unknown |= {"relations.subnet", "relations.network"}
    return Database(
        provider="alibaba",
        account=account,
        region=region,
        id=str(raw[id_key]),
        name=str(raw.get(name_key) or raw[id_key]),
        origin=origin(*call.split(":")),
        relations=relations,
        unknown=frozenset(unknown),
        native={"instance": raw, **native},
        engine=engine,
        engine_version=raw.get("DBVersion") or raw.get("EngineVersion"),
        public_endpoint=public,
        allowed_networks=allowed or (),
    )


def polardb(
    account: str, region: str, raw: dict[str, Any], whitelist: Any = MISSING, endpoints: Any = MISSING
) -> Database:
    groups = None if whitelist is MISSING else items(whitelist, "Items", "DBClusterIPArray")
    public = None
    if endpoints is not MISSING:
        addresses = [a for e in items(endpoints, "Items") for a in items(e, "AddressItems")]
        public = any(str(a.get("NetType") or "").lower() == "public" for a in addresses)
    return _record(
        account,
        region,
        raw,
        id_key="DBClusterId",
        name_key="DBClusterDescription",
        call="polardb:DescribeDBClusters",
        engine=f"polardb-{str(raw.get('DBType') or '').lower()}".rstrip("-"),
        allowed=None if groups is None else _ips(groups, "DBClusterIPArrayAttribute", "SecurityIps"),
        public=public,
        native={"whitelists": groups} if groups is not None else {},
    )


def kvstore(
    account: str, region: str, raw: dict[str, Any], security_ips: Any = MISSING, net_info: Any = MISSING
) -> Database:
    groups = None if security_ips is MISSING else items(security_ips, "SecurityIpGroups", "SecurityIpGroup")
    public = None
    if net_info is not MISSING:
        infos = items(net_info, "NetInfoItems", "InstanceNetInfo")
        public = any(str(i.get("IPType") or "").lower() == "public" for i in infos)
    return _record(
        account,
        region,
        raw,
        id_key="InstanceId",
        name_key="InstanceName",
        call="kvstore:DescribeInstances",
        engine=str(raw.get("InstanceType") or "redis").lower(),
        allowed=None if groups is None else _ips(groups, "SecurityIpGroupAttribute", "SecurityIpList"),
        public=public,
        native={"whitelists": groups} if groups is not None else {},
    )


def mongodb(account: str, region: str, raw: dict[str, Any], security_ips: Any = MISSING) -> Database:
    groups = None if security_ips is MISSING else items(security_ips, "SecurityIpGroups", "SecurityIpGroup")
    return _record(
        account,
        region,
        raw,
        id_key="DBInstanceId",
        name_key="DBInstanceDescription",
        call="dds:DescribeDBInstances",
        engine="mongodb",
        allowed=None if groups is None else _ips(groups, "SecurityIpGroupAttribute", "SecurityIpList"),
        public=None,
        native={"whitelists": groups} if groups is not None else {},
    )
