"""``google_compute_network`` and ``google_compute_subnetwork`` -> network and subnet records, with the
subnet's route to the internet.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Network,
    Resource,
    Subnet,
)
from scanner.providers.gcp.terraform.common import account_of, region_of
from scanner.rules.network import DEFAULT_ROUTES
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext

INTERNET_GATEWAY = "default-internet-gateway"


def network(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("auto_subnets", value(res, "auto_create_subnetworks", True))
    name = res.get("name")
    f.set("is_default", name, lambda n: n == "default")
    yield record(Network, res, provider="gcp", account=account_of(res, ctx), name=name, fields=f)


def _routes_to_internet(net: TfResource | None, ctx: TfContext) -> Any:
    if net is None:
        return UNKNOWN
    deleted = as_bool(value(net, "delete_default_routes_on_create", False))
    if is_unknown(deleted):
        return UNKNOWN
    if not deleted:
        return True
    for route in ctx.of_type("google_compute_route"):
        if ctx.target(route.get("network"), "google_compute_network") != net.address:
            continue
        hop, dest = route.get("next_hop_gateway"), route.get("dest_range")
        if has_unknown(hop) or has_unknown(dest):
            return UNKNOWN
        if dest in DEFAULT_ROUTES and str(hop).endswith(INTERNET_GATEWAY) and not route.get("tags"):
            return True
    return False


def subnetwork(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    net_address = ctx.target(res.get("network"), "google_compute_network")
    f = Fields()
    f.set("cidr", res.get("ip_cidr_range"))
    f.set("private_api_access", as_bool(value(res, "private_ip_google_access", False)))
    f.set("flow_logs", UNKNOWN if is_unknown(res.get("log_config")) else bool(res.blocks("log_config")))
    f.set("routes_to_internet", _routes_to_internet(ctx.get(net_address) if net_address else None, ctx))
    nats = [
        nat.get("name")
        for nat in ctx.of_type("google_compute_router_nat")
        if _nat_covers(nat, res, net_address, ctx) and isinstance(nat.get("name"), str)
    ]
    yield record(
        Subnet,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=region_of(res, ctx),
        name=res.get("name"),
        fields=f,
        relations={"network": [net_address]},
        extra_native={"cloud_nat": sorted(nats)} if nats else None,
    )


def _nat_covers(nat: TfResource, subnet: TfResource, net_address: str | None, ctx: TfContext) -> bool:
    mode = nat.get("source_subnetwork_ip_ranges_to_nat")
    if isinstance(mode, str) and mode.startswith("ALL_SUBNETWORKS"):
        router = ctx.get(ctx.target(nat.get("router"), "google_compute_router") or "")
        return (
            router is not None and ctx.target(router.get("network"), "google_compute_network") == net_address
        )
    return any(
        ctx.target(block.get("name"), "google_compute_subnetwork") == subnet.address
        for block in nat.blocks("subnetwork")
    )
