"""The collection plan: which call to make for each region and product, and what follows from each answer.

Raw keys are ``(region, name, item)``; names are ``<product>.<what>``. Global
products (RAM, the OSS bucket list) use the region ``global``; OSS per-bucket
data is filed under the bucket's own region.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.runner import Job, Outcome
from scanner.providers.alibaba.services import cr, ecs, oss, ram, rds, vpc

GLOBAL = "global"


def _one(region: str, name: str, value: Any, item: str = "", follow: list[Job] | None = None) -> Outcome:
    return Outcome(raw={(region, name, item): value}, follow=follow or [])


def regional_jobs(clients: Clients, region: str) -> list[Job]:
    return [*_ecs(clients, region), *_vpc(clients, region), *_rds(clients, region), *_cr(clients, region)]


def global_jobs(clients: Clients, home_region: str, regions: set[str] | None) -> list[Job]:
    return [*_ram(clients, home_region), *_oss(clients, home_region, regions)]


# --- ECS -------------------------------------------------------------------------------------


def _ecs(clients: Clients, region: str) -> list[Job]:
    client = lambda: clients.get("ecs", region)  # noqa: E731 - built on first use, in the worker

    def groups() -> Outcome:
        found = ecs.describe_security_groups(client(), region)
        follow = [
            Job(
                "ecs",
                "DescribeSecurityGroupAttribute",
                region,
                _sg_attribute(clients, region, g["SecurityGroupId"]),
            )
            for g in found
        ]
        return _one(region, "ecs.security_groups", found, follow=follow)

    return [
        Job("ecs", "DescribeSecurityGroups", region, groups),
        Job(
            "ecs",
            "DescribeInstances",
            region,
            lambda: _one(region, "ecs.instances", ecs.describe_instances(client(), region)),
        ),
    ]


def _sg_attribute(clients: Clients, region: str, group_id: str) -> Any:
    def run() -> Outcome:
        body = ecs.describe_security_group_attribute(clients.get("ecs", region), region, group_id)
        return _one(region, "ecs.sg_attribute", body, item=group_id)

    return run


# --- VPC -------------------------------------------------------------------------------------


def _vpc(clients: Clients, region: str) -> list[Job]:
    client = lambda: clients.get("vpc", region)  # noqa: E731

    def simple(name: str, fn: Any) -> Any:
        return lambda: _one(region, name, fn(client(), region))

    def route_tables() -> Outcome:
        tables = vpc.describe_route_tables(client(), region)
        follow = [
            Job("vpc", "DescribeRouteEntryList", region, _route_entries(clients, region, t["RouteTableId"]))
            for t in tables
        ]
        return _one(region, "vpc.route_tables", tables, follow=follow)

    def nat_gateways() -> Outcome:
        gateways = vpc.describe_nat_gateways(client(), region)
        follow = [
            Job("vpc", "DescribeSnatTableEntries", region, _snat(clients, region, table))
            for g in gateways
            for table in (g.get("SnatTableIds") or {}).get("SnatTableId", [])
        ]
        return _one(region, "vpc.nat_gateways", gateways, follow=follow)

    return [
        Job("vpc", "DescribeVpcs", region, simple("vpc.vpcs", vpc.describe_vpcs)),
        Job("vpc", "DescribeVSwitches", region, simple("vpc.vswitches", vpc.describe_vswitches)),
        Job("vpc", "DescribeRouteTableList", region, route_tables),
        Job("vpc", "DescribeNatGateways", region, nat_gateways),
        Job("vpc", "DescribeEipAddresses", region, simple("vpc.eips", vpc.describe_eips)),
        Job("vpc", "DescribeFlowLogs", region, simple("vpc.flow_logs", vpc.describe_flow_logs)),
    ]


def _route_entries(clients: Clients, region: str, table_id: str) -> Any:
    return lambda: _one(
        region,
        "vpc.route_entries",
        vpc.describe_route_entries(clients.get("vpc", region), region, table_id),
        table_id,
    )


def _snat(clients: Clients, region: str, table_id: str) -> Any:
    return lambda: _one(
        region,
        "vpc.snat_entries",
        vpc.describe_snat_entries(clients.get("vpc", region), region, table_id),
        table_id,
    )


# --- RDS -------------------------------------------------------------------------------------

_RDS_DETAILS = (
    ("DescribeDBInstanceNetInfo", "rds.net_info", rds.net_info),
    ("DescribeDBInstanceIPArrayList", "rds.ip_arrays", rds.ip_arrays),
    ("DescribeDBInstanceSSL", "rds.ssl", rds.ssl),
    ("DescribeDBInstanceTDE", "rds.tde", rds.tde),
    ("DescribeBackupPolicy", "rds.backup_policy", rds.backup_policy),
)


def _rds(clients: Clients, region: str) -> list[Job]:
    def instances() -> Outcome:
        found = rds.describe_instances(clients.get("rds", region), region)
        follow = [
            Job("rds", operation, region, _rds_detail(clients, region, name, fn, db["DBInstanceId"]))
            for db in found
            for operation, name, fn in _RDS_DETAILS
        ]
        return _one(region, "rds.instances", found, follow=follow)

    return [Job("rds", "DescribeDBInstances", region, instances)]


def _rds_detail(clients: Clients, region: str, name: str, fn: Any, instance_id: str) -> Any:
    return lambda: _one(region, name, fn(clients.get("rds", region), instance_id), instance_id)


# --- Container Registry ----------------------------------------------------------------------

_CR_DETAILS = (
    ("ListInstanceEndpoint", "cr.endpoints", cr.list_endpoints),
    ("ListNamespace", "cr.namespaces", cr.list_namespaces),
    ("ListRepository", "cr.repositories", cr.list_repositories),
)


def _cr(clients: Clients, region: str) -> list[Job]:
    def instances() -> Outcome:
        # ListInstance has no region parameter: the regional endpoint decides. Keep this region's
        # instances only, so that one shared endpoint (a private gateway, the fake) gives no duplicates.
        listed = cr.list_instances(clients.get("cr", region))
        found = [i for i in listed if i.get("RegionId") in (None, region)]
        follow = [
            Job("cr", operation, region, _cr_detail(clients, region, name, fn, inst["InstanceId"]))
            for inst in found
            for operation, name, fn in _CR_DETAILS
        ]
        return _one(region, "cr.instances", found, follow=follow)

    return [Job("cr", "ListInstance", region, instances)]


def _cr_detail(clients: Clients, region: str, name: str, fn: Any, instance_id: str) -> Any:
    return lambda: _one(region, name, fn(clients.get("cr", region), instance_id), instance_id)


# --- RAM -------------------------------------------------------------------------------------

_RAM_USER_DETAILS = (
    ("GetUser", "ram.user", ram.get_user),
    ("GetLoginProfile", "ram.login_profile", ram.get_login_profile),
    ("GetUserMFAInfo", "ram.mfa", ram.get_mfa_info),
)


def _ram(clients: Clients, home: str) -> list[Job]:
    client = lambda: clients.get("ram", home)  # noqa: E731

    def users() -> Outcome:
        found = ram.list_users(client())
        follow: list[Job] = []
        for user in found:
            name = user["UserName"]
            follow += [
                Job("ram", op, GLOBAL, _ram_detail(clients, home, key, fn, name))
                for op, key, fn in _RAM_USER_DETAILS
            ]
            follow.append(Job("ram", "ListAccessKeys", GLOBAL, _access_keys(clients, home, name)))
            follow.append(Job("ram", "ListPoliciesForUser", GLOBAL, _user_policies(clients, home, name)))
        return _one(GLOBAL, "ram.users", found, follow=follow)

    return [
        Job("ram", "ListUsers", GLOBAL, users),
        Job(
            "ram",
            "GetPasswordPolicy",
            GLOBAL,
            lambda: _one(GLOBAL, "ram.password_policy", ram.get_password_policy(client())),
        ),
    ]


def _ram_detail(clients: Clients, home: str, key: str, fn: Any, user: str) -> Any:
    return lambda: _one(GLOBAL, key, fn(clients.get("ram", home), user), user)


def _access_keys(clients: Clients, home: str, user: str) -> Any:
    def run() -> Outcome:
        keys = ram.list_access_keys(clients.get("ram", home), user)
        follow = [
            Job("ram", "GetAccessKeyLastUsed", GLOBAL, _key_last_used(clients, home, user, k["AccessKeyId"]))
            for k in keys
        ]
        return _one(GLOBAL, "ram.access_keys", keys, user, follow)

    return run


def _key_last_used(clients: Clients, home: str, user: str, key_id: str) -> Any:
    return lambda: _one(
        GLOBAL, "ram.key_last_used", ram.access_key_last_used(clients.get("ram", home), user, key_id), key_id
    )


def _user_policies(clients: Clients, home: str, user: str) -> Any:
    def run() -> Outcome:
        policies = ram.list_policies_for_user(clients.get("ram", home), user)
        follow = [
            Job(
                "ram",
                "GetPolicy",
                GLOBAL,
                _policy(clients, home, p["PolicyName"], p["PolicyType"]),
                key=f"policy:{p['PolicyType']}:{p['PolicyName']}",
            )
            for p in policies
        ]
        return _one(GLOBAL, "ram.user_policies", policies, user, follow)

    return run


def _policy(clients: Clients, home: str, name: str, policy_type: str) -> Any:
    return lambda: _one(
        GLOBAL,
        "ram.policy",
        ram.get_policy(clients.get("ram", home), name, policy_type),
        f"{policy_type}:{name}",
    )


# --- OSS -------------------------------------------------------------------------------------

_OSS_DETAILS = (
    ("GetBucketAcl", "oss.acl", oss.get_acl),
    ("GetBucketPolicy", "oss.policy", oss.get_policy),
    ("GetBucketPublicAccessBlock", "oss.public_access_block", oss.get_public_access_block),
    ("GetBucketEncryption", "oss.encryption", oss.get_encryption),
    ("GetBucketVersioning", "oss.versioning", oss.get_versioning),
    ("GetBucketLogging", "oss.logging", oss.get_logging),
)


def bucket_region(bucket: dict[str, Any]) -> str:
    """``Region`` when OSS reports it, else ``Location`` without its ``oss-`` prefix."""
    region = bucket.get("Region") or ""
    if not region:
        location = bucket.get("Location") or ""
        region = location[4:] if location.startswith("oss-") else location
    return region or GLOBAL


def _oss(clients: Clients, home: str, regions: set[str] | None) -> list[Job]:
    def buckets() -> Outcome:
        listing = oss.list_buckets(clients.get("oss", home))
        kept = [b for b in listing["Buckets"] if regions is None or bucket_region(b) in regions]
        follow = []
        for bucket in kept:
            region = bucket_region(bucket)
            follow += [
                Job("oss", op, region, _bucket_detail(clients, region, key, fn, bucket["Name"]))
                for op, key, fn in _OSS_DETAILS
            ]
        listing = {"Buckets": kept, "Owner": listing["Owner"]}
        return _one(GLOBAL, "oss.buckets", listing, follow=follow)

    return [Job("oss", "ListBuckets", GLOBAL, buckets)]


def _bucket_detail(clients: Clients, region: str, key: str, fn: Any, bucket: str) -> Any:
    return lambda: _one(region, key, fn(clients.get("oss", region), bucket), bucket)
