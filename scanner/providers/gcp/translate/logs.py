"""Cloud Logging sinks, log buckets and log-based metrics into log_sink, log_store and log_metric_alert.

A metric's ``change_class`` is the CIS change class whose filter it is, and
``alert_enabled`` whether an enabled Monitoring alert policy has a condition on
it (:mod:`..link`); unknown when the alert policies could not be read.
"""

from __future__ import annotations

from scanner.inventory.model import LogMetricAlert, LogSink, LogStore
from scanner.providers.gcp.link import logs as log_rules
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last

STORAGE_DESTINATION = "storage.googleapis.com/"
BUCKET_ID = "https://www.googleapis.com/storage/v1/b/"


def sink_bucket(destination: str | None) -> str | None:
    """The Cloud Storage bucket a sink's ``destination`` names, or ``None``."""
    if destination and destination.startswith(STORAGE_DESTINATION):
        return destination.removeprefix(STORAGE_DESTINATION).split("/", 1)[0] or None
    return None


def sinks(raw: ProjectRaw) -> list[LogSink]:
    out = []
    for item in raw.sinks or []:
        bucket = sink_bucket(item.get("destination"))
        out.append(
            LogSink(
                **base(
                    raw.project,
                    item,
                    "logging.projects.sinks.list",
                    id=f"//logging.googleapis.com/projects/{raw.project}/sinks/{item['name']}",
                    name=item["name"],
                    region="",
                ),
                relations={"bucket": (BUCKET_ID + bucket,)} if bucket else {},
                filter=str(item.get("filter") or ""),
                enabled=not item.get("disabled", False),
                destination=item.get("destination"),
            )
        )
    return out


def stores(raw: ProjectRaw) -> list[LogStore]:
    out = []
    for item in raw.log_buckets or []:
        name = item["name"]
        out.append(
            LogStore(
                **base(
                    raw.project,
                    item,
                    "logging.projects.locations.buckets.list",
                    id=f"//logging.googleapis.com/{name}",
                    name=last(name),
                    region=name.split("/locations/")[1].split("/")[0] if "/locations/" in name else "",
                ),
                retention_days=item.get("retentionDays"),
                retention_locked=bool(item.get("locked", False)),
                kms_key=(item.get("cmekSettings") or {}).get("kmsKeyName"),
            )
        )
    return out


def metrics(raw: ProjectRaw) -> list[LogMetricAlert]:
    alerted = log_rules.alerted_metrics(raw.alert_policies) if raw.alert_policies is not None else None
    out = []
    for item in raw.log_metrics or []:
        name = str(item["name"])
        channels = (alerted or {}).get(name, [])
        out.append(
            LogMetricAlert(
                **base(
                    raw.project,
                    item,
                    "logging.projects.metrics.list",
                    id=f"//logging.googleapis.com/projects/{raw.project}/metrics/{name}",
                    name=name,
                    region="",
                ),
                filter=item.get("filter"),
                change_class=log_rules.change_class(item.get("filter")),
                alert_enabled=None
                if alerted is None
                else name in alerted and not item.get("disabled", False),
                notification_channels=tuple(sorted(set(channels))),
                unknown=frozenset({"alert_enabled"}) if alerted is None else frozenset(),
            )
        )
    return out
