"""The Google Cloud adapter end to end: real client libraries, real CLI, the fake API server on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.gcp_landing_zone import DELETED, ORG, PROD, SANDBOX, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env
from tests.helpers import run
from tests.sarif_rules import check_sarif_file

COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{PROD}"
BUCKET = "https://www.googleapis.com/storage/v1/b/"
SQL = f"https://sqladmin.googleapis.com/v1/projects/{PROD}/instances/"
CRM = f"//cloudresourcemanager.googleapis.com/projects/{PROD}/bindings/"
IAM = f"//iam.googleapis.com/projects/{PROD}/serviceAccounts/"
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
    first_pages = {r.path for r in fake.requests if r.method == "GET" and "pageToken" not in r.query}
    second_pages = {r.path for r in fake.requests if r.query.get("pageToken") == "page-2"}
    # Not lists, or lists the API does not page: IAM policies, the project, service account keys.
    lists = {
        p
        for p in first_pages
        if not p.endswith(("/iam", ":getIamPolicy", "/keys")) and p != f"/v3/projects/{PROD}"
    }
    empty = {f"/v1/projects/{PROD}/locations/us/repositories"}  # no repository there: one empty page
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
    assert result.exit_code == 3, result.output  # partial: collection errors, nothing at/above critical
    report = json.loads(result.stdout)
    accounts = {f["resource"]["account"] for f in report["findings"]}
    assert PROD in accounts and DELETED not in accounts
    errors = {(e["account"], e["service"], e["operation"], e["code"]) for e in report["errors"]}
    assert errors == {
        (SANDBOX, "sqladmin", "instances.list", "SERVICE_DISABLED"),
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
    assert "SERVICE_DISABLED" in result.output and "PERMISSION_DENIED" in result.output
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
    assert regions <= {"global", "europe-west1", "us"}  # us: a multi-region bucket, kept like a global one
    assert ("firewall.ssh-open-to-internet", f"{COMPUTE}/global/firewalls/allow-ssh") in findings(
        result.stdout
    )
    assert not any("/locations/us-central1/" in r.path for r in fake.requests)


def test_config_file_sets_one_endpoint_per_service(fake: FakeGoogle, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    services = ("compute", "sqladmin", "storage", "resourcemanager", "artifactregistry", "iam")
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
