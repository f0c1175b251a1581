"""The network and compute jobs of one region: ECS (security groups and their rules, instances, disks,
snapshots) and VPC (networks, vSwitches, route tables and entries, NAT SNAT entries, EIPs, flow logs)."""

from __future__ import annotations

from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import ecs, vpc

# --- ECS -------------------------------------------------------------------------------------

_SG_ATTRIBUTE = Call(
    "DescribeSecurityGroupAttribute", "ecs.sg_attribute", ecs.describe_security_group_attribute
)


def _ecs(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "ecs", region)

    def attributes(groups: list[dict[str, Any]]) -> list[Job]:
        return api.each([_SG_ATTRIBUTE], [g["SecurityGroupId"] for g in groups], region)

    return [
        api.job(
            Call("DescribeSecurityGroups", "ecs.security_groups", ecs.describe_security_groups),
            region,
            follow=attributes,
        ),
        api.job(Call("DescribeInstances", "ecs.instances", ecs.describe_instances), region),
        api.job(Call("DescribeDisks", "ecs.disks", ecs.describe_disks), region),
        api.job(Call("DescribeSnapshots", "ecs.snapshots", ecs.describe_snapshots), region),
    ]


# --- VPC -------------------------------------------------------------------------------------

_ROUTE_ENTRIES = Call("DescribeRouteEntryList", "vpc.route_entries", vpc.describe_route_entries)
_SNAT_ENTRIES = Call("DescribeSnatTableEntries", "vpc.snat_entries", vpc.describe_snat_entries)


def _vpc(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "vpc", region)

    def route_entries(tables: list[dict[str, Any]]) -> list[Job]:
        return api.each([_ROUTE_ENTRIES], [t["RouteTableId"] for t in tables], region)

    def snat_entries(gateways: list[dict[str, Any]]) -> list[Job]:
        tables = [t for g in gateways for t in (g.get("SnatTableIds") or {}).get("SnatTableId", [])]
        return api.each([_SNAT_ENTRIES], tables, region)

    return [
        api.job(Call("DescribeVpcs", "vpc.vpcs", vpc.describe_vpcs), region),
        api.job(Call("DescribeVSwitches", "vpc.vswitches", vpc.describe_vswitches), region),
        api.job(
            Call("DescribeRouteTableList", "vpc.route_tables", vpc.describe_route_tables),
            region,
            follow=route_entries,
        ),
        api.job(
            Call("DescribeNatGateways", "vpc.nat_gateways", vpc.describe_nat_gateways),
            region,
            follow=snat_entries,
        ),
        api.job(Call("DescribeEipAddresses", "vpc.eips", vpc.describe_eips), region),
        api.job(Call("DescribeFlowLogs", "vpc.flow_logs", vpc.describe_flow_logs), region),
    ]


def network_jobs(clients: Clients, region: str) -> list[Job]:
    return [*_ecs(clients, region), *_vpc(clients, region)]
