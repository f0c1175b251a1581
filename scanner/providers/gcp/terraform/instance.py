"""``google_compute_instance`` -> instance records, with one public IP per access config."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Instance,
    Resource,
)
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.translate.common import zone_region
from scanner.sources.terraform.model import UNKNOWN, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def _public_ips(interfaces: list[dict[str, Any]]) -> Any:
    """External addresses of the interfaces, as the live adapter counts them (``natIP`` and ``externalIpv6``).

    An ``access_config`` block gives the VM an external IPv4 address and an
    ``ipv6_access_config`` block an external IPv6 one; either is ``ephemeral``
    when its address (``nat_ip``, ``external_ipv6``) is left out. Unknown when a
    ``dynamic`` block's count of them is.
    """
    public: list[str] = []
    for nic in interfaces:
        for key, address in (("access_config", "nat_ip"), ("ipv6_access_config", "external_ipv6")):
            configs = nic.get(key)
            if is_unknown(configs):
                return UNKNOWN
            for access in configs or []:
                ip = access.get(address) if isinstance(access, dict) else None
                public.append(ip if isinstance(ip, str) and ip else "ephemeral")
    return tuple(public)


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    interfaces = res.blocks("network_interface")
    f = Fields()
    f.set("public_ips", UNKNOWN if is_unknown(res.get("network_interface")) else _public_ips(interfaces))
    f.set("private_ips", [n.get("network_ip") for n in interfaces if n.get("network_ip")], tuple)
    f.set("network_tags", res.get("tags"), tuple)
    account = res.block("service_account").get("email")
    f.set("service_account", account)
    subnets = [ctx.target(n.get("subnetwork"), "google_compute_subnetwork") for n in interfaces]
    networks = [ctx.target(n.get("network"), "google_compute_network") for n in interfaces]
    yield record(
        Instance,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=_zone_region(value(res, "zone", ctx.providers.get("google", "zone"))),
        name=res.get("name"),
        fields=f,
        relations={"subnet": subnets, "network": networks},
    )


def _zone_region(zone: Any) -> Any:
    """The live rule (``us-central1-a`` -> ``us-central1``) for a known zone; unknown stays unknown."""
    return zone_region(zone) if isinstance(zone, str) else zone
