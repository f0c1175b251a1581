"""The jobs that read who may reach an ACK cluster's public API server: its CLB listener's ACL.

ACK puts the API server behind a CLB instance listening on TCP 6443; an EIP on that instance is
the public endpoint, and the listener's access control applies to it (ACK's "Configure access
control policies for the API server": https://www.alibabacloud.com/help/en/ack/cluster-access-control).
A chain of three reads, made only for a cluster whose API server is public:

1. CS DescribeClusterResources -> the API server's CLB instance (``cs.resources``, per cluster);
2. SLB DescribeLoadBalancerTCPListenerAttribute on port 6443 -> ``AclStatus``/``AclType``/ACL ids
   (``slb.api_listener``, filed under the cluster id);
3. SLB DescribeAccessControlListAttribute per ACL id -> its entries (``slb.acl``, filed under
   the ACL id), once per ACL however many clusters share it (the job key).

A failed call is a recorded error and leaves the chain there: the cluster's authorized networks
stay unknown (:mod:`scanner.providers.alibaba.translate.api_server_acl`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import cs, slb
from scanner.providers.alibaba.translate.api_server_acl import listener_acl_ids
from scanner.providers.alibaba.translate.kubernetes import public_api_server

_RESOURCES = Call("DescribeClusterResources", "cs.resources", cs.cluster_resources)
_LISTENER = Call("DescribeLoadBalancerTCPListenerAttribute", "slb.api_listener", slb.tcp_listener)
_ACL = Call("DescribeAccessControlListAttribute", "slb.acl", slb.acl_entries)


def api_server_jobs(clients: Clients, region: str, clusters: list[dict[str, Any]]) -> list[Job]:
    """DescribeClusterResources for each listed cluster whose API server is public; the rest follows."""
    cs_api = Product(clients, "cs", region)
    slb_api = Product(clients, "slb", region)

    def acls(found: dict[str, Any]) -> list[Job]:
        return [
            slb_api.job(_ACL, region, acl_id, item=acl_id, key=f"slb-acl:{region}:{acl_id}")
            for acl_id in listener_acl_ids(found)
        ]

    def listener(cluster_id: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        def follow(resources: list[dict[str, Any]]) -> list[Job]:
            balancer = cs.api_server_slb(resources)
            if balancer is None:  # none listed: nothing to read, the ACL stays unknown
                return []
            return [slb_api.job(_LISTENER, region, balancer, item=cluster_id, follow=acls)]

        return follow

    return [
        cs_api.job(_RESOURCES, c["cluster_id"], item=c["cluster_id"], follow=listener(c["cluster_id"]))
        for c in clusters
        if c.get("cluster_id") and public_api_server(c)
    ]
