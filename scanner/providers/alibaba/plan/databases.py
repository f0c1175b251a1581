"""The database jobs of one region: RDS with its per-instance details, and PolarDB, Redis (KVStore)
and MongoDB with their whitelists and addresses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import dds, kvstore, polardb, rds

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
    api = Product(clients, "rds", region)

    def details(found: list[dict[str, Any]]) -> list[Job]:
        jobs = api.each(_RDS_DETAILS, [db["DBInstanceId"] for db in found])
        return jobs + api.each([_RDS_PARAMETERS], [db["DBInstanceId"] for db in found if _is_postgres(db)])

    return [
        api.job(Call("DescribeDBInstances", "rds.instances", rds.describe_instances), region, follow=details)
    ]


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
    def each(api: Product, calls: tuple[Call, ...]) -> Callable[[list[dict[str, Any]]], list[Job]]:
        key = _DB_ID[api.name]
        return lambda found: api.each(calls, [item[key] for item in found if item.get(key)])

    jobs = []
    for product, listing, details in _DB_LISTINGS:
        api = Product(clients, product, region)
        jobs.append(api.job(listing, region, follow=each(api, details)))
    return jobs


def database_jobs(clients: Clients, region: str) -> list[Job]:
    return [*_rds(clients, region), *_other_databases(clients, region)]
