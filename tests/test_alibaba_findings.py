"""The landing zone through ``cloudscan scan --provider alibaba``: exactly the expected findings.

The expected set is what the built-in policies (every folder of ``policies/``) report
on ``tests/fakes/alibaba_landing_zone.py``; when a policy is added that fires on the
landing zone, this list is where its new findings are reviewed.
"""

from __future__ import annotations

import json

import pytest

from tests.alibaba_support import run_cli
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba
from tests.sarif_rules import check_sarif_file

USER = f"acs:ram::{ACCOUNT}:user"
BUCKET = f"acs:oss:*:{ACCOUNT}"
PASSWORD_POLICY = f"acs:ram::{ACCOUNT}:password-policy"
ROOT = f"acs:ram::{ACCOUNT}:root"

EXPECTED = {
    ("alibaba.cr-endpoint-open-to-internet", "cri-lz0001"),
    ("alibaba.cr-namespace-auto-creates-public-repositories", "cri-lz0001"),
    ("alibaba.ram-password-lockout", PASSWORD_POLICY),
    ("alibaba.ram-policy-attached-to-user", f"{USER}/alice#System:AdministratorAccess"),
    ("alibaba.ram-policy-attached-to-user", f"{USER}/ci-deployer#Custom:DeployOnly"),
    ("bucket.access-logging-disabled", f"{BUCKET}:lz-public-assets"),
    ("bucket.encryption-disabled", f"{BUCKET}:lz-public-assets"),
    ("bucket.public-access-not-blocked", f"{BUCKET}:lz-audit-logs"),
    ("bucket.public-access-not-blocked", f"{BUCKET}:lz-public-assets"),
    ("bucket.public-read", f"{BUCKET}:lz-public-assets"),
    ("bucket.versioning-disabled", f"{BUCKET}:lz-public-assets"),
    ("database.allows-all-networks", "rm-lz0001"),
    ("database.encryption-disabled", "rm-lz0001"),
    ("database.public-endpoint", "rm-lz0001"),
    ("database.ssl-not-required", "rm-lz0001"),
    ("firewall.rdp-open-to-internet", "sg-lz0web/sgr-lz0rdp"),
    ("iam.root-access-key", ROOT),
    ("iam.root-without-mfa", ROOT),
    ("iam.access-key-not-rotated", f"{USER}/alice"),
    ("iam.access-key-not-rotated", f"{USER}/ci-deployer"),
    ("iam.user-without-mfa", f"{USER}/alice"),
    ("instance.public-ip", "i-lz0web"),
    ("iam.wildcard-admin-grant", f"{USER}/alice#System:AdministratorAccess"),
    ("iam.wildcard-admin-grant", f"acs:ram::{ACCOUNT}:role/ops-admin#System:AdministratorAccess"),
    ("iam.wildcard-admin-grant", f"acs:ram::{ACCOUNT}:group/admins#System:AdministratorAccess"),
    ("network.flow-logs-disabled", "vpc-lz0001"),
    ("password-policy.complexity", PASSWORD_POLICY),
    ("password-policy.min-length", PASSWORD_POLICY),
    ("password-policy.reuse", PASSWORD_POLICY),
    ("registry.repository-public", "crr-lz0front"),
    ("registry.repository-public", "810001"),  # Personal Edition lz-personal/demo-site (GetRepoList)
    # CR EE supply chain: the only scan rule is manual; base/golang has immutable tags
    ("registry.no-scan-rule", "cri-lz0001"),
    ("registry.repository-mutable-tags", "crr-lz0front"),
    # delivery chains: "release" blocks at HIGH on the first issue; "nightly" (tags only)
    # and "edge" (5 issues) do not
    ("alibaba.cr-delivery-chain-not-blocking-high-vulnerabilities", "cri-lz0001"),
    # registry RBAC from RAM: alice (a user) holds AdministratorAccess, so she may push to every
    # repository; alice, role ops-admin and group admins hold * on *, i.e. every registry action everywhere
    ("registry.push-granted-to-user", "crr-lz0front"),
    ("registry.push-granted-to-user", "crr-lz0golang"),
    ("registry.admin-on-all-registries", "cri-lz0001"),
    # ECS disks, snapshots, instances and EIPs (DescribeDisks, DescribeSnapshots, DescribeInstances,
    # DescribeEipAddresses): d-lz0sys (attached, KMS), s-lz0auto, s-lz0new, i-lz0app (subscription),
    # i-lz0eco (StopCharging) and the bound EIPs are their compliant look-alikes
    ("address.unused", "eip-lz0spare"),
    ("disk-snapshot.older-than-90-days", "s-lz0old"),
    ("disk.attached-not-encrypted", "d-lz0data"),
    ("disk.unattached", "d-lz0keep"),
    ("disk.unattached", "d-lz0spare"),
    ("disk.unattached-not-encrypted", "d-lz0spare"),
    ("instance.legacy-network", "i-lz0classic"),
    ("instance.pay-as-you-go-over-180-days", "i-lz0web"),
    ("instance.stopped-still-billed", "i-lz0idle"),
    # RDS SQL audit, TDE and PostgreSQL parameters; lz-backups denies plain HTTP
    ("database.sql-audit-disabled", "rm-lz0001"),
    ("database.sql-audit-retention-short", "pgm-lz0pg"),
    ("database.tde-without-customer-key", "pgm-lz0pg"),
    ("database.postgres-log-disconnections-off", "pgm-lz0pg"),
    ("database.postgres-log-duration-off", "pgm-lz0pg"),
    ("bucket.http-allowed", f"{BUCKET}:lz-audit-logs"),
    ("bucket.http-allowed", f"{BUCKET}:lz-public-assets"),
    # lz-backups admits only the office range (acs:SourceIp); the others any network
    ("bucket.network-access-unrestricted", f"{BUCKET}:lz-audit-logs"),
    ("bucket.network-access-unrestricted", f"{BUCKET}:lz-public-assets"),
    # ActionTrail: lz-audit (all regions, all events, private bucket) is the compliant look-alike
    ("audit-trail.not-all-regions-all-events", f"acs:actiontrail:cn-hangzhou:{ACCOUNT}:trail/lz-hz-only"),
    ("audit-trail.bucket-public", f"acs:actiontrail:cn-hangzhou:{ACCOUNT}:trail/lz-hz-only"),
    # ACK (CS ROA API): c-lz0priv and its node pool are the compliant look-alikes
    ("kubernetes.cluster-check-stale", "c-lz0pub"),
    ("kubernetes.control-plane-logging-disabled", "c-lz0pub"),
    ("kubernetes.dashboard-enabled", "c-lz0pub"),
    ("kubernetes.deletion-protection-disabled", "c-lz0pub"),
    ("kubernetes.eni-multi-ip-disabled", "c-lz0pub"),
    ("kubernetes.logging-disabled", "c-lz0pub"),
    ("kubernetes.monitoring-disabled", "c-lz0pub"),
    ("kubernetes.network-policy-disabled", "c-lz0pub"),
    ("kubernetes.public-endpoint", "c-lz0pub"),
    # its API server's CLB listener whitelists the office range and 0.0.0.0/0
    ("kubernetes.public-endpoint-unrestricted", "c-lz0pub"),
    ("kubernetes.unsupported-version", "c-lz0pub"),
    ("kubernetes.workload-identity-disabled", "c-lz0pub"),
    ("node-pool.auto-upgrade-disabled", "c-lz0pub/np-lz0pub"),
    ("node-pool.public-ips", "c-lz0pub/np-lz0pub"),
    # PolarDB, Redis (KVStore), MongoDB: the *-lz0shut look-alikes are private and whitelist the VPC
    ("database.allows-all-networks", "dds-lz0open"),
    ("database.allows-all-networks", "pc-lz0open"),
    ("database.allows-all-networks", "r-lz0open"),
    ("database.public-endpoint", "pc-lz0open"),
    ("database.public-endpoint", "r-lz0open"),
    # Security Center (SAS): the agent is online on every other instance
    ("account.security-center-basic-edition", f"acs:account::{ACCOUNT}"),
    ("account.security-notifications-off", f"acs:account::{ACCOUNT}"),
    ("account.vulnerability-scan-not-scheduled", f"acs:account::{ACCOUNT}"),
    ("instance.security-agent-missing", "i-lz0app"),
    # Log Service: lz-audit-hz keeps 365 days and forever (3650); only the CIS 2.10 query (RAM role
    # changes) has an enabled alert: root-login's query is narrower, the KMS one is disabled
    (
        "log-store.retention-under-365-days",
        f"acs:log:cn-hangzhou:{ACCOUNT}:project/lz-app-hz/logstore/app-logs",
    ),
    # KMS: key-lz0rot90 (90 days), key-lz0off (disabled), key-lz0sign (signing) are the look-alikes;
    # the service key key-lz0svc is not listed (ListKeys asks for CreatorType User)
    *(
        ("kms.rotation-over-90-days", f"acs:kms:cn-hangzhou:{ACCOUNT}:key/{key}")
        for key in ("key-lz0norot", "key-lz0yearly", "key-lz0byok")
    ),
    *(
        (f"account.no-alert-{name}", f"acs:account::{ACCOUNT}")
        for name in (
            "cloud-firewall",
            "network-route",
            "network",
            "bucket-permission",
            "database-configuration",
            "unauthorized-api-call",
            "console-signin-without-mfa",
            "root-usage",
            "console-authentication-failure",
            "kms-key-deletion",
            "bucket-policy",
            "firewall-rule",
        )
    ),
}


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict, bytes]:
    out = tmp_path_factory.mktemp("scan")
    with FakeAlibaba(landing_zone()) as fake:
        result = run_cli(
            "scan", "--provider", "alibaba", "-q",
            "-o", str(out / "report.json"), "-o", str(out / "report.sarif"),
            env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
        )  # fmt: skip
    report = json.loads((out / "report.json").read_text())
    return result.exit_code, report, (out / "report.sarif").read_bytes()


def test_landing_zone_yields_exactly_the_expected_findings(scanned: tuple[int, dict, bytes]) -> None:
    exit_code, report, _ = scanned
    found = {(f["rule_id"], f["resource"]["id"]) for f in report["findings"]}
    assert found == EXPECTED
    assert exit_code == 1
    assert report["errors"] == []


def test_private_placement_is_not_a_finding(scanned: tuple[int, dict, bytes]) -> None:
    """The database sits in the private vSwitch (NAT egress only): no in-public-subnet finding."""
    _, report, _ = scanned
    assert not [f for f in report["findings"] if f["rule_id"] == "database.in-public-subnet"]


def test_namespace_message_names_only_the_offending_namespace(scanned: tuple[int, dict, bytes]) -> None:
    _, report, _ = scanned
    [finding] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "alibaba.cr-namespace-auto-creates-public-repositories"
    ]
    assert "apps" in finding["message"] and "base" not in finding["message"]


def test_sarif_passes_the_schema_and_github_rules(scanned: tuple[int, dict, bytes]) -> None:
    _, _, sarif = scanned
    assert check_sarif_file(sarif) == []
    runs = json.loads(sarif)["runs"]
    assert sum(len(run["results"]) for run in runs) == len(EXPECTED)
