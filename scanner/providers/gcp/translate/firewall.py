"""VPC firewall rules into one firewall_rule record each, with explicit ports."""

from __future__ import annotations

from scanner.inventory.model import FirewallRule, PortRange
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base
from scanner.rules.network import ALL_PORTS


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
