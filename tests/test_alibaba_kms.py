"""Alibaba Cloud KMS keys, live (ListKeys, DescribeKey through the real SDK and the fake) and in
Terraform (``alicloud_kms_key``), judged by ``kms.rotation-over-90-days``.

The landing zone's keys (``tests/fakes/alibaba_landing_zone.py``): rotation off, every 365 days,
BYOK (imported material: reported, as GCP's import-only keys are), every 90 days, disabled, an RSA
signing key, and a key a cloud service created, which ListKeys' ``CreatorType`` filter leaves out.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from scanner.providers.alibaba.translate import kms
from scanner.providers.alibaba.translate.common import MISSING
from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_kms import kms_key
from tests.fakes.alibaba_landing_zone import ACCOUNT, empty_region, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba
from tests.terraform_support import builtin_policies, findings, scan_hcl

RULE = "kms.rotation-over-90-days"
KEY = f"acs:kms:cn-hangzhou:{ACCOUNT}:key"


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def _scan(tmp_path: Path, fake: FakeAlibaba, *extra: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "report.json"
    result = run_cli(
        "scan", "--provider", "alibaba", "-q", "--region", "cn-hangzhou", "-o", str(out), *extra,
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
    )  # fmt: skip
    return result.exit_code, json.loads(out.read_text())


def _rotation_findings(report: dict[str, Any]) -> dict[str, str]:
    return {f["resource"]["id"]: f["message"] for f in report["findings"] if f["rule_id"] == RULE}


def test_live_keys_are_judged_for_rotation(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        exit_code, report = _scan(tmp_path, fake)
    assert exit_code == 1
    found = _rotation_findings(report)
    assert set(found) == {f"{KEY}/key-lz0norot", f"{KEY}/key-lz0yearly", f"{KEY}/key-lz0byok"}
    assert found[f"{KEY}/key-lz0norot"] == (
        "KMS key key-lz0norot is not rotated within 90 days; automatic rotation period in days: (not set)."
    )
    assert found[f"{KEY}/key-lz0yearly"] == (
        "KMS key key-lz0yearly is not rotated within 90 days; automatic rotation period in days: 365."
    )


def test_live_key_fields(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url)
        listed = [r for r in fake.requests if r.action == "ListKeys"]
    assert result.exit_code == 0, result.output
    keys = {r["name"]: r for r in by_id(snapshot).values() if r["kind"] == "kms_key"}
    # the service-created key is not listed; cn-shanghai's ListKeys (same endpoint) adds no duplicate
    assert sorted(keys) == sorted(
        ["key-lz0norot", "key-lz0yearly", "key-lz0byok", "key-lz0rot90", "key-lz0off", "key-lz0sign"]
    )
    assert all(
        json.loads(r.params["Filters"]) == [{"Key": "CreatorType", "Values": ["User"]}] for r in listed
    )
    rot90, byok, off, sign = (
        keys["key-lz0rot90"],
        keys["key-lz0byok"],
        keys["key-lz0off"],
        keys["key-lz0sign"],
    )
    assert (rot90["state"], rot90["purpose"], rot90["rotation_period_days"]) == (
        "enabled",
        "encrypt_decrypt",
        90,
    )
    assert (byok["origin_external"], byok.get("rotation_period_days")) == (True, None)
    assert off["state"] == "disabled"
    assert sign["purpose"] == "sign_verify"
    assert keys["key-lz0yearly"]["deletion_protection"] is True
    assert rot90["deletion_protection"] is False
    assert rot90["region"] == "cn-hangzhou"
    assert rot90["native"]["AutomaticRotation"] == "Enabled"
    assert "public" in rot90["unknown"]  # the key policy is not read


def test_keys_are_paged_over_several_pages(tmp_path: Path) -> None:
    account = landing_zone()
    account["regions"]["cn-hangzhou"] = region = empty_region()
    region["kms_keys"] = [kms_key("cn-hangzhou", f"key-page{n}") for n in range(5)]
    with FakeAlibaba(account, page_cap=2) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
        pages = [r.params.get("PageNumber") for r in fake.requests if r.action == "ListKeys"]
    assert result.exit_code == 0, result.output
    assert pages == ["1", "2", "3"]  # five keys, two per page
    names = {r["name"] for r in snapshot["resources"] if r["kind"] == "kms_key"}
    assert names == {f"key-page{n}" for n in range(5)}


def test_denied_list_keys_is_a_recorded_error_and_the_scan_goes_on(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.deny.add("ListKeys")
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
    assert result.exit_code == 3, result.output
    assert "kms.ListKeys: Forbidden.RAM" in result.output
    assert [(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]] == [
        ("kms", "ListKeys", "Forbidden.RAM")
    ]
    kinds = {r["kind"] for r in snapshot["resources"]}
    assert "kms_key" not in kinds and {"database", "bucket", "log_store"} <= kinds


def test_denied_describe_key_leaves_the_key_unknown_not_compliant(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.deny.add("DescribeKey")
        exit_code, report = _scan(tmp_path, fake)
    assert exit_code == 1  # the landing zone's other findings; the errors alone would make it 3
    assert _rotation_findings(report) == {}  # nothing judged on a guess
    errors = {(e["operation"], e["code"]) for e in report["errors"]}
    assert errors == {("DescribeKey", "Forbidden.RAM")}


def test_unreachable_kms_endpoint_is_a_recorded_error(tmp_path: Path) -> None:
    """A region without KMS (its ``kms.<region>.aliyuncs.com`` answers nothing) stops nothing else."""
    config = tmp_path / "cloudscan.yaml"
    config.write_text(f"alibaba:\n  endpoints:\n    kms: {closed_port_url()}\n")
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--config", str(config), "--region", "cn-hangzhou")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert [(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]] == [
        ("kms", "ListKeys", "EndpointUnreachable")
    ]
    assert "rm-lz0001" in by_id(snapshot)


def test_throttled_list_keys_is_retried(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.throttle_once.add("ListKeys")
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou")
    assert result.exit_code == 0, result.output
    assert len([r for r in snapshot["resources"] if r["kind"] == "kms_key"]) == 6


TF_KEYS = """
resource "alicloud_kms_key" "defaults" {
  description = "rotation left out: Disabled by default"
}
resource "alicloud_kms_key" "rot90" {
  automatic_rotation = "Enabled"
  rotation_interval  = "90d"
}
resource "alicloud_kms_key" "yearly" {
  automatic_rotation  = "Enabled"
  rotation_interval   = "31536000s"
  deletion_protection = "Enabled"
}
resource "alicloud_kms_key" "off" {
  status = "Disabled"
}
resource "alicloud_kms_key" "byok" {
  origin = "EXTERNAL"
}
resource "alicloud_kms_key" "sign" {
  key_usage = "SIGN/VERIFY"
  key_spec  = "RSA_2048"
}
resource "alicloud_kms_key" "rsa_decrypt" {
  key_spec = "RSA_3072"
}
resource "alicloud_kms_key" "legacy" {
  is_enabled = false
}
"""


def test_terraform_keys(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', TF_KEYS)
    found = set(findings(records, builtin_policies()))
    assert {f for f in found if f[0] == RULE} == {
        (RULE, "alicloud_kms_key.defaults"),
        (RULE, "alicloud_kms_key.yearly"),
        (RULE, "alicloud_kms_key.byok"),
    }
    defaults = records["alicloud_kms_key.defaults"]
    assert (defaults.state, defaults.purpose, defaults.rotation_period_days) == (
        "enabled",
        "encrypt_decrypt",
        None,
    )
    assert (defaults.origin_external, defaults.deletion_protection) == (False, False)
    assert records["alicloud_kms_key.rot90"].rotation_period_days == 90
    assert records["alicloud_kms_key.yearly"].rotation_period_days == 365
    assert records["alicloud_kms_key.yearly"].deletion_protection is True
    assert records["alicloud_kms_key.off"].state == "disabled"
    assert records["alicloud_kms_key.byok"].origin_external is True
    assert records["alicloud_kms_key.sign"].purpose == "sign_verify"
    assert records["alicloud_kms_key.rsa_decrypt"].purpose == "asymmetric_decrypt"
    assert records["alicloud_kms_key.legacy"].state == "disabled"
    assert "public" in defaults.unknown


@pytest.mark.parametrize("interval", ["var.interval", '"soon"'])
def test_terraform_unreadable_interval_is_unknown(tmp_path: Path, interval: str) -> None:
    hcl = f"""
variable "interval" {{}}
resource "alicloud_kms_key" "k" {{
  automatic_rotation = "Enabled"
  rotation_interval  = {interval}
}}
"""
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', hcl)
    key = records["alicloud_kms_key.k"]
    assert "rotation_period_days" in key.unknown
    assert not [f for f in findings(records, builtin_policies()) if f[0] == RULE]


def test_translate_from_canned_answers() -> None:
    listed = {"KeyId": "key-1", "KeyArn": f"{KEY}/key-1"}
    suspended = kms_key("cn-hangzhou", "key-1", rotation="Suspended", interval="604800s")
    record = kms.key(ACCOUNT, "cn-hangzhou", listed, suspended)
    assert record.rotation_period_days is None  # suspended: not being rotated
    assert "rotation_period_days" not in record.unknown
    pending = kms.key(ACCOUNT, "cn-hangzhou", listed, kms_key("cn-hangzhou", "key-1", state="PendingImport"))
    assert pending.state == "pending_import"
    rsa = kms.key(ACCOUNT, "cn-hangzhou", listed, kms_key("cn-hangzhou", "key-1", spec="RSA_2048"))
    assert rsa.purpose == "asymmetric_decrypt"
    enabled_without_interval = kms_key("cn-hangzhou", "key-1", rotation="Enabled")
    assert "rotation_period_days" in kms.key(ACCOUNT, "cn-hangzhou", listed, enabled_without_interval).unknown
    failed = kms.key(ACCOUNT, "cn-hangzhou", listed, MISSING)
    assert failed.id == f"{KEY}/key-1"
    assert {
        "state",
        "purpose",
        "rotation_period_days",
        "origin_external",
        "deletion_protection",
    } <= failed.unknown
    assert [kms.interval_days(v) for v in ("7776000s", "90d", "2160h", "1s", "0s", "soon")] == [
        90,
        90,
        90,
        1,
        None,
        None,
    ]
