"""Cloud Logging and Monitoring code -> log_sink, log_store, log_metric_alert and the project account.

Provider documentation (``website/docs/r/*.html.markdown`` of
``hashicorp/terraform-provider-google``):

* ``google_logging_project_sink``: ``destination`` (required), ``filter``
  ("Only log entries that match the filter are exported"; left out, every entry
  is), ``disabled`` ("If set to True, then this sink is disabled").
* ``google_logging_project_bucket_config``: ``retention_days`` ``Default: 30``
  (``resource_logging_project_bucket_config.go``; "If this value is set to zero
  at bucket creation time, the default time of 30 days will be used"), ``locked``
  (optional, unset is not locked).
* ``google_logging_metric``: ``name`` and ``filter`` (required), ``disabled``.
* ``google_monitoring_alert_policy``: ``enabled`` ("The default is true"),
  ``conditions`` with ``condition_threshold`` / ``condition_absent`` /
  ``condition_matched_log`` ... blocks carrying a ``filter``,
  ``notification_channels``.

The account facts are derived with the live adapter's own rules
(:func:`scanner.providers.gcp.link.logs.sink_exports_everything` and
:func:`~scanner.providers.gcp.link.logs.alerted_changes`), fed with the code's values
in the API's shape. Code shows what it declares, never what exists beside it (a
sink made in the console, alert policies kept in another repository), so a fact
is decided only when the code plainly manages that part of the project:

* ``log_sink_all_entries``: decided when the root declares at least one sink for
  the project (true when an enabled one has no filter); unknown when it declares
  none, or when a sink's ``filter``/``disabled`` is known only after apply and no
  known sink already exports everything.
* ``alerted_changes``: decided only when the root declares, for the project, a
  log-based metric with the CIS filter of each of the eight change classes of
  CIS GCP 3.0 2.4-2.11 and every metric filter, alert condition filter and
  ``enabled`` value is known; otherwise unknown. A module that declares some of
  the metrics therefore gets no "no alert" finding for the others. An alert
  condition that names its metric through an interpolation
  (``"...user/${google_logging_metric.m.name}\\""``) is known in a plan
  (``terraform show -json``) but not in HCL, where the value is unknown.

The account record is yielded once per project and root, by the first sink or
metric of that project; every other account field (services, contacts, Access
Approval, OS Login) is unknown, since this code does not set them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import Account, LogMetricAlert, LogSink, LogStore, Resource
from scanner.providers.gcp.link import logs as log_rules
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.translate.logs import BUCKET_ID, sink_bucket
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown
from scanner.sources.terraform.translate.common import Fields, as_bool, known_str, record, value
from scanner.sources.terraform.translate.context import TfContext

SINK = "google_logging_project_sink"
METRIC = "google_logging_metric"
ALERT_POLICY = "google_monitoring_alert_policy"
# Account fields a Terraform module of sinks and metrics says nothing about.
NOT_DECLARED = frozenset({"enabled_services", "essential_contacts", "access_approval", "os_login"})


def log_sink(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("filter", value(res, "filter", ""), str)
    f.set("enabled", as_bool(value(res, "disabled", False)), lambda d: not d)
    destination = res.get("destination")
    f.set("destination", destination)
    bucket = sink_bucket(destination) if isinstance(destination, str) else None
    yield record(
        LogSink,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region="",
        name=res.get("name"),
        fields=f,
        relations={"bucket": (BUCKET_ID + bucket,)} if bucket else None,
    )
    yield from _account(res, ctx)


def exports_into(ctx: TfContext, bucket: TfResource) -> Any:
    """``bucket.log_destination``: a sink of the code names the bucket as its destination.

    True when a sink's ``destination`` is ``storage.googleapis.com/NAME`` for the
    bucket's name; unknown when a destination is known only after apply (in HCL,
    ``"storage.googleapis.com/${google_storage_bucket.b.name}"``; a plan has it) and
    none already names the bucket; else false, as live without such a sink.
    """
    name = bucket.get("name")
    if not isinstance(name, str) or not name:
        return UNKNOWN
    unsure = False
    for sink in ctx.of_type(SINK):
        destination = sink.get("destination")
        if has_unknown(destination):
            unsure = True
        elif isinstance(destination, str) and sink_bucket(destination) == name:
            return True
    return UNKNOWN if unsure else False


def log_bucket(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    days = value(res, "retention_days", 30)
    f.set("retention_days", days, lambda d: int(d) or 30)
    f.set("retention_locked", as_bool(value(res, "locked", False)))
    f.set("kms_key", res.block("cmek_settings").get("kms_key_name"))
    yield record(
        LogStore,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=res.get("location"),
        name=res.get("bucket_id"),
        fields=f,
    )


def log_metric(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    log_filter = res.get("filter")
    f.set("filter", log_filter)
    f.set("change_class", UNKNOWN if has_unknown(log_filter) else log_rules.change_class(log_filter))
    name, policies = res.get("name"), _alert_policies(ctx, known_str(account_of(res, ctx), ""))
    alerted = log_rules.alerted_metrics(policies.known)
    if isinstance(name, str) and name in alerted and as_bool(value(res, "disabled", False)) is False:
        f.set("alert_enabled", True)
        f.set("notification_channels", tuple(sorted({c for c in alerted[name] if isinstance(c, str)})))
    else:  # an alert may be declared elsewhere, or hide behind an unknown value
        f.mark_unknown("alert_enabled")
    yield record(
        LogMetricAlert, res, provider="gcp", account=account_of(res, ctx), region="", name=name, fields=f
    )
    yield from _account(res, ctx)


class _Policies:
    """The alert policies of one project in the API's shape, and whether any value of them is unknown."""

    def __init__(self) -> None:
        self.known: list[dict[str, Any]] = []
        self.unknown = False


def _alert_policies(ctx: TfContext, project: str) -> _Policies:
    out = _Policies()
    for res in ctx.of_type(ALERT_POLICY):
        if known_str(account_of(res, ctx), "") != project:
            continue
        enabled = as_bool(value(res, "enabled", True))
        conditions = [
            {k: v[0] for k, v in c.items() if k.startswith("condition_") and isinstance(v, list) and v}
            for c in res.blocks("conditions")
        ]
        if has_unknown(enabled) or has_unknown(conditions) or has_unknown(res.get("conditions")):
            out.unknown = True
        if has_unknown(enabled):  # whether it alerts at all is known only after apply
            continue
        channels = res.get("notification_channels")
        out.known.append(
            {
                "enabled": enabled,
                "conditions": [{k: c for k, c in cond.items() if not has_unknown(c)} for cond in conditions],
                "notificationChannels": [c for c in channels if isinstance(c, str)]
                if isinstance(channels, list)
                else [],
            }
        )
    return out


def _project_resources(ctx: TfContext, project: str, *types: str) -> list[TfResource]:
    return [r for r in ctx.of_type(*types) if known_str(account_of(r, ctx), "") == project]


def _account(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """The project's account record, from the first sink or metric of the project (see the module rules)."""
    project = known_str(account_of(res, ctx), "")
    declared = _project_resources(ctx, project, SINK, METRIC)
    if not declared or declared[0] is not res:
        return
    f = Fields()
    for name in NOT_DECLARED:
        f.mark_unknown(name)
    f.set("log_sink_all_entries", _sink_fact(_project_resources(ctx, project, SINK)))
    f.set("alerted_changes", _alert_fact(_project_resources(ctx, project, METRIC), ctx, project))
    yield record(
        Account,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region="",
        name=project or None,
        fields=f,
        suffix="account",
        extra_native={"derived_from": "terraform logging and monitoring resources"},
    )


def _sink_fact(sinks: list[TfResource]) -> Any:
    if not sinks:
        return UNKNOWN
    known, unsure = [], False
    for sink in sinks:
        log_filter, disabled = value(sink, "filter", ""), as_bool(value(sink, "disabled", False))
        if has_unknown(log_filter) or has_unknown(disabled):
            unsure = True
        else:
            known.append({"filter": log_filter, "disabled": disabled})
    if log_rules.sink_exports_everything(known):
        return True
    return UNKNOWN if unsure else False


def _alert_fact(metrics: list[TfResource], ctx: TfContext, project: str) -> Any:
    found = [{k: m.get(k) for k in ("name", "filter", "disabled")} for m in metrics]
    if has_unknown(found):
        return UNKNOWN
    live = [m for m in found if as_bool(value(m, "disabled", False)) is not True]
    if not set(log_rules.CIS_CHANGE_FILTERS) <= {log_rules.change_class(m["filter"]) for m in live}:
        return UNKNOWN  # the code does not declare the project's CIS metrics: absence is not shown
    policies = _alert_policies(ctx, project)
    if policies.unknown:
        return UNKNOWN
    return log_rules.alerted_changes(live, policies.known)
