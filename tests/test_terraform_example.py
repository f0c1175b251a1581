"""The bundled Terraform landing zone: planted violations found at their .tf lines, look-alikes not."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scanner.cli import cli
from tests.sarif_rules import check_sarif_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/landing-zone-terraform"
ALI = "module.alibaba."

PLANTED = {
    ("firewall.ssh-open-to-internet", "google_compute_firewall.allow-ssh"),
    ("network.subnet-flow-logs-disabled", "google_compute_subnetwork.my-subnet"),
    ("firewall.rdp-open-to-internet", ALI + "alicloud_security_group_rule.allow_rdp"),
    ("database.public-endpoint", ALI + "alicloud_db_instance.orders"),
    ("database.allows-all-networks", ALI + "alicloud_db_instance.orders"),
    ("bucket.public-read", ALI + "alicloud_oss_bucket.assets"),
    ("bucket.encryption-disabled", ALI + "alicloud_oss_bucket.assets"),
    ("registry.repository-public", ALI + "alicloud_cr_ee_repo.web"),
    ("password-policy.min-length", ALI + "alicloud_ram_account_password_policy.corporate"),
    ("password-policy.complexity", ALI + "alicloud_ram_account_password_policy.corporate"),
    ("password-policy.reuse", ALI + "alicloud_ram_account_password_policy.corporate"),
    ("alibaba.ram-password-lockout", ALI + "alicloud_ram_account_password_policy.corporate"),
}
LOOK_ALIKES = [
    "google_compute_firewall.deny-rdp",
    "google_compute_firewall.allow-all-legacy",
    "google_compute_firewall.allow-https",
    "google_compute_firewall.allow-ssh-office",
    ALI + "alicloud_security_group_rule.drop_ssh",
    ALI + "alicloud_security_group_rule.egress_all",
    ALI + "alicloud_security_group_rule.allow_https",
    ALI + "alicloud_security_group_rule.allow_ssh_office",
    ALI + "alicloud_db_instance.billing",
    ALI + "alicloud_cr_ee_repo.api",
]


def scan(tmp_path: Path, monkeypatch) -> tuple[dict, bytes]:
    monkeypatch.chdir(ROOT)
    out_json, out_sarif = tmp_path / "r.json", tmp_path / "r.sarif"
    result = CliRunner().invoke(
        cli,
        ["scan", "--terraform", EXAMPLE, "-o", str(out_json), "-o", str(out_sarif)],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    return json.loads(out_json.read_text()), out_sarif.read_bytes()


def test_planted_violations_are_found_and_look_alikes_are_not(tmp_path: Path, monkeypatch) -> None:
    report, _ = scan(tmp_path, monkeypatch)
    found = {(f["rule_id"], f["resource"]["address"]) for f in report["findings"]}
    assert found >= PLANTED
    flagged = {address for _, address in found}
    assert not flagged & set(LOOK_ALIKES)
    assert report["summary"]["unsupported_resource_types"] == {}


def test_findings_point_at_the_tf_line_in_valid_sarif(tmp_path: Path, monkeypatch) -> None:
    _, sarif = scan(tmp_path, monkeypatch)
    assert check_sarif_file(sarif) == []
    document = json.loads(sarif)
    locations = {
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: result["locations"][0]
        for run in document["runs"]
        for result in run["results"]
    }
    ssh = locations["google_compute_firewall.allow-ssh"]["physicalLocation"]
    main_tf = (ROOT / EXAMPLE / "main.tf").read_text().splitlines()
    line = ssh["region"]["startLine"]
    assert ssh["artifactLocation"]["uri"] == f"{EXAMPLE}/main.tf"
    assert main_tf[line - 1].startswith('resource "google_compute_firewall" "allow-ssh"')
