"""ACK, Container Service for Kubernetes (CS 2015-12-15): a ROA API, REST paths instead of actions.

Read calls only: DescribeClustersV1 (``GET /api/v1/clusters``, paged by ``page_number``/
``page_size`` with ``page_info.total_count``), and per cluster DescribeClusterDetail
(``GET /clusters/{id}``), DescribeClusterNodePools (``GET /clusters/{id}/nodepools``),
CheckControlPlaneLogEnable (``GET /clusters/{id}/controlplanelog``),
ListClusterAddonInstances (``GET /clusters/{id}/addon_instances``) and ListClusterChecks
(``GET /clusters/{id}/checks``); for a cluster whose API server is public, DescribeClusterResources
(``GET /clusters/{id}/resources``, a JSON list, no paging); per region
DescribeKubernetesVersionMetadata (``GET /api/v1/metadata/versions``). Never
DescribeClusterAttachScripts: it generates a node join script (a credential).
"""

from __future__ import annotations

from typing import Any

from alibabacloud_cs20151215 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, dig, page_numbers, retried, single


def describe_clusters(client: Any, region: str) -> list[dict[str, Any]]:
    def fetch(page: int) -> dict[str, Any]:
        request = m.DescribeClustersV1Request(region_id=region, page_number=page, page_size=PAGE_SIZE)
        body = single(client.describe_clusters_v1, request)
        return {**body, "TotalCount": (body.get("page_info") or {}).get("total_count")}

    return page_numbers(fetch, "clusters")


def cluster_detail(client: Any, cluster_id: str) -> dict[str, Any]:
    return single(client.describe_cluster_detail, cluster_id)


def node_pools(client: Any, cluster_id: str) -> list[dict[str, Any]]:
    body = single(client.describe_cluster_node_pools, cluster_id, m.DescribeClusterNodePoolsRequest())
    return dig(body, "nodepools")


def control_plane_log(client: Any, cluster_id: str) -> dict[str, Any]:
    return single(client.check_control_plane_log_enable, cluster_id)


def addon_instances(client: Any, cluster_id: str) -> list[dict[str, Any]]:
    return dig(single(client.list_cluster_addon_instances, cluster_id), "addons")


def cluster_checks(client: Any, cluster_id: str) -> list[dict[str, Any]]:
    return dig(single(client.list_cluster_checks, cluster_id, m.ListClusterChecksRequest()), "checks")


def version_metadata(client: Any, region: str) -> list[dict[str, Any]]:
    """The versions ACK offers in the region, each with ``expiration_date`` (the body is a JSON list)."""
    request = m.DescribeKubernetesVersionMetadataRequest(region=region, cluster_type="ManagedKubernetes")
    body = retried(lambda: client.describe_kubernetes_version_metadata(request)).body
    return [item.to_map() if hasattr(item, "to_map") else dict(item) for item in body or []]


def cluster_resources(client: Any, cluster_id: str) -> list[dict[str, Any]]:
    """The cloud resources ACK made for the cluster (the body is a JSON list), add-ons' own left out.

    Each item has ``instance_id``, ``resource_type`` and ``resource_info`` (the API reference:
    https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/developer-reference/api-cs-2015-12-15-describeclusterresources).
    ``with_addon_resources`` is left unset (false): an add-on's load balancers (an Ingress's) are
    not the API server's.
    """
    request = m.DescribeClusterResourcesRequest()
    body = retried(lambda: client.describe_cluster_resources(cluster_id, request)).body
    return [item.to_map() if hasattr(item, "to_map") else dict(item) for item in body or []]


# The resource types DescribeClusterResources gives the API server's load balancer: the ROS type of
# its example answer, or ``SLB``. terraform-provider-alicloud (81c43b6, getApiServerSlbID in
# alicloud/resource_alicloud_cs_kubernetes.go) takes the first resource of either type as the
# cluster's API server SLB (its ``slb_id`` attribute); so does this.
API_SERVER_SLB_TYPES = ("SLB", "ALIYUN::SLB::LoadBalancer")


def api_server_slb(resources: list[dict[str, Any]]) -> str | None:
    """The id of the CLB instance in front of the cluster's API server, if the cluster lists one."""
    for item in resources:
        if str(item.get("resource_type") or "") in API_SERVER_SLB_TYPES and item.get("instance_id"):
            return str(item["instance_id"])
    return None
