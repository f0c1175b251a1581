"""Security Center settings into the ``account`` record, and its agent list for ``instance.security_agent``.

* ``security_center_edition``: DescribeVersionConfig ``Version``: 1 ``basic`` (Free), 3
  ``enterprise``, 5 ``advanced``, 6 ``anti_virus``, 7 ``ultimate``; 8 (several editions) reads
  ``HighestVersion`` the same way; 10 (value-added services only) is ``value_added``.
* ``security_notifications_high``: DescribeNoticeConfig has a notification method (``Route``
  1-7: text message, email, internal message or a mix) for every high-risk item: alerts
  (``sas_suspicious``), vulnerabilities (``sas_vulnerability``), baseline checks
  (``sas_healthcheck``), AccessKey leaks (``yundun_sas_ak_leakage``) and configuration
  assessment (``yundun_sas_config_alert``). An item missing from the list notifies no one.
* ``alerted_changes``: the CIS change classes an enabled Log Service alert rule watches, in
  any region (:mod:`scanner.providers.alibaba.link.log_alerts`); unknown unless ListProject and
  every ListAlerts answered.
* ``vulnerability_scan_scheduled``: DescribeVulConfig switches every periodic scan type on:
  Linux software (``cve``), Windows system (``sys``), Web-CMS (``cms``) and emergency (``emg``).
* ``security_agent`` (instances): DescribeCloudCenterInstances lists the server with
  ``ClientStatus`` ``online``; ``offline``, ``pause`` or not listed is ``false``.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Account
from scanner.providers.alibaba.translate.common import MISSING, origin

EDITIONS = {1: "basic", 3: "enterprise", 5: "advanced", 6: "anti_virus", 7: "ultimate", 10: "value_added"}
HIGH_RISK_NOTICES = (
    "sas_suspicious",
    "sas_vulnerability",
    "sas_healthcheck",
    "yundun_sas_ak_leakage",
    "yundun_sas_config_alert",
)
SCAN_TYPES = ("cve", "sys", "cms", "emg")


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) or str(value).isdigit() else None


def edition(version: dict[str, Any]) -> str | None:
    code = _int(version.get("Version"))
    if code == 8:
        code = _int(version.get("HighestVersion"))
    return EDITIONS.get(code) if code is not None else None


# Account fields the Alibaba adapter does not read (GCP-only ideas, or no export sink yet):
# unknown, never "none", so no policy reads an empty list as "nothing configured".
NOT_READ = frozenset({"log_sink_all_entries", "enabled_services", "essential_contacts",
                      "access_approval", "os_login"})  # fmt: skip


def account(
    account_id: str,
    *,
    version: Any = MISSING,
    notices: Any = MISSING,
    vul: Any = MISSING,
    alerted: Any = MISSING,
) -> Account:
    unknown: set[str] = set(NOT_READ)
    native: dict[str, Any] = {}
    found_edition = None
    if version is MISSING:
        unknown.add("security_center_edition")
    else:
        found_edition = edition(version)
        native["security_center_version"] = {k: version.get(k) for k in ("Version", "HighestVersion")}
    notified = None
    if notices is MISSING:
        unknown.add("security_notifications_high")
    else:
        routes = {str(n.get("Project")): _int(n.get("Route")) or 0 for n in notices}
        notified = all(routes.get(p, 0) > 0 for p in HIGH_RISK_NOTICES)
        native["notices"] = routes
    scanned = None
    if vul is MISSING:
        unknown.add("vulnerability_scan_scheduled")
    else:
        switches = {str(c.get("Type")): str(c.get("Config") or "").lower() for c in vul}
        scanned = all(switches.get(t) == "on" for t in SCAN_TYPES)
        native["vulnerability_scan"] = switches
    if alerted is MISSING:
        unknown.add("alerted_changes")
    return Account(
        provider="alibaba",
        account=account_id,
        region="global",
        id=f"acs:account::{account_id}",
        name=account_id,
        origin=origin("sas", "DescribeVersionConfig+DescribeNoticeConfig+DescribeVulConfig+sls:ListAlerts"),
        unknown=frozenset(unknown),
        native=native,
        security_center_edition=found_edition,
        security_notifications_high=notified,
        vulnerability_scan_scheduled=scanned,
        alerted_changes=() if alerted is MISSING else tuple(alerted),
    )


def agents(listing: Any) -> dict[str, bool] | None:
    """Instance id -> agent online, from DescribeCloudCenterInstances; ``None`` when it was not read."""
    if listing is MISSING or listing is None:
        return None
    return {
        str(i.get("InstanceId")): str(i.get("ClientStatus") or "").lower() == "online"
        for i in listing
        if i.get("InstanceId")
    }
