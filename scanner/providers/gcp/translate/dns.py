"""Cloud DNS managed zones into dns_zone records (DNSSEC and its key algorithms, query logging).

``dnssecConfig.state`` is ``on``, ``off`` or ``transfer``; the key algorithms
(``defaultKeySpecs[].algorithm`` by ``keyType`` ``keySigning``/``zoneSigning``)
matter only while DNSSEC signs the zone, so a zone with DNSSEC off reports none.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import DnsZone
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base


def _algorithms(specs: list[dict[str, Any]], key_type: str) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                str(s["algorithm"]).lower()
                for s in specs
                if s.get("keyType") == key_type and s.get("algorithm")
            }
        )
    )


def zones(raw: ProjectRaw) -> list[DnsZone]:
    out = []
    for item in raw.dns_zones or []:
        dnssec = item.get("dnssecConfig") or {}
        signing = str(dnssec.get("state", "off")).lower() != "off"
        specs = (dnssec.get("defaultKeySpecs") or []) if signing else []
        visibility = str(item.get("visibility", "public")).lower()
        out.append(
            DnsZone(
                **base(
                    raw.project,
                    item,
                    "dns.managedZones.list",
                    id=f"//dns.googleapis.com/projects/{raw.project}/managedZones/{item['name']}",
                    name=item["name"],
                    region="",
                ),
                dns_name=item.get("dnsName"),
                visibility=visibility if visibility in ("public", "private") else None,  # type: ignore[arg-type]
                dnssec=str(dnssec.get("state", "off")).lower() == "on",
                key_signing_algorithms=_algorithms(specs, "keySigning"),
                zone_signing_algorithms=_algorithms(specs, "zoneSigning"),
                logging=bool((item.get("cloudLoggingConfig") or {}).get("enableLogging", False)),
            )
        )
    return out
