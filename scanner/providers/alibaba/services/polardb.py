"""PolarDB (2017-08-01): clusters, then per cluster its whitelists and endpoints."""

from __future__ import annotations

from typing import Any

from alibabacloud_polardb20170801 import models as m

from scanner.providers.alibaba.services.base import paged, single


def describe_clusters(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_dbclusters,
        m.DescribeDBClustersRequest,
        "Items",
        "DBCluster",
        total_key="TotalRecordCount",
        region_id=region,
    )


def access_whitelist(client: Any, cluster_id: str) -> dict[str, Any]:
    request = m.DescribeDBClusterAccessWhitelistRequest(dbcluster_id=cluster_id)
    return single(client.describe_dbcluster_access_whitelist, request)


def endpoints(client: Any, cluster_id: str) -> dict[str, Any]:
    return single(
        client.describe_dbcluster_endpoints, m.DescribeDBClusterEndpointsRequest(dbcluster_id=cluster_id)
    )
