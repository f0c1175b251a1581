"""ApsaraDB for MongoDB (Dds 2015-12-01): replica set and sharded instances, then per instance whitelists."""

from __future__ import annotations

from typing import Any

from alibabacloud_dds20151201 import models as m

from scanner.providers.alibaba.services.base import paged, single


def describe_instances(client: Any, region: str) -> list[dict[str, Any]]:
    """DescribeDBInstances lists one ``DBInstanceType`` per call (default ``replicate``): ask for both."""
    return [
        item
        for kind in ("replicate", "sharding")
        for item in paged(
            client.describe_dbinstances,
            m.DescribeDBInstancesRequest,
            "DBInstances",
            "DBInstance",
            region_id=region,
            dbinstance_type=kind,
        )
    ]


def security_ips(client: Any, instance_id: str) -> dict[str, Any]:
    return single(client.describe_security_ips, m.DescribeSecurityIpsRequest(dbinstance_id=instance_id))
