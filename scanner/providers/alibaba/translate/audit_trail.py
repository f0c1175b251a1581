"""ActionTrail trails (DescribeTrails) into ``audit_trail`` records.

* ``enabled``: ``Status`` ``Enable`` (``Disable``: stopped; ``Fresh``: created, never started).
* ``all_regions``: ``TrailRegion`` ``All`` (a region id means that region only).
* ``event_types``: ``EventRW`` ``All`` is read and write, ``Read`` read, ``Write`` (the default) write.
* ``all_services``: a trail records every service by nature.
* relation ``bucket``: ``OssBucketName`` as this account's OSS bucket id, so the link to the
  bucket record (and its public flags) follows; relation ``log_store``: ``SlsProjectArn``.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import AuditTrail
from scanner.providers.alibaba.translate.common import origin

_EVENTS = {"all": ("read", "write"), "read": ("read",), "write": ("write",)}


def bucket_id(account: str, name: str) -> str:
    """The id :mod:`.bucket` gives an OSS bucket."""
    return f"acs:oss:*:{account}:{name}"


def trail(account: str, raw: dict[str, Any]) -> AuditTrail:
    name = str(raw.get("Name") or "")
    relations: dict[str, tuple[str, ...]] = {}
    if raw.get("OssBucketName"):
        relations["bucket"] = (bucket_id(account, str(raw["OssBucketName"])),)
    if raw.get("SlsProjectArn"):
        relations["log_store"] = (str(raw["SlsProjectArn"]),)
    status = str(raw.get("Status") or "")
    region = str(raw.get("TrailRegion") or "")
    events = str(raw.get("EventRW") or "Write").lower()
    unknown = {f for f, v in (("enabled", status), ("all_regions", region)) if not v}
    return AuditTrail(
        provider="alibaba",
        account=account,
        region="global",  # account-wide: its TrailRegion says what it records, HomeRegion is in native
        id=str(raw.get("TrailArn") or f"acs:actiontrail:{raw.get('HomeRegion')}:{account}:trail/{name}"),
        name=name,
        origin=origin("actiontrail", "DescribeTrails"),
        relations=relations,
        unknown=frozenset(unknown),
        native=raw,
        enabled=status == "Enable" if status else None,
        all_regions=region == "All" if region else None,
        event_types=_EVENTS.get(events, ()),
        all_services=True,
    )
