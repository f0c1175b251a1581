"""API keys into api_key records: age, the APIs a key may call, and whether its use is restricted.

``restrictions.apiTargets[].service`` are the APIs; any of the browser, server,
Android or iOS restrictions is an application restriction. Deleted keys (with a
``deleteTime``) are left out.
"""

from __future__ import annotations

from datetime import datetime

from scanner.inventory.model import ApiKey
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, days_since, last

APPLICATION_RESTRICTIONS = (
    "browserKeyRestrictions",
    "serverKeyRestrictions",
    "androidKeyRestrictions",
    "iosKeyRestrictions",
)


def keys(raw: ProjectRaw, now: datetime) -> list[ApiKey]:
    out = []
    for item in raw.api_keys or []:
        if item.get("deleteTime"):
            continue
        restrictions = item.get("restrictions") or {}
        out.append(
            ApiKey(
                **base(
                    raw.project,
                    {k: v for k, v in item.items() if k != "keyString"},
                    "apikeys.projects.locations.keys.list",
                    id=f"//apikeys.googleapis.com/{item['name']}",
                    name=item.get("displayName") or last(item["name"]),
                    region="",
                ),
                age_days=days_since(item.get("createTime"), now),
                api_restrictions=tuple(
                    sorted(
                        {
                            str(t["service"])
                            for t in restrictions.get("apiTargets", []) or []
                            if t.get("service")
                        }
                    )
                ),
                application_restrictions=any(restrictions.get(k) for k in APPLICATION_RESTRICTIONS),
            )
        )
    return out
