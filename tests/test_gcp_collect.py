"""The Google Cloud adapter end to end: real client libraries, real CLI, the fake API server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.providers.gcp.settings import SERVICES
from tests.fakes.gcp_landing_zone import DELETED, ORG, PROD, SANDBOX, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env
from tests.helpers import run
from tests.sarif_rules import check_sarif_file

COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{PROD}"
BUCKET = "https://www.googleapis.com/storage/v1/b/"
SQL = f"https://sqladmin.googleapis.com/v1/projects/{PROD}/instances/"
CRM = f"//cloudresourcemanager.googleapis.com/projects/{PROD}/bindings/"
IAM = f"//iam.googleapis.com/projects/{PROD}/serviceAccounts/"
MEMBER = f"//cloudresourcemanager.googleapis.com/projects/{PROD}/members/"
INSTANCE_RULES = (
    "confidential-computing-disabled",
    "default-service-account",
    "default-service-account-full-access",
    "ip-forwarding-enabled",
    "os-login-disabled",
    "project-ssh-keys-allowed",
    "serial-port-enabled",
    "shielded-vm-disabled",
)
POSTGRES_RULES = (
    "log-connections-off",
    "log-disconnections-off",
    "log-duration-off",
    "log-statement",
    "pgaudit-off",
)
ACCOUNT = f"//cloudresourcemanager.googleapis.com/projects/{PROD}"
ACCOUNT_RULES = (
    "access-approval-disabled",
    "asset-inventory-disabled",
    "essential-contacts-missing",
    "no-sink-for-all-log-entries",
    *(
        f"no-alert-{c}"
        for c in (
            "audit-configuration",
            "bucket-permission",
            "custom-role",
            "database-configuration",
            "firewall-rule",
            "network",
            "network-route",
        )
    ),
)
DNS = f"//dns.googleapis.com/projects/{PROD}/managedZones/"
KMS = f"projects/{PROD}/locations/europe-west1/keyRings/lz/cryptoKeys/"
BIGQUERY = f"https://bigquery.googleapis.com/bigquery/v2/projects/{PROD}/datasets/"
API_KEYS = "//apikeys.googleapis.com/projects/418276350912/locations/global/keys/"
LEGACY_GKE = f"https://container.googleapis.com/v1/projects/{PROD}/zones/us-central1-a/clusters/legacy-gke"
GKE_RULES = (
    "basic-auth-enabled",
    "binary-authorization-disabled",
    "client-certificate-issued",
    "control-plane-logging-disabled",
    "dashboard-enabled",
    "legacy-abac-enabled",
    "network-policy-disabled",
    "no-release-channel",
    "private-nodes-disabled",
    "public-endpoint",
    "public-endpoint-unrestricted",
    "secrets-not-encrypted",
    "shielded-nodes-disabled",
    "workload-identity-disabled",
)
NODE_POOL_RULES = (
    "auto-upgrade-disabled",
    "default-service-account",
    "metadata-not-concealed",
    "public-ips",
    "secure-boot-disabled",
)
# What the built-in policies find in the landing zone's prod project: (rule id, resource id).
EXPECTED = {
    ("bucket.access-logging-disabled", BUCKET + "lz-legacy-uploads-7f3a"),
    ("bucket.access-logging-disabled", BUCKET + "lz-public-assets-7f3a"),
    ("bucket.public-access-not-blocked", BUCKET + "lz-legacy-uploads-7f3a"),
    ("bucket.public-access-not-blocked", BUCKET + "lz-public-assets-7f3a"),
    ("bucket.public-read", BUCKET + "lz-public-assets-7f3a"),
    ("bucket.public-read", BUCKET + "lz-legacy-uploads-7f3a"),  # allUsers READER in the bucket ACL
    ("bucket.uniform-access-disabled", BUCKET + "lz-legacy-uploads-7f3a"),
    ("bucket.versioning-disabled", BUCKET + "lz-legacy-uploads-7f3a"),
    ("bucket.versioning-disabled", BUCKET + "lz-public-assets-7f3a"),
    ("database.allows-all-networks", SQL + "orders-db"),
    ("database.public-endpoint", SQL + "orders-db"),
    ("database.ssl-not-required", SQL + "orders-db"),
    ("database.outside-private-network", SQL + "orders-db"),  # public IP only, no privateNetwork (#12)
    ("firewall.ssh-open-to-internet", f"{COMPUTE}/global/firewalls/allow-ssh"),
    ("iam.primitive-role-binding", CRM + "roles/editor"),
    ("instance.public-ip", f"{COMPUTE}/zones/us-central1-a/instances/bastion-1"),
    ("iam.primitive-role-binding", CRM + "roles/owner"),
    ("iam.access-key-not-rotated", IAM + f"uploader@{PROD}.iam.gserviceaccount.com"),
    ("network.subnet-flow-logs-disabled", f"{COMPUTE}/regions/europe-west1/subnetworks/my-vpc"),
    ("network.subnet-flow-logs-disabled", f"{COMPUTE}/regions/us-central1/subnetworks/my-vpc"),
    ("network.subnet-private-google-access-disabled", f"{COMPUTE}/regions/europe-west1/subnetworks/my-vpc"),
    ("network.subnet-private-google-access-disabled", f"{COMPUTE}/regions/us-central1/subnetworks/my-vpc"),
    ("registry.repository-public", f"projects/{PROD}/locations/us-central1/repositories/containers"),
    # the coverage policies of issues #15/#16: user-managed service-account keys (CIS GCP 1.4) and a Docker
    # repository without immutable tags
    ("iam.service-account-user-managed-key", IAM + f"ci@{PROD}.iam.gserviceaccount.com"),
    ("iam.service-account-user-managed-key", IAM + f"uploader@{PROD}.iam.gserviceaccount.com"),
    ("registry.repository-mutable-tags", f"projects/{PROD}/locations/us-central1/repositories/containers"),
    # issue #15, compute and IAM: bastion-1 breaks every instance control app-1 keeps (CIS GCP 4.1-4.6,
    # 4.8, 4.11; its OS Login override beats the project's TRUE)
    *((f"instance.{rule}", f"{COMPUTE}/zones/us-central1-a/instances/bastion-1") for rule in INSTANCE_RULES),
    ("network.legacy-network", f"{COMPUTE}/global/networks/legacy-net"),
    (
        "audit-trail.gcp-audit-incomplete",
        f"//cloudresourcemanager.googleapis.com/projects/{PROD}/auditConfigs",
    ),
    ("iam.kms-duties-not-separated", f"{MEMBER}user:carol@example.com"),
    ("iam.service-account-duties-not-separated", f"{MEMBER}user:bob@example.com"),
    ("iam.service-account-user-role-on-project", CRM + "roles/iam.serviceAccountUser"),
    # disks, addresses, snapshots: old-data is unattached, bastion-1's disk is attached; neither uses CSEK
    # (app-1's does); spare-ip is reserved and unused; one manual snapshot is 400 days old
    ("address.unused", f"{COMPUTE}/regions/us-central1/addresses/spare-ip"),
    # CIS GCP 2.16: the global web backend logs no requests, the regional api backend does
    ("load-balancer.logging-disabled", f"{COMPUTE}/global/backendServices/web-backend"),
    # CIS GCP 8.1: etl-nightly runs on Google's key, etl-eu on a Cloud KMS key
    (
        "data-cluster.no-cmek",
        f"//dataproc.googleapis.com/projects/{PROD}/regions/us-central1/clusters/etl-nightly",
    ),
    ("disk.unattached", f"{COMPUTE}/zones/us-central1-a/disks/old-data"),
    ("disk.not-csek", f"{COMPUTE}/zones/us-central1-a/disks/old-data"),
    ("disk.not-csek", f"{COMPUTE}/zones/us-central1-a/disks/bastion-1"),
    ("disk-snapshot.older-than-90-days", f"{COMPUTE}/global/snapshots/before-upgrade-2025"),
    # Cloud SQL flags: orders-db sets none (so the PostgreSQL defaults apply), reports-db sets them right;
    # legacy-mysql vs billing-db; erp-sql chains ownership across databases
    *((f"database.postgres-{rule}", SQL + "orders-db") for rule in POSTGRES_RULES),
    ("database.mysql-local-infile-on", SQL + "legacy-mysql"),
    ("database.mysql-skip-show-database-off", SQL + "legacy-mysql"),
    ("database.sqlserver-cross-db-ownership-chaining", SQL + "erp-sql"),
    # project-wide settings: no contact, no Access Approval, no Asset Inventory, only a filtered sink (the
    # unfiltered one is disabled), alerts only for ownership changes (the firewall alert is disabled, the
    # route metric has none, the network metric's filter is not the CIS one); the sandbox has them all
    *((f"account.{rule}", ACCOUNT) for rule in ACCOUNT_RULES),
    # the filtered sink writes to lz-audit-logs, which has no locked retention (lz-log-archive has one)
    ("bucket.log-retention-not-locked", BUCKET + "lz-audit-logs-7f3a"),
    (
        "log-store.retention-under-365-days",
        f"//logging.googleapis.com/projects/{PROD}/locations/global/buckets/_Default",
    ),
    # only prod-vpc is bound to a DNS policy that logs
    ("network.dns-logging-disabled", f"{COMPUTE}/global/networks/legacy-net"),
    ("network.dns-logging-disabled", f"{COMPUTE}/global/networks/my-vpc"),
    # DNSSEC: RSASHA1 keys vs RSASHA256 (www-zone), off on a public zone vs a private one
    ("dns-zone.dnssec-disabled", f"{DNS}shop-zone"),
    ("dns-zone.rsasha1-key-signing", f"{DNS}legacy-zone"),
    ("dns-zone.rsasha1-zone-signing", f"{DNS}legacy-zone"),
    # KMS: 400 days and never vs 90 and 30 days; one key readable by allAuthenticatedUsers
    ("kms.key-public", f"{KMS}partner"),
    ("kms.rotation-over-90-days", f"{KMS}logs"),
    ("kms.rotation-over-90-days", f"{KMS}sql"),
    # BigQuery: analytics is public and has no CMEK at all; finance has them everywhere
    *(
        (f"dataset.{rule}", f"{BIGQUERY}analytics")
        for rule in ("no-default-cmek", "public", "tables-without-cmek")
    ),
    # API keys: both exist (CIS 1.12); one is 400 days old, the other is restricted to no API
    ("api-key.exists", f"{API_KEYS}0c2a7f3e-6b1d-4a58-9e2f-1d3c5b7a9e01"),
    ("api-key.exists", f"{API_KEYS}7f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f"),
    ("api-key.not-restricted-to-apis", f"{API_KEYS}7f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f"),
    ("api-key.not-rotated", f"{API_KEYS}0c2a7f3e-6b1d-4a58-9e2f-1d3c5b7a9e01"),
    # GKE: legacy-gke (older fields, public endpoint open to 0.0.0.0/0) breaks what prod-gke (newer
    # controlPlaneEndpointsConfig, private endpoint only) keeps
    *((f"kubernetes.{rule}", LEGACY_GKE) for rule in GKE_RULES),
    *((f"node-pool.{rule}", LEGACY_GKE + "/nodePools/default-pool") for rule in NODE_POOL_RULES),
    # Artifact Registry: containers has scanning off and no cleanup policy; base-images has both
    (
        "registry.repository-no-cleanup-policy",
        f"projects/{PROD}/locations/us-central1/repositories/containers",
    ),
    (
        "registry.repository-scanning-disabled",
        f"projects/{PROD}/locations/us-central1/repositories/containers",
    ),
}


# Reads of one object, and the lists the APIs do not page.
NOT_PAGED = {
    "cloudresourcemanager.projects.get",
    "cloudresourcemanager.projects.getIamPolicy",
    "compute.projects.get",
    "storage.buckets.getIamPolicy",
    "artifactregistry.projects.locations.repositories.getIamPolicy",
    "iam.projects.serviceAccounts.keys.list",
    "cloudkms.projects.locations.keyRings.cryptoKeys.getIamPolicy",
    "accessapproval.projects.getAccessApprovalSettings",
    "bigquery.datasets.get",
    "bigquery.tables.get",
    "container.projects.locations.clusters.list",
}


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(landing_zone()) as server:
        yield server


def findings(stdout: str) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["resource"]["id"]) for f in json.loads(stdout)["findings"]}


def test_landing_zone_yields_exactly_the_expected_findings(fake: FakeGoogle) -> None:
    result = run("scan", "--provider", "gcp", "--project", PROD, "-f", "json", env=gcp_env(fake.url))
    assert result.exit_code == 1, result.output
    assert findings(result.stdout) == EXPECTED
    assert json.loads(result.stdout)["errors"] == []


def test_every_list_is_read_to_its_second_page(fake: FakeGoogle) -> None:
    run("collect", "--provider", "gcp", "--project", PROD, "-o", "/dev/null", env=gcp_env(fake.url))
    lists = {r.path for r in fake.requests if r.operation not in NOT_PAGED and "pageToken" not in r.query}
    second_pages = {r.path for r in fake.requests if r.query.get("pageToken") == "page-2"}
    empty = {  # nothing there: one empty page
        f"/v1/projects/{PROD}/locations/us/repositories",
        f"/v1/projects/{PROD}/locations/global/keyRings",
        f"/v1/projects/{PROD}/contacts:compute",
        *(f"/v1/projects/{PROD}/regions/{r}/clusters" for r in ("us-east1", "asia-northeast1")),  # Dataproc
    }
    assert lists - empty == second_pages


def test_organization_discovery_collects_active_projects_and_reports_partial_scan(
    fake: FakeGoogle, tmp_path: Path
) -> None:
    sarif = tmp_path / "gcp.sarif"
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--organization",
        ORG.split("/")[1],
        "-f",
        "json",
        "-o",
        str(sarif),
        "--fail-on",
        "critical",
        env=gcp_env(fake.url),
    )
    # prod's public dataset and KMS key are critical: findings decide the exit code over the partial scan
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    accounts = {f["resource"]["account"] for f in report["findings"]}
    assert PROD in accounts and DELETED not in accounts
    errors = {(e["account"], e["service"], e["operation"], e["code"]) for e in report["errors"]}
    assert errors == {
        (SANDBOX, "sqladmin", "instances.list", "SERVICE_NOT_IN_USE"),
        (SANDBOX, "artifactregistry", "locations.list", "PERMISSION_DENIED"),
    }
    assert not any(r.path.startswith(f"/compute/v1/projects/{DELETED}") for r in fake.requests)
    assert check_sarif_file(sarif.read_bytes()) == []
    notifications = [
        n["message"]["text"]
        for run_ in json.loads(sarif.read_text())["runs"]
        for inv in run_.get("invocations", [])
        for n in inv.get("toolExecutionNotifications", [])
    ]
    assert any("Cloud SQL Admin API has not been used" in text for text in notifications)


def test_errors_are_shown_in_the_table(fake: FakeGoogle) -> None:
    result = run("scan", "--provider", "gcp", "--project", SANDBOX, env=gcp_env(fake.url))
    assert result.exit_code == 3, result.output
    assert "SERVICE_NOT_IN_USE" in result.output and "PERMISSION_DENIED" in result.output
    assert "Traceback" not in result.output


def test_throttled_call_is_retried_and_succeeds(fake: FakeGoogle) -> None:
    path = f"/compute/v1/projects/{PROD}/global/firewalls"
    fake.throttle("GET", path, retry_after="0")
    result = run("scan", "--provider", "gcp", "--project", PROD, "-f", "json", env=gcp_env(fake.url))
    assert findings(result.stdout) == EXPECTED
    assert json.loads(result.stdout)["errors"] == []
    assert sum(1 for r in fake.requests if r.path == path) == 3  # 429, then both pages


def test_collect_writes_a_snapshot_that_scan_reads_back(fake: FakeGoogle, tmp_path: Path) -> None:
    snapshot = tmp_path / "inventory.json"
    collected = run(
        "collect", "--provider", "gcp", "--project", PROD, "-o", str(snapshot), env=gcp_env(fake.url)
    )
    assert collected.exit_code == 0, collected.output
    requests_made = len(fake.requests)
    offline = run("scan", "--inventory", str(snapshot), "-f", "json")
    assert findings(offline.stdout) == EXPECTED
    assert len(fake.requests) == requests_made
    origins = {r["origin"]["call"] for r in json.loads(snapshot.read_text())["resources"]}
    assert "compute.firewalls.list" in origins and "storage.buckets.list" in origins


def test_region_filter_skips_other_regions_and_their_registry_locations(fake: FakeGoogle) -> None:
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--project",
        PROD,
        "--region",
        "europe-west1",
        "-f",
        "json",
        env=gcp_env(fake.url),
    )
    regions = {f["resource"]["region"] for f in json.loads(result.stdout)["findings"]}
    # us, eu: a multi-region bucket and BigQuery datasets, kept like global ones
    assert regions <= {"global", "europe-west1", "us", "eu"}
    assert ("firewall.ssh-open-to-internet", f"{COMPUTE}/global/firewalls/allow-ssh") in findings(
        result.stdout
    )
    assert not any("/locations/us-central1/" in r.path for r in fake.requests)


def test_config_file_sets_one_endpoint_per_service(fake: FakeGoogle, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    services = SERVICES
    config.write_text("gcp:\n  endpoints:\n" + "".join(f"    {s}: {fake.url}\n" for s in services))
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--project",
        PROD,
        "--config",
        str(config),
        "-f",
        "json",
        env={"CLOUDSCAN_GCP_CREDENTIALS": "anonymous", "CLOUDSCAN_GCP_ENDPOINT": ""},
    )
    assert findings(result.stdout) == EXPECTED


def test_one_worker_gives_the_same_result(fake: FakeGoogle) -> None:
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--project",
        PROD,
        "--max-workers",
        "1",
        "-f",
        "json",
        env=gcp_env(fake.url),
    )
    assert findings(result.stdout) == EXPECTED


def test_google_libraries_are_imported_only_when_gcp_is_scanned() -> None:
    code = "import sys, scanner.cli; print(sorted(m for m in sys.modules if m.startswith('google')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_service_account_keys_are_listed_once_per_account_user_managed_only(fake: FakeGoogle) -> None:
    run("collect", "--provider", "gcp", "--project", PROD, "-o", "/dev/null", env=gcp_env(fake.url))
    key_lists = [r for r in fake.requests if r.operation == "iam.projects.serviceAccounts.keys.list"]
    accounts = {a["email"] for a in fake.world.projects[PROD]["service_accounts"]}
    assert sorted(r.path.split("/")[-2] for r in key_lists) == sorted(accounts)
    assert {r.query.get("keyTypes") for r in key_lists} == {"USER_MANAGED"}
