"""``aws_vpc`` and ``aws_subnet`` -> network and subnet records, with the subnet's route to the internet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Network,
    Resource,
    Subnet,
)
from scanner.providers.aws.terraform.common import base_fields, one_companion
from scanner.rules.network import DEFAULT_ROUTES
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def vpc(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    cidrs = [res.get("cidr_block"), res.get("ipv6_cidr_block")]
    if any(is_unknown(c) for c in cidrs):
        f.mark_unknown("cidrs")
    f.set("cidrs", tuple(c for c in cidrs if isinstance(c, str) and c))
    f.set("is_default", False)  # aws_vpc creates a new VPC; the default VPC is aws_default_vpc
    f.set("auto_subnets", False)
    f.set("flow_logs", bool(ctx.companions(res.address, "aws_flow_log", via="vpc_id")))
    yield record(Network, res, **base_fields(ctx), fields=f, tags=res.get("tags"))


def _main_table(ctx: TfContext, vpc_address: str | None) -> str | None:
    if vpc_address is None:
        return None
    for assoc in ctx.companions(vpc_address, "aws_main_route_table_association", via="vpc_id"):
        return reference(ctx, assoc.get("route_table_id"), "aws_route_table")
    for table in ctx.of_type("aws_default_route_table"):
        ref = table.get("default_route_table_id")
        if isinstance(ref, Ref) and ref.address == vpc_address:
            return table.address
    return None


def _routes(ctx: TfContext, table: str) -> list[dict[str, Any]]:
    res = ctx.get(table)
    routes = [dict(r) for r in res.blocks("route")] if res is not None else []
    for route in ctx.companions(table, "aws_route", via="route_table_id"):
        routes.append(
            {
                "cidr_block": route.get("destination_cidr_block"),
                "ipv6_cidr_block": route.get("destination_ipv6_cidr_block"),
                "gateway_id": route.get("gateway_id"),
                "address": route.address,
            }
        )
    return routes


def _internet_route(ctx: TfContext, route: dict[str, Any]) -> Any:
    """True / False / ``UNKNOWN``: a default route to an internet gateway."""
    destinations = [route.get("cidr_block"), route.get("ipv6_cidr_block")]
    if not any(d in DEFAULT_ROUTES for d in destinations):
        return UNKNOWN if any(is_unknown(d) for d in destinations) else False
    gateway = route.get("gateway_id")
    if isinstance(gateway, Ref):
        target = ctx.get(gateway.address)
        if target is None:
            return UNKNOWN
        return target.type == "aws_internet_gateway"
    if is_unknown(gateway):
        return UNKNOWN
    return isinstance(gateway, str) and gateway.startswith("igw-")


def subnet(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("cidr", res.get("cidr_block"))
    vpc_address = reference(ctx, res.get("vpc_id"), "aws_vpc")
    assoc = one_companion(ctx, res, "aws_route_table_association", "subnet_id")
    table = (
        reference(ctx, assoc.get("route_table_id"), "aws_route_table")
        if assoc
        else _main_table(ctx, vpc_address)
    )
    verdicts = [_internet_route(ctx, r) for r in _routes(ctx, table)] if table else []
    if any(v is True for v in verdicts):
        f.set("routes_to_internet", True)
    elif any(v is UNKNOWN for v in verdicts) or (assoc is not None and table is None):
        f.mark_unknown("routes_to_internet")
    else:
        f.set("routes_to_internet", False)
    # map_public_ip_on_launch: "Default is `false`" (aws_subnet docs).
    public_ip = as_bool(value(res, "map_public_ip_on_launch", False))
    yield record(
        Subnet,
        res,
        **base_fields(ctx),
        fields=f,
        relations={"network": [vpc_address]},
        tags=res.get("tags"),
        extra_native={
            "route_table": table,
            "map_public_ip_on_launch": None if is_unknown(public_ip) else public_ip,
        },
    )
