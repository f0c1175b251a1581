"""The config file (issue #13, item 3): .cloudscan.yaml found here or at the git root, or --config;
flags override it; mistakes are one line with file:line and the closest key; config init."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "landing-zone" / "inventory.json"


def cloudscan(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in ``cwd``, as a user runs it (discovery depends on the working directory)."""
    return subprocess.run(
        [sys.executable, "-c", "from scanner.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # a git root
    (tmp_path / "infra" / "envs").mkdir(parents=True)
    (tmp_path / "snapshot.json").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / ".cloudscan.yaml").write_text(
        "scan:\n"
        "  inventory: snapshot.json      # relative to this file\n"
        "  check: ['bucket.*']\n"
        "  fail-on: high\n"
        "  output: [reports/r.json]\n",
        encoding="utf-8",
    )
    return tmp_path


def test_the_git_root_config_is_found_from_a_subdirectory(repo: Path) -> None:
    result = cloudscan(repo / "infra" / "envs", "scan", "-q")
    assert result.returncode == 1, result.stderr  # two high bucket findings, fail-on high
    report = json.loads((repo / "reports" / "r.json").read_text())
    assert {f["rule_id"].split(".")[0] for f in report["findings"]} == {"bucket"}


def test_flags_override_the_file(repo: Path) -> None:
    result = cloudscan(repo, "scan", "-q", "--fail-on", "none", "--check", "firewall.*")
    assert result.returncode == 0
    report = json.loads((repo / "reports" / "r.json").read_text())
    assert {f["rule_id"].split(".")[0] for f in report["findings"]} == {"firewall"}


def test_an_explicit_config_wins_over_discovery(repo: Path) -> None:
    other = repo / "other.yaml"
    other.write_text(
        "scan:\n  inventory: [snapshot.json]\n  fail-on: none\n  severity: [low]\n", encoding="utf-8"
    )
    result = cloudscan(repo, "scan", "--config", str(other), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert {f["severity"] for f in json.loads(result.stdout)["findings"]} == {"low"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("scan:\n  fail_on: high\n", ":2: scan: unknown key 'fail_on' (did you mean 'fail-on'?)"),
        ("scan:\n  severity: [high, hihg]\n", ":2: scan.severity: 'hihg' is not one of"),
        ("scan:\n  max-workers: lots\n", ":2: scan.max-workers: 'lots' is not of type 'integer'"),
        ("gcp: {}\nsacn: {fail-on: high}\n", ":2: unknown provider 'sacn' (did you mean 'scan'?)"),
    ],
)
def test_config_mistakes_are_one_line_with_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(text, encoding="utf-8")
    result = run("scan", "--config", str(config), "-i", str(EXAMPLE))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"cloudscan: error: {config}")
    assert message in line


def test_config_init_writes_a_commented_starter_that_validates(tmp_path: Path) -> None:
    result = cloudscan(tmp_path, "config", "init")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / ".cloudscan.yaml").read_text()
    assert text.startswith("# cloudscan config file")
    assert yaml.safe_load(text) == {"scan": {"fail-on": "low"}}
    again = cloudscan(tmp_path, "config", "init")
    assert again.returncode == 2
    assert "already exists" in again.stderr
    scanned = cloudscan(tmp_path, "scan", "-i", str(EXAMPLE), "-q")
    assert scanned.returncode == 1
