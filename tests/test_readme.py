"""The README's two commands are the truth: CI runs the second, the Dockerfile installs with the first."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from scanner.builtin import builtin_policy_dir
from scanner.policy import load_policies

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ["pyproject.toml", "README.md", "scanner", "policies", "examples"]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.DOTALL)[:2]


def install_part(command: str) -> str:
    """``python3 -m venv .venv && .venv/bin/pip install X`` from a longer command."""
    match = re.match(r"(python3 -m venv \.venv && \.venv/bin/pip install \S+)", command)
    assert match, command
    return match.group(1)


def test_readme_opens_with_exactly_two_single_line_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "cloudscan scan --inventory examples/landing-zone/inventory.json" in commands[0]
    assert "reports/" in commands[0]
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == readme_commands()[1]
    assert "set -euo pipefail" in ci


def test_dockerfile_installs_with_the_readme_command() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    runs = [line[len("RUN ") :] for line in dockerfile.splitlines() if line.startswith("RUN ")]
    assert any(run.startswith(install_part(readme_commands()[0])) for run in runs)
    assert re.search(r"^FROM python:3\.\d+-slim$", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER (?!root)\w+", dockerfile, flags=re.MULTILINE)
    assert 'ENTRYPOINT ["cloudscan"]' in dockerfile
    assert "[test]" not in dockerfile  # runtime dependencies only


def test_first_command_works_on_a_fresh_copy(tmp_path: Path) -> None:
    """Install into a new virtualenv from a copy of the shipped files and scan the example."""
    work = tmp_path / "checkout"
    work.mkdir()
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, work / name)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    result = subprocess.run(
        ["bash", "-c", readme_commands()[0]], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "allow-ssh" in result.stdout
    sarif = json.loads((work / "reports" / "landing-zone.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert any(run["results"] for run in sarif["runs"])
    # The installed package carries its own policy pack (not the checkout's).
    listed = subprocess.run(
        [str(work / ".venv" / "bin" / "cloudscan"), "policy", "list"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "firewall.ssh-open-to-internet" in listed.stdout


def test_readme_lists_every_built_in_policy() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z0-9.-]+)`", text, flags=re.MULTILINE))
    assert listed == {policy.id for policy in load_policies([builtin_policy_dir()])}


def test_readme_permissions_match_the_provider_docs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")

    def gcp_permissions(doc: str) -> set[str]:
        listed = re.search(r"--permissions=(.*?)\n```", doc, flags=re.DOTALL)
        assert listed, "no gcloud --permissions list"
        return set(listed.group(1).replace("\\\n", "").split(","))

    def ram_actions(doc: str) -> set[str]:
        block = re.search(r'```json\n(\{\n  "Version": "1".*?\})\n```', doc, flags=re.DOTALL)
        assert block, "no RAM policy document"
        return set(json.loads(block.group(1))["Statement"][0]["Action"])

    assert gcp_permissions(text) == gcp_permissions((ROOT / "docs" / "gcp.md").read_text(encoding="utf-8"))
    assert ram_actions(text) == ram_actions((ROOT / "docs" / "alibaba.md").read_text(encoding="utf-8"))
