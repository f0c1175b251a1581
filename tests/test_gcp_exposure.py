"""Regressions found in review of the live Google Cloud adapter, end to end through the fake API server.

Each test changes the landing zone in one way and checks what a user sees: a
finding, or a fact in the collected snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fakes.gcp_landing_zone import PROD, STORAGE, landing_zone
from tests.fakes.gcp_server import FakeGoogle, World, gcp_env, permission_denied
from tests.helpers import run

COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{PROD}"


def _bucket(name: str, location: str, location_type: str) -> dict[str, Any]:
    return {
        "kind": "storage#bucket",
        "id": name,
        "name": name,
        "selfLink": f"{STORAGE}/{name}",
        "projectNumber": "418276350912",
        "location": location,
        "locationType": location_type,
        "storageClass": "STANDARD",
        "iamConfiguration": {
            "uniformBucketLevelAccess": {"enabled": True},
            "publicAccessPrevention": "inherited",
        },
        "versioning": {"enabled": True},
        "logging": {"logBucket": "lz-access-logs-7f3a"},
    }


def _public_read() -> dict[str, Any]:
    return {"bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}]}


def multi_region_world() -> World:
    """A dual-region and an EU bucket, and a public repository in the ``us`` multi-region."""
    world = landing_zone()
    prod = world.projects[PROD]
    prod["buckets"] += [
        _bucket("lz-dual-7f3a", "NAM4", "dual-region"),
        _bucket("lz-eu-7f3a", "EU", "multi-region"),
    ]
    prod["bucket_iam"]["lz-dual-7f3a"] = _public_read()
    prod["bucket_iam"]["lz-eu-7f3a"] = _public_read()
    name = f"projects/{PROD}/locations/us/repositories/images"
    prod["repositories"]["us"] = [{"name": name, "format": "DOCKER", "mode": "STANDARD_REPOSITORY"}]
    prod["repository_iam"][name] = {
        "bindings": [{"role": "roles/artifactregistry.reader", "members": ["allUsers"]}]
    }
    return world


def scan(url: str, *extra: str) -> dict[str, Any]:
    result = run("scan", "--provider", "gcp", "--project", PROD, "-f", "json", *extra, env=gcp_env(url))
    assert result.exit_code == 1, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def found(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f["rule_id"], f["resource"]["id"]) for f in report["findings"]}


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(landing_zone()) as server:
        yield server


def test_region_filter_keeps_multi_and_dual_region_buckets_and_repositories() -> None:
    with FakeGoogle(multi_region_world()) as fake:
        report = scan(fake.url, "--region", "europe-west1")
        requested = {r.path for r in fake.requests}
    findings = found(report)
    assert ("bucket.public-read", f"{STORAGE}/lz-dual-7f3a") in findings
    assert ("bucket.public-read", f"{STORAGE}/lz-eu-7f3a") in findings
    assert ("bucket.public-read", f"{STORAGE}/lz-legacy-uploads-7f3a") in findings  # location US
    repository = f"projects/{PROD}/locations/us/repositories/images"
    assert ("registry.repository-public", repository) in findings
    # A single region outside --region is still left out, and not even listed.
    assert not any(rid == f"{STORAGE}/lz-public-assets-7f3a" for _, rid in findings)  # US-CENTRAL1
    assert f"/v1/projects/{PROD}/locations/us/repositories" in requested
    assert not any("/locations/us-central1/" in path for path in requested)
    assert {f["resource"]["region"] for f in report["findings"]} == {
        "global",
        "europe-west1",
        "us",
        "nam4",
        "eu",
    }
    assert report["errors"] == []


def test_stopped_vm_with_an_ephemeral_access_config_still_has_a_public_ip() -> None:
    world = landing_zone()
    [bastion] = world.projects[PROD]["instances"]["zones/us-central1-a"]
    bastion["status"] = "TERMINATED"
    del bastion["networkInterfaces"][0]["accessConfigs"][0]["natIP"]
    with FakeGoogle(world) as fake:
        report = scan(fake.url)
    [finding] = [f for f in report["findings"] if f["rule_id"] == "instance.public-ip"]
    assert finding["resource"]["id"] == f"{COMPUTE}/zones/us-central1-a/instances/bastion-1"
    assert "ephemeral" in finding["message"]


def test_unreadable_bucket_policy_with_public_access_prevention_is_private(
    fake: FakeGoogle, tmp_path: Path
) -> None:
    for bucket in ("lz-audit-logs-7f3a", "lz-public-assets-7f3a"):  # enforced, inherited
        path = f"/storage/v1/b/{bucket}/iam"
        fake.fail("GET", path, permission_denied("storage.buckets.getIamPolicy", f"b/{bucket}"))
    snapshot = tmp_path / "inventory.json"
    run("collect", "--provider", "gcp", "--project", PROD, "-o", str(snapshot), env=gcp_env(fake.url))
    buckets = {r["name"]: r for r in json.loads(snapshot.read_text())["resources"] if r["kind"] == "bucket"}
    audit, assets = buckets["lz-audit-logs-7f3a"], buckets["lz-public-assets-7f3a"]
    assert (audit["public_read"], audit["public_write"]) == (False, False)
    assert not {"public_read", "public_write"} & set(audit.get("unknown", []))
    # Without prevention the unread policy could grant anything: unknown, not private.
    assert assets.get("public_read") is None
    assert {"public_read", "public_write"} <= set(assets["unknown"])


def test_firewall_protocol_number_without_ports_opens_ssh() -> None:
    world = landing_zone()
    world.projects[PROD]["firewalls"].append(
        {
            "kind": "compute#firewall",
            "id": "9182736450192837465",
            "name": "allow-tcp-by-number",
            "network": f"{COMPUTE}/global/networks/prod-vpc",
            "priority": 1000,
            "direction": "INGRESS",
            "disabled": False,
            "sourceRanges": ["0.0.0.0/0"],
            "allowed": [{"IPProtocol": "6"}],
            "selfLink": f"{COMPUTE}/global/firewalls/allow-tcp-by-number",
        }
    )
    with FakeGoogle(world) as fake:
        report = scan(fake.url)
    assert ("firewall.ssh-open-to-internet", f"{COMPUTE}/global/firewalls/allow-tcp-by-number") in found(
        report
    )
