"""The collection plan: which call to make for each region and product, and what follows from each answer.

Raw keys are ``(region, name, item)``; names are ``<product>.<what>``. Global
products (RAM, IMS, the OSS bucket list) use the region ``global``; OSS per-bucket
data is filed under the bucket's own region.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.raw import GLOBAL, bucket_region
from scanner.providers.alibaba.runner import Job, Outcome
from scanner.providers.alibaba.services import (
    actiontrail,
    cr,
    cr_personal,
    cs,
    dds,
    ecs,
    ims,
    kvstore,
    oss,
    polardb,
    ram,
    rds,
    sas,
    vpc,
)


class Call(NamedTuple):
    """One API operation: its name (progress, errors), the raw name of its answer, the service function."""

    operation: str
    raw_name: str
    fn: Callable[..., Any]


@dataclass(frozen=True)
class _Product:
    """One product's jobs in one place: every job is "call ``fn`` with the client, file the answer".

    The client is built on first use, in the worker. ``endpoint`` is the client's region when it
    differs from the region the jobs are filed under (the home region of the global products).
    """

    clients: Clients
    name: str
    region: str
    endpoint: str | None = None

    def client(self) -> Any:
        return self.clients.get(self.name, self.region if self.endpoint is None else self.endpoint)

    def job(
        self,
        call: Call,
        *args: Any,
        item: str = "",
        follow: Callable[[Any], list[Job]] | None = None,
        key: str = "",
    ) -> Job:
        """``fn(client, *args)`` filed under ``(region, raw_name, item)``; ``follow`` makes the next jobs."""

        def run() -> Outcome:
            found = call.fn(self.client(), *args)
            return Outcome(
                raw={(self.region, call.raw_name, item): found}, follow=follow(found) if follow else []
            )

        return Job(self.name, call.operation, self.region, run, key=key)

    def each(self, calls: Iterable[Call], items: Iterable[str], *args: Any) -> list[Job]:
        """Per item, one job per call: ``fn(client, *args, item)`` filed under the item."""
        return [self.job(call, *args, item, item=item) for item in items for call in calls]


def regional_jobs(clients: Clients, region: str) -> list[Job]:
    return [
        *_ecs(clients, region),
        *_vpc(clients, region),
        *_rds(clients, region),
        *_cr(clients, region),
        *_cs(clients, region),
        *_other_databases(clients, region),
    ]


def global_jobs(clients: Clients, home_region: str, regions: set[str] | None) -> list[Job]:
    return [
        *_ram(clients, home_region),
        *_ims(clients, home_region),
        *_oss(clients, home_region, regions),
        *_actiontrail(clients, home_region),
        *_sas(clients, home_region),
    ]


# --- Security Center: account-wide settings and the servers it protects ------------------------


def _sas(clients: Clients, home: str) -> list[Job]:
    api = _Product(clients, "sas", GLOBAL, endpoint=home)
    return [
        api.job(Call("DescribeVersionConfig", "sas.version", sas.version_config)),
        api.job(Call("DescribeNoticeConfig", "sas.notices", sas.notice_config)),
        api.job(Call("DescribeVulConfig", "sas.vul_config", sas.vul_config)),
        api.job(Call("DescribeCloudCenterInstances", "sas.instances", sas.cloud_center_instances)),
    ]


# --- ActionTrail: trails are account-wide (each has a home region and a TrailRegion) -------------


def _actiontrail(clients: Clients, home: str) -> list[Job]:
    api = _Product(clients, "actiontrail", GLOBAL, endpoint=home)
    return [api.job(Call("DescribeTrails", "actiontrail.trails", actiontrail.describe_trails))]


# --- ECS -------------------------------------------------------------------------------------

_SG_ATTRIBUTE = Call(
    "DescribeSecurityGroupAttribute", "ecs.sg_attribute", ecs.describe_security_group_attribute
)


def _ecs(clients: Clients, region: str) -> list[Job]:
    api = _Product(clients, "ecs", region)

    def attributes(groups: list[dict[str, Any]]) -> list[Job]:
        return api.each([_SG_ATTRIBUTE], [g["SecurityGroupId"] for g in groups], region)

    return [
        api.job(
            Call("DescribeSecurityGroups", "ecs.security_groups", ecs.describe_security_groups),
            region,
            follow=attributes,
        ),
        api.job(Call("DescribeInstances", "ecs.instances", ecs.describe_instances), region),
        api.job(Call("DescribeDisks", "ecs.disks", ecs.describe_disks), region),
        api.job(Call("DescribeSnapshots", "ecs.snapshots", ecs.describe_snapshots), region),
    ]


# --- VPC -------------------------------------------------------------------------------------

_ROUTE_ENTRIES = Call("DescribeRouteEntryList", "vpc.route_entries", vpc.describe_route_entries)
_SNAT_ENTRIES = Call("DescribeSnatTableEntries", "vpc.snat_entries", vpc.describe_snat_entries)


def _vpc(clients: Clients, region: str) -> list[Job]:
    api = _Product(clients, "vpc", region)

    def route_entries(tables: list[dict[str, Any]]) -> list[Job]:
        return api.each([_ROUTE_ENTRIES], [t["RouteTableId"] for t in tables], region)

    def snat_entries(gateways: list[dict[str, Any]]) -> list[Job]:
        tables = [t for g in gateways for t in (g.get("SnatTableIds") or {}).get("SnatTableId", [])]
        return api.each([_SNAT_ENTRIES], tables, region)

    return [
        api.job(Call("DescribeVpcs", "vpc.vpcs", vpc.describe_vpcs), region),
        api.job(Call("DescribeVSwitches", "vpc.vswitches", vpc.describe_vswitches), region),
        api.job(
            Call("DescribeRouteTableList", "vpc.route_tables", vpc.describe_route_tables),
            region,
            follow=route_entries,
        ),
        api.job(
            Call("DescribeNatGateways", "vpc.nat_gateways", vpc.describe_nat_gateways),
            region,
            follow=snat_entries,
        ),
        api.job(Call("DescribeEipAddresses", "vpc.eips", vpc.describe_eips), region),
        api.job(Call("DescribeFlowLogs", "vpc.flow_logs", vpc.describe_flow_logs), region),
    ]


# --- RDS -------------------------------------------------------------------------------------

_RDS_DETAILS = (
    Call("DescribeDBInstanceNetInfo", "rds.net_info", rds.net_info),
    Call("DescribeDBInstanceIPArrayList", "rds.ip_arrays", rds.ip_arrays),
    Call("DescribeDBInstanceSSL", "rds.ssl", rds.ssl),
    Call("DescribeDBInstanceTDE", "rds.tde", rds.tde),
    Call("DescribeBackupPolicy", "rds.backup_policy", rds.backup_policy),
    Call("DescribeSQLCollectorPolicy", "rds.sql_audit", rds.sql_collector_policy),
    Call("DescribeSQLCollectorRetention", "rds.sql_audit_retention", rds.sql_collector_retention),
)
# PostgreSQL only: the CIS logging parameters (6.7-6.9) are PostgreSQL's
_RDS_PARAMETERS = Call("DescribeParameters", "rds.parameters", rds.parameters)


def _is_postgres(db: dict[str, Any]) -> bool:
    return str(db.get("Engine") or "").lower().startswith("postgres")


def _rds(clients: Clients, region: str) -> list[Job]:
    api = _Product(clients, "rds", region)

    def details(found: list[dict[str, Any]]) -> list[Job]:
        jobs = api.each(_RDS_DETAILS, [db["DBInstanceId"] for db in found])
        return jobs + api.each([_RDS_PARAMETERS], [db["DBInstanceId"] for db in found if _is_postgres(db)])

    return [
        api.job(Call("DescribeDBInstances", "rds.instances", rds.describe_instances), region, follow=details)
    ]


# --- Container Registry ----------------------------------------------------------------------

_CR_DETAILS = (
    Call("ListInstanceEndpoint", "cr.endpoints", cr.list_endpoints),
    Call("ListNamespace", "cr.namespaces", cr.list_namespaces),
    Call("ListRepository", "cr.repositories", cr.list_repositories),
    Call("ListScanRule", "cr.scan_rules", cr.list_scan_rules),
)


def _cr(clients: Clients, region: str) -> list[Job]:
    api = _Product(clients, "cr", region)

    def instances(client: Any) -> list[dict[str, Any]]:
        # ListInstance has no region parameter: the regional endpoint decides. Keep this region's
        # instances only, so that one shared endpoint (a private gateway, the fake) gives no duplicates.
        return [i for i in cr.list_instances(client) if i.get("RegionId") in (None, region)]

    def details(found: list[dict[str, Any]]) -> list[Job]:
        return api.each(_CR_DETAILS, [inst["InstanceId"] for inst in found])

    return [
        api.job(Call("ListInstance", "cr.instances", instances), follow=details),
        _cr_personal(clients, region),
    ]


def _cr_personal(clients: Clients, region: str) -> Job:
    """Personal Edition repositories (API 2016-06-07): one paged GetRepoList per region."""
    api = _Product(clients, "cr-personal", region)

    def repositories(client: Any) -> list[dict[str, Any]]:
        # Like ListInstance, GetRepoList takes no region: keep the repositories of this region only.
        return [r for r in cr_personal.list_repositories(client) if r.get("regionId") in (None, region)]

    return api.job(Call("GetRepoList", "cr.personal_repositories", repositories))


# --- PolarDB, Redis (KVStore), MongoDB: whitelists and public addresses, as for RDS -----------

_POLARDB_DETAILS = (
    Call("DescribeDBClusterAccessWhitelist", "polardb.whitelist", polardb.access_whitelist),
    Call("DescribeDBClusterEndpoints", "polardb.endpoints", polardb.endpoints),
)
_KVSTORE_DETAILS = (
    Call("DescribeSecurityIps", "kvstore.security_ips", kvstore.security_ips),
    Call("DescribeDBInstanceNetInfo", "kvstore.net_info", kvstore.net_info),
)
_DDS_DETAILS = (Call("DescribeSecurityIps", "dds.security_ips", dds.security_ips),)


_DB_LISTINGS = (
    ("polardb", Call("DescribeDBClusters", "polardb.clusters", polardb.describe_clusters), _POLARDB_DETAILS),
    ("kvstore", Call("DescribeInstances", "kvstore.instances", kvstore.describe_instances), _KVSTORE_DETAILS),
    ("dds", Call("DescribeDBInstances", "dds.instances", dds.describe_instances), _DDS_DETAILS),
)
_DB_ID = {"polardb": "DBClusterId", "kvstore": "InstanceId", "dds": "DBInstanceId"}


def _other_databases(clients: Clients, region: str) -> list[Job]:
    def each(api: _Product, calls: tuple[Call, ...]) -> Callable[[list[dict[str, Any]]], list[Job]]:
        key = _DB_ID[api.name]
        return lambda found: api.each(calls, [item[key] for item in found if item.get(key)])

    jobs = []
    for product, listing, details in _DB_LISTINGS:
        api = _Product(clients, product, region)
        jobs.append(api.job(listing, region, follow=each(api, details)))
    return jobs


# --- ACK (CS, ROA) ---------------------------------------------------------------------------

_CS_DETAILS = (
    Call("DescribeClusterDetail", "cs.detail", cs.cluster_detail),
    Call("DescribeClusterNodePools", "cs.node_pools", cs.node_pools),
    Call("CheckControlPlaneLogEnable", "cs.control_plane_log", cs.control_plane_log),
    Call("ListClusterAddonInstances", "cs.addons", cs.addon_instances),
    Call("ListClusterChecks", "cs.checks", cs.cluster_checks),
)


def _cs(clients: Clients, region: str) -> list[Job]:
    api = _Product(clients, "cs", region)

    def details(found: list[dict[str, Any]]) -> list[Job]:
        jobs = api.each(_CS_DETAILS, [c["cluster_id"] for c in found if c.get("cluster_id")])
        if found:  # which versions are still offered: only worth asking when there are clusters
            versions = Call("DescribeKubernetesVersionMetadata", "cs.versions", cs.version_metadata)
            jobs.append(api.job(versions, region))
        return jobs

    return [api.job(Call("DescribeClustersV1", "cs.clusters", cs.describe_clusters), region, follow=details)]


# --- RAM -------------------------------------------------------------------------------------

_RAM_USER_DETAILS = (
    Call("GetUser", "ram.user", ram.get_user),
    Call("GetLoginProfile", "ram.login_profile", ram.get_login_profile),
    Call("GetUserMFAInfo", "ram.mfa", ram.get_mfa_info),
)
_ACCESS_KEYS = Call("ListAccessKeys", "ram.access_keys", ram.list_access_keys)
_KEY_LAST_USED = Call("GetAccessKeyLastUsed", "ram.key_last_used", ram.access_key_last_used)
_USER_POLICIES = Call("ListPoliciesForUser", "ram.user_policies", ram.list_policies_for_user)
_ROLE_POLICIES = Call("ListPoliciesForRole", "ram.role_policies", ram.list_policies_for_role)
_GROUP_POLICIES = Call("ListPoliciesForGroup", "ram.group_policies", ram.list_policies_for_group)
_POLICY = Call("GetPolicy", "ram.policy", ram.get_policy)


def _ram(clients: Clients, home: str) -> list[Job]:
    api = _Product(clients, "ram", GLOBAL, endpoint=home)

    def last_used(user: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        return lambda keys: api.each([_KEY_LAST_USED], [k["AccessKeyId"] for k in keys], user)

    def policies(attached: list[dict[str, Any]]) -> list[Job]:
        return [
            api.job(
                _POLICY,
                p["PolicyName"],
                p["PolicyType"],
                item=f"{p['PolicyType']}:{p['PolicyName']}",
                key=f"policy:{p['PolicyType']}:{p['PolicyName']}",
            )
            for p in attached
        ]

    def users(found: list[dict[str, Any]]) -> list[Job]:
        follow: list[Job] = []
        for user in found:
            name = user["UserName"]
            follow += api.each(_RAM_USER_DETAILS, [name])
            follow.append(api.job(_ACCESS_KEYS, name, item=name, follow=last_used(name)))
            follow.append(api.job(_USER_POLICIES, name, item=name, follow=policies))
        return follow

    def attached(call: Call, name_key: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        """Roles and groups: one ListPoliciesFor{Role,Group} each, then GetPolicy (shared) per policy."""
        return lambda found: [
            api.job(call, e[name_key], item=e[name_key], follow=policies) for e in found if e.get(name_key)
        ]

    return [
        api.job(Call("ListUsers", "ram.users", ram.list_users), follow=users),
        api.job(Call("ListRoles", "ram.roles", ram.list_roles), follow=attached(_ROLE_POLICIES, "RoleName")),
        api.job(
            Call("ListGroups", "ram.groups", ram.list_groups), follow=attached(_GROUP_POLICIES, "GroupName")
        ),
        api.job(Call("GetPasswordPolicy", "ram.password_policy", ram.get_password_policy)),
    ]


# --- IMS: the root account ----------------------------------------------------------------------


def _ims(clients: Clients, home: str) -> list[Job]:
    api = _Product(clients, "ims", GLOBAL, endpoint=home)
    return [
        api.job(Call("GetAccountMFAInfo", "ims.account_mfa", ims.get_account_mfa_info)),
        api.job(
            Call(
                "GetAccountSecurityPracticeReport",
                "ims.security_report",
                ims.get_account_security_practice_report,
            )
        ),
    ]


# --- OSS -------------------------------------------------------------------------------------

_OSS_DETAILS = (
    Call("GetBucketAcl", "oss.acl", oss.get_acl),
    Call("GetBucketPolicy", "oss.policy", oss.get_policy),
    Call("GetBucketPublicAccessBlock", "oss.public_access_block", oss.get_public_access_block),
    Call("GetBucketEncryption", "oss.encryption", oss.get_encryption),
    Call("GetBucketVersioning", "oss.versioning", oss.get_versioning),
    Call("GetBucketLogging", "oss.logging", oss.get_logging),
)


def _oss(clients: Clients, home: str, regions: set[str] | None) -> list[Job]:
    def listing(client: Any) -> dict[str, Any]:
        found = oss.list_buckets(client)
        kept = [b for b in found["Buckets"] if regions is None or bucket_region(b) in regions]
        return {"Buckets": kept, "Owner": found["Owner"]}

    def details(kept: dict[str, Any]) -> list[Job]:
        # per-bucket calls go to, and are filed under, the bucket's own region
        return [
            job
            for b in kept["Buckets"]
            for job in _Product(clients, "oss", bucket_region(b)).each(_OSS_DETAILS, [b["Name"]])
        ]

    api = _Product(clients, "oss", GLOBAL, endpoint=home)
    return [api.job(Call("ListBuckets", "oss.buckets", listing), follow=details)]
