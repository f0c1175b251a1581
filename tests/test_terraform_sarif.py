"""SARIF of Terraform scans: one category per repository whatever it declares, paths from the repository root.

Code scanning keys alerts by tool and category; a repository of 41 root modules
or one root declaring 47 GCP projects must still give one file GitHub accepts,
with every result at its ``.tf`` file and line from the repository root.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run, write
from sarif_rules import check_sarif_file

SSH = "firewall.ssh-open-to-internet"


def open_ssh(name: str, project: str | None = None) -> str:
    project_line = f'  project       = "{project}"\n' if project else ""
    return f"""
resource "google_compute_firewall" "{name}" {{
  name          = "{name}"
  network       = "default"
{project_line}  source_ranges = ["0.0.0.0/0"]
  allow {{
    protocol = "tcp"
    ports    = ["22"]
  }}
}}
"""


def sarif_of(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / "r.sarif"
    result = run("scan", *args, "-o", str(out), "--fail-on", "none")
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert check_sarif_file(data) == []
    return json.loads(data)


def test_forty_one_roots_give_one_terraform_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(41):
        write(tmp_path / f"quickstarts/q{i:02d}/main.tf", open_ssh("ssh"))
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    doc = sarif_of(tmp_path, "--terraform", "quickstarts")
    (code,) = doc["runs"]
    assert code["automationDetails"]["id"] == "cloudscan/terraform/"
    results = [r for r in code["results"] if r["ruleId"] == SSH]
    assert len(results) == 41
    assert {r["properties"]["terraformRoot"] for r in results} == {f"quickstarts/q{i:02d}" for i in range(41)}
    assert len({r["partialFingerprints"]["primaryLocationLineHash"] for r in results}) == 41


def test_one_root_declaring_forty_seven_projects_gives_one_run(tmp_path: Path) -> None:
    write(tmp_path / "main.tf", "".join(open_ssh(f"ssh{i}", f"proj-{i}") for i in range(47)))
    doc = sarif_of(tmp_path, "--terraform", str(tmp_path))
    (code,) = doc["runs"]
    results = [r for r in code["results"] if r["ruleId"] == SSH]
    assert {r["properties"]["account"] for r in results} == {f"proj-{i}" for i in range(47)}


def test_a_module_above_the_working_directory_keeps_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "modules/fw/main.tf", "# firewall\n# module\n" + open_ssh("ssh"))
    write(tmp_path / "envs/prod/main.tf", 'module "fw" {\n  source = "../../modules/fw"\n}\n')
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "envs/prod")
    doc = sarif_of(tmp_path, "--terraform", ".")
    (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == SSH]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "modules/fw/main.tf"
    assert physical["region"]["startLine"] == 4
    assert (
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
        == "module.fw.google_compute_firewall.ssh"
    )
    assert result["properties"]["terraformRoot"] == "envs/prod"


def test_repo_root_names_what_paths_are_relative_to_outside_any_git_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No .git here: --repo-root gives the same URIs from wherever the scan is started."""
    write(tmp_path / "infra/modules/fw/main.tf", open_ssh("ssh"))
    write(tmp_path / "infra/envs/prod/main.tf", 'module "fw" {\n  source = "../../modules/fw"\n}\n')
    uris = set()
    for where in (tmp_path, tmp_path / "infra/envs/prod"):
        monkeypatch.chdir(where)
        doc = sarif_of(
            tmp_path, "--terraform", str(tmp_path / "infra/envs/prod"), "--repo-root", str(tmp_path)
        )
        (result,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == SSH]
        uris.add(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert uris == {"infra/modules/fw/main.tf"}
