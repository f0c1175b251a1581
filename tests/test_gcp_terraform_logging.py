"""google_* logging, monitoring and Artifact Registry code: the same policies as live, decided only where the
code can decide them (sinks declared, the eight CIS metrics declared), unknown otherwise."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.engine import evaluate
from scanner.inventory.store import Inventory
from scanner.providers.gcp.link.logs import CIS_CHANGE_FILTERS
from scanner.sources.terraform.plan import load_json
from scanner.sources.terraform.translate import translate
from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "google" {\n  project = "demo"\n  region  = "europe-west1"\n}\n'
ALERT_RULES = {
    "project_ownership": "account.no-alert-project-ownership",
    "audit_configuration": "account.no-alert-audit-configuration",
    "custom_role": "account.no-alert-custom-role",
    "firewall_rule": "account.no-alert-firewall-rule",
    "network_route": "account.no-alert-network-route",
    "network": "account.no-alert-network",
    "bucket_permission": "account.no-alert-bucket-permission",
    "database_configuration": "account.no-alert-database-configuration",
}


def metric(change: str, project: str = "demo") -> str:
    return (
        f'resource "google_logging_metric" "{change}" {{\n  project = "{project}"\n  name = "cis-{change}"\n'
        f"  filter = <<-EOT\n    {CIS_CHANGE_FILTERS[change]}\n  EOT\n"
        '  metric_descriptor {\n    metric_kind = "DELTA"\n    value_type = "INT64"\n  }\n}\n'
    )


def alert(change: str, *, enabled: str = "true", via_reference: bool = False) -> str:
    name = f"${{google_logging_metric.{change}.name}}" if via_reference else f"cis-{change}"
    return (
        f'resource "google_monitoring_alert_policy" "{change}" {{\n  display_name = "{change}"\n'
        f'  combiner = "OR"\n  enabled = {enabled}\n'
        '  notification_channels = ["projects/demo/notificationChannels/42"]\n'
        '  conditions {\n    display_name = "changes"\n    condition_threshold {\n'
        f'      filter = "metric.type=\\"logging.googleapis.com/user/{name}\\" AND '
        'resource.type=\\"global\\""\n'
        '      comparison = "COMPARISON_GT"\n      duration = "0s"\n    }\n  }\n}\n'
    )


def account_findings(tmp_path: Path, code: str) -> tuple[set[str], object]:
    records = scan_hcl(tmp_path, PROVIDER, code)
    accounts = [r for r in records.values() if r.kind == "account"]
    assert len(accounts) == 1
    found = {rule for rule, rid in findings(records, builtin_policies()) if rid == accounts[0].id}
    return found, accounts[0]


def test_eight_cis_metrics_one_without_alert_is_the_only_no_alert_finding(tmp_path: Path) -> None:
    code = "".join(metric(c) for c in CIS_CHANGE_FILTERS)
    code += "".join(alert(c) for c in CIS_CHANGE_FILTERS if c not in ("network", "custom_role"))
    code += alert("custom_role", enabled="false")  # a disabled alert policy alerts nobody
    found, account = account_findings(tmp_path, code)
    assert found == {ALERT_RULES["network"], ALERT_RULES["custom_role"]}
    assert set(account.alerted_changes) == set(CIS_CHANGE_FILTERS) - {"network", "custom_role"}
    assert account.name == "demo"
    assert "log_sink_all_entries" in account.unknown  # no sink declared: not "no sink"


def test_every_cis_metric_alerted_passes(tmp_path: Path) -> None:
    code = "".join(metric(c) + alert(c) for c in CIS_CHANGE_FILTERS)
    found, _ = account_findings(tmp_path, code)
    assert not found & set(ALERT_RULES.values())


def test_a_module_declaring_some_metrics_leaves_the_others_unknown_not_failed(tmp_path: Path) -> None:
    code = metric("network") + metric("firewall_rule") + alert("network")
    found, account = account_findings(tmp_path, code)
    assert not found
    assert "alerted_changes" in account.unknown
    records = scan_hcl(tmp_path, PROVIDER, metric("network") + alert("network"))
    network = records["google_logging_metric.network"]
    assert (network.change_class, network.alert_enabled) == ("network", True)
    assert network.notification_channels == ("projects/demo/notificationChannels/42",)


def test_an_alert_naming_its_metric_through_an_interpolation_is_unknown_in_hcl(tmp_path: Path) -> None:
    code = "".join(metric(c) + alert(c, via_reference=True) for c in CIS_CHANGE_FILTERS)
    found, account = account_findings(tmp_path, code)
    assert not found
    assert "alerted_changes" in account.unknown


SINKS = """
resource "google_logging_project_sink" "errors" {
  name        = "errors"
  destination = "storage.googleapis.com/demo-error-logs"
  filter      = "severity >= ERROR"
}
resource "google_logging_project_sink" "everything_off" {
  name        = "everything-off"
  destination = "storage.googleapis.com/demo-all-logs"
  disabled    = true
}
resource "google_logging_project_sink" "everything" {
  project     = "other"
  name        = "everything"
  destination = "storage.googleapis.com/other-all-logs"
}
"""


def test_only_filtered_or_disabled_sinks_fail_and_an_unfiltered_one_passes(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, SINKS)
    accounts = {r.name: r for r in records.values() if r.kind == "account"}
    assert (accounts["demo"].log_sink_all_entries, accounts["other"].log_sink_all_entries) == (False, True)
    rule = "account.no-sink-for-all-log-entries"
    assert {f for f in findings(records, builtin_policies()) if f[0] == rule} == {(rule, accounts["demo"].id)}
    for account in accounts.values():  # the code sets none of these: never "no contact", "service off"
        assert {"enabled_services", "essential_contacts", "alerted_changes"} <= account.unknown
    sink = records["google_logging_project_sink.errors"]
    assert (sink.filter, sink.enabled) == ("severity >= ERROR", True)
    assert sink.related("bucket") == ("https://www.googleapis.com/storage/v1/b/demo-error-logs",)


def test_a_sink_filter_known_only_after_apply_leaves_the_fact_unknown(tmp_path: Path) -> None:
    code = 'variable "f" {}\nresource "google_logging_project_sink" "s" {\n  name = "s"\n'
    code += '  destination = "storage.googleapis.com/b"\n  filter = var.f\n}\n'
    _, account = account_findings(tmp_path, code)
    assert "log_sink_all_entries" in account.unknown


LOG_BUCKETS = """
resource "google_logging_project_bucket_config" "short" {
  project   = "demo"
  location  = "global"
  bucket_id = "short"
}
resource "google_logging_project_bucket_config" "kept" {
  project        = "demo"
  location       = "global"
  bucket_id      = "kept"
  retention_days = 400
  locked         = true
}
"""


def test_log_bucket_retention_takes_the_provider_default_of_30_days(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, LOG_BUCKETS)
    short, kept = (
        records["google_logging_project_bucket_config.short"],
        records["google_logging_project_bucket_config.kept"],
    )
    assert (short.retention_days, short.retention_locked) == (30, False)
    assert (kept.retention_days, kept.retention_locked) == (400, True)
    found = {f for f in findings(records, builtin_policies()) if f[0].startswith("log-store.")}
    assert found == {("log-store.retention-under-365-days", "google_logging_project_bucket_config.short")}


REPOSITORIES = """
resource "google_artifact_registry_repository" "loose" {
  repository_id          = "loose"
  location               = "europe-west1"
  format                 = "DOCKER"
  cleanup_policy_dry_run = true
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state = "UNTAGGED"
    }
  }
  vulnerability_scanning_config {
    enablement_config = "DISABLED"
  }
}
resource "google_artifact_registry_repository" "tight" {
  repository_id = "tight"
  location      = "europe-west1"
  format        = "DOCKER"
  docker_config {
    immutable_tags = true
  }
  cleanup_policies {
    id     = "delete-untagged"
    action = "DELETE"
    condition {
      tag_state  = "UNTAGGED"
      older_than = "2592000s"
    }
  }
  vulnerability_scanning_config {
    enablement_config = "INHERITED"
  }
}
"""


def test_artifact_registry_scanning_cleanup_and_tags_from_terraform(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, REPOSITORIES)
    found = {f for f in findings(records, builtin_policies()) if f[0].startswith("registry.")}
    assert found == {
        ("registry.repository-scanning-disabled", "google_artifact_registry_repository.loose"),
        ("registry.repository-no-cleanup-policy", "google_artifact_registry_repository.loose"),  # dry run
        ("registry.repository-mutable-tags", "google_artifact_registry_repository.loose"),
    }
    # INHERITED scans only when the Container Scanning API is on, which the code does not show
    assert "vulnerability_scanning" in records["google_artifact_registry_repository.tight"].unknown


BACKENDS = """
resource "google_compute_backend_service" "web" {
  name = "web"
}
resource "google_compute_backend_service" "shop" {
  name     = "shop"
  protocol = "HTTPS"
  log_config {
    enable      = true
    sample_rate = 1.0
  }
}
resource "google_compute_region_backend_service" "api" {
  name   = "api"
  region = "us-central1"
  log_config {
    enable = false
  }
}
"""


def test_backend_services_without_request_logs_fail_cis_2_16(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, BACKENDS)
    found = {f for f in findings(records, builtin_policies()) if f[0].startswith("load-balancer.")}
    assert found == {
        ("load-balancer.logging-disabled", "google_compute_backend_service.web"),  # the API default: off
        ("load-balancer.logging-disabled", "google_compute_region_backend_service.api"),
    }
    web, api = (
        records["google_compute_backend_service.web"],
        records["google_compute_region_backend_service.api"],
    )
    assert (web.scheme, web.protocols, api.scheme, api.region) == (
        "external",
        ("http",),
        "internal",
        "us-central1",
    )


DATAPROC = """
resource "google_kms_crypto_key" "dataproc" {
  name     = "dataproc"
  key_ring = "projects/demo/locations/us-central1/keyRings/lz"
}
resource "google_dataproc_cluster" "plain" {
  name   = "plain"
  region = "us-central1"
}
resource "google_dataproc_cluster" "cmek" {
  name   = "cmek"
  region = "us-central1"
  cluster_config {
    encryption_config {
      kms_key_name = google_kms_crypto_key.dataproc.id
    }
  }
}
"""


def test_dataproc_cluster_without_a_customer_key_fails_cis_8_1(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, DATAPROC)
    found = {f for f in findings(records, builtin_policies()) if f[0] == "data-cluster.no-cmek"}
    assert found == {("data-cluster.no-cmek", "google_dataproc_cluster.plain")}
    cmek = records["google_dataproc_cluster.cmek"]
    assert (
        cmek.encryption == "customer_key" and "kms_key" in cmek.unknown
    )  # the key's id is known after apply


LOG_ARCHIVE = """
resource "google_storage_bucket" "audit" {
  name     = "demo-audit-logs"
  location = "EU"
}
resource "google_storage_bucket" "archive" {
  name     = "demo-log-archive"
  location = "EU"
  retention_policy {
    retention_period = 31536000
    is_locked        = true
  }
}
resource "google_storage_bucket" "assets" {
  name     = "demo-assets"
  location = "EU"
}
resource "google_logging_project_sink" "audit" {
  name        = "audit"
  destination = "storage.googleapis.com/demo-audit-logs"
  filter      = "logName:cloudaudit.googleapis.com"
}
resource "google_logging_project_sink" "archive" {
  name        = "archive"
  destination = "storage.googleapis.com/demo-log-archive"
}
"""


def test_a_bucket_a_sink_writes_into_needs_a_locked_retention_cis_2_3(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, LOG_ARCHIVE)
    found = {f for f in findings(records, builtin_policies()) if f[0] == "bucket.log-retention-not-locked"}
    assert found == {("bucket.log-retention-not-locked", "google_storage_bucket.audit")}
    archive = records["google_storage_bucket.archive"]
    assert (archive.log_destination, archive.retention_days, archive.retention_locked) == (True, 365, True)
    assert records["google_storage_bucket.assets"].log_destination is False


def test_a_sink_destination_known_only_after_apply_leaves_log_destination_unknown(tmp_path: Path) -> None:
    code = LOG_ARCHIVE.replace(
        '"storage.googleapis.com/demo-audit-logs"',
        '"storage.googleapis.com/${google_storage_bucket.audit.name}"',
    )
    records = scan_hcl(tmp_path, PROVIDER, code)
    assert "log_destination" in records["google_storage_bucket.audit"].unknown
    assert not {f for f in findings(records, builtin_policies()) if f[0] == "bucket.log-retention-not-locked"}


def test_in_a_plan_the_interpolated_metric_name_is_known_and_decides(tmp_path: Path) -> None:
    """``terraform show -json`` has the alert filters with the metric names filled in."""
    resources = []
    for change in CIS_CHANGE_FILTERS:
        resources.append(
            {
                "address": f"google_logging_metric.{change}",
                "mode": "managed",
                "type": "google_logging_metric",
                "name": change,
                "values": {"project": "demo", "name": f"cis-{change}", "filter": CIS_CHANGE_FILTERS[change]},
            }
        )
        if change != "network_route":
            condition = {"filter": f'metric.type="logging.googleapis.com/user/cis-{change}"'}
            resources.append(
                {
                    "address": f"google_monitoring_alert_policy.{change}",
                    "mode": "managed",
                    "type": "google_monitoring_alert_policy",
                    "name": change,
                    "values": {
                        "project": "demo",
                        "display_name": change,
                        "enabled": True,
                        "conditions": [{"display_name": "c", "condition_threshold": [condition]}],
                    },
                }
            )
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": [
            {"address": r["address"], "change": {"actions": ["create"], "after_unknown": {}}}
            for r in resources
        ],
    }
    loaded = load_json(json.dumps(plan), "plan.json")
    records = translate(loaded.resources).records
    (account,) = [r for r in records if r.kind == "account"]
    assert set(account.alerted_changes) == set(CIS_CHANGE_FILTERS) - {"network_route"}
    found = {
        f.rule_id
        for f in evaluate(builtin_policies(), Inventory(records)).findings
        if f.resource.id == account.id
    }
    assert found == {ALERT_RULES["network_route"]}


def test_an_alert_enabled_only_after_apply_proves_nothing(tmp_path: Path) -> None:
    code = 'variable "on" {\n  type = bool\n}\n' + "".join(metric(c) for c in CIS_CHANGE_FILTERS)
    code += "".join(alert(c) for c in CIS_CHANGE_FILTERS if c != "network")
    code += alert("network", enabled="var.on")
    records = scan_hcl(tmp_path, PROVIDER, code)
    assert "alert_enabled" in records["google_logging_metric.network"].unknown
    assert records["google_logging_metric.firewall_rule"].alert_enabled is True
    found, account = account_findings(tmp_path, code)
    assert not found and "alerted_changes" in account.unknown
