"""RDS: instances, then per instance its connection strings, whitelists, SSL, TDE, backup policy,
SQL audit (SQL Explorer) status and retention, and, for PostgreSQL, its running parameters."""

from __future__ import annotations

from typing import Any

from alibabacloud_rds20140815 import models as m

from scanner.providers.alibaba.services.base import paged, single


def describe_instances(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_dbinstances,
        m.DescribeDBInstancesRequest,
        "Items",
        "DBInstance",
        total_key="TotalRecordCount",
        region_id=region,
    )


def net_info(client: Any, instance_id: str) -> dict[str, Any]:
    return single(
        client.describe_dbinstance_net_info, m.DescribeDBInstanceNetInfoRequest(dbinstance_id=instance_id)
    )


def ip_arrays(client: Any, instance_id: str) -> dict[str, Any]:
    return single(
        client.describe_dbinstance_iparray_list,
        m.DescribeDBInstanceIPArrayListRequest(dbinstance_id=instance_id),
    )


def ssl(client: Any, instance_id: str) -> dict[str, Any]:
    return single(client.describe_dbinstance_ssl, m.DescribeDBInstanceSSLRequest(dbinstance_id=instance_id))


def tde(client: Any, instance_id: str) -> dict[str, Any]:
    return single(client.describe_dbinstance_tde, m.DescribeDBInstanceTDERequest(dbinstance_id=instance_id))


def backup_policy(client: Any, instance_id: str) -> dict[str, Any]:
    return single(client.describe_backup_policy, m.DescribeBackupPolicyRequest(dbinstance_id=instance_id))


def sql_collector_policy(client: Any, instance_id: str) -> dict[str, Any]:
    """``SQLCollectorStatus``: ``Enable`` or ``Disabled`` (SQL Explorer, the SQL audit log)."""
    return single(
        client.describe_sqlcollector_policy,
        m.DescribeSQLCollectorPolicyRequest(dbinstance_id=instance_id),
    )


def sql_collector_retention(client: Any, instance_id: str) -> dict[str, Any]:
    """``ConfigValue``: how many days SQL Explorer keeps its log (30, 180, 365, 1095, 1825)."""
    return single(
        client.describe_sqlcollector_retention,
        m.DescribeSQLCollectorRetentionRequest(dbinstance_id=instance_id),
    )


def parameters(client: Any, instance_id: str) -> dict[str, Any]:
    """``RunningParameters.DBInstanceParameter[]``: every parameter's running value."""
    return single(client.describe_parameters, m.DescribeParametersRequest(dbinstance_id=instance_id))
