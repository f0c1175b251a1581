"""The project itself as one account record: its project-wide settings and the derived logging facts.

Every list field the collection could not read is named in ``unknown``, so no
policy reports "no alert", "no contact" or "service off" for a project whose
answer it never saw (see :mod:`scanner.inventory.model.identity` ``Account``).
"""

from __future__ import annotations

from scanner.inventory.model import Account
from scanner.providers.gcp import link
from scanner.providers.gcp.link import logs as log_rules
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base


def accounts(raw: ProjectRaw) -> list[Account]:
    unknown: set[str] = set()
    os_login = None
    if raw.compute_project is not None:
        metadata = link.metadata_items(raw.compute_project.get("commonInstanceMetadata"))
        os_login = bool(link.metadata_true(metadata.get("enable-oslogin")))
    fields = {
        "os_login": os_login,
        **_services(raw, unknown),
        **_contacts(raw, unknown),
        **_logging(raw, unknown),
    }
    if raw.access_approval is not None:
        fields["access_approval"] = log_rules.access_approval_enrolled(raw.access_approval)
    native = {"project": raw.project, "servicesNotInUse": sorted(raw.not_in_use)} if raw.not_in_use else {}
    return [
        Account(
            **base(
                raw.project,
                native,
                "cloudresourcemanager.projects.get",
                id=f"//cloudresourcemanager.googleapis.com/projects/{raw.project}",
                name=raw.project,
                region="",
            ),
            unknown=frozenset(unknown),
            **fields,
        )
    ]


def _services(raw: ProjectRaw, unknown: set[str]) -> dict[str, object]:
    if raw.enabled_services is None:
        unknown.add("enabled_services")
        return {}
    return {"enabled_services": tuple(sorted(raw.enabled_services))}


def _contacts(raw: ProjectRaw, unknown: set[str]) -> dict[str, object]:
    if raw.essential_contacts is None:
        unknown.add("essential_contacts")
        return {}
    return {"essential_contacts": log_rules.contact_categories(raw.essential_contacts)}


def _logging(raw: ProjectRaw, unknown: set[str]) -> dict[str, object]:
    fields: dict[str, object] = {}
    if raw.sinks is None:
        unknown.add("log_sink_all_entries")
    else:
        fields["log_sink_all_entries"] = log_rules.sink_exports_everything(raw.sinks)
    if raw.log_metrics is None or raw.alert_policies is None:
        unknown.add("alerted_changes")
    else:
        fields["alerted_changes"] = log_rules.alerted_changes(raw.log_metrics, raw.alert_policies)
    return fields
