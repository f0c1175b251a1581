"""Compute Engine instances into instance records, one public IP per access config."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Instance
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, zone_region


def _nat_ip(access_config: dict[str, Any]) -> str | None:
    """The external IPv4 address an access config gives, ``ephemeral`` when it has none right now.

    ``ONE_TO_ONE_NAT`` is the default and only IPv4 access config type. A config
    without ``natIP`` draws an ephemeral address from Google's pool when the VM
    runs; a stopped (``TERMINATED``) VM gives that address back but keeps the
    config, so it is still exposed the moment it starts again.
    """
    if access_config.get("type", "ONE_TO_ONE_NAT") != "ONE_TO_ONE_NAT":
        return None
    return str(access_config.get("natIP") or "ephemeral")


def instances(raw: ProjectRaw) -> list[Instance]:
    out = []
    for item in raw.instances or []:
        interfaces = item.get("networkInterfaces", []) or []
        public = [ip for i in interfaces for c in i.get("accessConfigs", []) or [] if (ip := _nat_ip(c))]
        public += [
            c["externalIpv6"]
            for i in interfaces
            for c in i.get("ipv6AccessConfigs", []) or []
            if c.get("externalIpv6")
        ]
        subnets_ = tuple(i["subnetwork"] for i in interfaces if i.get("subnetwork"))
        networks_ = tuple(dict.fromkeys(i["network"] for i in interfaces if i.get("network")))
        accounts = item.get("serviceAccounts", []) or []
        out.append(
            Instance(
                **base(
                    raw.project,
                    item,
                    "compute.instances.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=zone_region(item.get("zone", "")),
                ),
                relations={k: v for k, v in (("subnet", subnets_), ("network", networks_)) if v},
                public_ips=tuple(public),
                private_ips=tuple(i["networkIP"] for i in interfaces if i.get("networkIP")),
                network_tags=tuple((item.get("tags") or {}).get("items", []) or ()),
                service_account=accounts[0].get("email") if accounts else None,
            )
        )
    return out
