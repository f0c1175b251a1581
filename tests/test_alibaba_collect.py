"""The Alibaba Cloud adapter end to end: the real CLI and SDKs over HTTP against the fake."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.alibaba_support import by_id, collect
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba


@pytest.fixture
def fake() -> FakeAlibaba:
    with FakeAlibaba(landing_zone()) as server:
        yield server


def test_collect_writes_every_kind_of_the_landing_zone(fake: FakeAlibaba, tmp_path: Path) -> None:
    result, snapshot = collect(tmp_path, fake.url)
    assert result.exit_code == 0, result.output
    assert snapshot["errors"] == []
    kinds = Counter(r["kind"] for r in snapshot["resources"])
    assert kinds == {
        "firewall_rule": 7, "instance": 5, "network": 1, "subnet": 2, "database": 8, "registry": 1,
        "repository": 5, "bucket": 3, "iam_principal": 4, "iam_binding": 6, "password_policy": 1,
        "disk": 4, "disk_snapshot": 3, "address": 3, "audit_trail": 2,
        "kubernetes_cluster": 2, "node_pool": 2, "account": 1, "log_store": 3,
        "kms_key": 6,
    }  # fmt: skip
    assert {r["account"] for r in snapshot["resources"]} == {ACCOUNT}


def test_personal_edition_repositories_are_paged_and_typed(fake: FakeAlibaba, tmp_path: Path) -> None:
    result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
    assert result.exit_code == 0, result.output
    personal = {r["name"]: r for r in snapshot["resources"] if r["native"].get("edition") == "personal"}
    assert {name: r["public"] for name, r in personal.items()} == {
        "lz-personal/demo-site": True, "lz-personal/tools": False, "lz-personal/scratch": False,
    }  # fmt: skip
    assert personal["lz-personal/demo-site"]["id"] == "810001"
    assert fake.actions().count(("cr", "GetRepoList")) == 2  # three repositories, two per page


def test_derived_facts(fake: FakeAlibaba, tmp_path: Path) -> None:
    _, snapshot = collect(tmp_path, fake.url)
    res = by_id(snapshot)
    public, private = res["vsw-lz0pub"], res["vsw-lz0priv"]
    assert public["routes_to_internet"] is True
    assert private["routes_to_internet"] is False
    assert private["native"]["internet_egress"] == "nat"
    rdp = res["sg-lz0web/sgr-lz0rdp"]
    assert (rdp["direction"], rdp["protocol"], rdp["ports"], rdp["source_ranges"]) == (
        "ingress", "tcp", [{"start": 3389, "end": 3389}], ["0.0.0.0/0"],
    )  # fmt: skip
    assert res["sg-lz0web/sgr-lz0out"]["ports"] == [{"start": 0, "end": 65535}]
    assert res["sg-lz0app/sgr-lz0app"]["source_groups"] == ["sg-lz0web"]
    assert "source_ranges" in res["sg-lz0app/sgr-lz0ssh"]["unknown"]
    assert res["i-lz0web"]["public_ips"] == ["198.51.100.20"]
    db = res["rm-lz0001"]
    assert db["public_endpoint"] is True
    assert db["allowed_networks"] == ["10.0.0.0/16", "0.0.0.0/0"]  # the hidden group is left out
    assert (db["ssl_required"], db["encrypted"], db["backups"]) == (False, False, True)
    assert db["relations"] == {"subnet": ["vsw-lz0priv"], "network": ["vpc-lz0001"]}
    assets = res[f"acs:oss:*:{ACCOUNT}:lz-public-assets"]
    assert (assets["public_read"], assets["public_write"], assets["encryption"]) == (True, False, "none")
    audit = res[f"acs:oss:*:{ACCOUNT}:lz-audit-logs"]
    assert (audit["public_read"], audit["encryption"], audit["kms_key"]) == (
        False,
        "customer_key",
        "key-lz0audit",
    )
    assert audit["native"]["policy"][0]["conditions"] == {"StringEquals": {"acs:SourceVpc": ["vpc-lz0001"]}}
    assert res["cri-lz0001"]["public_endpoint"] is True
    assert res["cri-lz0001"]["endpoint_allowed_ranges"] == ["0.0.0.0/0"]
    assert res["crr-lz0front"]["public"] is True
    alice = res[f"acs:ram::{ACCOUNT}:user/alice"]
    assert (alice["console_access"], alice["mfa"], alice["admin"]) == (True, False, True)
    assert alice["access_keys"][0]["id"] == "LTAI0000alice0001"
    assert res[f"acs:ram::{ACCOUNT}:user/bob"]["mfa"] is True
    policy = res[f"acs:ram::{ACCOUNT}:password-policy"]
    assert (policy["min_length"], policy["require_symbols"], policy["max_login_attempts"]) == (8, False, 0)
    root = res[f"acs:ram::{ACCOUNT}:root"]
    assert (root["principal_type"], root["mfa"]) == ("root", False)
    assert [k["id"] for k in root["access_keys"]] == ["root-access-key-1"]


def test_every_list_is_paged_as_its_api_pages(fake: FakeAlibaba, tmp_path: Path) -> None:
    """page_cap=2 makes the fake split lists; the adapter must ask for the second pages."""
    collect(tmp_path, fake.url)
    calls = fake.requests
    tokens = [r for r in calls if r.action == "DescribeSecurityGroupAttribute" and r.params.get("NextToken")]
    assert tokens, "security group permissions: NextToken second page"
    for action in ("ListUsers", "ListRoles", "ListGroups"):
        assert any(r.action == action and r.params.get("Marker") for r in calls), f"RAM {action}: Marker"
    assert any(r.product == "oss" and r.params.get("marker") for r in calls), "OSS: marker"
    assert any(r.action == "DescribeRouteEntryList" and r.params.get("NextToken") for r in calls), (
        "route entries"
    )
    assert any(r.action == "ListRepository" and r.params.get("PageNo") == "1" for r in calls)


def test_region_filter_collects_only_that_region(fake: FakeAlibaba, tmp_path: Path) -> None:
    result, snapshot = collect(tmp_path, fake.url, "--region", "cn-shanghai")
    assert result.exit_code == 0, result.output
    regional = [r for r in snapshot["resources"] if r.get("region", "global") != "global"]
    assert regional == []
    assert not any(r.product == "vpc" and r.params.get("RegionId") == "cn-hangzhou" for r in fake.requests)
