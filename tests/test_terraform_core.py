"""Terraform as a source: HCL loading, unknowns, plan/state JSON, locations, live to code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run, snapshot_file, write
from sarif_rules import check_github_rules

from scanner.sources.terraform import catalog
from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.model import UNKNOWN, Ref
from scanner.sources.terraform.plan import NotTerraformJson, load_json
from scanner.sources.terraform.source import scan_terraform
from scanner.sources.terraform.translate import COMPANIONS, TRANSLATORS

MAIN = """
variable "cidr" {
  default = "0.0.0.0/0"
}
variable "no_default" {}
locals {
  prefix = "lz"
}
resource "google_compute_network" "vpc" {
  name                    = "my-vpc"
  auto_create_subnetworks = true
}
module "net" {
  source  = "./modules/net"
  network = google_compute_network.vpc.id
}
resource "google_compute_firewall" "allow_ssh" {
  name    = "${local.prefix}-allow-ssh"
  network = google_compute_network.vpc.name
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = [var.cidr]
}
resource "google_compute_firewall" "maybe" {
  name    = "maybe"
  network = google_compute_network.vpc.name
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = [var.no_default]
}
resource "google_compute_firewall" "none" {
  count   = 0
  name    = "never"
  network = "x"
  allow {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0"]
}
"""
MODULE = """
variable "network" {}
resource "google_compute_subnetwork" "private" {
  name          = "private"
  ip_cidr_range = "10.0.0.0/24"
  network       = var.network
}
"""


@pytest.fixture
def code(tmp_path: Path) -> Path:
    write(tmp_path / "infra" / "main.tf", MAIN)
    write(tmp_path / "infra" / "modules" / "net" / "main.tf", MODULE)
    return tmp_path / "infra"


def test_hcl_values_references_modules_and_lines(code: Path) -> None:
    loaded = load_directory(code)
    by_address = {r.address: r for r in loaded.resources}
    assert set(by_address) == {
        "google_compute_network.vpc",
        "google_compute_firewall.allow_ssh",
        "google_compute_firewall.maybe",
        "module.net.google_compute_subnetwork.private",
    }  # count = 0 creates nothing
    ssh = by_address["google_compute_firewall.allow_ssh"]
    assert ssh.values["name"] == "lz-allow-ssh"
    assert ssh.values["source_ranges"] == ["0.0.0.0/0"]
    assert ssh.values["allow"] == [{"protocol": "tcp", "ports": ["22"]}]
    assert ssh.line == 16 and ssh.file is not None and ssh.file.endswith("main.tf")
    assert by_address["google_compute_firewall.maybe"].values["source_ranges"] == [UNKNOWN]
    sub = by_address["module.net.google_compute_subnetwork.private"]
    assert sub.values["network"] == Ref("google_compute_network.vpc", "id")
    assert sub.file is not None and sub.file.endswith("modules/net/main.tf") and sub.line == 2


def test_scan_hcl_reports_open_rule_and_never_fails_on_unknown(code: Path) -> None:
    result = run("scan", "--terraform", str(code), "--format", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    ssh = [f for f in doc["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"]
    assert [f["resource"]["address"] for f in ssh] == ["google_compute_firewall.allow_ssh"]
    assert ssh[0]["resource"]["line"] == 16


def test_syntax_error_names_file_and_line_and_scan_goes_on(code: Path) -> None:
    write(code / "broken.tf", 'resource "google_compute_network" "bad" {\n  name = \n}\n')
    # --fail-on none always exits 0; a threshold no finding reaches shows the partial exit code.
    result = run("scan", "--terraform", str(code), "--format", "json", "--fail-on", "critical")
    assert result.exit_code == 3  # partial: a file could not be read
    doc = json.loads(result.stdout)
    assert any("broken.tf:2" in e["message"] for e in doc["errors"])
    assert any(f["rule_id"] == "firewall.ssh-open-to-internet" for f in doc["findings"])


def test_unsupported_types_are_counted_in_every_format(code: Path, tmp_path: Path) -> None:
    write(code / "extra.tf", 'resource "google_pubsub_topic" "t" {\n  name = "t"\n}\n')
    sarif = tmp_path / "out.sarif"
    result = run("scan", "--terraform", str(code), "-f", "json", "-o", str(sarif), "--fail-on", "none")
    assert json.loads(result.stdout)["summary"]["unsupported_resource_types"] == {"google_pubsub_topic": 1}
    runs = json.loads(sarif.read_text())["runs"]
    assert all(r["properties"]["unsupportedResourceTypes"] == {"google_pubsub_topic": 1} for r in runs)
    table = run("scan", "--terraform", str(code), "--quiet", "--fail-on", "none")
    assert "unsupported types not checked: google_pubsub_topic (1)" in table.output


def test_sarif_points_at_tf_line_with_address(
    code: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)  # the "repository root": paths are relative to it
    sarif = tmp_path / "out.sarif"
    run("scan", "--terraform", "infra", "-o", str(sarif), "--fail-on", "none")
    doc = json.loads(sarif.read_text())
    assert check_github_rules(doc) == []
    results = [
        r for run_ in doc["runs"] for r in run_["results"] if r["ruleId"] == "firewall.ssh-open-to-internet"
    ]
    location = results[0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "infra/main.tf"
    assert location["physicalLocation"]["region"]["startLine"] == 16
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "google_compute_firewall.allow_ssh"


def _plan(after_unknown: dict[str, object]) -> dict[str, object]:
    values = {
        "name": "allow-ssh",
        "network": None,
        "direction": "INGRESS",
        "disabled": False,
        "allow": [{"protocol": "tcp", "ports": ["22"]}],
        "deny": [],
        "source_ranges": ["0.0.0.0/0"],
        "project": "demo",
    }
    address = "module.fw.google_compute_firewall.ssh"
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {
            "root_module": {
                "child_modules": [
                    {
                        "address": "module.fw",
                        "resources": [
                            {
                                "address": address,
                                "mode": "managed",
                                "type": "google_compute_firewall",
                                "name": "ssh",
                                "values": values,
                            }
                        ],
                    }
                ]
            }
        },
        "resource_changes": [
            {"address": address, "change": {"actions": ["create"], "after_unknown": after_unknown}}
        ],
        "configuration": {
            "root_module": {
                "module_calls": {
                    "fw": {
                        "module": {
                            "resources": [
                                {
                                    "address": "google_compute_firewall.ssh",
                                    "expressions": {
                                        "network": {"references": ["google_compute_network.v.id"]}
                                    },
                                }
                            ]
                        }
                    }
                }
            }
        },
    }


def test_plan_after_unknown_and_references() -> None:
    loaded = load_json(json.dumps(_plan({"network": True, "source_ranges": [True]})), "plan.json")
    (res,) = loaded.resources
    assert res.values["network"] == Ref("module.fw.google_compute_network.v", "id")
    assert res.values["source_ranges"] == [UNKNOWN]
    assert (res.file, res.line) == ("plan.json", 1)


def test_plan_scan_unknown_ranges_is_not_a_finding(tmp_path: Path) -> None:
    known = write(tmp_path / "known.json", json.dumps(_plan({"network": True}), indent=1))
    unknown = write(tmp_path / "unknown.json", json.dumps(_plan({"source_ranges": True})))
    doc = json.loads(run("scan", "--terraform", str(known), "-f", "json", "--fail-on", "none").stdout)
    (finding,) = [f for f in doc["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"]
    text = known.read_text().splitlines()
    assert '"address": "module.fw.google_compute_firewall.ssh"' in text[finding["resource"]["line"] - 1]
    doc = json.loads(run("scan", "--terraform", str(unknown), "-f", "json", "--fail-on", "none").stdout)
    assert not [f for f in doc["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"]


def test_plan_locations_from_source_directory(tmp_path: Path) -> None:
    write(
        tmp_path / "src" / "modules" / "fw" / "main.tf",
        '# firewall\n\nresource "google_compute_firewall" "ssh" {\n}\n',
    )
    write(tmp_path / "src" / "main.tf", 'module "fw" {\n  source = "./modules/fw"\n}\n')
    plan = write(tmp_path / "plan.json", json.dumps(_plan({})))
    result = run(
        "scan",
        "--terraform",
        str(plan),
        "--terraform-source",
        str(tmp_path / "src"),
        "-f",
        "json",
        "--fail-on",
        "none",
    )
    (finding,) = [
        f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"
    ]
    assert finding["resource"]["file"].endswith("modules/fw/main.tf") and finding["resource"]["line"] == 3


def test_json_that_is_not_a_plan_exits_2(tmp_path: Path) -> None:
    other = write(tmp_path / "package.json", '{"name": "x"}')
    result = run("scan", "--terraform", str(other))
    assert result.exit_code == 2
    assert "not a Terraform plan or state" in result.output
    with pytest.raises(NotTerraformJson):
        load_json("[1]", "x.json")


def test_raw_tfstate_is_read() -> None:
    state = {
        "version": 4,
        "resources": [
            {
                "mode": "managed",
                "type": "google_compute_network",
                "name": "vpc",
                "module": "module.net",
                "instances": [{"attributes": {"name": "my-vpc", "id": "projects/p/global/networks/my-vpc"}}],
            }
        ],
    }
    (res,) = load_json(json.dumps(state), "terraform.tfstate").resources
    assert res.address == "module.net.google_compute_network.vpc" and res.values["name"] == "my-vpc"


def test_live_finding_placed_at_the_tf_line(code: Path, tmp_path: Path) -> None:
    link = "https://www.googleapis.com/compute/v1/projects/proj-1/global/firewalls/allow-ssh"
    snap = snapshot_file(
        tmp_path / "live.json",
        [
            {
                "kind": "firewall_rule",
                "id": link,
                "name": "allow-ssh",
                "direction": "ingress",
                "protocol": "tcp",
                "ports": [{"start": 22, "end": 22}],
                "source_ranges": ["0.0.0.0/0"],
            }
        ],
    )
    state = {
        "format_version": "1.0",
        "values": {
            "root_module": {
                "resources": [
                    {
                        "address": "google_compute_firewall.allow_ssh",
                        "mode": "managed",
                        "type": "google_compute_firewall",
                        "name": "allow_ssh",
                        "values": {"id": "projects/proj-1/global/firewalls/allow-ssh", "self_link": link},
                    }
                ]
            }
        },
    }
    state_file = write(tmp_path / "state.json", json.dumps(state))
    sarif = tmp_path / "live.sarif"
    args = ["scan", "--inventory", str(snap), "--terraform-state", str(state_file), "--terraform", str(code)]
    result = run(*args, "-f", "json", "-o", str(sarif), "--fail-on", "none")
    findings = json.loads(result.stdout)["findings"]
    (ssh,) = [f for f in findings if f["rule_id"] == "firewall.ssh-open-to-internet"]
    assert ssh["resource"]["address"] == "google_compute_firewall.allow_ssh"
    assert ssh["resource"]["line"] == 16 and ssh["resource"]["origin_source"] == "snapshot"
    doc = json.loads(sarif.read_text())
    assert check_github_rules(doc) == []


REPEATED = """
variable "n" {}
variable "ranges" {
  default = ["0.0.0.0/0", "10.0.0.0/8"]
}
variable "buckets" {
  default = { logs = "EU", data = "US" }
}
resource "google_compute_firewall" "ssh" {
  count   = 2
  name    = "ssh-${count.index}"
  network = "default"
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = [var.ranges[count.index]]
}
resource "google_storage_bucket" "b" {
  for_each = var.buckets
  name     = "b-${each.key}"
  location = each.value
}
resource "google_storage_bucket" "set" {
  for_each = toset(["y", "x", "y"])
  name     = each.value
  location = "EU"
}
resource "google_compute_network" "maybe" {
  count = var.n
  name  = "net-${count.index}"
}
"""


def test_literal_count_and_for_each_expand_into_terraform_instances(tmp_path: Path) -> None:
    write(tmp_path / "main.tf", REPEATED)
    by_address = {r.address: r for r in load_directory(tmp_path).resources}
    assert set(by_address) == {
        "google_compute_firewall.ssh[0]",
        "google_compute_firewall.ssh[1]",
        'google_storage_bucket.b["data"]',
        'google_storage_bucket.b["logs"]',
        'google_storage_bucket.set["x"]',
        'google_storage_bucket.set["y"]',
        "google_compute_network.maybe",  # count unknown: one record for the block
    }
    first, second = by_address["google_compute_firewall.ssh[0]"], by_address["google_compute_firewall.ssh[1]"]
    assert (first.values["name"], first.values["source_ranges"], first.index) == ("ssh-0", ["0.0.0.0/0"], 0)
    assert (second.values["name"], second.values["source_ranges"]) == ("ssh-1", ["10.0.0.0/8"])
    assert first.line == second.line == 8  # every instance points at its block
    logs = by_address['google_storage_bucket.b["logs"]']
    assert (logs.values["name"], logs.values["location"], logs.index) == ("b-logs", "EU", "logs")
    assert by_address['google_storage_bucket.set["x"]'].values["name"] == "x"
    maybe = by_address["google_compute_network.maybe"]
    assert maybe.index is UNKNOWN and maybe.values["name"] is UNKNOWN


def test_findings_name_the_instance_and_unknown_count_is_marked(tmp_path: Path) -> None:
    write(tmp_path / "main.tf", REPEATED)
    result = run("scan", "--terraform", str(tmp_path), "-f", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    ssh = [
        f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"
    ]
    assert [(f["resource"]["address"], f["resource"]["line"]) for f in ssh] == [
        ("google_compute_firewall.ssh[0]", 8)
    ]
    (maybe,) = [r for r in scan_terraform([tmp_path]).records if r.id == "google_compute_network.maybe"]
    assert maybe.native["terraform_instances"] == "unknown" and maybe.name == "maybe"


def test_plan_instance_gets_the_line_of_its_counted_block(tmp_path: Path) -> None:
    write(tmp_path / "src" / "main.tf", REPEATED)
    plan = _plan({})
    resource = plan["planned_values"]["root_module"]["child_modules"][0]["resources"][0]  # type: ignore[index]
    resource.update(address="google_compute_firewall.ssh[1]", index=1)
    plan["planned_values"] = {"root_module": {"resources": [resource]}}
    plan["resource_changes"] = []
    plan_file = write(tmp_path / "plan.json", json.dumps(plan))
    result = run(
        "scan",
        "--terraform",
        str(plan_file),
        "--terraform-source",
        str(tmp_path / "src"),
        "-f",
        "json",
        "--fail-on",
        "none",
    )
    (finding,) = [
        f for f in json.loads(result.stdout)["findings"] if f["rule_id"] == "firewall.ssh-open-to-internet"
    ]
    assert finding["resource"]["address"] == "google_compute_firewall.ssh[1]"
    assert (finding["resource"]["file"], finding["resource"]["line"]) == ("main.tf", 8)


REMOTE = """
module "vpc" {
  source  = "terraform-google-modules/network/google"
  version = "~> 9.0"
}
module "from_git" {
  source = "git::https://example.com/modules.git//net"
}
module "not_created" {
  source = "terraform-google-modules/network/google"
  count  = 0
}
"""


def test_remote_module_calls_are_reported_not_dropped(code: Path) -> None:
    write(code / "remote.tf", REMOTE)
    result = run("scan", "--terraform", str(code), "--format", "json", "--fail-on", "critical")
    assert result.exit_code == 3  # partial: the remote modules' resources were not scanned
    doc = json.loads(result.stdout)
    skipped = [e for e in doc["errors"] if e["code"] == "module-not-scanned"]
    assert [e["message"].split(": ", 1)[0] for e in skipped] == ["remote.tf:1", "remote.tf:5"]
    assert "module.vpc (source 'terraform-google-modules/network/google')" in skipped[0]["message"]
    assert "not fetched" in skipped[0]["message"] and "module.from_git" in skipped[1]["message"]
    assert any(
        f["rule_id"] == "firewall.ssh-open-to-internet" for f in doc["findings"]
    )  # the rest is scanned
    table = run("scan", "--terraform", str(code), "--fail-on", "none")
    assert "module.vpc" in table.output and "results are partial" in table.output


def test_missing_local_module_directory_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "main.tf", 'module "net" {\n  source = "./modules/net"\n}\n')
    doc = json.loads(run("scan", "--terraform", str(tmp_path), "-f", "json", "--fail-on", "none").stdout)
    (error,) = doc["errors"]
    assert error["code"] == "module-not-scanned" and "module.net (source './modules/net')" in error["message"]


def test_docs_list_every_registered_resource_type() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "terraform.md").read_text(encoding="utf-8")
    listed = catalog.section(doc)
    assert listed == catalog.markdown(), "run: python -m scanner.sources.terraform.catalog docs/terraform.md"
    for resource_type in [*TRANSLATORS, *COMPANIONS]:
        assert f"- `{resource_type}`" in listed


def test_local_module_outside_the_scanned_directory_is_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "modules" / "net" / "main.tf", MODULE)
    write(
        tmp_path / "envs" / "prod" / "main.tf",
        'module "net" {\n  source  = "../../modules/net"\n  network = "prod"\n}\n',
    )
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)  # the repository root
    doc = json.loads(run("scan", "--terraform", "envs/prod", "-f", "json", "--fail-on", "none").stdout)
    assert doc["errors"] == []
    flow = [
        f
        for f in doc["findings"]
        if f["resource"]["address"] == "module.net.google_compute_subnetwork.private"
    ]
    assert flow and flow[0]["resource"]["file"] == "modules/net/main.tf" and flow[0]["resource"]["line"] == 2
