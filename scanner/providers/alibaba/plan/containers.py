"""The container jobs of one region: Container Registry (Enterprise and Personal Edition) and ACK."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.api_server import api_server_jobs
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import cr, cr_personal, cs

# --- Container Registry ----------------------------------------------------------------------

_CR_DETAILS = (
    Call("ListInstanceEndpoint", "cr.endpoints", cr.list_endpoints),
    Call("ListNamespace", "cr.namespaces", cr.list_namespaces),
    Call("ListRepository", "cr.repositories", cr.list_repositories),
    Call("ListScanRule", "cr.scan_rules", cr.list_scan_rules),
)
_CR_CHAINS = Call("ListChain", "cr.chains", cr.list_chains)
_CR_CHAIN = Call("GetChain", "cr.chain", cr.get_chain)


def chain_item(instance_id: str, chain_id: str) -> str:
    """The raw item of one delivery chain's GetChain answer."""
    return f"{instance_id}/{chain_id}"


def _cr(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "cr", region)

    def instances(client: Any) -> list[dict[str, Any]]:
        # ListInstance has no region parameter: the regional endpoint decides. Keep this region's
        # instances only, so that one shared endpoint (a private gateway, the fake) gives no duplicates.
        return [i for i in cr.list_instances(client) if i.get("RegionId") in (None, region)]

    def chains(instance_id: str) -> Callable[[list[dict[str, Any]]], list[Job]]:
        """GetChain per chain: ListChain names the chains, only GetChain has their nodes."""
        return lambda found: [
            api.job(
                _CR_CHAIN, instance_id, str(c["ChainId"]), item=chain_item(instance_id, str(c["ChainId"]))
            )
            for c in found
            if c.get("ChainId")
        ]

    def details(found: list[dict[str, Any]]) -> list[Job]:
        ids = [inst["InstanceId"] for inst in found]
        return api.each(_CR_DETAILS, ids) + [api.job(_CR_CHAINS, i, item=i, follow=chains(i)) for i in ids]

    return [
        api.job(Call("ListInstance", "cr.instances", instances), follow=details),
        _cr_personal(clients, region),
    ]


def _cr_personal(clients: Clients, region: str) -> Job:
    """Personal Edition repositories (API 2016-06-07): one paged GetRepoList per region."""
    api = Product(clients, "cr-personal", region)

    def repositories(client: Any) -> list[dict[str, Any]]:
        # Like ListInstance, GetRepoList takes no region: keep the repositories of this region only.
        return [r for r in cr_personal.list_repositories(client) if r.get("regionId") in (None, region)]

    return api.job(Call("GetRepoList", "cr.personal_repositories", repositories))


# --- ACK (CS, ROA) ---------------------------------------------------------------------------

_CS_DETAILS = (
    Call("DescribeClusterDetail", "cs.detail", cs.cluster_detail),
    Call("DescribeClusterNodePools", "cs.node_pools", cs.node_pools),
    Call("CheckControlPlaneLogEnable", "cs.control_plane_log", cs.control_plane_log),
    Call("ListClusterAddonInstances", "cs.addons", cs.addon_instances),
    Call("ListClusterChecks", "cs.checks", cs.cluster_checks),
)


def _cs(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "cs", region)

    def details(found: list[dict[str, Any]]) -> list[Job]:
        jobs = api.each(_CS_DETAILS, [c["cluster_id"] for c in found if c.get("cluster_id")])
        jobs += api_server_jobs(clients, region, found)  # who may reach a public API server
        if found:  # which versions are still offered: only worth asking when there are clusters
            versions = Call("DescribeKubernetesVersionMetadata", "cs.versions", cs.version_metadata)
            jobs.append(api.job(versions, region))
        return jobs

    return [api.job(Call("DescribeClustersV1", "cs.clusters", cs.describe_clusters), region, follow=details)]


def container_jobs(clients: Clients, region: str) -> list[Job]:
    return [*_cr(clients, region), *_cs(clients, region)]
