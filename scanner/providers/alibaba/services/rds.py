"""RDS: instances, then per instance its connection strings, whitelists, SSL, TDE and backup policy."""

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
