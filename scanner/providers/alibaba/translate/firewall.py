"""Security group permissions (DescribeSecurityGroupAttribute) into one ``firewall_rule`` each.

* ``Policy`` ``accept``/``drop`` -> allow/deny; ``IpProtocol`` lower-cased (``all`` for ALL).
* ``PortRange`` ``"22/22"``; ``"-1/-1"`` means every port for ALL and none for ICMP.
* A port list (``PortRangeListId``) or a prefix list (``SourcePrefixListId``/``DestPrefixListId``)
  is a reference whose contents the adapter does not fetch: the ports or the ranges
  are marked unknown unless a plain value is also given, so no policy fails on a guess.
* ``SourceGroupId`` becomes ``source_groups``; the group itself is the rule's target.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import FirewallRule, PortRange
from scanner.providers.alibaba.translate.common import items, origin
from scanner.rules.network import ALL_PORTS


def parse_ports(protocol: str, port_range: str | None) -> tuple[PortRange, ...] | None:
    """``None`` when the range cannot be read (it is then marked unknown)."""
    if protocol in ("icmp", "icmpv6", "gre"):
        return ()
    if not port_range:
        return ALL_PORTS if protocol == "all" else None
    start_text, _, end_text = str(port_range).partition("/")
    try:
        start, end = int(start_text), int(end_text or start_text)
    except ValueError:
        return None
    if start == -1 and end == -1:
        return ALL_PORTS
    return (PortRange(max(start, 0), end),)


def _ranges(*values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values if v)


def firewall_rules(account: str, region: str, attribute: dict[str, Any]) -> list[FirewallRule]:
    group_id = attribute["SecurityGroupId"]
    group_name = attribute.get("SecurityGroupName") or group_id
    vpc_id = attribute.get("VpcId")
    rules = []
    for index, perm in enumerate(items(attribute, "Permissions", "Permission")):
        protocol = str(perm.get("IpProtocol") or "all").lower()
        direction = "egress" if str(perm.get("Direction", "")).lower() == "egress" else "ingress"
        unknown = set()
        ports = parse_ports(protocol, perm.get("PortRange"))
        if ports is None or (perm.get("PortRangeListId") and not perm.get("PortRange")):
            ports = ()
            unknown.add("ports")
        sources = _ranges(perm.get("SourceCidrIp"), perm.get("Ipv6SourceCidrIp"))
        destinations = _ranges(perm.get("DestCidrIp"), perm.get("Ipv6DestCidrIp"))
        if perm.get("SourcePrefixListId") and direction == "ingress":
            unknown.add("source_ranges")
        if perm.get("DestPrefixListId") and direction == "egress":
            unknown.add("destination_ranges")
        rule_id = perm.get("SecurityGroupRuleId") or f"{direction}-{index}"
        rules.append(
            FirewallRule(
                provider="alibaba",
                account=account,
                region=region,
                id=f"{group_id}/{rule_id}",
                name=f"{group_name}/{rule_id}",
                origin=origin("ecs", "DescribeSecurityGroupAttribute"),
                relations={"network": (vpc_id,)} if vpc_id else {},
                unknown=frozenset(unknown),
                native=perm,
                direction=direction,
                action="deny" if str(perm.get("Policy", "accept")).lower() == "drop" else "allow",
                protocol=protocol,
                ports=ports,
                source_ranges=sources,
                destination_ranges=destinations,
                source_groups=_ranges(perm.get("SourceGroupId")),
                targets=(group_id,),
                priority=int(perm["Priority"]) if str(perm.get("Priority", "")).isdigit() else None,
                group=group_id,
            )
        )
    return rules
