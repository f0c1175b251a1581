"""Persistent disks and snapshots into disk and disk_snapshot records.

Encryption (Compute v1 ``CustomerEncryptionKey``): a ``kmsKeyName`` is a
customer-managed key, a ``sha256`` of a key the customer supplied (CSEK) is
``customer_supplied``, and otherwise Google encrypts with its own keys
(``provider``): Compute Engine encrypts every disk at rest.
A disk is attached when it has ``users`` (the instances using it); its
``instance_stopped_days`` is that instance's, from the same collection.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Disk, DiskSnapshot
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, days_since, last, zone_region


def encryption(key: dict[str, Any] | None) -> tuple[str, str | None]:
    """(encryption, kms key) from a ``CustomerEncryptionKey``."""
    key = key or {}
    if key.get("kmsKeyName"):
        return "customer_key", str(key["kmsKeyName"])
    if key.get("sha256") or key.get("rawKey") or key.get("rsaEncryptedKey"):
        return "customer_supplied", None
    return "provider", None


def _size(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _stopped_days(raw: ProjectRaw, now: datetime) -> dict[str, int]:
    """Instance self link -> days since it stopped, for the stopped ones."""
    return {
        i["selfLink"]: d
        for i in raw.instances or []
        if i.get("status") == "TERMINATED" and (d := days_since(i.get("lastStopTimestamp"), now)) is not None
    }


def disks(raw: ProjectRaw, now: datetime) -> list[Disk]:
    stopped = _stopped_days(raw, now)
    boot = {
        d.get("source")
        for i in raw.instances or []
        for d in i.get("disks", []) or []
        if d.get("boot") and d.get("source")
    }
    out = []
    for item in raw.disks or []:
        users = tuple(item.get("users", []) or ())
        kind, key = encryption(item.get("diskEncryptionKey"))
        location = item.get("zone") or item.get("region") or ""
        days = [stopped[u] for u in users if u in stopped]
        out.append(
            Disk(
                **base(
                    raw.project,
                    item,
                    "compute.disks.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=zone_region(location) if item.get("zone") else last(location),
                ),
                relations={"instance": users} if users else {},
                attached=bool(users),
                status=item.get("status"),
                size_gb=_size(item.get("sizeGb")),
                disk_type=last(item.get("type")) or None,
                encryption=kind,  # type: ignore[arg-type]
                kms_key=key,
                boot=item["selfLink"] in boot,
                # every user stopped: the smallest count; one running user: the disk is in use
                instance_stopped_days=min(days) if users and len(days) == len(users) else None,
                created_days=days_since(item.get("creationTimestamp"), now),
            )
        )
    return out


def snapshots(raw: ProjectRaw, now: datetime) -> list[DiskSnapshot]:
    out = []
    for item in raw.snapshots or []:
        kind, key = encryption(item.get("snapshotEncryptionKey"))
        out.append(
            DiskSnapshot(
                **base(
                    raw.project,
                    item,
                    "compute.snapshots.list",
                    id=item["selfLink"],
                    name=item["name"],
                    region="",
                ),
                age_days=days_since(item.get("creationTimestamp"), now),
                size_gb=_size(item.get("diskSizeGb")),
                source_disk=item.get("sourceDisk"),
                automatic=bool(item.get("autoCreated", False)),
                encryption=kind,  # type: ignore[arg-type]
                kms_key=key,
            )
        )
    return out
