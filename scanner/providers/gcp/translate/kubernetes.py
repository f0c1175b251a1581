"""GKE clusters (``clusters.list`` with ``locations/-``) into kubernetes_cluster and node_pool records.

The control plane's endpoint settings moved from ``privateClusterConfig`` and
``masterAuthorizedNetworksConfig`` (deprecated) to
``controlPlaneEndpointsConfig.ipEndpointsConfig``; the newer block wins where
both are present (:func:`..gke_rules.gke_endpoint`). Absent switches take the API's
meaning: no ``legacyAbac``, ``shieldedNodes`` or ``workloadIdentityConfig`` is
off; no ``releaseChannel`` (or ``UNSPECIFIED``) is ``none``; Binary Authorization
is on for an ``evaluationMode`` other than ``DISABLED`` (or the deprecated
``enabled``).
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import KubernetesCluster, NodePool
from scanner.providers.gcp import link
from scanner.providers.gcp.link import kubernetes as gke_rules
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, compute_link

CONTAINER = "https://container.googleapis.com/v1/"


def _cluster_id(project: str, item: dict[str, Any]) -> str:
    return (
        item.get("selfLink")
        or f"{CONTAINER}projects/{project}/locations/{item.get('location')}/clusters/{item['name']}"
    )


def clusters(raw: ProjectRaw) -> list[KubernetesCluster | NodePool]:
    out: list[KubernetesCluster | NodePool] = []
    for item in raw.clusters or []:
        cluster_id = _cluster_id(raw.project, item)
        region = str(item.get("location", ""))
        region = region.rsplit("-", 1)[0] if region.count("-") >= 2 else region
        public, authorized, cidrs = gke_rules.gke_endpoint(item)
        network = item.get("network")
        out.append(
            KubernetesCluster(
                **base(
                    raw.project,
                    {k: v for k, v in item.items() if k != "masterAuth"}
                    | {"masterAuth": gke_rules.gke_master_auth(item)},
                    "container.projects.locations.clusters.list",
                    id=cluster_id,
                    name=item["name"],
                    region=region,
                ),
                relations={"network": (compute_link(f"projects/{raw.project}/global/networks/{network}"),)}
                if network
                else {},
                version=item.get("currentMasterVersion"),
                public_endpoint=public,
                authorized_networks_enabled=authorized,
                authorized_networks=cidrs,
                private_nodes=gke_rules.gke_private_nodes(item),
                legacy_abac=bool((item.get("legacyAbac") or {}).get("enabled", False)),
                network_policy=gke_rules.gke_network_policy(item),
                workload_identity=bool((item.get("workloadIdentityConfig") or {}).get("workloadPool")),
                shielded_nodes=bool((item.get("shieldedNodes") or {}).get("enabled", False)),
                basic_auth=bool((item.get("masterAuth") or {}).get("username")),
                client_certificate=bool((item.get("masterAuth") or {}).get("clientCertificate")),
                release_channel=gke_rules.gke_release_channel(item),
                binary_authorization=gke_rules.gke_binary_authorization(item),
                logging=str(item["loggingService"]) != "none" if "loggingService" in item else None,
                monitoring=str(item["monitoringService"]) != "none" if "monitoringService" in item else None,
                control_plane_logging=gke_rules.gke_control_plane_logging(item),
                secrets_encryption=(item.get("databaseEncryption") or {}).get("state") == "ENCRYPTED",
                dashboard=gke_rules.gke_dashboard(item),
            )
        )
        for pool in item.get("nodePools", []) or []:
            out.append(_pool(raw, item, cluster_id, region, pool))
    return out


def _pool(
    raw: ProjectRaw, cluster: dict[str, Any], cluster_id: str, region: str, pool: dict[str, Any]
) -> NodePool:
    config = pool.get("config") or {}
    shielded = config.get("shieldedInstanceConfig") or {}
    management = pool.get("management") or {}
    account = config.get("serviceAccount") or "default"
    private = (pool.get("networkConfig") or {}).get("enablePrivateNodes")
    if private is None:
        private = gke_rules.gke_private_nodes(cluster)
    return NodePool(
        **base(
            raw.project,
            pool,
            "container.projects.locations.clusters.list",
            id=f"{cluster_id}/nodePools/{pool['name']}",
            name=f"{cluster['name']}/{pool['name']}",
            region=region,
        ),
        relations={"cluster": (cluster_id,)},
        service_account=account,
        default_service_account=account == "default" or link.default_compute_account(account),
        public_ips=not private,
        auto_upgrade=bool(management.get("autoUpgrade", False)),
        auto_repair=bool(management.get("autoRepair", False)),
        # GKE ShieldedInstanceConfig: Secure Boot off and integrity monitoring on unless set.
        secure_boot=bool(shielded.get("enableSecureBoot", False)),
        integrity_monitoring=bool(shielded.get("enableIntegrityMonitoring", True)),
        metadata_concealed=(config.get("workloadMetadataConfig") or {}).get("mode") == "GKE_METADATA",
        image_type=str(config.get("imageType", "")).lower() or None,
        version=pool.get("version"),
    )
