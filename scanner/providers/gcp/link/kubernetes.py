"""GKE cluster facts, from either generation of the Kubernetes Engine API's endpoint fields.

Shared by the live adapter and the Terraform translator. Part of :mod:`scanner.providers.gcp.link`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# -- GKE facts --------------------------------------------------------------------------------------------
#
# * **kubernetes_cluster public_endpoint**:
#   ``controlPlaneEndpointsConfig.ipEndpointsConfig.enablePublicEndpoint``
#   when the cluster reports it; else not ``privateClusterConfig.enablePrivateEndpoint``
#   (a cluster without a private endpoint answers on its public one).
# * **authorized_networks(_enabled)**: ``ipEndpointsConfig.authorizedNetworksConfig``, else
#   ``masterAuthorizedNetworksConfig``: ``enabled`` and ``cidrBlocks[].cidrBlock``.
# * **private_nodes**: ``networkConfig.defaultEnablePrivateNodes``, else
#   ``privateClusterConfig.enablePrivateNodes``.
# * **network_policy**: ``networkPolicy.enabled`` or Dataplane V2
#   (``networkConfig.datapathProvider`` ``ADVANCED_DATAPATH``), which always enforces it.
# * **dashboard**: ``addonsConfig.kubernetesDashboard`` is present and not ``disabled``.
# * **control_plane_logging**: ``loggingConfig.componentConfig.enableComponents`` has ``APISERVER``.


def gke_endpoint(cluster: Mapping[str, Any]) -> tuple[bool, bool, tuple[str, ...]]:
    """(public endpoint, authorized networks enabled, authorized CIDRs) from either generation of fields."""
    ip = (cluster.get("controlPlaneEndpointsConfig") or {}).get("ipEndpointsConfig") or {}
    private = cluster.get("privateClusterConfig") or {}
    if "enablePublicEndpoint" in ip:
        public = bool(ip["enablePublicEndpoint"])
    else:
        public = not bool(private.get("enablePrivateEndpoint", False))
    networks = ip.get("authorizedNetworksConfig") or cluster.get("masterAuthorizedNetworksConfig") or {}
    cidrs = tuple(str(b["cidrBlock"]) for b in networks.get("cidrBlocks", []) or [] if b.get("cidrBlock"))
    return public, bool(networks.get("enabled", False)), cidrs


def gke_private_nodes(cluster: Mapping[str, Any]) -> bool:
    network = cluster.get("networkConfig") or {}
    if "defaultEnablePrivateNodes" in network:
        return bool(network["defaultEnablePrivateNodes"])
    return bool((cluster.get("privateClusterConfig") or {}).get("enablePrivateNodes", False))


def gke_network_policy(cluster: Mapping[str, Any]) -> bool:
    if (cluster.get("networkConfig") or {}).get("datapathProvider") == "ADVANCED_DATAPATH":
        return True
    return bool((cluster.get("networkPolicy") or {}).get("enabled", False))


def gke_release_channel(cluster: Mapping[str, Any]) -> str:
    channel = str((cluster.get("releaseChannel") or {}).get("channel", "")).lower()
    return "none" if channel in ("", "unspecified") else channel


def gke_binary_authorization(cluster: Mapping[str, Any]) -> bool:
    config = cluster.get("binaryAuthorization") or {}
    mode = str(config.get("evaluationMode", ""))
    if mode and mode != "EVALUATION_MODE_UNSPECIFIED":
        return mode != "DISABLED"
    return bool(config.get("enabled", False))


def gke_control_plane_logging(cluster: Mapping[str, Any]) -> bool:
    components = ((cluster.get("loggingConfig") or {}).get("componentConfig") or {}).get(
        "enableComponents"
    ) or []
    return "APISERVER" in components


def gke_dashboard(cluster: Mapping[str, Any]) -> bool | None:
    """The deprecated Kubernetes Dashboard add-on is on: ``addonsConfig.kubernetesDashboard``
    present without ``disabled`` true; ``None`` when the answer leaves the add-on out."""
    addon = (cluster.get("addonsConfig") or {}).get("kubernetesDashboard")
    return None if addon is None else not bool((addon or {}).get("disabled", False))


def gke_master_auth(cluster: Mapping[str, Any]) -> dict[str, Any]:
    """``masterAuth`` without its secrets (password, client key): only whether they exist is kept."""
    auth = cluster.get("masterAuth") or {}
    return {
        "username": auth.get("username", ""),
        "hasPassword": bool(auth.get("password")),
        "hasClientCertificate": bool(auth.get("clientCertificate")),
        "clientCertificateConfig": auth.get("clientCertificateConfig", {}),
    }
