"""Small helpers shared by the translate modules: names from URLs, origins, common fields."""

from __future__ import annotations

from datetime import datetime
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


def is_region(location: str) -> bool:
    """Whether a location names a single region (``us-central1``, ``US-CENTRAL1``).

    Region names always carry a hyphen. Locations that span regions do not:
    Cloud Storage multi-regions (``US``, ``EU``, ``ASIA``) and predefined
    dual-regions (``NAM4``, ``EUR4``, ``ASIA1``), Artifact Registry
    multi-regions (``us``, ``europe``, ``asia``), and ``global``.
    """
    return "-" in location


def location_wanted(location: str, regions: frozenset[str]) -> bool:
    """The ``--region`` rule: keep a location in ``regions`` (lower case), or one that is not a region.

    A multi-region or dual-region bucket or repository has no single region to
    match, so it is kept like a global resource rather than silently dropped.
    """
    return not regions or not is_region(location) or location.lower() in regions


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


def parse_time(value: Any) -> datetime | None:
    """An RFC 3339 timestamp as Google APIs write it (``2023-01-15T10:20:30.123Z``, ``-07:00``), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def days_since(value: Any, now: datetime) -> int | None:
    """Whole days from an RFC 3339 timestamp to ``now``; ``None`` when there is no readable time."""
    earlier = parse_time(value)
    if earlier is None:
        return None
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=now.tzinfo)
    return max(0, (now - earlier).days)
