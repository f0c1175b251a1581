"""ApsaraDB for Redis / Tair (R-KVStore 2015-01-01): instances, then per instance whitelists and addresses."""

from __future__ import annotations

from typing import Any

from alibabacloud_r_kvstore20150101 import models as m

from scanner.providers.alibaba.services.base import paged, single


def describe_instances(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_instances,
        m.DescribeInstancesRequest,
        "Instances",
        "KVStoreInstance",
        region_id=region,
    )


def security_ips(client: Any, instance_id: str) -> dict[str, Any]:
    return single(client.describe_security_ips, m.DescribeSecurityIpsRequest(instance_id=instance_id))


def net_info(client: Any, instance_id: str) -> dict[str, Any]:
    return single(
        client.describe_dbinstance_net_info, m.DescribeDBInstanceNetInfoRequest(instance_id=instance_id)
    )
