"""Static (reserved) IP addresses into address records.

Compute v1 ``Address``: ``status`` is ``RESERVING``, ``RESERVED`` (not in use) or
``IN_USE``; ``addressType`` is ``INTERNAL`` or ``EXTERNAL`` (the default when
unspecified). A reserved external address that is not in use is still billed.
"""

from __future__ import annotations

from scanner.inventory.model import Address
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last


def addresses(raw: ProjectRaw) -> list[Address]:
    out = []
    for item in raw.addresses or []:
        users = tuple(u for u in item.get("users", []) or () if "/instances/" in u)
        status = item.get("status")
        out.append(
            Address(
                **base(
                    raw.project,
                    item,
                    "compute.addresses.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=last(item.get("region")),
                ),
                relations={"attached_to": users} if users else {},
                ip=item.get("address"),
                external=item.get("addressType", "EXTERNAL") == "EXTERNAL",
                in_use=None if status == "RESERVING" else status == "IN_USE",
                status=status,
            )
        )
    return out
