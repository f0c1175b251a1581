"""EC2 (and VPC) Describe calls: regions, networks, gateways, security groups, ACLs, flow logs, instances."""

from __future__ import annotations

from typing import Any

from scanner.providers.aws.services import call, pages

# field in RegionRaw -> (paginated operation, result key); every one is a Describe call.
LISTINGS: dict[str, tuple[str, str]] = {
    "vpcs": ("describe_vpcs", "Vpcs"),
    "subnets": ("describe_subnets", "Subnets"),
    "route_tables": ("describe_route_tables", "RouteTables"),
    "internet_gateways": ("describe_internet_gateways", "InternetGateways"),
    "egress_only_gateways": ("describe_egress_only_internet_gateways", "EgressOnlyInternetGateways"),
    "nat_gateways": ("describe_nat_gateways", "NatGateways"),
    "security_groups": ("describe_security_groups", "SecurityGroups"),
    "network_acls": ("describe_network_acls", "NetworkAcls"),
    "flow_logs": ("describe_flow_logs", "FlowLogs"),
}


def regions(client: Any, all_regions: bool) -> list[dict[str, Any]]:
    """The account's regions; ``all_regions`` adds those not enabled, with their ``OptInStatus``."""
    return list(call(lambda: client.describe_regions(AllRegions=all_regions)).get("Regions", []))


def listing(client: Any, field: str) -> list[dict[str, Any]]:
    operation, key = LISTINGS[field]
    return pages(client, operation, key)


def instances(client: Any) -> list[dict[str, Any]]:
    """Every instance of every reservation (terminated ones are left out by the caller)."""
    reservations = pages(client, "describe_instances", "Reservations")
    return [i for r in reservations for i in r.get("Instances", []) or []]
