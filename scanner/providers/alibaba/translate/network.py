"""VPCs and vSwitches into ``network`` and ``subnet`` records.

``flow_logs`` and ``routes_to_internet`` need other resources (flow logs, route
tables, NAT gateways, EIPs); the link step fills them in.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Network, Subnet
from scanner.providers.alibaba.translate.common import items, origin, tags, truthy


def network(account: str, region: str, vpc: dict[str, Any]) -> Network:
    cidrs = [vpc.get("CidrBlock"), *items(vpc, "SecondaryCidrBlocks", "SecondaryCidrBlock")]
    cidrs += [block.get("Ipv6CidrBlock") for block in items(vpc, "Ipv6CidrBlocks", "Ipv6CidrBlock")]
    if vpc.get("Ipv6CidrBlock") and vpc["Ipv6CidrBlock"] not in cidrs:
        cidrs.append(vpc["Ipv6CidrBlock"])
    return Network(
        provider="alibaba",
        account=account,
        region=region,
        id=vpc["VpcId"],
        name=vpc.get("VpcName") or vpc["VpcId"],
        origin=origin("vpc", "DescribeVpcs"),
        tags=tags(vpc, "Tags", "Tag"),
        cidrs=tuple(c for c in cidrs if c),
        is_default=truthy(vpc.get("IsDefault")),
        auto_subnets=False,
        native=vpc,
    )


def subnet(account: str, region: str, vswitch: dict[str, Any]) -> Subnet:
    return Subnet(
        provider="alibaba",
        account=account,
        region=region,
        id=vswitch["VSwitchId"],
        name=vswitch.get("VSwitchName") or vswitch["VSwitchId"],
        origin=origin("vpc", "DescribeVSwitches"),
        relations={"network": (vswitch["VpcId"],)} if vswitch.get("VpcId") else {},
        tags=tags(vswitch, "Tags", "Tag"),
        cidr=vswitch.get("CidrBlock"),
        native=vswitch,
    )
