"""What collection gathered for one account: raw API dicts by (region, name, item), and the failed calls.

The jobs of :mod:`.plan` fill it in (through :mod:`.runner`); the translate step
only reads it, so translation can be unit-tested from canned answers without any
server. Global products (RAM, IMS, the OSS bucket list) are filed under the region
:data:`GLOBAL`; OSS per-bucket data under the bucket's own region (:func:`bucket_region`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scanner.findings import NOT_IN_USE
from scanner.providers.alibaba.errors import ErrorInfo

GLOBAL = "global"

RawKey = tuple[str, str, str]  # (region, name, item id or "")


def bucket_region(bucket: dict[str, Any]) -> str:
    """``Region`` when OSS reports it, else ``Location`` without its ``oss-`` prefix."""
    region = bucket.get("Region") or ""
    if not region:
        location = bucket.get("Location") or ""
        region = location[4:] if location.startswith("oss-") else location
    return region or GLOBAL


@dataclass(frozen=True)
class Failure:
    product: str
    operation: str
    region: str
    info: ErrorInfo

    @property
    def not_in_use(self) -> bool:
        """The product is not activated: nothing of it exists (a note, not a gap)."""
        return self.info.code == NOT_IN_USE


@dataclass
class Collected:
    raw: dict[RawKey, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def get(self, region: str, name: str, item: str = "", default: Any = None) -> Any:
        return self.raw.get((region, name, item), default)

    def has(self, region: str, name: str, item: str = "") -> bool:
        return (region, name, item) in self.raw

    def regions(self) -> list[str]:
        return sorted({region for region, _, _ in self.raw})
