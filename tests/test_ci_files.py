"""The CI files users copy: valid YAML, the permissions they need, inputs that match the README,
and the action's own shell steps run for real on the bundled Terraform example."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scanner.cli import cli
from scanner.cli.scan import scan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "ci"
UPLOAD = "github/codeql-action/upload-sarif@v3"
ACTION_REF = "cloudscan-dev/cloudscan@main"


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def on(workflow: dict[str, Any]) -> dict[str, Any]:
    """YAML 1.1 reads the key ``on`` as the boolean true."""
    return workflow.get("on") or workflow[True]


def action() -> dict[str, Any]:
    return load(ROOT / "action.yml")


def step(name: str) -> dict[str, Any]:
    return next(s for s in action()["runs"]["steps"] if s.get("name") == name)


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    [
        ROOT / "action.yml",
        ROOT / ".pre-commit-hooks.yaml",
        EXAMPLES / "github-terraform.yml",
        EXAMPLES / "github-live.yml",
        EXAMPLES / "gitlab-ci.yml",
    ],
    ids=lambda p: p.name,
)
def test_ci_files_are_valid_yaml(path: Path) -> None:
    assert isinstance(load(path), (dict, list))


def test_action_is_composite_install_scan_upload_summary_gate() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    names = [s.get("name") for s in spec["runs"]["steps"]]
    assert names == [
        "Set up Python",
        "Install cloudscan",
        "Scan",
        "Upload SARIF to code scanning",
        "Job summary",
        "Gate",
    ]
    upload = step("Upload SARIF to code scanning")
    assert upload["uses"] == UPLOAD
    assert upload["if"].startswith("always()")
    assert upload["with"] == {"sarif_file": "${{ inputs.sarif-file }}", "category": "${{ inputs.category }}"}
    assert step("Job summary")["if"].startswith("always()")
    assert "$GITHUB_STEP_SUMMARY" in step("Job summary")["run"]
    for s in spec["runs"]["steps"]:
        if "run" in s:
            assert s["shell"] == "bash"
            # Inputs reach scripts through env only: an expression inside a script is shell injection.
            assert "${{" not in s["run"], s["name"]


def test_readme_inputs_table_matches_the_action() -> None:
    rows = re.findall(r"^\| ([a-z-]+) \| (?:`([^`]*)` )?\| (.+) \|$", readme(), flags=re.MULTILINE)
    table = {name: (default, text) for name, default, text in rows}
    inputs = action()["inputs"]
    documented = {name: table[name] for name in inputs if name in table}
    assert set(documented) == set(inputs)
    for name, spec in inputs.items():
        assert documented[name] == (spec.get("default", ""), spec["description"]), name


def test_workflows_use_only_inputs_the_action_has() -> None:
    inputs = set(action()["inputs"])
    for path in (EXAMPLES / "github-terraform.yml", EXAMPLES / "github-live.yml"):
        for job in load(path)["jobs"].values():
            for s in job["steps"]:
                if s.get("uses") == ACTION_REF:
                    assert set(s.get("with", {})) <= inputs, path.name


def test_pull_request_workflow() -> None:
    workflow = load(EXAMPLES / "github-terraform.yml")
    assert "pull_request" in on(workflow)
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    [job] = workflow["jobs"].values()
    uses = [s.get("uses") for s in job["steps"]]
    assert uses == ["actions/checkout@v4", ACTION_REF]


def test_live_workflow_uses_oidc_for_each_cloud() -> None:
    workflow = load(EXAMPLES / "github-live.yml")
    assert "schedule" in on(workflow)
    assert workflow["permissions"] == {"contents": "read", "id-token": "write", "security-events": "write"}
    jobs = workflow["jobs"]
    gcp = [s for s in jobs["gcp"]["steps"] if s.get("uses") == "google-github-actions/auth@v2"]
    assert set(gcp[0]["with"]) == {"workload_identity_provider", "service_account"}
    alibaba = next(s for s in jobs["alibaba"]["steps"] if s.get("uses") == ACTION_REF)
    assert {"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"} <= set(alibaba["env"])
    assert "ALIBABA_CLOUD_OIDC_TOKEN_FILE" in jobs["alibaba"]["steps"][1]["run"]
    # The variables the Alibaba job sets are the ones the credential chain reads (docs/alibaba.md).
    docs = (ROOT / "docs" / "alibaba.md").read_text(encoding="utf-8")
    for name in (
        "ALIBABA_CLOUD_ROLE_ARN",
        "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
        "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
    ):
        assert name in docs
    aws = [s for s in jobs["aws"]["steps"] if s.get("uses") == "aws-actions/configure-aws-credentials@v4"]
    assert "role-to-assume" in aws[0]["with"]
    assert jobs["aws"]["if"] is False  # no AWS live adapter yet: shown, never run


def test_readme_workflow_snippet_installs_has_permissions_and_always_uploads() -> None:
    snippets = [yaml.safe_load(s) for s in re.findall(r"```yaml\n(.*?)```", readme(), flags=re.DOTALL)]
    [workflow] = [s for s in snippets if isinstance(s, dict) and "jobs" in s]
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    steps = workflow["jobs"]["cloudscan"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any(r.startswith("pip install") for r in runs)
    scan = next(r for r in runs if r.startswith("cloudscan scan"))
    upload = next(s for s in steps if s.get("uses") == UPLOAD)
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] in shlex.split(scan)


def test_gitlab_job_publishes_the_sast_and_junit_reports() -> None:
    job = load(EXAMPLES / "gitlab-ci.yml")["cloudscan"]
    reports = job["artifacts"]["reports"]
    assert reports == {"sast": "gl-sast-report.json", "junit": "cloudscan-junit.xml"}
    assert job["artifacts"]["when"] == "always"
    script = " ".join(job["script"])
    for report in reports.values():
        assert f"--output {report}" in script


def test_pre_commit_hook_scans_terraform(tmp_path: Path) -> None:
    [hook] = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "cloudscan-terraform"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("infra/main.tf") and files.search("prod.tfvars") and not files.search("README.md")
    command = [*shlex.split(hook["entry"]), *hook["args"]]
    assert command[:2] == ["cloudscan", "scan"]
    cloudscan = Path(sys.executable).parent / "cloudscan"
    result = subprocess.run(
        [str(cloudscan), *command[1:]], cwd=ROOT / "examples" / "landing-zone-terraform",
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1  # the starter landing zone has findings
    assert "findings" in result.stderr  # --quiet: the summary line goes to stderr (issue #14)


def _bash(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a step's script the way GitHub runs ``shell: bash``."""
    full = {**os.environ, **env}
    cmd = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script]
    return subprocess.run(cmd, env=full, cwd=cwd, capture_output=True, text=True, check=False)


def test_action_scan_step_writes_sarif_and_summary_and_records_the_exit_code(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(outputs),
        "CS_TERRAFORM": "examples/landing-zone-terraform\n",
        "CS_FAIL_ON": "high",
        "CS_FAIL_ON_NEW": "false",
        "CS_SARIF": str(tmp_path / "cloudscan.sarif"),
        "CS_SARIF_SUPPRESSED": "omit",
        "CS_PROVIDER": "",
        "CS_ARGS": "--max-workers 2",
    }
    result = _bash(step("Scan")["run"], env, ROOT)
    assert result.returncode == 0, result.stderr  # the step records the code; the gate fails the job
    recorded = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert recorded["exit-code"] == "1"
    assert (tmp_path / "cloudscan.sarif").exists()
    assert Path(recorded["summary"]).read_text().startswith("## cloudscan")


@pytest.mark.parametrize(("code", "expected"), [("0", 0), ("1", 1), ("2", 2), ("3", 3), ("", 4)])
def test_action_gate_fails_the_job_by_the_exit_code(tmp_path: Path, code: str, expected: int) -> None:
    assert _bash(step("Gate")["run"], {"CS_CODE": code}, tmp_path).returncode == expected


def docker_runs() -> list[list[str]]:
    """The README's ``docker run`` commands, split like a shell would (continuations joined)."""
    section = readme().split("## Container image", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    joined = block.replace("\\\n", " ")
    return [shlex.split(line) for line in joined.splitlines() if line.startswith("docker run")]


def image_args(command: list[str]) -> list[str]:
    """What follows the image name: the cloudscan arguments."""
    return command[command.index("cloudscan") + 1 :]


def test_dockerfile_runs_as_a_fixed_non_root_uid_in_a_writable_work_dir() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    uid = re.search(r"useradd .*--uid (\d+) .* cloudscan", dockerfile)
    assert uid and int(uid.group(1)) >= 1000
    assert re.search(rf"^USER {uid.group(1)}$", dockerfile, flags=re.MULTILINE)
    assert "mkdir /work && chown cloudscan: /work" in dockerfile
    after_user = dockerfile.split(f"USER {uid.group(1)}", 1)[1]
    assert "WORKDIR /work" in after_user
    assert "python -m compileall" in dockerfile
    assert f"(UID {uid.group(1)})" in readme()


def test_readme_docker_runs_mount_work_as_the_host_user_and_pass_credentials_by_name() -> None:
    runs = docker_runs()
    assert len(runs) == 3
    for command in runs:
        assert command[:3] == ["docker", "run", "--rm"]
        assert "--user" in command and command[command.index("--user") + 1] == "$(id -u):$(id -g)"
        assert "$PWD:/work" in command
        for i, word in enumerate(command):
            if word == "-e" and "CREDENTIALS" not in command[i + 1]:
                assert "=" not in command[i + 1]  # a secret's value never appears on the command line
    live = [image_args(c) for c in runs if "--provider" in c]
    assert {args[args.index("--provider") + 1] for args in live} == {"alibaba", "gcp"}


def test_readme_docker_arguments_are_valid_cloudscan_scans(tmp_path: Path, monkeypatch) -> None:
    for command in docker_runs():
        args = image_args(command)
        assert args[0] == "scan"
        scan.make_context("scan", args[1:])  # every option exists and parses
    # The Terraform one runs for real in a copy of a mounted directory, writing relative report paths.
    [terraform] = [image_args(c) for c in docker_runs() if "--terraform" in c]
    shutil.copytree(ROOT / "examples" / "landing-zone-terraform", tmp_path / "infra")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, terraform, catch_exceptions=False)
    assert result.exit_code == 1
    assert (tmp_path / "reports" / "cloudscan.sarif").exists()
    assert (tmp_path / "reports" / "summary.md").read_text().startswith("## cloudscan")
