# ruff: noqa: E501 - the benchmark's queries read best on one line each
"""Log Service live: Logstore retention (CIS 2.23) and the alert rules of CIS 2.10-2.22.

The SLS SDK puts the project in front of the host; the fake at 127.0.0.1 is reached as the
SDK's HTTP proxy and routes on that ``Host`` (``docs/alibaba.md``, Endpoints).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.providers.alibaba.link.log_alerts import alerted_changes, change_classes
from tests.alibaba_support import by_id, collect, run_cli
from tests.fakes.alibaba_landing_zone import ACCOUNT, CIS_RAM_ROLE_QUERY, landing_zone, sls_alert
from tests.fakes.alibaba_server import FakeAlibaba, sls_error
from tests.fakes.faults import Fault
from tests.terraform_support import builtin_policies, findings, scan_hcl

ACCOUNT_ID = f"acs:account::{ACCOUNT}"
STORE = f"acs:log:cn-hangzhou:{ACCOUNT}:project"

# The queries of the benchmark's audit procedures (2.10-2.22), as written there
CIS_QUERIES = {
    "ram_role": CIS_RAM_ROLE_QUERY,
    "cloud_firewall": "event.serviceName: Cloudfw and (event.eventName: CreateVpcFirewallControlPolicy or event.eventName: DeleteVpcFirewallControlPolicy or event.eventName: ModifyVpcFirewallControlPolicy) | select count(1) as c",
    "network_route": "(event.serviceName: Ecs or event.serviceName: Vpc) and (event.eventName: CreateRouteEntry or event.eventName: DeleteRouteEntry or event.eventName: ModifyRouteEntry or event.eventName: AssociateRouteTable or event.eventName: UnassociateRouteTable) | select count(1) as c",
    "network": "(event.serviceName: Ecs or event.serviceName: Vpc) and (event.eventName: CreateVpc or event.eventName: DeleteVpc or event.eventName: DisableVpcClassicLink or event.eventName: EnableVpcClassicLink or event.eventName: DeletionProtection or event.eventName: AssociateVpcCidrBlock or event.eventName: UnassociateVpcCidrBlock or event.eventName: RevokeInstanceFromCen or event.eventName: CreateVSwitch or event.eventName: DeleteVSwitch or event.eventName: CreateVSwitch) | select count(1) as c",
    "bucket_permission": "(operation: PutBucket and request_uri: acl) or operation: PutObjectAcl| select bucket, count (1) as c group by bucket",
    "database_configuration": "event.serviceName: rds and (event.eventName: ModifyHASwitchConfig or event.eventName: ModifyDBInstanceHAConfig or event.eventName: SwitchDBInstanceHA or event.eventName: ModifyDBInstanceSpec or event.eventName: MigrateSecurityIPMode or event.eventName: ModifySecurityIps or event.eventName: ModifyDBInstanceSSL or event.eventName: MigrateToOtherZone or event.eventName: UpgradeDBInstanceKernelVersion or event.eventName: UpgradeDBInstanceEngineVersion or event.eventName: ModifyDBInstanceMaintainTime or event.eventName: ModifyDBInstanceAutoUpgradeMinorVersion or event.eventName: AllocateInstancePublicConnection or event.eventName: ModifyDBInstanceConnectionString or event.eventName: ModifyDBInstanceNetworkExpireTime or event.eventName: ReleaseInstancePublicConnection or event.eventName: SwitchDBInstanceNetType or event.eventName: ModifyDBInstanceNetworkType or event.eventName: ModifyDBInstanceSSL or event.eventName: ModifyDTCSecurityIpHostsForSQLServer or event.eventName: ModifySecurityGroupConfiguration or event.eventName: CreateBackup or event.eventName: ModifyBackupPolicy or event.eventName: DeleteBackup or event.eventName: CreateDdrInstance or event.eventName: ModifyInstanceCrossBackupPolicy) | select count(1) as cnt",
    "unauthorized_api_call": "event.eventType: ApiCall and (event.errorCode: NoPermission or event.errorCode: NoPermission.* or event.errorCode: Forbidden or event.errorCode: Forbbiden or event.errorCode: Forbidden.* or event.errorCode: InvalidAccessKeyId or event.errorCode: InvalidAccessKeyId.* or event.errorCode: InvalidSecurityToken or event.errorCode: InvalidSecurityToken.* or event.errorCode: SignatureDoesNotMatch or event.errorCode: InvalidAuthorization or event.errorCode: AccessForbidden or event.errorCode: \u201cNotAuthorized) | select count(1) as cnt",
    "console_signin_without_mfa": "event.eventName: ConsoleSignin and addionalEventData.loginAccount: false",
    "root_usage": "event.eventName: ConsoleSignin and event.userIdentity.type : root-account",
    "console_authentication_failure": "event.eventName: ConsoleSignin and event.errorCode : * and not event.errorCode :  | select count(1) as cnt",
    "kms_key_deletion": "event.serviceName: Kms and (event.eventName: DisableKey or event.eventName: ScheduleKeyDeletion or event.eventName: DeleteKeyMaterial",
    "bucket_policy": "event.eventName: PutBucketLifecycle or event.eventName: PutBucketPolicy or event.eventName: PutBucketCors or event.eventName: PutBucketEncryption or event.eventName: PutBucketReplication or event.eventName: DeleteBucketPolicy or event.eventName: DeleteBucketCors or event.eventName: DeleteBucketLifecycle or event.eventName: DeleteBucketEncryption or event.eventName: DeleteBucketReplication) | select bucket, count(1) as cnt",
    "firewall_rule": "(event_name: CreateSecurityGroup or event_name: AuthorizeSecurityGroup or event_name: AuthorizeSecurityGroupEgress or event_name: RevokeSecurityGroup or event_name: RevokeSecurityGroupEgress or event_name: JoinSecurityGroup or event_name: LeaveSecurityGroup or event_name: DeleteSecurityGroup or event_name: ModifySecurityGroupPolicy) | select count(1) as cnt",
}
KEYS = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIfake", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "fake-secret"}


@pytest.mark.parametrize("change_class", sorted(CIS_QUERIES))
def test_each_benchmark_query_is_its_change_class(change_class: str) -> None:
    assert change_classes(CIS_QUERIES[change_class]) == (change_class,)


def test_a_narrower_or_disabled_alert_does_not_count() -> None:
    narrower = CIS_QUERIES["kms_key_deletion"].replace("or event.eventName: DeleteKeyMaterial", "")
    assert change_classes(narrower) == ()
    assert change_classes("event.eventName: ConsoleSignin") == ()
    # the terms after the first | (the analytic statement) do not count
    assert (
        change_classes(
            "* | select 'event.eventName: ConsoleSignin' and event.userIdentity.type : root-account"
        )
        == ()
    )
    alerts = [
        sls_alert("on", CIS_QUERIES["root_usage"]),
        sls_alert("off", CIS_QUERIES["firewall_rule"], status="DISABLED"),
        sls_alert(
            "spelt", CIS_QUERIES["network"].replace("event.eventName", '"event.eventName"'), status="ENABLED"
        ),
    ]
    assert alerted_changes(alerts) == ("network", "root_usage")


def test_logstore_retention_and_alerts_are_read_live(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url, env=KEYS)
        calls = [a for p, a in fake.actions() if p == "sls"]
    assert result.exit_code == 0, result.output
    res = by_id(snapshot)
    assert res[f"{STORE}/lz-audit-hz/logstore/actiontrail_lz-audit"]["retention_days"] == 365
    assert res[f"{STORE}/lz-audit-hz/logstore/oss-log-store"]["retention_days"] == 3650
    assert res[f"{STORE}/lz-app-hz/logstore/app-logs"]["retention_days"] == 30
    # the CIS 2.10 alert is on ListAlerts' second page (offset/size paging)
    assert res[ACCOUNT_ID]["alerted_changes"] == ["ram_role"]
    assert "alerted_changes" not in res[ACCOUNT_ID].get("unknown", [])
    assert calls.count("ListAlerts") == 3 and calls.count("GetLogStore") == 3


def _scan(fake: FakeAlibaba, tmp_path: Path) -> tuple[int, set[tuple[str, str]], list[dict]]:
    out = tmp_path / "findings.json"
    result = run_cli("scan", "--provider", "alibaba", "-q", "--format", "json", "-o", str(out),
                     "--region", "cn-hangzhou", env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url, **KEYS})  # fmt: skip
    report = json.loads(out.read_text())
    found = {(f["rule_id"], f["resource"]["id"]) for f in report["findings"]}
    return result.exit_code, found, report.get("errors", [])


def test_denied_alert_listing_leaves_the_alerts_unknown_not_missing(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.faults.deny.add("ListAlerts")
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
        _, found, _ = _scan(fake, tmp_path)
    assert result.exit_code == 3, result.output  # partial: a read was denied
    errors = {(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]}
    assert ("sls", "ListAlerts", "Unauthorized") in errors
    account = by_id(snapshot)[ACCOUNT_ID]
    assert "alerted_changes" in account["unknown"]
    assert not {p for p, _ in found if p.startswith("account.no-alert-")}  # silent, not 13 false findings
    assert ("log-store.retention-under-365-days", f"{STORE}/lz-app-hz/logstore/app-logs") in found


def test_log_service_not_activated_is_not_in_use_and_has_no_alerts(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        not_open = sls_error(403, "ServiceNotOpen", "log service is not opened")
        fake.injected.add("sls.ListProject", Fault.answer(*not_open), times=None)
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
        code, found, errors = _scan(fake, tmp_path)
    assert result.exit_code == 0, result.output  # a service not in use does not make the scan partial
    assert [(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]] == [
        ("sls", "ListProject", "SERVICE_NOT_IN_USE")
    ]
    assert "not activated" in snapshot["errors"][0]["message"]
    assert "log_store" not in {r["kind"] for r in snapshot["resources"]}
    account = by_id(snapshot)[ACCOUNT_ID]
    assert account.get("alerted_changes", []) == [] and "alerted_changes" not in account["unknown"]
    assert ("account.no-alert-ram-role", ACCOUNT_ID) in found
    assert code == 1
    assert [e["code"] for e in errors] == ["SERVICE_NOT_IN_USE"]


def test_an_other_log_service_error_is_an_error(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        fake.injected.add(
            "sls.ListProject", Fault.answer(*sls_error(500, "InternalServerError", "boom")), times=None
        )
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
    assert result.exit_code == 3, result.output
    assert ("sls", "ListProject", "InternalServerError") in {
        (e["service"], e["operation"], e["code"]) for e in snapshot["errors"]
    }
    assert "alerted_changes" in by_id(snapshot)[ACCOUNT_ID]["unknown"]


def test_delivery_chains_that_do_not_block_high_vulnerabilities_are_named(tmp_path: Path) -> None:
    with FakeAlibaba(landing_zone()) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
        calls = [a for p, a in fake.actions() if p == "cr"]
        _, found, _ = _scan(fake, tmp_path)
    assert result.exit_code == 0, result.output
    native = by_id(snapshot)["cri-lz0001"]["native"]
    verdicts = {c["Name"]: c["blocks_high_vulnerabilities"] for c in native["delivery_chains"]}
    assert verdicts == {
        "release": True,
        "nightly": False,
        "edge": False,
    }  # the third is on ListChain's 2nd page
    assert native["chains_not_blocking_high"] == ["nightly", "edge"]
    assert calls.count("GetChain") == 3
    assert ("alibaba.cr-delivery-chain-not-blocking-high-vulnerabilities", "cri-lz0001") in found


def test_a_chain_that_cannot_be_read_is_unknown_not_compliant(tmp_path: Path) -> None:
    landing = landing_zone()
    chains = landing["regions"]["cn-hangzhou"]["cr_chains"]["cri-lz0001"]
    chains[:] = [c for c in chains if c["Name"] == "nightly"]
    with FakeAlibaba(landing) as fake:
        fake.faults.deny.add("GetChain")
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
        _, found, _ = _scan(fake, tmp_path)
    assert result.exit_code == 3, result.output
    native = by_id(snapshot)["cri-lz0001"]["native"]
    assert [c["blocks_high_vulnerabilities"] for c in native["delivery_chains"]] == [None]
    assert not [f for f in found if f[0] == "alibaba.cr-delivery-chain-not-blocking-high-vulnerabilities"]


def _tf_chain(name: str, instance: str, deny: str, enable: str = "true") -> str:
    return f"""
resource "alicloud_cr_chain" "{name}" {{
  chain_name  = "{name}"
  instance_id = alicloud_cr_ee_instance.{instance}.id
  chain_config {{
    nodes {{
      enable    = true
      node_name = "DOCKER_IMAGE_PUSH"
      node_config {{
        deny_policy {{}}
      }}
    }}
    nodes {{
      enable    = {enable}
      node_name = "VULNERABILITY_SCANNING"
      node_config {{
        deny_policy {{
          {deny}
        }}
      }}
    }}
  }}
}}
"""


def test_terraform_delivery_chains_on_their_instance(tmp_path: Path) -> None:
    hcl = (
        'resource "alicloud_cr_ee_instance" "strict" { instance_name = "strict" }\n'
        'resource "alicloud_cr_ee_instance" "loose" { instance_name = "loose" }\n'
        + _tf_chain(
            "release", "strict", 'issue_level = "HIGH"\n issue_count = 1\n action = "BLOCK"\n logic = "AND"'
        )
        + _tf_chain("tags", "loose", 'issue_level = "HIGH"\n issue_count = 1\n action = "BLOCK_DELETE_TAG"')
        + _tf_chain("off", "loose", 'issue_level = "LOW"\n action = "BLOCK"', enable="false")
    )
    records = scan_hcl(tmp_path, 'provider "alicloud" { region = "cn-hangzhou" }', hcl)
    strict = records["alicloud_cr_ee_instance.strict"].native
    loose = records["alicloud_cr_ee_instance.loose"].native
    assert [c["blocks_high_vulnerabilities"] for c in strict["delivery_chains"]] == [True]
    assert sorted(loose["chains_not_blocking_high"]) == ["off", "tags"]
    policy = "alibaba.cr-delivery-chain-not-blocking-high-vulnerabilities"
    found = {f for f in findings(records, builtin_policies()) if f[0] == policy}
    assert found == {(policy, "alicloud_cr_ee_instance.loose")}


def test_a_project_name_that_would_change_the_host_is_never_called(tmp_path: Path) -> None:
    landing = landing_zone()
    hostile = "evil.example.com:80/#"
    landing["sls"]["projects"].append({"projectName": hostile, "region": "cn-hangzhou", "status": "Normal"})
    with FakeAlibaba(landing) as fake:
        result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
        projects = {r.params.get("project") for r in fake.requests if r.product == "sls"}
    assert result.exit_code == 3, result.output
    assert projects == {"", "lz-audit-hz", "lz-app-hz"}  # the hostile name went into no request
    unsafe = [e for e in snapshot["errors"] if e["code"] == "UnsafeName"]
    assert {e["operation"] for e in unsafe} == {"ListLogStores", "ListAlerts"}
    assert "alerted_changes" in by_id(snapshot)[ACCOUNT_ID]["unknown"]  # its alerts were not read
