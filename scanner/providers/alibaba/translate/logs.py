"""Log Service Logstores (GetLogStore) into ``log_store`` records.

* ``retention_days``: ``ttl`` in days (3650 keeps data for good and counts as 3650, as the
  model says); unknown when GetLogStore failed or answered no ``ttl``.
* ``kms_key`` and ``retention_locked`` are not read (Logstore encryption is not judged yet;
  Log Service has no retention lock): unknown, never "none".
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import LogStore
from scanner.providers.alibaba.translate.common import MISSING, origin


def logstore_id(account: str, region: str, project: str, name: str) -> str:
    """The Logstore's ARN as RAM names it: ``acs:log:{region}:{account}:project/{p}/logstore/{l}``."""
    return f"acs:log:{region}:{account}:project/{project}/logstore/{name}"


def log_store(account: str, region: str, project: str, name: str, detail: Any) -> LogStore:
    unknown = {"kms_key", "retention_locked"}
    ttl = None if detail is MISSING else detail.get("ttl")
    days = int(ttl) if isinstance(ttl, int) or str(ttl).isdigit() else None
    if days is None:
        unknown.add("retention_days")
    native: dict[str, Any] = {"project": project}
    if detail is not MISSING:
        native.update({k: detail[k] for k in ("ttl", "hot_ttl", "mode", "telemetryType") if k in detail})
    return LogStore(
        provider="alibaba",
        account=account,
        region=region,
        id=logstore_id(account, region, project, name),
        name=f"{project}/{name}",
        origin=origin("sls", "GetLogStore"),
        unknown=frozenset(unknown),
        native=native,
        retention_days=days,
    )
