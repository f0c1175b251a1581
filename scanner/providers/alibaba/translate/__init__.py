"""Pure functions from raw Alibaba Cloud API dicts to common inventory records.

No SDK, no I/O: each module takes the dicts a service module returned (keys as
the API reference names them) and the account/region context, and returns
records, one module per inventory kind. Facts that need several resources at
once (does a vSwitch route to the internet) are left to
:mod:`scanner.providers.alibaba.link`.

This package's functions (:func:`regional`, :func:`buckets`, :func:`ram`) go from
everything collected (:class:`~scanner.providers.alibaba.raw.Collected`) to
inventory records: translate each raw item, then link.

A detail that was not collected (its call failed) is passed as ``MISSING`` so the
translate step marks the fields it would have decided as unknown; a failed regional
list the link step needs (instances, NAT gateways, route tables, EIPs, flow logs) is
passed as ``None`` for the same reason.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Resource
from scanner.providers.alibaba import link
from scanner.providers.alibaba.link import log_alerts
from scanner.providers.alibaba.raw import GLOBAL, Collected, bucket_region
from scanner.providers.alibaba.translate import (
    account as account_settings,
)
from scanner.providers.alibaba.translate import (
    api_server_acl,
    audit_trail,
    bucket,
    database,
    disk,
    firewall,
    groups,
    iam,
    instance,
    kms,
    kubernetes,
    logs,
    managed_db,
    network,
    registry,
)
from scanner.providers.alibaba.translate.common import MISSING
from scanner.rules.policy_document import grants_everything

# translate keyword -> raw name of the per-item detail it takes
_RDS = {
    "net_info": "rds.net_info",
    "ip_arrays": "rds.ip_arrays",
    "ssl": "rds.ssl",
    "tde": "rds.tde",
    "backup": "rds.backup_policy",
    "sql_audit": "rds.sql_audit",
    "sql_audit_retention": "rds.sql_audit_retention",
}
_CR = {"endpoints": "cr.endpoints", "namespaces": "cr.namespaces", "scan_rules": "cr.scan_rules"}
_RAM = {
    "detail": "ram.user",
    "login_profile": "ram.login_profile",
    "mfa": "ram.mfa",
    "keys": "ram.access_keys",
}
_OSS = {
    "acl": "oss.acl",
    "policy": "oss.policy",
    "block": "oss.public_access_block",
    "encryption": "oss.encryption",
    "versioning": "oss.versioning",
    "logging": "oss.logging",
}


def _detail(data: Collected, region: str, name: str, item: str) -> Any:
    return data.get(region, name, item) if data.has(region, name, item) else MISSING


def _details(data: Collected, region: str, item: str, names: dict[str, str]) -> dict[str, Any]:
    """The translate keywords for one item: ``{"ssl": "rds.ssl"}`` gives ``{"ssl": <answer or MISSING>}``."""
    return {keyword: _detail(data, region, name, item) for keyword, name in names.items()}


def _by_item(data: Collected, region: str, name: str) -> dict[str, Any]:
    """Every answer of one per-item call, by item (policy documents, key last use)."""
    return {item: value for (r, n, item), value in data.raw.items() if r == region and n == name}


def _maybe(data: Collected, region: str, name: str) -> Any:
    return data.get(region, name) if data.has(region, name) else None


def regional(data: Collected, account: str, region: str, now: datetime) -> list[Resource]:
    out: list[Resource] = []
    for attribute in [
        data.get(region, "ecs.sg_attribute", g["SecurityGroupId"])
        for g in data.get(region, "ecs.security_groups", default=[])
    ]:
        if attribute is not None:
            out += firewall.firewall_rules(account, region, attribute)
    raw_instances = _maybe(data, region, "ecs.instances")
    agents = account_settings.agents(_detail(data, GLOBAL, "sas.instances", ""))
    instances = [instance.instance(account, region, i, now, agents) for i in raw_instances or []]
    out += instances
    out += [disk.disk(account, region, d, now) for d in data.get(region, "ecs.disks", default=[])]
    out += [disk.snapshot(account, region, s, now) for s in data.get(region, "ecs.snapshots", default=[])]
    out += [instance.address(account, region, e) for e in data.get(region, "vpc.eips", default=[])]
    flow_logs = _maybe(data, region, "vpc.flow_logs")
    out += link.link_networks(
        [network.network(account, region, v) for v in data.get(region, "vpc.vpcs", default=[])], flow_logs
    )
    tables = _maybe(data, region, "vpc.route_tables")
    entries = {
        t["RouteTableId"]: data.get(region, "vpc.route_entries", t["RouteTableId"])
        for t in tables or []
        if data.has(region, "vpc.route_entries", t["RouteTableId"])
    }
    nats = _maybe(data, region, "vpc.nat_gateways")
    snat = [
        e
        for g in nats or []
        for t in (g.get("SnatTableIds") or {}).get("SnatTableId", [])
        for e in data.get(region, "vpc.snat_entries", t, [])
    ]
    out += link.link_subnets(
        [network.subnet(account, region, v) for v in data.get(region, "vpc.vswitches", default=[])],
        tables=tables,
        entries=entries,
        nat_gateways=nats,
        snat_entries=snat,
        instances=None if raw_instances is None else instances,
        flow_logs=flow_logs,
        eips=_maybe(data, region, "vpc.eips"),
    )
    for db in data.get(region, "rds.instances", default=[]):
        i = db["DBInstanceId"]
        parameters = (
            data.get(region, "rds.parameters", i) if data.has(region, "rds.parameters", i) else MISSING
        )
        out.append(
            database.database(account, region, db, **_details(data, region, i, _RDS), parameters=parameters)
        )
    for inst in data.get(region, "cr.instances", default=[]):
        i = inst["InstanceId"]
        chains = _detail(data, region, "cr.chains", i)
        chain_details = {
            str(c["ChainId"]): _detail(data, region, "cr.chain", f"{i}/{c['ChainId']}")
            for c in ([] if chains is MISSING else chains)
            if c.get("ChainId")
        }
        out.append(
            registry.registry(
                account,
                region,
                inst,
                **_details(data, region, i, _CR),
                chains=chains,
                chain_details=chain_details,
            )
        )
        out += [
            registry.repository(account, region, i, r) for r in data.get(region, "cr.repositories", i, [])
        ]
    out += [
        registry.personal_repository(account, region, r)
        for r in data.get(region, "cr.personal_repositories", default=[])
    ]
    out += _clusters(data, account, region, now)
    out += _other_databases(data, account, region)
    out += _log_stores(data, account, region)
    out += _kms_keys(data, account, region)
    return out


def _log_stores(data: Collected, account: str, region: str) -> list[Resource]:
    out: list[Resource] = []
    for project in data.get(region, "sls.projects", default=[]):
        name = project.get("projectName")
        for store in data.get(region, "sls.logstores", str(name), []) if name else []:
            detail = _detail(data, region, "sls.logstore", f"{name}/{store}")
            out.append(logs.log_store(account, region, str(name), store, detail))
    return out


def _kms_keys(data: Collected, account: str, region: str) -> list[Resource]:
    return [
        kms.key(account, region, k, _detail(data, region, "kms.key", str(k["KeyId"])))
        for k in data.get(region, "kms.keys", default=[])
        if k.get("KeyId")
    ]


# Calls whose failure leaves the account's alert rules unknown (not in use is a known "none")
_ALERT_CALLS = frozenset({"ListProject", "ListAlerts"})


def _alerts(data: Collected) -> Any:
    """Every alert rule of every region's projects, or ``MISSING`` unless each listing answered
    (a region where Log Service is not activated has none)."""
    sls = [f for f in data.failures if f.product == "sls" and f.operation in _ALERT_CALLS]
    listed = any(name == "sls.projects" for (_, name, _) in data.raw) or any(f.not_in_use for f in sls)
    if not listed or any(not f.not_in_use for f in sls):
        return MISSING
    return [alert for (_, name, _), found in data.raw.items() if name == "sls.alerts" for alert in found]


def _other_databases(data: Collected, account: str, region: str) -> list[Resource]:
    out: list[Resource] = []
    for raw in data.get(region, "polardb.clusters", default=[]):
        names = {"whitelist": "polardb.whitelist", "endpoints": "polardb.endpoints"}
        out.append(
            managed_db.polardb(account, region, raw, **_details(data, region, raw["DBClusterId"], names))
        )
    for raw in data.get(region, "kvstore.instances", default=[]):
        names = {"security_ips": "kvstore.security_ips", "net_info": "kvstore.net_info"}
        out.append(
            managed_db.kvstore(account, region, raw, **_details(data, region, raw["InstanceId"], names))
        )
    for raw in data.get(region, "dds.instances", default=[]):
        names = {"security_ips": "dds.security_ips"}
        out.append(
            managed_db.mongodb(account, region, raw, **_details(data, region, raw["DBInstanceId"], names))
        )
    return out


_CS = {
    "detail": "cs.detail",
    "node_pools": "cs.node_pools",
    "control_plane_log": "cs.control_plane_log",
    "addons": "cs.addons",
    "checks": "cs.checks",
}


def _clusters(data: Collected, account: str, region: str, now: datetime) -> list[Resource]:
    out: list[Resource] = []
    versions = _detail(data, region, "cs.versions", "")
    acls = _by_item(data, region, "slb.acl")
    for raw in data.get(region, "cs.clusters", default=[]):
        cluster_id = raw.get("cluster_id")
        if not cluster_id:
            continue
        details = _details(data, region, cluster_id, _CS)
        listener = _detail(data, region, "slb.api_listener", cluster_id)
        access = api_server_acl.access(kubernetes.public_api_server(raw), listener, acls)
        out.append(
            kubernetes.cluster(account, region, raw, now, **details, versions=versions, api_server=access)
        )
        if details["node_pools"] is not MISSING:
            out += [kubernetes.node_pool(account, region, cluster_id, p) for p in details["node_pools"]]
    return out


def buckets(data: Collected, account: str) -> list[Resource]:
    listing = data.get(GLOBAL, "oss.buckets") or {"Buckets": []}
    out: list[Resource] = []
    for raw in listing["Buckets"]:
        region, name = bucket_region(raw), raw["Name"]
        out.append(bucket.bucket(account, region, raw, **_details(data, region, name, _OSS)))
    return out


def account_record(data: Collected, account: str) -> list[Resource]:
    """The account's Security Center settings and log alerts; none when no such call answered."""
    parts = {
        "version": _detail(data, GLOBAL, "sas.version", ""),
        "notices": _detail(data, GLOBAL, "sas.notices", ""),
        "vul": _detail(data, GLOBAL, "sas.vul_config", ""),
    }
    alerts = _alerts(data)
    if all(v is MISSING for v in parts.values()) and alerts is MISSING:
        return []
    alerted = MISSING if alerts is MISSING else log_alerts.alerted_changes(alerts)
    return [account_settings.account(account, **parts, alerted=alerted)]


def trails(data: Collected, account: str) -> list[Resource]:
    """ActionTrail trails (account-wide, filed under ``global``)."""
    return [audit_trail.trail(account, t) for t in data.get(GLOBAL, "actiontrail.trails", default=[])]


def ram(data: Collected, account: str, now: datetime) -> list[Resource]:
    out: list[Resource] = []
    documents = {
        item: iam.policy_document(value) for item, value in _by_item(data, GLOBAL, "ram.policy").items()
    }
    key_last_used = _by_item(data, GLOBAL, "ram.key_last_used")
    members = groups.membership(data)
    admin_of = {
        g.get("GroupName"): _group_admin(data, g.get("GroupName"), documents)
        for g in data.get(GLOBAL, "ram.groups", default=[])
    }
    maybe_admin = not members.listed or any(admin_of.get(g) is not False for g in members.unread)
    for raw in data.get(GLOBAL, "ram.users", default=[]):
        user = raw["UserName"]
        policies = _detail(data, GLOBAL, "ram.user_policies", user)
        belongs = members.groups_of(user)
        out.append(
            iam.user(
                account,
                raw,
                now,
                **_details(data, GLOBAL, user, _RAM),
                key_last_used=key_last_used,
                policies=policies,
                documents=documents,
                groups=belongs if members.complete else MISSING,
                group_admin={g: admin_of.get(g) for g in belongs},
                maybe_admin=maybe_admin,
            )
        )
        if policies is not MISSING:
            out += iam.bindings(account, user, policies, documents)
    for listing, attachments, name_key, principal_type in (
        ("ram.roles", "ram.role_policies", "RoleName", "role"),
        ("ram.groups", "ram.group_policies", "GroupName", "group"),
    ):
        for raw in data.get(GLOBAL, listing, default=[]):
            name = raw.get(name_key)
            if name and data.has(GLOBAL, attachments, name):
                attached = data.get(GLOBAL, attachments, name)
                out += iam.bindings(
                    account,
                    name,
                    attached,
                    documents,
                    principal_type=principal_type,
                    group_members=members.members.get(name, ()) if principal_type == "group" else (),
                )
    if data.has(GLOBAL, "ram.password_policy"):
        out.append(iam.password_policy(account, data.get(GLOBAL, "ram.password_policy")))
    root = iam.root(
        account,
        mfa_info=_detail(data, GLOBAL, "ims.account_mfa", ""),
        report=_detail(data, GLOBAL, "ims.security_report", ""),
    )
    if root is not None:
        out.append(root)
    return out


def _group_admin(data: Collected, group: Any, documents: dict[str, Any]) -> bool | None:
    """Whether the policies attached to ``group`` grant everything; ``None`` when not read."""
    attached = _detail(data, GLOBAL, "ram.group_policies", group or "")
    if attached is MISSING:
        return None
    found = [documents.get(f"{p.get('PolicyType')}:{p.get('PolicyName')}", MISSING) for p in attached]
    if any(d is not MISSING and grants_everything(d) for d in found):
        return True
    return None if any(d is MISSING for d in found) else False


def account_id(data: Collected) -> str | None:
    """The account (owner) id as the APIs report it: VPC owner, else the OSS bucket owner."""
    for (_, name, _), value in data.raw.items():
        if name in ("vpc.vpcs", "vpc.vswitches", "vpc.route_tables") and value:
            owner = value[0].get("OwnerId")
            if owner:
                return str(owner)
    listing = data.get(GLOBAL, "oss.buckets")
    return str(listing["Owner"]) if listing and listing.get("Owner") else None
