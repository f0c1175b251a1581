"""Project-wide logging facts for the account record: a sink for every entry, alerts per CIS change class.

Shared by the live adapter (:mod:`scanner.providers.gcp.translate.account`) and the
Terraform translator (:mod:`scanner.providers.gcp.terraform.logging`), so code and
cloud are judged by one rule. Part of :mod:`scanner.providers.gcp.link`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# -- Project-wide logging and settings facts (account record) -------------------------------------------
#
# * **account log_sink_all_entries**: an enabled (``disabled`` not true) log sink has an
#   empty ``filter``, so it exports every entry (CIS GCP 2.2).
# * **account alerted_changes**: a log-based metric whose ``filter`` is the CIS GCP 3.0
#   filter of a change class (compared with all white space removed) and an enabled
#   alert policy with a condition on that metric
#   (``metric.type="logging.googleapis.com/user/NAME"`` in the condition's filter).
#   The filters are those of CIS GCP 3.0 sections 2.4-2.11 (as elastic/cloudbeat
#   ``security-policies/bundle/compliance/cis_gcp/rules/cis_2_*`` and prowler's
#   ``logging_log_metric_filter_and_alert_for_*`` checks quote them).
# * **account essential_contacts**: the lower-case ``notificationCategorySubscriptions``
#   of the project's Essential Contacts (``contacts.list``).
# * **account access_approval**: Access Approval settings list enrolled services.

CIS_CHANGE_FILTERS: dict[str, str] = {
    "project_ownership": '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") '
    "AND (ProjectOwnership OR projectOwnerInvitee) "
    'OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" '
    'AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") '
    'OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" '
    'AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")',
    "audit_configuration": 'protoPayload.methodName="SetIamPolicy" '
    "AND protoPayload.serviceData.policyDelta.auditConfigDeltas:*",
    "custom_role": 'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" '
    'OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" '
    'OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")',
    "firewall_rule": 'resource.type="gce_firewall_rule" '
    'AND (protoPayload.methodName:"compute.firewalls.patch" '
    'OR protoPayload.methodName:"compute.firewalls.insert" '
    'OR protoPayload.methodName:"compute.firewalls.delete")',
    "network_route": 'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" '
    'OR protoPayload.methodName:"compute.routes.insert")',
    "network": 'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" '
    'OR protoPayload.methodName:"compute.networks.patch" '
    'OR protoPayload.methodName:"compute.networks.delete" '
    'OR protoPayload.methodName:"compute.networks.removePeering" '
    'OR protoPayload.methodName:"compute.networks.addPeering")',
    "bucket_permission": 'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"',
    "database_configuration": 'protoPayload.methodName="cloudsql.instances.update"',
}
_WHITESPACE = re.compile(r"\s+")
_USER_METRIC = re.compile(r'metric\.type\s*=\s*"logging\.googleapis\.com/user/([^"]+)"')


def _squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)


_CLASS_OF_FILTER = {_squeeze(f): c for c, f in CIS_CHANGE_FILTERS.items()}


def change_class(log_filter: str | None) -> str | None:
    """The CIS change class whose filter ``log_filter`` is (white space aside), or ``None``."""
    return _CLASS_OF_FILTER.get(_squeeze(log_filter or ""))


def alerted_metrics(alert_policies: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """User metric name -> notification channels of the enabled alert policies with a condition on it."""
    found: dict[str, list[str]] = {}
    for policy in alert_policies:
        if policy.get("enabled") is False:  # the API default is enabled
            continue
        for condition in policy.get("conditions", []) or []:
            for part in condition.values():
                text = part.get("filter", "") if isinstance(part, Mapping) else ""
                for name in _USER_METRIC.findall(str(text)):
                    found.setdefault(name, []).extend(policy.get("notificationChannels", []) or [])
    return found


def alerted_changes(
    metrics: Iterable[Mapping[str, Any]], alert_policies: Iterable[Mapping[str, Any]]
) -> tuple[str, ...]:
    alerted = alerted_metrics(alert_policies)
    classes = {
        cls
        for m in metrics
        if (cls := change_class(m.get("filter"))) is not None and str(m.get("name", "")) in alerted
    }
    return tuple(sorted(classes))


def sink_exports_everything(sinks: Iterable[Mapping[str, Any]]) -> bool:
    return any(not s.get("disabled", False) and not str(s.get("filter") or "").strip() for s in sinks)


def contact_categories(contacts: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                str(c).lower()
                for contact in contacts
                for c in contact.get("notificationCategorySubscriptions", []) or []
                if c and c != "NOTIFICATION_CATEGORY_UNSPECIFIED"
            }
        )
    )


def access_approval_enrolled(settings: Mapping[str, Any]) -> bool:
    return bool(settings.get("enrolledServices"))
