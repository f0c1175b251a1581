"""RDS: instances, then per instance its connection strings, whitelists, SSL, TDE and backup policy."""

from __future__ import annotations

from typing import Any

from alibabacloud_rds20140815 import models

from scanner.providers.alibaba.services.base import PAGE_SIZE, call, page_numbers


def _models() -> Any:
    return models


def describe_instances(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_dbinstances(
                m.DescribeDBInstancesRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "Items",
        "DBInstance",
        total_key="TotalRecordCount",
    )


def net_info(client: Any, instance_id: str) -> dict[str, Any]:
    m = _models()
    return call(
        lambda: client.describe_dbinstance_net_info(
            m.DescribeDBInstanceNetInfoRequest(dbinstance_id=instance_id)
        )
    )


def ip_arrays(client: Any, instance_id: str) -> dict[str, Any]:
    m = _models()
    return call(
        lambda: client.describe_dbinstance_iparray_list(
            m.DescribeDBInstanceIPArrayListRequest(dbinstance_id=instance_id)
        )
    )


def ssl(client: Any, instance_id: str) -> dict[str, Any]:
    m = _models()
    return call(
        lambda: client.describe_dbinstance_ssl(m.DescribeDBInstanceSSLRequest(dbinstance_id=instance_id))
    )


def tde(client: Any, instance_id: str) -> dict[str, Any]:
    m = _models()
    return call(
        lambda: client.describe_dbinstance_tde(m.DescribeDBInstanceTDERequest(dbinstance_id=instance_id))
    )


def backup_policy(client: Any, instance_id: str) -> dict[str, Any]:
    m = _models()
    return call(
        lambda: client.describe_backup_policy(m.DescribeBackupPolicyRequest(dbinstance_id=instance_id))
    )
