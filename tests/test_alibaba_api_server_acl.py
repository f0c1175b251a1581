"""An ACK cluster's public API server and its CLB listener's ACL, through the real SDKs and the fake.

Each cluster's DescribeClusterResources names the API server's CLB instance; the 6443 listener
(SLB DescribeLoadBalancerTCPListenerAttribute) says whether an ACL applies and which kind; the
ACL's entries (DescribeAccessControlListAttribute) are the networks. ``kubernetes.public-endpoint-
unrestricted`` then judges the cluster as it judges a GKE cluster's authorized networks.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_landing_zone import HANGZHOU, cluster_resources, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba, denied
from tests.terraform_support import builtin_policies, findings, scan_hcl

KEYS = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIfake", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "fake-secret"}
POLICY = "kubernetes.public-endpoint-unrestricted"
OFFICES = ["203.0.113.0/24", "198.51.100.0/24", "192.0.2.10"]  # three entries: two pages of the fake's two

# cluster id -> (public API server?, the 6443 listener of its CLB)
CLUSTERS: dict[str, tuple[bool, dict[str, Any]]] = {
    "c-noacl": (True, {"AclStatus": "off"}),
    "c-office": (True, {"AclStatus": "on", "AclType": "white", "AclIds": ["acl-office"]}),
    "c-office2": (True, {"AclStatus": "on", "AclType": "white", "AclIds": ["acl-office"]}),
    "c-open": (True, {"AclStatus": "on", "AclType": "white", "AclIds": ["acl-office", "acl-open"]}),
    "c-black": (True, {"AclStatus": "on", "AclType": "black", "AclIds": ["acl-block"]}),
    "c-empty": (True, {"AclStatus": "on", "AclType": "white", "AclIds": ["acl-empty"]}),
    "c-private": (False, {"AclStatus": "off"}),
}
ACLS = {
    "acl-office": [{"AclEntryIP": ip, "AclEntryComment": "office"} for ip in OFFICES],
    "acl-open": [{"AclEntryIP": "0.0.0.0/0", "AclEntryComment": "everyone"}],
    "acl-block": [{"AclEntryIP": "192.0.2.66/32", "AclEntryComment": "abuser"}],
    "acl-empty": [],
}


def _account() -> dict[str, Any]:
    """The landing zone with cn-hangzhou's ACK clusters replaced by :data:`CLUSTERS`."""
    account = landing_zone()
    region = account["regions"][HANGZHOU]
    template = region["ack_clusters"][0]
    clusters, listeners = [], {}
    for cluster_id, (public, listener) in CLUSTERS.items():
        balancer = f"lb-{cluster_id}"
        master = json.dumps(
            {"api_server_endpoint": "https://198.51.100.50:6443" if public else "",
             "intranet_api_server_endpoint": "https://10.0.1.5:6443"}
        )  # fmt: skip
        summary = {**template["summary"], "cluster_id": cluster_id, "name": cluster_id, "master_url": master}
        clusters.append({**template, "cluster_id": cluster_id, "summary": summary,
                         "detail": {**template["detail"], **summary},
                         "resources": cluster_resources(cluster_id, balancer)})  # fmt: skip
        listeners[balancer] = {6443: listener}
    region["ack_clusters"] = clusters
    region["slb_listeners"] = listeners
    region["slb_acls"] = {acl_id: {"AclName": acl_id, "entries": entries} for acl_id, entries in ACLS.items()}
    return account


def _scan(fake: FakeAlibaba, tmp_path: Path) -> tuple[int, set[str], dict[str, dict[str, Any]], list[dict]]:
    """One scan of cn-hangzhou: exit code, clusters flagged by :data:`POLICY`, records by id, errors."""
    report = tmp_path / "report.json"
    result = run_cli(
        "scan", "--provider", "alibaba", "-q", "--region", HANGZHOU, "-o", str(report),
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url, **KEYS},
    )  # fmt: skip
    assert "Traceback" not in result.output
    found = json.loads(report.read_text())
    flagged = {f["resource"]["id"] for f in found["findings"] if f["rule_id"] == POLICY}
    _, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU, env=KEYS)
    return result.exit_code, flagged, by_id(snapshot), found["errors"]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, set[str], dict, list, FakeAlibaba]:
    with FakeAlibaba(_account()) as fake:
        code, flagged, records, errors = _scan(fake, tmp_path_factory.mktemp("acl"))
    return code, flagged, records, errors, fake


def test_public_api_servers_without_an_allow_list_are_flagged(scanned: tuple) -> None:
    code, flagged, _, errors, _ = scanned
    # no ACL, a whitelist that admits 0.0.0.0/0, a blacklist, an empty whitelist (forwards all)
    assert flagged == {"c-noacl", "c-open", "c-black", "c-empty"}
    assert errors == [] and code == 1


def test_a_whitelist_of_office_ranges_is_the_allow_list(scanned: tuple) -> None:
    _, flagged, records, _, _ = scanned
    office = records["c-office"]
    assert office["authorized_networks_enabled"] is True
    assert office["authorized_networks"] == OFFICES  # every page of the ACL
    assert "c-office" not in flagged and "c-office2" not in flagged


def test_fields_say_what_each_listener_does(scanned: tuple) -> None:
    _, _, records, _, _ = scanned
    assert records["c-noacl"]["authorized_networks_enabled"] is False
    assert records["c-black"]["authorized_networks_enabled"] is False
    assert records["c-empty"]["authorized_networks_enabled"] is False
    assert records["c-open"]["authorized_networks"] == [*OFFICES, "0.0.0.0/0"]  # both ACLs of the listener
    for record in records.values():
        if record["kind"] == "kubernetes_cluster":
            assert "authorized_networks" not in record.get("unknown", [])


def test_a_private_cluster_needs_no_load_balancer_call(scanned: tuple) -> None:
    _, flagged, records, _, fake = scanned
    assert records["c-private"]["public_endpoint"] is False and "c-private" not in flagged
    asked = [r.params for r in fake.requests if r.product in ("slb", "cs")]
    assert not [p for p in asked if "c-private" in p.get("path", "") and p["path"].endswith("/resources")]
    assert "lb-c-private" not in {p.get("LoadBalancerId") for p in asked}


def test_an_acl_shared_by_clusters_is_read_once(scanned: tuple) -> None:
    _, _, _, _, fake = scanned
    pages = [r.params for r in fake.requests if r.action == "DescribeAccessControlListAttribute"]
    # acl-office (3 entries, 2 pages) serves c-office, c-office2 and c-open; read once per scan
    # (the fixture's scan and collect are two runs): 2 runs x (2 + acl-open + acl-block + acl-empty)
    assert sorted(p["AclId"] for p in pages).count("acl-office") == 2 * 2
    assert len(pages) == 2 * 5


def test_a_denied_listener_is_a_recorded_error_and_the_rest_is_decided(tmp_path: Path) -> None:
    with FakeAlibaba(_account()) as fake:
        fake.injected.add(
            "slb.DescribeLoadBalancerTCPListenerAttribute", denied(), times=None,
            where={"LoadBalancerId": "lb-c-noacl"},
        )  # fmt: skip
        code, flagged, records, errors = _scan(fake, tmp_path)
    assert code == 1  # findings outrank a partial collection
    assert [(e["service"], e["operation"], e["code"]) for e in errors] == [
        ("slb", "DescribeLoadBalancerTCPListenerAttribute", "Forbidden.RAM")
    ]
    noacl = records["c-noacl"]
    assert {"authorized_networks", "authorized_networks_enabled"} <= set(noacl["unknown"])
    assert "authorized_networks_enabled" not in noacl
    assert flagged == {"c-open", "c-black", "c-empty"}  # unknown is not a finding; the others still are


def test_a_denied_acl_or_cluster_resources_leaves_the_cluster_unknown(tmp_path: Path) -> None:
    with FakeAlibaba(_account()) as fake:
        fake.faults.deny.update({"DescribeAccessControlListAttribute", "DescribeClusterResources"})
        result, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU, env=KEYS)
    assert result.exit_code == 3, result.output
    operations = {e["operation"] for e in snapshot["errors"]}
    assert operations == {"DescribeClusterResources"}  # denied first: no listener, no ACL asked
    records = by_id(snapshot)
    assert "authorized_networks_enabled" in records["c-office"]["unknown"]
    assert records["c-office"]["public_endpoint"] is True  # the rest of the cluster is collected


def test_a_gone_load_balancer_is_a_recorded_error(tmp_path: Path) -> None:
    account = _account()
    del account["regions"][HANGZHOU]["slb_listeners"]["lb-c-office"]
    with FakeAlibaba(account) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", HANGZHOU, env=KEYS)
    assert result.exit_code == 3, result.output
    assert [e["code"] for e in snapshot["errors"]] == ["InvalidLoadBalancerId.NotFound"]
    records = by_id(snapshot)
    assert "authorized_networks" in records["c-office"]["unknown"]
    assert records["c-office2"]["authorized_networks"] == OFFICES  # the shared ACL is still read


TF = """
resource "alicloud_cs_managed_kubernetes" "open" { name = "open" }
resource "alicloud_cs_managed_kubernetes" "closed" {
  name                 = "closed"
  slb_internet_enabled = false
}
"""


def test_terraform_leaves_the_api_server_acl_unknown(tmp_path: Path) -> None:
    """The ACL is the CLB listener's, not the cluster's: no guess from a plan, no finding either way."""
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', TF)
    open_cluster = records["alicloud_cs_managed_kubernetes.open"]
    assert open_cluster.public_endpoint is True
    assert {"authorized_networks", "authorized_networks_enabled"} <= open_cluster.unknown
    assert open_cluster.authorized_networks_enabled is None
    closed = records["alicloud_cs_managed_kubernetes.closed"]
    assert closed.public_endpoint is False and "authorized_networks" not in closed.unknown
    assert not [rid for rule, rid in findings(records, builtin_policies()) if rule == POLICY]
