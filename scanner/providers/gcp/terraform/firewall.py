"""``google_compute_firewall`` -> one firewall_rule record per allow/deny entry, with the API's default
source range and priority.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    FirewallRule,
    Resource,
)
from scanner.providers.gcp.link import (
    PORTED_PROTOCOLS,
    firewall_protocol,
)
from scanner.providers.gcp.terraform.common import account_of
from scanner.rules.network import ALL_PORTS, INTERNET_V4, parse_ports
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext

DEFAULT_PRIORITY = 1000
DEFAULT_SOURCE_RANGE = INTERNET_V4


def _ports(protocol: str, ports: Any) -> Any:
    if is_unknown(ports) or has_unknown(ports):
        return UNKNOWN
    if not ports:
        return ALL_PORTS if protocol in PORTED_PROTOCOLS else ()
    return tuple(parse_ports(p) for p in ports)


def _source_ranges(res: TfResource, direction: Any) -> Any:
    """The rule's source ranges, with the API's ``0.0.0.0/0`` when an ingress rule names no source."""
    ranges = res.get("source_ranges")
    if ranges or has_unknown(ranges) or str(direction).upper() == "EGRESS":
        return ranges
    others = [res.get("source_tags"), res.get("source_service_accounts")]
    if is_unknown(direction) or any(has_unknown(o) for o in others):
        return UNKNOWN  # whether the default applies is not known before apply
    return ranges if any(others) else [DEFAULT_SOURCE_RANGE]


def _joined(res: TfResource, *keys: str) -> Any:
    """Several list attributes as one list; unknown when any of them is (an unknown list is falsy)."""
    lists = [res.get(k) for k in keys]
    if any(is_unknown(v) for v in lists):
        return UNKNOWN
    return [item for v in lists for item in (v or [])]


def firewall(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """One record per ``allow``/``deny`` block: each has its own protocol and ports."""
    entries = [("allow", b) for b in res.blocks("allow")] + [("deny", b) for b in res.blocks("deny")]
    direction = value(res, "direction", "INGRESS")
    net_address = ctx.target(res.get("network"), "google_compute_network")
    sources = _source_ranges(res, direction)
    for index, (action, entry) in enumerate(entries):
        protocol = entry.get("protocol")
        if isinstance(protocol, str | int) and not isinstance(protocol, bool):
            protocol = firewall_protocol(protocol)  # "6" is tcp, as the live adapter reads it
        f = Fields()
        f.set("direction", direction, lambda d: "egress" if str(d).upper() == "EGRESS" else "ingress")
        f.set("action", action)
        f.set("protocol", protocol)
        if not is_unknown(protocol):
            f.set("ports", _ports(str(protocol), entry.get("ports")))
        else:
            f.mark_unknown("ports")
        f.set("source_ranges", sources, tuple)
        f.set("destination_ranges", res.get("destination_ranges"), tuple)
        f.set("source_groups", _joined(res, "source_tags", "source_service_accounts"), tuple)
        f.set("targets", _joined(res, "target_tags", "target_service_accounts"), tuple)
        f.set("priority", value(res, "priority", DEFAULT_PRIORITY), int)
        f.set("disabled", as_bool(value(res, "disabled", False)))
        f.set("group", res.address)
        if direction is UNKNOWN or is_unknown(direction):
            f.values["direction"] = "ingress"  # a required field; marked unknown above
        yield record(
            FirewallRule,
            res,
            provider="gcp",
            account=account_of(res, ctx),
            name=res.get("name"),
            fields=f,
            relations={"network": [net_address]},
            suffix=str(index) if len(entries) > 1 else "",
        )
