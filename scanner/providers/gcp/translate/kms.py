"""Cloud KMS crypto keys into kms_key records: state, purpose, rotation, and whether the key is public.

``rotationPeriod`` is a duration in seconds (``"7776000s"`` is 90 days); a key
without one is not rotated automatically. ``state`` is the primary version's
(symmetric keys have one; asymmetric keys do not, and are not rotated).
``public``: ``allUsers``/``allAuthenticatedUsers`` in the key's IAM policy
(unknown when that policy could not be read).
"""

from __future__ import annotations

import math

from scanner.inventory.model import KmsKey
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last


def duration_days(value: object) -> int | None:
    """A protobuf JSON duration (``"7776000s"``, ``"7776000.5s"``) in whole days, rounded up."""
    text = str(value or "").strip()
    if not text.endswith("s"):
        return None
    try:
        return math.ceil(float(text[:-1]) / 86400)
    except ValueError:
        return None


def keys(raw: ProjectRaw) -> list[KmsKey]:
    out = []
    for item in raw.kms_keys or []:
        name = item["name"]
        policy = raw.kms_key_iam.get(name)
        primary = item.get("primary") or {}
        state = str(primary.get("state", "")).lower() or None
        native = {**item, "iamPolicy": policy} if policy is not None else item
        out.append(
            KmsKey(
                **base(
                    raw.project,
                    native,
                    "cloudkms.projects.locations.keyRings.cryptoKeys.list",
                    id=name,
                    name=last(name),
                    region=name.split("/locations/")[1].split("/")[0] if "/locations/" in name else "",
                ),
                state=state,
                purpose=str(item.get("purpose", "")).lower() or None,
                rotation_period_days=duration_days(item.get("rotationPeriod")),
                public=bool(link.public_members(policy)) if policy is not None else None,
                origin_external=bool(item.get("importOnly", False)),
                unknown=frozenset() if policy is not None else frozenset({"public"}),
            )
        )
    return out
