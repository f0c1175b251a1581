"""``alicloud_vpc`` and ``alicloud_vswitch`` -> network and subnet records, with the vSwitch's route to
the internet.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    Network,
    Resource,
    Subnet,
)
from scanner.providers.alibaba.terraform.common import as_int, base_fields, first_of, split
from scanner.rules.network import INTERNET_V4
from scanner.sources.terraform.model import Ref, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext

EVERYWHERE = INTERNET_V4


def vpc(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    cidrs = [res.get("cidr_block"), *(split(res.get("secondary_cidr_blocks")) or [])]
    if any(is_unknown(c) for c in cidrs):
        f.mark_unknown("cidrs")
    f.set("cidrs", tuple(c for c in cidrs if isinstance(c, str) and c))
    # A VPC created by Terraform is never the region's default VPC (live: IsDefault).
    f.set("is_default", False)
    f.set("auto_subnets", False)
    yield record(
        Network,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "vpc_name", "name"),
        fields=f,
        tags=res.get("tags"),
    )


def _public_reasons(vsw: TfResource, ctx: TfContext) -> tuple[list[str], bool]:
    """Why resources in the vSwitch are reachable from the internet; and whether that is uncertain."""
    reasons: list[str] = []
    uncertain = False
    eip_targets = {
        ctx.target(a.get("instance_id"), "alicloud_instance", "alicloud_nat_gateway")
        for a in ctx.of_type("alicloud_eip_association")
    }
    for inst in ctx.companions(vsw.address, "alicloud_instance", via="vswitch_id"):
        # internet_max_bandwidth_out defaults to 0 ("Default to 0 Mbps", alicloud_instance docs);
        # above 0 ECS assigns a public IP.
        bandwidth = as_int(value(inst, "internet_max_bandwidth_out", 0))
        if is_unknown(bandwidth):
            uncertain = True
        elif bandwidth and bandwidth > 0:
            reasons.append(f"instance {inst.address} gets a public IP")
        if inst.address in eip_targets:
            reasons.append(f"instance {inst.address} has an EIP")
    for nat in ctx.companions(vsw.address, "alicloud_nat_gateway", via="vswitch_id"):
        if nat.address in eip_targets:
            reasons.append(f"NAT gateway {nat.address} has an EIP")
    return reasons, uncertain


def _route_entries(vsw: TfResource, ctx: TfContext) -> list[TfResource]:
    """Route entries of the vSwitch's effective table: attached custom table, else the VPC system table."""
    attachments = ctx.companions(vsw.address, "alicloud_route_table_attachment", via="vswitch_id")
    entries = ctx.of_type("alicloud_route_entry")
    if attachments:
        table = attachments[0].get("route_table_id")
        wanted = ctx.target(table, "alicloud_route_table") or table
        return [
            e
            for e in entries
            if (ctx.target(e.get("route_table_id"), "alicloud_route_table") or e.get("route_table_id"))
            == wanted
        ]
    vpc_address = ctx.target(vsw.get("vpc_id"), "alicloud_vpc")
    return [
        e
        for e in entries
        if isinstance(e.get("route_table_id"), Ref)
        and vpc_address
        and e.get("route_table_id").address == vpc_address
        and e.get("route_table_id").attribute == "route_table_id"
    ]


def vswitch(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("cidr", res.get("cidr_block"))
    reasons, uncertain = _public_reasons(res, ctx)
    egress = None
    for entry in _route_entries(res, ctx):
        destination, hop = entry.get("destination_cidrblock"), entry.get("nexthop_type")
        if destination == "::/0" and hop == "IPv6Gateway":
            reasons.append(f"route entry {entry.address} sends ::/0 to an IPv6 gateway")
        if destination == EVERYWHERE and hop == "NatGateway":
            egress = "nat"
    if reasons or not uncertain:
        f.set("routes_to_internet", bool(reasons))
    else:
        f.mark_unknown("routes_to_internet")
    yield record(
        Subnet,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "vswitch_name", "name"),
        fields=f,
        relations={"network": [reference(ctx, res.get("vpc_id"), "alicloud_vpc")]},
        tags=res.get("tags"),
        extra_native={"internet_reasons": reasons, "internet_egress": egress},
    )
