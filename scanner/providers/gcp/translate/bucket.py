"""Cloud Storage buckets into bucket records, with public read/write derived once (link)."""

from __future__ import annotations

import math
from typing import Any

from scanner.inventory.model import Bucket
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base
from scanner.providers.gcp.translate.logs import sink_bucket


def retention_days_of(item: dict[str, Any]) -> int | None:
    """``retentionPolicy.retentionPeriod`` (seconds, as a string) in whole days, rounded up."""
    period = (item.get("retentionPolicy") or {}).get("retentionPeriod")
    try:
        return math.ceil(int(period) / 86400) if period is not None else None
    except (TypeError, ValueError):
        return None


def buckets(raw: ProjectRaw) -> list[Bucket]:
    """``log_destination``: a log sink of the project exports into the bucket (unknown without the sinks)."""
    destinations = (
        {b for s in raw.sinks if (b := sink_bucket(s.get("destination")))} if raw.sinks is not None else None
    )
    out = []
    for item in raw.buckets or []:
        name = item["name"]
        policy = raw.bucket_iam.get(name)
        iam_config = item.get("iamConfiguration", {}) or {}
        kms_key = (item.get("encryption") or {}).get("defaultKmsKeyName")
        public_read: bool | None
        public_write: bool | None
        if link.public_access_prevented(item):  # no public grant takes effect, whatever the policy says
            public_read = public_write = False
        elif policy is not None:
            public_read, public_write = link.bucket_public(item, policy)
        else:  # the IAM policy is unknown, but a public ACL is enough to say yes
            acl_read, acl_write = link.bucket_acl_public(item)
            public_read, public_write = (True if acl_read else None), (True if acl_write else None)
        unknown = {f for f, v in (("public_read", public_read), ("public_write", public_write)) if v is None}
        native = {**item, "iamPolicy": policy} if policy is not None else item
        out.append(
            Bucket(
                **base(
                    raw.project,
                    native,
                    "storage.buckets.list",
                    id=item.get("selfLink") or name,
                    name=name,
                    region=str(item.get("location", "")).lower(),
                ),
                public_read=public_read,
                public_write=public_write,
                encryption="customer_key" if kms_key else "provider",
                kms_key=kms_key,
                versioning=bool((item.get("versioning") or {}).get("enabled", False)),
                access_logging=bool((item.get("logging") or {}).get("logBucket")),
                uniform_access=bool((iam_config.get("uniformBucketLevelAccess") or {}).get("enabled", False)),
                public_access_blocked=iam_config.get("publicAccessPrevention") == "enforced",
                retention_days=retention_days_of(item),
                retention_locked=bool((item.get("retentionPolicy") or {}).get("isLocked", False)),
                log_destination=None if destinations is None else name in destinations,
                unknown=frozenset(unknown | ({"log_destination"} if destinations is None else set())),
            )
        )
    return out
