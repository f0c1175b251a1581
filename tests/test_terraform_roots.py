"""Several Terraform root modules in one scan: equal addresses stay distinct records, never related.

``envs/prod`` and ``envs/staging`` commonly hold the same addresses. Each must be
reported at its own file, and relations and literal-name lookups must stay inside
their root. In SARIF every root shares the one Terraform category of the
repository (code scanning keys alerts by tool and category); each result names
its root and account in ``properties``, and fingerprints stay distinct.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run, snapshot_file, write
from sarif_rules import check_sarif_file

ADDRESS = "google_compute_firewall.allow_ssh"
SSH = "firewall.ssh-open-to-internet"


def firewall_root(env: str, project: str | None = None, padding: int = 0) -> str:
    """A root with a network and an SSH rule open to the internet; ``padding`` moves the rule down."""
    provider = f'provider "google" {{\n  project = "{project}"\n}}\n' if project else ""
    return (
        provider
        + "\n" * padding
        + f"""
resource "google_compute_network" "vpc" {{
  name = "vpc-{env}"
}}

resource "google_compute_firewall" "allow_ssh" {{
  name          = "allow-ssh-{env}"
  network       = google_compute_network.vpc.id
  source_ranges = ["0.0.0.0/0"]
  allow {{
    protocol = "tcp"
    ports    = ["22"]
  }}
}}
"""
    )


def rule_line(text: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if "google_compute_firewall" in line)


@pytest.fixture
def envs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``envs/prod`` and ``envs/staging`` with the same addresses, the scan run at the repository root."""
    write(tmp_path / "envs/prod/main.tf", firewall_root("prod"))
    write(tmp_path / "envs/staging/main.tf", firewall_root("staging", padding=3))
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "paths",
    [["envs"], ["envs/prod", "envs/staging"], ["envs", "envs/prod"]],
    ids=["one-path", "two-paths", "a-root-given-twice"],
)
def test_same_address_in_two_roots_is_reported_once_per_root_at_its_own_file(
    envs: Path, paths: list[str]
) -> None:
    args = [arg for path in paths for arg in ("--terraform", path)]
    result = run("scan", *args, "-f", "json", "-o", str(envs / "r.sarif"))
    assert result.exit_code == 1, result.output  # findings, not "duplicate resource id" (exit 2)
    report = json.loads(result.stdout)
    assert report["errors"] == []
    found = sorted(
        (f["resource"]["file"], f["resource"]["line"], f["resource"]["address"], f["resource"]["id"])
        for f in report["findings"]
        if f["rule_id"] == SSH
    )
    prod_line = rule_line((envs / "envs/prod/main.tf").read_text())
    staging_line = rule_line((envs / "envs/staging/main.tf").read_text())
    assert found == [
        ("envs/prod/main.tf", prod_line, ADDRESS, f"envs/prod//{ADDRESS}"),
        ("envs/staging/main.tf", staging_line, ADDRESS, f"envs/staging//{ADDRESS}"),
    ]

    sarif = (envs / "r.sarif").read_bytes()
    assert check_sarif_file(sarif) == []
    (code,) = json.loads(sarif)["runs"]
    assert code["automationDetails"]["id"] == "cloudscan/terraform/"
    by_root = {r["properties"]["terraformRoot"]: r for r in code["results"] if r["ruleId"] == SSH}
    assert sorted(by_root) == ["envs/prod", "envs/staging"]
    for env in ("prod", "staging"):
        result_ = by_root[f"envs/{env}"]
        assert result_["properties"]["account"] == f"terraform:envs/{env}"
        (location,) = result_["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == f"envs/{env}/main.tf"
        assert location["logicalLocations"][0]["fullyQualifiedName"] == ADDRESS
    prints = {r["partialFingerprints"]["primaryLocationLineHash"] for r in by_root.values()}
    assert len(prints) == 2


def test_a_root_gives_the_same_paths_ids_and_fingerprints_wherever_the_scan_runs(
    envs: Path, monkeypatch
) -> None:
    """``cd envs/prod && scan .`` and ``scan envs/prod`` from the top: the same report."""
    seen = []
    for where, path in ((envs, "envs/prod"), (envs / "envs/prod", "."), (envs / "envs", "prod")):
        monkeypatch.chdir(where)
        out = envs / "r.sarif"
        result = run("scan", "--terraform", path, "-f", "json", "-o", str(out))
        assert result.exit_code == 1, result.output
        (ssh,) = [f["resource"] for f in json.loads(result.stdout)["findings"] if f["rule_id"] == SSH]
        (sarif_result,) = [
            r for r in json.loads(out.read_bytes())["runs"][0]["results"] if r["ruleId"] == SSH
        ]
        uri = sarif_result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        seen.append((ssh["id"], ssh["file"], ssh["account"], uri, sarif_result["partialFingerprints"]))
    assert seen[0][:4] == (
        f"envs/prod//{ADDRESS}",
        "envs/prod/main.tf",
        "terraform:envs/prod",
        "envs/prod/main.tf",
    )
    assert seen[0] == seen[1] == seen[2]


def test_without_a_git_work_tree_paths_are_from_the_scanned_directory_or_above(
    tmp_path: Path, monkeypatch
) -> None:
    write(tmp_path / "top/infra/main.tf", firewall_root("prod"))
    expected = {
        tmp_path / "top": "infra/main.tf",
        tmp_path / "top/infra": "main.tf",
        tmp_path: "top/infra/main.tf",
    }
    for where, shown in expected.items():
        monkeypatch.chdir(where)
        result = run("scan", "--terraform", str(tmp_path / "top/infra"), "-f", "json")
        (ssh,) = [f["resource"] for f in json.loads(result.stdout)["findings"] if f["rule_id"] == SSH]
        assert ssh["file"] == shown
    monkeypatch.chdir(tmp_path / "top/infra")
    result = run("scan", "--terraform", str(tmp_path / "top"), "-f", "json")
    (ssh,) = [f["resource"] for f in json.loads(result.stdout)["findings"] if f["rule_id"] == SSH]
    assert ssh["file"] == "infra/main.tf"  # the scanned directory holds the working directory


def test_each_root_uses_its_own_provider_project(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "envs/prod/main.tf", firewall_root("prod", project="p-prod"))
    write(tmp_path / "envs/staging/main.tf", firewall_root("staging", project="p-staging"))
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)
    result = run("scan", "--terraform", "envs", "-f", "json")
    found = {
        (f["resource"]["file"], f["resource"]["account"])
        for f in json.loads(result.stdout)["findings"]
        if f["rule_id"] == SSH
    }
    assert found == {("envs/prod/main.tf", "p-prod"), ("envs/staging/main.tf", "p-staging")}


AWS_ROOT = """
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_subnet" "app" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.app.id]
}
resource "aws_db_instance" "db" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  storage_encrypted    = true
  db_subnet_group_name = "g"
}
"""
INTERNET_ROUTE = """
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.v.id }
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "app" {
  subnet_id      = aws_subnet.app.id
  route_table_id = aws_route_table.pub.id
}
"""


def test_relations_and_literal_names_resolve_inside_their_own_root(tmp_path: Path, monkeypatch) -> None:
    # Both roots name their DB subnet group "g"; only prod's subnet routes to the internet.
    write(tmp_path / "envs/prod/main.tf", AWS_ROOT + INTERNET_ROUTE)
    write(tmp_path / "envs/staging/main.tf", AWS_ROOT)
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)
    result = run("scan", "--terraform", "envs", "-f", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    in_public = [f for f in report["findings"] if f["rule_id"] == "database.in-public-subnet"]
    assert [(f["resource"]["id"], f["resource"]["account"]) for f in in_public] == [
        ("envs/prod//aws_db_instance.db", "terraform:envs/prod")
    ]
    assert "envs/prod//aws_subnet.app" in in_public[0]["message"]


def test_two_plans_with_the_same_address_are_two_roots(tmp_path: Path, monkeypatch) -> None:
    def plan(env: str) -> str:
        values = {
            "name": f"allow-ssh-{env}",
            "network": "default",
            "direction": "INGRESS",
            "source_ranges": ["0.0.0.0/0"],
            "allow": [{"protocol": "tcp", "ports": ["22"]}],
        }
        resource = {"address": ADDRESS, "mode": "managed", "type": "google_compute_firewall"}
        resource |= {"name": "allow_ssh", "values": values}
        return json.dumps(
            {"format_version": "1.2", "planned_values": {"root_module": {"resources": [resource]}}}
        )

    write(tmp_path / "plans/prod.json", plan("prod"))
    write(tmp_path / "plans/staging.json", plan("staging"))
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "r.sarif"
    result = run(
        "scan", "--terraform", "plans/prod.json", "--terraform", "plans/staging.json", "-o", str(out)
    )
    assert result.exit_code == 1, result.output
    runs = json.loads(out.read_bytes())["runs"]
    categories = {r["automationDetails"]["id"]: len(r["results"]) for r in runs}
    assert categories == {"cloudscan/terraform/": 2}
    roots = sorted(r["properties"]["terraformRoot"] for r in runs[0]["results"])
    assert roots == ["plans/prod.json", "plans/staging.json"]


def test_live_findings_are_placed_in_the_root_whose_state_it_is(tmp_path: Path, monkeypatch) -> None:
    staging_only = 'resource "google_compute_network" "legacy" {\n  name = "legacy"\n}\n'
    write(tmp_path / "envs/prod/main.tf", firewall_root("prod"))
    write(tmp_path / "envs/staging/main.tf", firewall_root("staging", padding=5) + staging_only)
    (tmp_path / ".git").mkdir(exist_ok=True)  # a git work tree: paths are from its root
    monkeypatch.chdir(tmp_path)
    link = "https://www.googleapis.com/compute/v1/projects/proj-1/global/firewalls/allow-ssh-staging"
    live = {
        "kind": "firewall_rule",
        "id": link,
        "name": "allow-ssh-staging",
        "direction": "ingress",
        "protocol": "tcp",
        "ports": [{"start": 22, "end": 22}],
        "source_ranges": ["0.0.0.0/0"],
    }
    snap = snapshot_file(tmp_path / "snap.json", [live])

    def managed(address: str, values: dict) -> dict:
        kind, name = address.split(".")
        return {"address": address, "mode": "managed", "type": kind, "name": name, "values": values}

    state = {
        "format_version": "1.0",
        "values": {
            "root_module": {
                "resources": [
                    managed(ADDRESS, {"self_link": link}),
                    managed(
                        "google_compute_network.vpc", {"id": "projects/proj-1/global/networks/vpc-staging"}
                    ),
                    managed(
                        "google_compute_network.legacy", {"id": "projects/proj-1/global/networks/legacy"}
                    ),
                ]
            }
        },
    }
    write(tmp_path / "staging.tfstate.json", json.dumps(state))
    args = ["--inventory", str(snap), "--terraform-state", "staging.tfstate.json", "--terraform", "envs"]
    result = run("scan", *args, "-f", "json", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    (ssh,) = [f["resource"] for f in json.loads(result.stdout)["findings"] if f["rule_id"] == SSH]
    staging_line = rule_line((tmp_path / "envs/staging/main.tf").read_text())
    assert (ssh["id"], ssh["address"], ssh["file"], ssh["line"]) == (
        link,
        ADDRESS,
        "envs/staging/main.tf",
        staging_line,
    )
