"""``google_project_iam_audit_config`` -> audit_trail records, as the live adapter reads ``auditConfigs``.

Provider documentation (``website/docs/r/google_project_iam.html.markdown``):
``service`` (``allServices`` for every service) and ``audit_log_config``
blocks with ``log_type`` and ``exempted_members``. One record per resource; the
live rule (:func:`scanner.providers.gcp.link.audit_summary`) judges it.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import AuditTrail, Resource
from scanner.providers.gcp import link
from scanner.providers.gcp.terraform.common import account_of
from scanner.sources.terraform.model import TfResource, has_unknown
from scanner.sources.terraform.translate.common import Fields, record
from scanner.sources.terraform.translate.context import TfContext


def audit_config(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    configs = res.blocks("audit_log_config")
    if has_unknown(res.get("service")) or has_unknown(res.get("audit_log_config")):
        for name in ("enabled", "all_services", "event_types", "exempted_members"):
            f.mark_unknown(name)
    else:
        summary = link.audit_summary(
            {
                "auditConfigs": [
                    {
                        "service": res.get("service"),
                        "auditLogConfigs": [
                            {"logType": c.get("log_type"), "exemptedMembers": c.get("exempted_members") or []}
                            for c in configs
                        ],
                    }
                ]
            }
        )
        for name, found in summary.items():
            f.set(name, found)
    yield record(
        AuditTrail, res, provider="gcp", account=account_of(res, ctx), name=res.get("service"), fields=f
    )
