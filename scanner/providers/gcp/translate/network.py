"""VPC networks and subnetworks into network and subnet records (a subnet routes to the internet per link)."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Network, Subnet
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last


def networks(raw: ProjectRaw) -> list[Network]:
    """``dns_logging``: a Cloud DNS server policy with ``enableLogging`` lists the network."""
    logged = link.dns_logged_networks(raw.dns_policies) if raw.dns_policies is not None else None
    out = []
    for item in raw.networks or []:
        legacy = item.get("IPv4Range")
        out.append(
            Network(
                **base(
                    raw.project,
                    item,
                    "compute.networks.list",
                    id=item["selfLink"],
                    name=item["name"],
                    region="",
                ),
                cidrs=(legacy,) if legacy else (),
                # The network every new project gets is the auto-mode VPC named "default".
                is_default=item["name"] == "default",
                auto_subnets=bool(item.get("autoCreateSubnetworks", False)),
                # A legacy network has one project-wide range (``IPv4Range``) and no subnetworks.
                legacy=bool(legacy),
                dns_logging=None if logged is None else link.network_key(item["selfLink"]) in logged,
                unknown=frozenset({"dns_logging"}) if logged is None else frozenset(),
            )
        )
    return out


def _nat_routers(routers: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Subnetwork URL (or ``*region`` for all subnets of a region/network) -> Cloud NAT names."""
    found: dict[str, list[str]] = {}
    for router in routers:
        for nat in router.get("nats", []) or []:
            label = f"{router['name']}/{nat.get('name', '')}"
            mode = nat.get("sourceSubnetworkIpRangesToNat", "")
            if mode.startswith("ALL_SUBNETWORKS"):
                key = f"*{last(router.get('region'))}|{router.get('network', '')}"
                found.setdefault(key, []).append(label)
            for subnet in nat.get("subnetworks", []) or []:
                found.setdefault(subnet.get("name", ""), []).append(label)
    return found


def subnets(raw: ProjectRaw) -> list[Subnet]:
    internet = link.networks_with_internet_route(raw.routes) if raw.routes is not None else None
    nats = _nat_routers(raw.routers or [])
    out = []
    for item in raw.subnetworks or []:
        region = last(item.get("region"))
        network = item.get("network", "")
        nat = [*nats.get(item["selfLink"], []), *nats.get(f"*{region}|{network}", [])]
        log_config = item.get("logConfig") or {}
        flow_logs = log_config.get("enable", item.get("enableFlowLogs"))
        native = {**item, "cloud_nat": sorted(nat)} if nat else item
        out.append(
            Subnet(
                **base(
                    raw.project,
                    native,
                    "compute.subnetworks.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=region,
                ),
                relations={"network": (network,)} if network else {},
                cidr=item.get("ipCidrRange"),
                routes_to_internet=None if internet is None else network in internet,
                private_api_access=link.private_api_access(item),
                flow_logs=bool(flow_logs) if flow_logs is not None else False,
                unknown=frozenset({"routes_to_internet"}) if internet is None else frozenset(),
            )
        )
    return out
