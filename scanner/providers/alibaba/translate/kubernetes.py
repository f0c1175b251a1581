"""ACK clusters and node pools into ``kubernetes_cluster`` and ``node_pool`` records.

Clusters (DescribeClustersV1 item, DescribeClusterDetail, CheckControlPlaneLogEnable,
ListClusterAddonInstances, DescribeKubernetesVersionMetadata):

* ``public_endpoint``: ``master_url`` (a JSON string) has a non-empty ``api_server_endpoint``,
  the address the API server is reached at from the internet (an EIP on its SLB).
* ``authorized_networks`` / ``authorized_networks_enabled``: the API server's CLB listener ACL,
  read only for a public API server (:mod:`.api_server_acl` has the rule).
* ``version``: ``current_version``; ``version_supported``: that version is among the versions
  DescribeKubernetesVersionMetadata still offers in the region and its ``expiration_date``
  has not passed (ACK stops listing versions it no longer supports).
* ``deletion_protection``: ``deletion_protection``.
* ``workload_identity``: RRSA (``rrsa_config.enabled``), ACK's pod identities.
* ``control_plane_logging``: CheckControlPlaneLogEnable names ``apiserver`` among its ``components``.
* ``logging`` (Log Service): the ``logtail-ds`` add-on is installed; ``dashboard``: the
  ``kubernetes-dashboard`` add-on is; ``eni_multi_ip``: the ``terway-eniip`` add-on (Terway in
  ENI multi-IP mode) is (ListClusterAddonInstances ``addons[].name``).
* ``network_policy``: the Terway add-on's config in ``meta_data`` (``Addons[].config``, a JSON
  string) sets ``NetworkPolicy`` to ``true``; a cluster without Terway has none.
* ``monitoring`` (CloudMonitor): every node pool has ``kubernetes_config.cms_enabled``.
* ``last_check_days``: days since the newest cluster check (ListClusterChecks ``checks[]``,
  ``finished_at``, else ``created_at``) of any type; a cluster never checked counts from its own
  ``created`` time.

Node pools: ``public_ips``: ``scaling_group.internet_max_bandwidth_out`` above 0 (nodes get a
public address) or ``is_bond_eip``; ``auto_upgrade`` / ``auto_repair``: ``management.enable`` and
its ``auto_upgrade`` / ``auto_repair``; ``image_type``: ``scaling_group.image_type``.
A detail whose call failed leaves its fields unknown.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from scanner.inventory.model import KubernetesCluster, NodePool
from scanner.providers.alibaba.translate.api_server_acl import NOT_PUBLIC, Access
from scanner.providers.alibaba.translate.common import MISSING, days_between, origin, parse_time, truthy

TERWAY = ("terway-eniip", "terway-eni", "terway-controlplane", "terway")


def _json(text: Any) -> dict[str, Any]:
    if isinstance(text, dict):
        return text
    try:
        value = json.loads(text) if text else {}
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _network_policy(meta_data: Any) -> bool:
    for addon in _json(meta_data).get("Addons") or []:
        if (
            isinstance(addon, dict)
            and str(addon.get("name") or "") in TERWAY
            and truthy(_json(addon.get("config")).get("NetworkPolicy"))
        ):
            return True
    return False


def public_api_server(cluster: dict[str, Any]) -> bool:
    """The API server has an internet address: ``master_url``'s ``api_server_endpoint`` is set."""
    return bool(_json(cluster.get("master_url")).get("api_server_endpoint"))


def _supported(version: str | None, offered: Any, now: datetime) -> bool | None:
    if offered is MISSING or not version:
        return None
    for entry in offered:
        if str(entry.get("version") or "") == version:
            expires = parse_time(entry.get("expiration_date"))
            return expires is None or expires > now
    return False


def _public_ips(pool: dict[str, Any]) -> bool:
    group = pool.get("scaling_group") or {}
    bandwidth = group.get("internet_max_bandwidth_out") or 0
    return (isinstance(bandwidth, int | float) and bandwidth > 0) or bool(
        truthy((pool.get("auto_scaling") or {}).get("is_bond_eip"))
    )


def cluster(
    account: str,
    region: str,
    raw: dict[str, Any],
    now: datetime,
    *,
    detail: Any = MISSING,
    node_pools: Any = MISSING,
    control_plane_log: Any = MISSING,
    addons: Any = MISSING,
    versions: Any = MISSING,
    checks: Any = MISSING,
    api_server: Access = NOT_PUBLIC,
) -> KubernetesCluster:
    unknown: set[str] = set(api_server.unknown)
    info = {**raw, **(detail if detail is not MISSING else {})}
    if detail is MISSING:
        unknown |= {"workload_identity", "network_policy"}
    version = info.get("current_version") or None
    installed: set[str] | None = None
    if addons is MISSING:
        unknown |= {"logging", "dashboard", "eni_multi_ip"}
    else:
        installed = {str(a.get("name") or "") for a in addons}
    cp_logging = None
    if control_plane_log is MISSING:
        unknown.add("control_plane_logging")
    else:
        cp_logging = "apiserver" in [str(c) for c in control_plane_log.get("components") or []]
    monitoring = None
    if node_pools is MISSING or not node_pools:
        unknown.add("monitoring")
    else:
        monitoring = all(
            truthy((p.get("kubernetes_config") or {}).get("cms_enabled")) is True for p in node_pools
        )
    last_check = None
    if checks is MISSING:
        unknown.add("last_check_days")
    else:
        times = [parse_time(c.get("finished_at") or c.get("created_at")) for c in checks]
        known = [t for t in times if t is not None] or [parse_time(info.get("created"))]
        latest = max((t for t in known if t is not None), default=None)
        last_check = days_between(latest, now)
    supported = _supported(version, versions, now)
    if supported is None:
        unknown.add("version_supported")
    rrsa = (info.get("rrsa_config") or {}) if isinstance(info.get("rrsa_config"), dict) else {}
    relations: dict[str, tuple[str, ...]] = {}
    if info.get("vpc_id"):
        relations["network"] = (str(info["vpc_id"]),)
    vswitches = info.get("vswitch_ids") or [v for v in str(info.get("vswitch_id") or "").split(",") if v]
    if vswitches:
        relations["subnet"] = tuple(str(v) for v in vswitches)
    return KubernetesCluster(
        provider="alibaba",
        account=account,
        region=region,
        id=str(raw["cluster_id"]),
        name=str(raw.get("name") or raw["cluster_id"]),
        origin=origin("cs", "DescribeClustersV1"),
        relations=relations,
        unknown=frozenset(unknown),
        native={"cluster": info, "addons": sorted(installed) if installed is not None else None},
        version=version,
        version_supported=supported,
        public_endpoint=public_api_server(info),
        authorized_networks=api_server.networks,
        authorized_networks_enabled=api_server.enabled,
        deletion_protection=truthy(info.get("deletion_protection")),
        workload_identity=None if detail is MISSING else bool(truthy(rrsa.get("enabled"))),
        network_policy=None if detail is MISSING else _network_policy(info.get("meta_data")),
        control_plane_logging=cp_logging,
        logging=None if installed is None else "logtail-ds" in installed,
        dashboard=None if installed is None else "kubernetes-dashboard" in installed,
        eni_multi_ip=None if installed is None else "terway-eniip" in installed,
        monitoring=monitoring,
        last_check_days=last_check,
    )


def node_pool(account: str, region: str, cluster_id: str, raw: dict[str, Any]) -> NodePool:
    info = raw.get("nodepool_info") or {}
    group = raw.get("scaling_group") or {}
    management = raw.get("management") or {}
    managed = bool(truthy(management.get("enable")))
    pool_id = str(info.get("nodepool_id") or "")
    return NodePool(
        provider="alibaba",
        account=account,
        region=region,
        id=f"{cluster_id}/{pool_id}",
        name=str(info.get("name") or pool_id),
        origin=origin("cs", "DescribeClusterNodePools"),
        relations={"cluster": (cluster_id,)},
        native=raw,
        public_ips=_public_ips(raw),
        auto_upgrade=managed and bool(truthy(management.get("auto_upgrade"))),
        auto_repair=managed and bool(truthy(management.get("auto_repair"))),
        image_type=str(group.get("image_type") or "").lower() or None,
    )
