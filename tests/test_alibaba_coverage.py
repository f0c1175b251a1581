# ruff: noqa: E501 - raw API answers read best on one line each
"""Translate steps of the coverage products: each fact from a raw answer, violating and compliant."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from scanner.providers.alibaba.translate import account as account_settings
from scanner.providers.alibaba.translate import audit_trail, bucket, database, disk, instance
from tests.alibaba_support import by_id, collect
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba
from tests.terraform_support import builtin_policies, findings, scan_hcl

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_disk_attachment_and_encryption() -> None:
    spare = disk.disk("a", "r", {"DiskId": "d-1", "Status": "Available", "Encrypted": False}, NOW)
    used = disk.disk(
        "a", "r",
        {"DiskId": "d-2", "Status": "In_use", "InstanceId": "i-1", "Encrypted": True, "KMSKeyId": "key-1",
         "Type": "system", "CreationTime": "2026-11-01T00:00Z"},
        NOW,
    )  # fmt: skip
    moving = disk.disk("a", "r", {"DiskId": "d-3", "Status": "Attaching"}, NOW)
    assert (spare.attached, spare.encryption, spare.kms_key) == (False, "none", None)
    assert (used.attached, used.encryption, used.kms_key, used.boot) == (True, "customer_key", "key-1", True)
    assert used.relations["instance"] == ("i-1",) and used.created_days == 30
    assert moving.attached is None and {"attached", "encryption"} <= moving.unknown


def test_snapshot_age_and_schedule() -> None:
    snap = disk.snapshot(
        "a", "r", {"SnapshotId": "s-1", "SnapshotType": "auto", "CreationTime": "2026-09-02T00:00:00Z"}, NOW
    )
    assert (snap.age_days, snap.automatic) == (90, True)


def test_instance_network_stop_mode_and_billing() -> None:
    classic = instance.instance(
        "a", "r",
        {"InstanceId": "i-1", "InstanceNetworkType": "classic", "Status": "Stopped", "StoppedMode": "KeepCharging",
         "InstanceChargeType": "PostPaid", "CreationTime": "2026-06-04T00:00Z"},
        NOW,
    )  # fmt: skip
    vpc = instance.instance(
        "a", "r",
        {"InstanceId": "i-2", "InstanceNetworkType": "vpc", "Status": "Running", "StoppedMode": "KeepCharging",
         "InstanceChargeType": "PrePaid"},
        NOW,
    )  # fmt: skip
    assert (classic.legacy_network, classic.state, classic.billed_while_stopped) == (True, "stopped", True)
    assert (classic.charge_type, classic.running_days) == ("postpaid", 180)
    assert (vpc.legacy_network, vpc.billed_while_stopped, vpc.charge_type) == (False, None, "prepaid")


def test_eip_in_use() -> None:
    free = instance.address(
        "a", "r", {"AllocationId": "eip-1", "Status": "Available", "IpAddress": "192.0.2.1"}
    )
    bound = instance.address(
        "a",
        "r",
        {"AllocationId": "eip-2", "Status": "InUse", "InstanceId": "i-1", "InstanceType": "EcsInstance"},
    )
    assert (free.in_use, free.ip, bound.in_use, bound.relations["attached_to"]) == (
        False, "192.0.2.1", True, ("i-1",),
    )  # fmt: skip


def _policy(effect: str, condition: dict) -> dict:
    statement = {"Effect": effect, "Principal": ["*"], "Action": ["oss:*"], "Resource": ["acs:oss:*:*:b/*"]}
    return {"Policy": json.dumps({"Version": "1", "Statement": [{**statement, "Condition": condition}]})}


def test_bucket_https_only_needs_a_deny_on_secure_transport_false() -> None:
    raw = {"Name": "bkt"}
    deny = bucket.bucket("a", "r", raw, policy=_policy("Deny", {"Bool": {"acs:SecureTransport": ["false"]}}))
    allow = bucket.bucket("a", "r", raw, policy=_policy("Allow", {"Bool": {"acs:SecureTransport": ["true"]}}))
    none = bucket.bucket("a", "r", raw, policy=None)
    unknown = bucket.bucket("a", "r", raw)
    assert (deny.https_only, allow.https_only, none.https_only, unknown.https_only) == (
        True,
        False,
        False,
        None,
    )
    assert "https_only" in unknown.unknown


def test_bucket_source_ranges_come_from_policies_that_narrow_access() -> None:
    raw = {"Name": "bkt"}
    allow_only = _policy("Allow", {"IpAddress": {"acs:SourceIp": ["203.0.113.0/24"]}})
    deny_others = _policy("Deny", {"NotIpAddress": {"acs:SourceIp": "198.51.100.7"}})
    # An Allow for everyone except some addresses, or a Deny of some addresses, narrows nothing
    allow_except = _policy("Allow", {"NotIpAddress": {"acs:SourceIp": ["192.0.2.0/24"]}})
    deny_some = _policy("Deny", {"IpAddress": {"acs:SourceIp": ["192.0.2.0/24"]}})
    ranges = [
        bucket.bucket("a", "r", raw, policy=p).allowed_source_ranges
        for p in (allow_only, deny_others, allow_except, deny_some, None)
    ]
    assert ranges == [("203.0.113.0/24",), ("198.51.100.7",), (), (), ()]
    unknown = bucket.bucket("a", "r", raw)
    assert unknown.allowed_source_ranges is None
    assert "allowed_source_ranges" in unknown.unknown


def test_database_sql_audit_tde_key_and_postgres_flags() -> None:
    raw = {"DBInstanceId": "pgm-1", "Engine": "PostgreSQL"}
    params = {"RunningParameters": {"DBInstanceParameter": [
        {"ParameterName": "log_connections", "ParameterValue": "ON"},
        {"ParameterName": "pg.audit level", "ParameterValue": "All"},
    ]}}  # fmt: skip
    byok = database.database(
        "a", "r", raw,
        tde={"TDEStatus": "Enabled", "TDEMode": "Customer_Provided_Key", "EncryptionKey": "key-9"},
        sql_audit={"SQLCollectorStatus": "Enable"}, sql_audit_retention={"ConfigValue": "365"},
        parameters=params,
    )  # fmt: skip
    assert (byok.tde, byok.tde_key, byok.audit_log, byok.audit_retention_days) == (True, "key-9", True, 365)
    assert byok.flags == {"log_connections": "on", "pg_audit_level": "all"}
    service = database.database(
        "a", "r", raw, tde={"TDEStatus": "Enabled", "TDEMode": "Aliyun_Generate_Key", "EncryptionKey": "k"},
        sql_audit={"SQLCollectorStatus": "Disabled"},
    )  # fmt: skip
    assert (service.tde, service.tde_key, service.audit_log, service.flags) == (True, None, False, None)


def test_trail_regions_events_and_bucket() -> None:
    everything = audit_trail.trail(
        "123", {"Name": "t", "TrailRegion": "All", "EventRW": "All", "Status": "Enable", "OssBucketName": "b"}
    )
    narrow = audit_trail.trail("123", {"Name": "u", "TrailRegion": "cn-hangzhou", "Status": "Fresh"})
    assert (everything.enabled, everything.all_regions, everything.event_types) == (
        True,
        True,
        ("read", "write"),
    )
    assert everything.relations["bucket"] == ("acs:oss:*:123:b",)
    assert (narrow.enabled, narrow.all_regions, narrow.event_types) == (False, False, ("write",))


# --- the same cases in Terraform ---------------------------------------------------------------

TF = """
resource "alicloud_instance" "web" { instance_name = "web" }
resource "alicloud_ecs_disk" "plain" { zone_id = "cn-hangzhou-h" size = 40 }
resource "alicloud_ecs_disk" "sealed" {
  zone_id = "cn-hangzhou-h"
  size = 40
  encrypted = true
  kms_key_id = "key-1"
}
resource "alicloud_ecs_disk" "data" { zone_id = "cn-hangzhou-h" size = 40 }
resource "alicloud_ecs_disk_attachment" "a" {
  disk_id = alicloud_ecs_disk.data.id
  instance_id = alicloud_instance.web.id
}
resource "alicloud_oss_bucket" "logs" { bucket = "trail-logs" }
resource "alicloud_oss_bucket_policy" "tls" {
  bucket = alicloud_oss_bucket.logs.bucket
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect = "Deny", Principal = ["*"], Action = ["oss:*"], Resource = ["acs:oss:*:*:trail-logs/*"],
      Condition = { Bool = { "acs:SecureTransport" = ["false"] } }
    }]
  })
}
resource "alicloud_oss_bucket" "plain" { bucket = "plain-http" }
resource "alicloud_oss_bucket" "office" {
  bucket = "office-only"
  policy = jsonencode({
    Version = "1"
    Statement = [{
      Effect = "Deny", Principal = ["*"], Action = ["oss:*"], Resource = ["acs:oss:*:*:office-only/*"],
      Condition = { NotIpAddress = { "acs:SourceIp" = ["203.0.113.0/24"] } }
    }]
  })
}
resource "alicloud_actiontrail_trail" "all" {
  trail_name = "all"
  oss_bucket_name = alicloud_oss_bucket.logs.bucket
  status = "Enable"
}
resource "alicloud_actiontrail_trail" "narrow" {
  trail_name = "narrow"
  trail_region = "cn-hangzhou"
  event_rw = "Write"
  status = "Enable"
}
resource "alicloud_cs_managed_kubernetes" "open" { name = "open" }
resource "alicloud_cs_managed_kubernetes" "closed" {
  name = "closed"
  slb_internet_enabled = false
  deletion_protection = true
  enable_rrsa = true
  control_plane_log_components = ["apiserver", "kcm"]
  addons {
    name = "terway-eniip"
    config = jsonencode({ NetworkPolicy = "true" })
  }
  addons { name = "logtail-ds" }
}
resource "alicloud_cs_kubernetes_node_pool" "public" {
  cluster_id = alicloud_cs_managed_kubernetes.open.id
  internet_max_bandwidth_out = 5
}
resource "alicloud_cs_kubernetes_node_pool" "managed" {
  cluster_id = alicloud_cs_managed_kubernetes.closed.id
  management {
    enable = true
    auto_upgrade = true
  }
}
"""


def test_terraform_disks_trails_and_clusters(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', TF)
    found = {
        (rule, rid) for rule, rid in findings(records, builtin_policies()) if not rule.startswith("instance.")
    }
    assert records["alicloud_ecs_disk.sealed"].encryption == "customer_key"
    assert records["alicloud_ecs_disk.data"].attached is True
    assert found >= {
        ("disk.unattached-not-encrypted", "alicloud_ecs_disk.plain"),
        ("disk.attached-not-encrypted", "alicloud_ecs_disk.data"),
        ("audit-trail.not-all-regions-all-events", "alicloud_actiontrail_trail.narrow"),
        ("kubernetes.public-endpoint", "alicloud_cs_managed_kubernetes.open"),
        ("kubernetes.deletion-protection-disabled", "alicloud_cs_managed_kubernetes.open"),
        ("kubernetes.network-policy-disabled", "alicloud_cs_managed_kubernetes.open"),
        ("kubernetes.control-plane-logging-disabled", "alicloud_cs_managed_kubernetes.open"),
        ("kubernetes.logging-disabled", "alicloud_cs_managed_kubernetes.open"),
        ("node-pool.public-ips", "alicloud_cs_kubernetes_node_pool.public"),
        ("node-pool.auto-upgrade-disabled", "alicloud_cs_kubernetes_node_pool.public"),
        ("bucket.http-allowed", "alicloud_oss_bucket.plain"),
        ("bucket.network-access-unrestricted", "alicloud_oss_bucket.plain"),
        ("bucket.network-access-unrestricted", "alicloud_oss_bucket.logs"),
    }
    assert ("bucket.network-access-unrestricted", "alicloud_oss_bucket.office") not in found
    assert records["alicloud_oss_bucket.office"].allowed_source_ranges == ("203.0.113.0/24",)
    assert records["alicloud_oss_bucket.logs"].https_only is True
    compliant = ("alicloud_ecs_disk.sealed", "alicloud_actiontrail_trail.all", "alicloud_cs_managed_kubernetes.closed",
                 "alicloud_cs_kubernetes_node_pool.managed")  # fmt: skip
    # d-sealed is unattached: only the cost policy speaks of it
    assert [f for f in found if f[1] in compliant] == [("disk.unattached", "alicloud_ecs_disk.sealed")]


def test_security_center_edition_notifications_scans_and_agents() -> None:
    notices = [{"Project": p, "Route": 2} for p in account_settings.HIGH_RISK_NOTICES]
    vul = [{"Type": t, "Config": "on"} for t in account_settings.SCAN_TYPES]
    good = account_settings.account(
        "1", version={"Version": 8, "HighestVersion": 7}, notices=notices, vul=vul
    )
    assert (good.security_center_edition, good.security_notifications_high, good.vulnerability_scan_scheduled) == (
        "ultimate", True, True,
    )  # fmt: skip
    bad = account_settings.account("1", version={"Version": 1}, notices=notices[1:], vul=vul[:-1])
    assert (bad.security_center_edition, bad.security_notifications_high, bad.vulnerability_scan_scheduled) == (
        "basic", False, False,
    )  # fmt: skip
    assert "alerted_changes" in bad.unknown  # Log Service alerts are not read: never "no alert"
    agents = account_settings.agents([{"InstanceId": "i-1", "ClientStatus": "online"}, {"InstanceId": "i-2"}])
    assert agents == {"i-1": True, "i-2": False}
    assert instance.instance("a", "r", {"InstanceId": "i-3"}, NOW, agents).security_agent is False
    assert instance.instance("a", "r", {"InstanceId": "i-3"}, NOW, None).security_agent is None


# --- the coverage products under access-denied and throttling ---------------------------------


def test_denied_coverage_products_are_recorded_and_leave_their_fields_unknown(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.deny |= {
            "actiontrail",
            "sas",
            "polardb",
            "kvstore",
            "dds",
            "ListScanRule",
            "CheckControlPlaneLogEnable",
            "DescribeDisks",
            "DescribeParameters",
        }
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
    assert result.exit_code == 3, result.output  # partial scan
    assert "Traceback" not in result.output
    failed = {(e["service"], e["operation"]) for e in snapshot["errors"]}
    assert {("actiontrail", "DescribeTrails"), ("sas", "DescribeVersionConfig"), ("ecs", "DescribeDisks"),
            ("cs", "CheckControlPlaneLogEnable"), ("rds", "DescribeParameters")} <= failed  # fmt: skip
    assert {("polardb", "DescribeDBClusters"), ("kvstore", "DescribeInstances"), ("dds", "DescribeDBInstances"),
            ("cr", "ListScanRule")} <= failed  # fmt: skip
    assert {e["code"] for e in snapshot["errors"]} == {"Forbidden.RAM"}
    assert "scan_rule" in by_id(snapshot)["cri-lz0001"]["unknown"]
    res = by_id(snapshot)
    kinds = {r["kind"] for r in snapshot["resources"]}
    assert "audit_trail" not in kinds and "disk" not in kinds
    # the account record comes from Log Service alone: Security Center's fields are unknown
    account_unknown = set(res[f"acs:account::{ACCOUNT}"]["unknown"])
    assert {"security_center_edition", "security_notifications_high"} <= account_unknown
    assert "security_agent" in res["i-lz0app"]["unknown"]  # not "no agent": the agent list was denied
    assert "control_plane_logging" in res["c-lz0pub"]["unknown"]
    assert res["pgm-lz0pg"].get("flags") is None  # parameters not read: no flag policy judges it


def test_throttled_coverage_calls_are_retried(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.throttle_once |= {
            "DescribeDisks",
            "DescribeTrails",
            "DescribeClustersV1",
            "DescribeVersionConfig",
            "DescribeDBClusters",
            "DescribeSecurityIps",
            "ListScanRule",
        }
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
        throttled = [a for _, a in fake.actions() if a in fake.faults.throttle_once]
    assert result.exit_code == 0, result.output
    assert snapshot["errors"] == []
    # the throttled answer, then the retry (and any further pages)
    assert all(throttled.count(a) >= 2 for a in fake.faults.throttle_once)
    assert {"d-lz0spare", "c-lz0pub", f"acs:account::{ACCOUNT}"} <= set(by_id(snapshot))


TF_LOGS_AND_DATABASES = """
resource "alicloud_log_store" "short" {
  project_name = "audit"
  logstore_name = "short"
}
resource "alicloud_log_store" "year" {
  project_name = "audit"
  logstore_name = "year"
  retention_period = 365
}
resource "alicloud_polardb_cluster" "open" {
  db_type = "MySQL"
  security_ips = ["10.0.0.0/16", "0.0.0.0/0"]
}
resource "alicloud_polardb_endpoint_address" "public" {
  db_cluster_id = alicloud_polardb_cluster.open.id
  net_type = "Public"
}
resource "alicloud_polardb_cluster" "shut" {
  db_type = "MySQL"
  vswitch_id = "vsw-private"
  security_ips = ["10.0.0.0/16"]
}
resource "alicloud_kvstore_instance" "open" { security_ips = ["0.0.0.0/0"] }
resource "alicloud_kvstore_connection" "public" { instance_id = alicloud_kvstore_instance.open.id }
resource "alicloud_kvstore_instance" "shut" {
  vswitch_id = "vsw-private"
  security_ips = ["10.0.2.0/24"]
}
resource "alicloud_mongodb_instance" "open" { security_ip_list = ["0.0.0.0/0"] }
resource "alicloud_mongodb_instance" "shut" {
  vswitch_id = "vsw-private"
  security_ip_list = ["10.0.0.0/16"]
}
"""


def test_terraform_log_stores_and_other_databases(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', TF_LOGS_AND_DATABASES)
    found = set(findings(records, builtin_policies()))
    assert records["alicloud_log_store.short"].retention_days == 30  # the provider default
    assert found == {
        ("log-store.retention-under-365-days", "alicloud_log_store.short"),
        ("database.allows-all-networks", "alicloud_polardb_cluster.open"),
        ("database.public-endpoint", "alicloud_polardb_cluster.open"),
        ("database.allows-all-networks", "alicloud_kvstore_instance.open"),
        ("database.public-endpoint", "alicloud_kvstore_instance.open"),
        ("database.allows-all-networks", "alicloud_mongodb_instance.open"),
        # no vswitch_id: created in the classic network, outside any VPC
        ("database.outside-private-network", "alicloud_polardb_cluster.open"),
        ("database.outside-private-network", "alicloud_kvstore_instance.open"),
        ("database.outside-private-network", "alicloud_mongodb_instance.open"),
    }


def test_new_lists_are_paged_as_their_apis_page(tmp_path: Path) -> None:
    """page_cap=2: four disks, three snapshots and five Security Center servers need further pages."""
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
        calls = list(fake.requests)
    assert result.exit_code == 0, result.output
    assert any(r.action == "DescribeDisks" and r.params.get("NextToken") for r in calls)
    assert any(r.action == "DescribeSnapshots" and r.params.get("NextToken") for r in calls)
    assert any(
        r.action == "DescribeCloudCenterInstances" and r.params.get("CurrentPage") == "3" for r in calls
    )
    assert {r.params.get("DBInstanceType") for r in calls if r.product == "dds" and r.action == "DescribeDBInstances"} == {
        "replicate", "sharding",
    }  # fmt: skip
    kinds = [r["kind"] for r in snapshot["resources"]]
    assert (kinds.count("disk"), kinds.count("disk_snapshot")) == (4, 3)


TF_RDS = """
resource "alicloud_db_instance" "pg" {
  engine = "PostgreSQL"
  engine_version = "16.0"
  tde_status = "Enabled"
  sql_collector_status = "Enabled"
  sql_collector_config_value = 30
  parameters {
    name = "log_connections"
    value = "on"
  }
  parameters {
    name = "log_disconnections"
    value = "off"
  }
}
resource "alicloud_db_instance" "audited" {
  engine = "MySQL"
  engine_version = "8.0"
  sql_collector_status = "Enabled"
  sql_collector_config_value = 365
}
resource "alicloud_db_instance" "silent" {
  engine = "MySQL"
  engine_version = "8.0"
  sql_collector_status = "Disabled"
}
"""


def test_terraform_rds_sql_audit_and_postgres_parameters(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', TF_RDS)
    assert records["alicloud_db_instance.pg"].flags == {"log_connections": "on", "log_disconnections": "off"}
    found = {
        (rule, rid) for rule, rid in findings(records, builtin_policies()) if rule.startswith("database.")
    }
    audit = {f for f in found if "audit" in f[0] or "postgres" in f[0]}
    assert audit == {
        ("database.sql-audit-retention-short", "alicloud_db_instance.pg"),
        ("database.postgres-log-disconnections-off", "alicloud_db_instance.pg"),
        ("database.postgres-log-duration-off", "alicloud_db_instance.pg"),
        ("database.sql-audit-disabled", "alicloud_db_instance.silent"),
    }
