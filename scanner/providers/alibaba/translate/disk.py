"""ECS cloud disks and snapshots into ``disk`` and ``disk_snapshot`` records.

* ``attached``: ``Status`` ``In_use`` (DescribeDisks documents ``In_use``, ``Available``,
  ``Attaching``, ``Detaching``, ``Creating``, ``ReIniting``); ``Available`` is unattached. The
  transient states leave it unknown rather than guess. Relation ``instance``: ``InstanceId``
  and every ``Attachments.Attachment[].InstanceId`` (multi-attach disks).
* ``encryption``: ``Encrypted`` true with a ``KMSKeyId`` is ``customer_key`` (ECS encrypts with
  the KMS key named there, the service key ``alias/acs/ecs`` included: ECS reports its id the
  same way, so a customer key cannot be told apart without KMS; the key id is kept), true
  without a key ``provider``, false ``none``.
* ``boot``: ``Type`` ``system``. ``created_days`` from ``CreationTime``.
* Snapshots: ``age_days`` from ``CreationTime``, ``source_disk`` ``SourceDiskId``,
  ``size_gb`` ``SourceDiskSize``, ``automatic`` ``SnapshotType`` ``auto``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Disk, DiskSnapshot
from scanner.providers.alibaba.translate.common import days_between, items, origin, parse_time, tags, truthy

_ATTACHED = {"in_use": True, "available": False}


def _encryption(raw: dict[str, Any]) -> tuple[str | None, str | None]:
    encrypted = truthy(raw.get("Encrypted"))
    if encrypted is None:
        return None, None
    key = raw.get("KMSKeyId") or None
    if not encrypted:
        return "none", None
    return ("customer_key", key) if key else ("provider", None)


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or str(value).isdigit() else None


def disk(account: str, region: str, raw: dict[str, Any], now: datetime) -> Disk:
    status = str(raw.get("Status") or "")
    attached = _ATTACHED.get(status.lower())
    instances = [raw.get("InstanceId")] + [
        a.get("InstanceId") for a in items(raw, "Attachments", "Attachment")
    ]
    instance_ids = tuple(dict.fromkeys(i for i in instances if i))
    encryption, key = _encryption(raw)
    unknown = {f for f, v in (("attached", attached), ("encryption", encryption)) if v is None}
    return Disk(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["DiskId"],
        name=raw.get("DiskName") or raw["DiskId"],
        origin=origin("ecs", "DescribeDisks"),
        relations={"instance": instance_ids} if instance_ids else {},
        tags=tags(raw, "Tags", "Tag"),
        unknown=frozenset(unknown),
        native=raw,
        attached=attached,
        status=status or None,
        size_gb=_int(raw.get("Size")),
        disk_type=raw.get("Category"),
        encryption=encryption,  # type: ignore[arg-type]
        kms_key=key,
        boot=str(raw.get("Type") or "").lower() == "system" if raw.get("Type") else None,
        created_days=days_between(parse_time(raw.get("CreationTime")), now),
    )


def snapshot(account: str, region: str, raw: dict[str, Any], now: datetime) -> DiskSnapshot:
    encryption, key = _encryption(raw)
    kind = str(raw.get("SnapshotType") or "").lower()
    return DiskSnapshot(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["SnapshotId"],
        name=raw.get("SnapshotName") or raw["SnapshotId"],
        origin=origin("ecs", "DescribeSnapshots"),
        tags=tags(raw, "Tags", "Tag"),
        native=raw,
        age_days=days_between(parse_time(raw.get("CreationTime")), now),
        size_gb=_int(raw.get("SourceDiskSize")),
        source_disk=raw.get("SourceDiskId") or None,
        automatic=kind == "auto" if kind else None,
        encryption=encryption,  # type: ignore[arg-type]
        kms_key=key,
    )
