"""``google_container_cluster`` and ``_node_pool`` -> kubernetes_cluster and node_pool records.

Provider documentation (``website/docs/r/container_cluster.html.markdown``):
``enable_legacy_abac`` "Defaults to false"; ``enable_shielded_nodes`` "Defaults
to true"; ``logging_service``/``monitoring_service`` default to the Kubernetes
Engine services (``none`` turns them off); ``datapath_provider`` is
``LEGACY_DATAPATH`` by default (``ADVANCED_DATAPATH`` is Dataplane V2, which
enforces network policy); ``private_cluster_config`` ``enable_private_nodes`` /
``enable_private_endpoint`` (no block: public nodes and endpoint);
``master_authorized_networks_config`` (the block turns the allow-list on; no
``cidr_blocks`` admits only the nodes); node ``service_account`` "If not
specified, the "default" service account is used"; node
``shielded_instance_config.enable_secure_boot`` "Defaults to false". Without a
``release_channel`` block GKE picks the channel itself, so ``release_channel``
is unknown rather than guessed. Node pools are the cluster's ``node_pool``
blocks and the ``google_container_node_pool`` resources that name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import KubernetesCluster, NodePool, Resource
from scanner.providers.gcp import link
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.translate.common import zone_region
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, as_bool, record, value
from scanner.sources.terraform.translate.context import TfContext


def _region(location: Any) -> Any:
    return zone_region(location) if isinstance(location, str) else location


def _not_none(service: Any) -> Any:
    return service if is_unknown(service) else str(service) != "none"


def cluster(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    private = res.block("private_cluster_config")
    f.set("private_nodes", as_bool(value(private, "enable_private_nodes", False)))
    f.set("public_endpoint", _not(as_bool(value(private, "enable_private_endpoint", False))))
    networks = res.get("master_authorized_networks_config")
    if has_unknown(networks):
        f.mark_unknown("authorized_networks_enabled")
        f.mark_unknown("authorized_networks")
    else:
        f.set("authorized_networks_enabled", bool(res.block("master_authorized_networks_config")))
        blocks = res.block("master_authorized_networks_config").get("cidr_blocks") or []
        f.set("authorized_networks", tuple(b["cidr_block"] for b in blocks if b.get("cidr_block")))
    f.set("legacy_abac", as_bool(value(res, "enable_legacy_abac", False)))
    datapath = value(res, "datapath_provider", "LEGACY_DATAPATH")
    policy = as_bool(value(res.block("network_policy"), "enabled", False))
    f.set(
        "network_policy",
        True if datapath == "ADVANCED_DATAPATH" else UNKNOWN if is_unknown(datapath) else policy,
    )
    f.set("workload_identity", _present(res.block("workload_identity_config").get("workload_pool")))
    f.set("shielded_nodes", as_bool(value(res, "enable_shielded_nodes", True)))
    issue = res.block("master_auth").get("client_certificate_config")
    issue_block = issue[0] if isinstance(issue, list) and issue and isinstance(issue[0], dict) else {}
    f.set("client_certificate", as_bool(value(issue_block, "issue_client_certificate", False)))
    channel = res.block("release_channel").get("channel")
    if channel is None:
        f.mark_unknown("release_channel")
    else:
        f.set(
            "release_channel",
            channel,
            lambda c: "none" if str(c).lower() == "unspecified" else str(c).lower(),
        )
    mode = res.block("binary_authorization").get("evaluation_mode")
    f.set("binary_authorization", UNKNOWN if is_unknown(mode) else bool(mode) and mode != "DISABLED")
    f.set("logging", _not_none(value(res, "logging_service", "logging.googleapis.com/kubernetes")))
    f.set("monitoring", _not_none(value(res, "monitoring_service", "monitoring.googleapis.com/kubernetes")))
    state = res.block("database_encryption").get("state")
    f.set("secrets_encryption", UNKNOWN if is_unknown(state) else state == "ENCRYPTED")
    f.set("deletion_protection", as_bool(value(res, "deletion_protection", True)))
    account = account_of(res, ctx)
    region = _region(res.get("location"))
    yield record(
        KubernetesCluster, res, provider="gcp", account=account, region=region, name=res.get("name"), fields=f
    )
    for index, pool in enumerate(res.blocks("node_pool")):
        yield _pool(res, pool, account, region, res.address, f"pool{index}", pool.get("name"))


def node_pool(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    target = ctx.target(res.get("cluster"), "google_container_cluster")
    yield _pool(
        res, res.values, account_of(res, ctx), _region(res.get("location")), target, "", res.get("name")
    )


def _pool(
    res: TfResource,
    pool: dict[str, Any],
    account: Any,
    region: Any,
    cluster: str | None,
    suffix: str,
    name: Any,
) -> NodePool:
    f = Fields()
    configs = pool.get("node_config")
    config = configs[0] if isinstance(configs, list) and configs and isinstance(configs[0], dict) else {}
    account_email = value(config, "service_account", "default")
    f.set("service_account", account_email)
    f.set(
        "default_service_account",
        account_email
        if is_unknown(account_email)
        else account_email == "default" or link.default_compute_account(str(account_email)),
    )
    shielded = config.get("shielded_instance_config")
    first = shielded[0] if isinstance(shielded, list) and shielded and isinstance(shielded[0], dict) else {}
    f.set("secure_boot", as_bool(value(first, "enable_secure_boot", False)))
    metadata = config.get("workload_metadata_config")
    mode = (
        metadata[0].get("mode")
        if isinstance(metadata, list) and metadata and isinstance(metadata[0], dict)
        else None
    )
    f.set("metadata_concealed", UNKNOWN if is_unknown(mode) else mode == "GKE_METADATA" if mode else UNKNOWN)
    management = pool.get("management")
    manage = (
        management[0]
        if isinstance(management, list) and management and isinstance(management[0], dict)
        else {}
    )
    if manage:
        f.set("auto_upgrade", as_bool(value(manage, "auto_upgrade", True)))
        f.set("auto_repair", as_bool(value(manage, "auto_repair", True)))
    else:  # the provider sends its own management defaults; the block says nothing here
        f.mark_unknown("auto_upgrade")
    return record(
        NodePool,
        res,
        provider="gcp",
        account=account,
        region=region,
        name=name,
        fields=f,
        relations={"cluster": [cluster]},
        suffix=suffix,
    )


def _not(val: Any) -> Any:
    return val if val is None or is_unknown(val) else not val


def _present(val: Any) -> Any:
    return UNKNOWN if is_unknown(val) else bool(val)
