"""``aws_security_group`` and its rule resources -> one firewall_rule record per rule."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    FirewallRule,
    Resource,
)
from scanner.providers.aws.terraform.common import as_list, base_fields
from scanner.rules.network import ALL_PORTS, port_range, protocol_names
from scanner.sources.terraform.model import Ref, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    reference,
)
from scanner.sources.terraform.translate.context import TfContext, Translator

PROTOCOLS = {"-1": "all", "all": "all", **protocol_names("6", "17", "1", "58")}


def _rule(
    res: TfResource,
    ctx: TfContext,
    *,
    direction: Any,
    rule: dict[str, Any],
    group: str | None,
    suffix: str = "",
    v2: bool = False,
) -> FirewallRule:
    """One permission; ``v2`` is the ``aws_vpc_security_group_*_rule`` shape (one source each)."""
    f = Fields()
    if is_unknown(direction) or direction not in ("ingress", "egress"):
        f.mark_unknown("direction")
        direction = "ingress"
    f.set("direction", direction)
    f.set("action", "allow")  # security groups only allow
    raw = rule.get("ip_protocol" if v2 else "protocol")
    low, high = rule.get("from_port"), rule.get("to_port")
    if is_unknown(raw) or raw is None:
        f.mark_unknown("protocol").mark_unknown("ports")
    else:
        protocol = PROTOCOLS.get(str(raw).lower(), str(raw).lower())
        f.set("protocol", protocol)
        if protocol == "all":
            f.set("ports", ALL_PORTS)  # protocol -1: every protocol and port, from/to ignored
        elif protocol in ("icmp", "icmpv6"):
            f.set("ports", ())
        elif is_unknown(low) or is_unknown(high):
            f.mark_unknown("ports")
        elif low is None and high is None:
            f.set("ports", ALL_PORTS)  # tcp/udp without ports (v2 rules) = every port
        else:
            f.set("ports", (port_range(low if low is not None else high, high),))
    side = "source_ranges" if direction == "ingress" else "destination_ranges"
    keys = ("cidr_ipv4", "cidr_ipv6") if v2 else ("cidr_blocks", "ipv6_cidr_blocks")
    ranges = [r for k in keys for r in as_list(rule.get(k))]
    if any(is_unknown(r) for r in ranges) or any(is_unknown(rule.get(k)) for k in keys):
        f.mark_unknown(side)
    known = tuple(r for r in ranges if isinstance(r, str) and r)
    f.set(side, known)
    group_keys = ("referenced_security_group_id",) if v2 else ("security_groups", "source_security_group_id")
    peers = [p for k in group_keys for p in as_list(rule.get(k))]
    if as_bool(rule.get("self")) is True and group:
        peers.append(group)
    if any(is_unknown(p) and not isinstance(p, Ref) for p in peers):
        f.mark_unknown("source_groups")
    f.set("source_groups", tuple(p for p in (reference(ctx, p, "aws_security_group") for p in peers) if p))
    prefix = rule.get("prefix_list_id" if v2 else "prefix_list_ids")
    if prefix and not known and not peers:
        f.mark_unknown(side)  # a prefix list's entries are not part of this resource
    f.set("group", group)
    f.set("targets", (group,) if group else ())
    sg = ctx.get(group) if group else None
    network = reference(ctx, sg.get("vpc_id"), "aws_vpc") if sg is not None else None
    return record(
        FirewallRule,
        res,
        **base_fields(ctx),
        fields=f,
        suffix=suffix,
        relations={"network": [network]},
        extra_native={"rule": {k: v for k, v in rule.items() if not has_unknown(v)}} if suffix else None,
    )


def security_group(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Inline ``ingress``/``egress`` blocks. Terraform removes AWS's default allow-all egress
    rule from groups it creates (aws_security_group docs), so none is invented here."""
    for direction in ("ingress", "egress"):
        for index, block in enumerate(res.blocks(direction)):
            yield _rule(
                res, ctx, direction=direction, rule=block, group=res.address, suffix=f"{direction}-{index}"
            )


def security_group_rule(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    group = reference(ctx, res.get("security_group_id"), "aws_security_group")
    yield _rule(res, ctx, direction=res.get("type"), rule=res.values, group=group)


def vpc_rule(direction: str) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        group = reference(ctx, res.get("security_group_id"), "aws_security_group")
        yield _rule(res, ctx, direction=direction, rule=res.values, group=group, v2=True)

    return translate
