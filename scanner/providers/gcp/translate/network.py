"""VPC networks, subnetworks, firewall rules and instances from Compute Engine v1 answers."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import FirewallRule, Instance, Network, PortRange, Subnet
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last, zone_region
from scanner.rules.network import ALL_PORTS


def networks(raw: ProjectRaw) -> list[Network]:
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


def _ports(protocol: str, ports: list[str]) -> tuple[PortRange, ...]:
    if not ports:
        return ALL_PORTS if protocol in link.PORTED_PROTOCOLS else ()
    ranges = []
    for spec in ports:
        start, _, end = str(spec).partition("-")
        ranges.append(PortRange(int(start), int(end or start)))
    return tuple(ranges)


def firewall_rules(raw: ProjectRaw) -> list[FirewallRule]:
    """One record per ``allowed``/``denied`` entry: each has its own protocol and ports."""
    out = []
    for item in raw.firewalls or []:
        ingress = item.get("direction", "INGRESS") == "INGRESS"
        entries = [("allow", e) for e in item.get("allowed", []) or []]
        entries += [("deny", e) for e in item.get("denied", []) or []]
        for index, (action, entry) in enumerate(entries):
            protocol = link.firewall_protocol(entry.get("IPProtocol"))
            out.append(
                FirewallRule(
                    **base(
                        raw.project,
                        item,
                        "compute.firewalls.list",
                        id=item["selfLink"] if len(entries) == 1 else f"{item['selfLink']}#{index}",
                        name=item["name"],
                        region="",
                    ),
                    relations={"network": (item["network"],)} if item.get("network") else {},
                    direction="ingress" if ingress else "egress",
                    action=action,  # type: ignore[arg-type]
                    protocol=protocol,
                    ports=_ports(protocol, entry.get("ports", []) or []),
                    source_ranges=tuple(item.get("sourceRanges", []) or ()),
                    destination_ranges=tuple(item.get("destinationRanges", []) or ()),
                    source_groups=(*item.get("sourceTags", []), *item.get("sourceServiceAccounts", [])),
                    targets=(*item.get("targetTags", []), *item.get("targetServiceAccounts", [])),
                    priority=item.get("priority"),
                    disabled=bool(item.get("disabled", False)),
                    group=item["selfLink"],
                )
            )
    return out


def _nat_ip(access_config: dict[str, Any]) -> str | None:
    """The external IPv4 address an access config gives, ``ephemeral`` when it has none right now.

    ``ONE_TO_ONE_NAT`` is the default and only IPv4 access config type. A config
    without ``natIP`` draws an ephemeral address from Google's pool when the VM
    runs; a stopped (``TERMINATED``) VM gives that address back but keeps the
    config, so it is still exposed the moment it starts again.
    """
    if access_config.get("type", "ONE_TO_ONE_NAT") != "ONE_TO_ONE_NAT":
        return None
    return str(access_config.get("natIP") or "ephemeral")


def instances(raw: ProjectRaw) -> list[Instance]:
    out = []
    for item in raw.instances or []:
        interfaces = item.get("networkInterfaces", []) or []
        public = [ip for i in interfaces for c in i.get("accessConfigs", []) or [] if (ip := _nat_ip(c))]
        public += [
            c["externalIpv6"]
            for i in interfaces
            for c in i.get("ipv6AccessConfigs", []) or []
            if c.get("externalIpv6")
        ]
        subnets_ = tuple(i["subnetwork"] for i in interfaces if i.get("subnetwork"))
        networks_ = tuple(dict.fromkeys(i["network"] for i in interfaces if i.get("network")))
        accounts = item.get("serviceAccounts", []) or []
        out.append(
            Instance(
                **base(
                    raw.project,
                    item,
                    "compute.instances.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=zone_region(item.get("zone", "")),
                ),
                relations={k: v for k, v in (("subnet", subnets_), ("network", networks_)) if v},
                public_ips=tuple(public),
                private_ips=tuple(i["networkIP"] for i in interfaces if i.get("networkIP")),
                network_tags=tuple((item.get("tags") or {}).get("items", []) or ()),
                service_account=accounts[0].get("email") if accounts else None,
            )
        )
    return out
