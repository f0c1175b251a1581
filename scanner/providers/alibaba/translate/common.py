"""Small helpers shared by the translate modules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Origin

# A detail whose API call failed: its fields become unknown, never a false "no".
MISSING: Any = object()


def origin(product: str, operation: str) -> Origin:
    return Origin(source="api", call=f"{product}:{operation}")


def as_list(value: Any) -> list[Any]:
    """APIs and policy JSON give a lone item bare (``"Action": "*"``): ``None`` -> ``[]``, x -> ``[x]``."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def items(data: Any, *path: str) -> list[Any]:
    """The list at ``path`` in an API dict (``{"Tags": {"Tag": [...]}}``); missing parts give ``[]``."""
    for key in path:
        if not isinstance(data, dict):
            return []
        data = data.get(key)
    return as_list(data)


def tags(data: dict[str, Any], *path: str) -> dict[str, str]:
    """Alibaba tags come as ``Key``/``Value`` (VPC, RDS) or ``TagKey``/``TagValue`` (ECS)."""
    out: dict[str, str] = {}
    for tag in items(data, *path):
        key = tag.get("Key", tag.get("TagKey"))
        if key:
            out[str(key)] = str(tag.get("Value", tag.get("TagValue")) or "")
    return out


def truthy(value: Any) -> bool | None:
    """Booleans arrive as ``true``, ``"true"``, ``"Yes"``, ``"on"``, ``"Enabled"`` ... or not at all."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "yes", "on", "enabled", "enable", "1"}


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 times as the APIs print them (``2024-01-02T03:04:05Z``, with or without seconds)."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    for candidate in (text, text.replace("+00:00", ":00+00:00")):
        try:
            return datetime.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def days_between(earlier: datetime | None, now: datetime) -> int | None:
    if earlier is None:
        return None
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=now.tzinfo)
    return max(0, (now - earlier).days)
