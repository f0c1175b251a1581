"""Small helpers shared by the translate modules: names from URLs, origins, common fields."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Origin

COMPUTE_PREFIX = "https://www.googleapis.com/compute/v1/"


def last(url: str | None) -> str:
    """The last path segment of a self link or name: ``.../regions/us-central1`` -> ``us-central1``."""
    return (url or "").rstrip("/").rsplit("/", 1)[-1]


def zone_region(zone: str) -> str:
    """``us-central1-a`` -> ``us-central1``."""
    name = last(zone)
    return name.rsplit("-", 1)[0] if name.count("-") >= 2 else name


def compute_link(reference: str) -> str:
    """A network or subnetwork reference as the full self link that identifies it.

    Cloud SQL reports ``privateNetwork`` as ``projects/P/global/networks/N``; Compute
    reports full URLs. Relations need one form.
    """
    if reference.startswith(("https://", "http://")):
        return reference
    return COMPUTE_PREFIX + reference.lstrip("/")


def origin(call: str) -> Origin:
    return Origin(source="api", call=call)


def base(project: str, raw: dict[str, Any], call: str, *, id: str, name: str, region: str) -> dict[str, Any]:
    """Identity fields every record needs, with the raw response kept as ``native``."""
    return {
        "provider": "gcp",
        "account": project,
        "id": id,
        "name": name,
        "region": region or "global",
        "origin": origin(call),
        "tags": {str(k): str(v) for k, v in (raw.get("labels") or {}).items()},
        "native": raw,
    }
