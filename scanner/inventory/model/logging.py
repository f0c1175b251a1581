"""Audit and log plumbing: trails, sinks, stores and log-based alerts."""

from __future__ import annotations

from typing import ClassVar

from scanner.inventory.model.base import Resource


class AuditTrail(Resource, tag="audit_trail", kw_only=True):
    """What records API activity: Alibaba ActionTrail trail, AWS CloudTrail trail, GCP audit config.

    GCP has one record per project (its IAM policy's ``auditConfigs``) named for the project.

    * ``enabled``: the trail is logging now (ActionTrail/CloudTrail status; GCP: any audit config).
    * ``all_regions``: it records every region (ActionTrail ``TrailRegion`` ``All``; CloudTrail multi-region).
    * ``event_types``: ``read`` and/or ``write`` events it records (ActionTrail ``EventRW``
      ``All`` is both; GCP ``DATA_READ``/``ADMIN_READ`` count as read, ``DATA_WRITE`` as write).
    * ``all_services``: it covers every service (GCP ``allServices`` audit config with
      ``ADMIN_READ``, ``DATA_READ`` and ``DATA_WRITE``; a trail does by nature).
    * ``exempted_members``: members excused from audit logging (GCP ``exemptedMembers``).
    * ``bucket``: relation: the bucket it delivers to (``OssBucketName``, ``S3BucketName``).
    * ``log_store``: relation: the log store it delivers to (``SlsProjectArn``, CloudWatch log group).
    * ``log_validation``: delivered files are signed so tampering shows (CloudTrail log file validation).
    * ``kms_key``: the customer key that encrypts delivered logs.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"bucket": "bucket", "log_store": "log_store"}

    enabled: bool | None = None
    all_regions: bool | None = None
    event_types: tuple[str, ...] = ()
    all_services: bool | None = None
    exempted_members: tuple[str, ...] = ()
    log_validation: bool | None = None
    kms_key: str | None = None


class LogSink(Resource, tag="log_sink", kw_only=True):
    """A rule that exports log entries elsewhere: GCP log sink, Alibaba SLS shipper, CloudWatch subscription.

    * ``filter``: the filter entries must match; empty exports every entry.
    * ``enabled``: the sink exports now (GCP ``disabled`` is false).
    * ``destination``: where entries go, as the provider writes it (``storage.googleapis.com/BUCKET``).
    * ``bucket`` / ``log_store``: relations to that destination when it is one.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"bucket": "bucket", "log_store": "log_store"}

    filter: str | None = None
    enabled: bool | None = None
    destination: str | None = None


class LogStore(Resource, tag="log_store", kw_only=True):
    """Where logs are kept and queried: Alibaba SLS Logstore, GCP Logging bucket, CloudWatch log group.

    * ``retention_days``: how long entries are kept; ``None`` when kept forever
      (SLS ``ttl`` 3650 counts as 3650; CloudWatch never-expire is ``None``).
    * ``retention_locked``: the retention cannot be shortened (GCP ``locked``).
    * ``kms_key``: the customer key that encrypts it.
    """

    retention_days: int | None = None
    retention_locked: bool | None = None
    kms_key: str | None = None


class LogMetricAlert(Resource, tag="log_metric_alert", kw_only=True):
    """A log-based metric and its alerts: GCP log metric + alert policy, SLS alert, CloudWatch filter + alarm.

    * ``filter``: the metric's log filter or query, verbatim.
    * ``change_class``: the class of change the filter matches (see ``Account.alerted_changes``),
      ``None`` when it matches none of them.
    * ``alert_enabled``: at least one enabled alert policy or alarm fires on the metric.
    * ``notification_channels``: where the alerts go.
    """

    filter: str | None = None
    change_class: str | None = None
    alert_enabled: bool | None = None
    notification_channels: tuple[str, ...] = ()
