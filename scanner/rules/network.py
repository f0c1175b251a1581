"""Network facts every cloud reads alike: what "the internet" is, port ranges, protocol numbers.

The inventory's ``PortRange`` is inclusive; ``-1`` means "any port" in Alibaba
Cloud and AWS APIs and Terraform providers, so it reads as ``0-65535``.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import PortRange

# A route to one of these, or a rule that admits one of these, reaches the whole internet.
INTERNET_V4 = "0.0.0.0/0"
INTERNET_V6 = "::/0"
DEFAULT_ROUTES: tuple[str, ...] = (INTERNET_V4, INTERNET_V6)

ALL_PORTS: tuple[PortRange, ...] = (PortRange(0, 65535),)

# IANA assigned internet protocol numbers, as the names the inventory uses. A cloud
# reads only the numbers its API documents (see each provider's firewall module).
PROTOCOL_NUMBERS: dict[str, str] = {
    "1": "icmp",
    "4": "ipip",
    "6": "tcp",
    "17": "udp",
    "50": "esp",
    "51": "ah",
    "58": "icmpv6",
    "132": "sctp",
}


def protocol_names(*numbers: str) -> dict[str, str]:
    """The number -> name entries of :data:`PROTOCOL_NUMBERS` for ``numbers`` (one cloud's set)."""
    return {n: PROTOCOL_NUMBERS[n] for n in numbers}


def port_range(start: Any, end: Any = None) -> PortRange:
    """An inclusive range; ``-1`` (any port in Alibaba and AWS) becomes ``0-65535``."""
    low = int(start)
    high = int(end) if end is not None else low
    if low < 0 or high < 0:
        return ALL_PORTS[0]
    return PortRange(low, high)


def parse_ports(spec: Any) -> PortRange:
    """``"22"``, ``"80-90"``, ``"22/22"`` or ``"-1/-1"`` as a :class:`PortRange`."""
    text = str(spec).strip()
    if text.startswith("-1"):
        return ALL_PORTS[0]
    sep = "/" if "/" in text else "-"
    low, _, high = text.partition(sep)
    return port_range(low, high or low)
