"""``alicloud_security_group_rule`` -> firewall_rule records (``alicloud_security_group`` itself yields
none).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    FirewallRule,
    Resource,
)
from scanner.providers.alibaba.terraform.common import as_int, base_fields
from scanner.providers.alibaba.translate.firewall import parse_ports
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def nothing(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Security groups carry no facts of their own: their rules are the records."""
    return iter(())


def security_group_rule(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """One ``firewall_rule``; defaults from the alicloud_security_group_rule docs.

    ``policy`` "the default value is `accept`", ``priority`` "default value: 1",
    ``port_range`` "Default to "-1/-1"". Ports are read by the live adapter's rule
    (``scanner.providers.alibaba.translate.firewall.parse_ports``): none for
    icmp/icmpv6/gre, every port for ``-1/-1``.
    ``cidr_ip`` is given no default here: the provider requires one of
    ``cidr_ip``/``source_security_group_id``/``prefix_list_id``/``ipv6_cidr_ip``.
    """
    f = Fields()
    direction = res.get("type")
    if is_unknown(direction) or direction not in ("ingress", "egress"):
        f.mark_unknown("direction")
        direction = "ingress"
    f.set("direction", direction)
    policy = value(res, "policy", "accept")
    f.set("action", policy, lambda p: "deny" if str(p).lower() == "drop" else "allow")
    protocol = res.get("ip_protocol")
    port_spec = value(res, "port_range", "-1/-1")
    if is_unknown(protocol) or protocol is None:
        f.mark_unknown("protocol").mark_unknown("ports")
    else:
        protocol = str(protocol).lower()
        f.set("protocol", protocol)
        ports = UNKNOWN if is_unknown(port_spec) else parse_ports(protocol, str(port_spec))
        if ports is None or is_unknown(ports):
            f.mark_unknown("ports")  # not readable, or known only after apply
        else:
            f.set("ports", ports)
    f.set("priority", as_int(value(res, "priority", 1)))
    side = "source_ranges" if direction == "ingress" else "destination_ranges"
    ranges = [res.get("cidr_ip"), res.get("ipv6_cidr_ip")]
    if any(is_unknown(r) for r in ranges):
        f.mark_unknown(side)
    given = tuple(r for r in ranges if isinstance(r, str) and r)
    f.set(side, given)
    source_group = res.get("source_security_group_id")
    if is_unknown(source_group) and not isinstance(source_group, Ref):
        f.mark_unknown("source_groups")
    peer = reference(ctx, source_group, "alicloud_security_group")
    f.set("source_groups", (peer,) if peer else ())
    if res.get("prefix_list_id") is not None and not given and source_group is None:
        f.mark_unknown(side)  # a prefix list's entries are not part of this resource
    group_ref = res.get("security_group_id")
    group = reference(ctx, group_ref, "alicloud_security_group")
    f.set("group", group)
    f.set("targets", (group,) if group else ())
    sg = ctx.get(group) if group else None
    network = reference(ctx, sg.get("vpc_id"), "alicloud_vpc") if sg is not None else None
    yield record(
        FirewallRule,
        res,
        **base_fields(res, ctx),
        fields=f,
        relations={"network": [network]},
    )
