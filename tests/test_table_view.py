"""The terminal table (issue #14, item 4): where to act, 80 columns, NO_COLOR / --no-color, --quiet."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "landing-zone" / "inventory.json")
TERRAFORM = str(ROOT / "examples" / "landing-zone-terraform")
ESC = "\x1b["


def test_live_rows_name_region_and_a_short_unambiguous_id() -> None:
    result = run("scan", "-i", EXAMPLE, "--fail-on", "none", "--check", "network.subnet-flow-logs-disabled")
    out = result.stdout
    for region in ("us-central1", "europe-west1", "asia-east1"):
        assert f"gcp/acme-prod-network {region}" in out
        assert f"subnet {region}/subnetworks/my-vpc" in out


@pytest.mark.parametrize("width", [80, 200])
def test_terraform_rows_carry_file_and_line(width: int) -> None:
    result = run("scan", "--terraform", TERRAFORM, "--fail-on", "none", env={"COLUMNS": str(width)})
    assert "modules/alibaba/storage.tf:2" in result.stdout
    assert "module.alibaba.alicloud_oss_bucket.assets" in result.stdout


def test_every_line_fits_80_columns_and_each_finding_stays_whole() -> None:
    result = run("scan", "-i", EXAMPLE, "--fail-on", "none", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    report = json.loads(run("scan", "-i", EXAMPLE, "--fail-on", "none", "-f", "json").stdout)
    starts = [line for line in lines if line.startswith("- ")]
    assert len(starts) == len(report["findings"])
    # policy id and place on the first line, unbroken
    assert "- firewall.ssh-open-to-internet  gcp/acme-prod-network global" in lines


def _tty_scan(*args: str, env: dict[str, str]) -> str:
    """Run the CLI with standard output on a pseudo-terminal (as a person would see it)."""
    leader, follower = pty.openpty()
    proc_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")} | env
    proc = subprocess.Popen(
        [sys.executable, "-c", "from scanner.cli import main; main()", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=proc_env,
        cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_on_a_terminal_and_none_with_no_color() -> None:
    args = ("scan", "-i", EXAMPLE, "--fail-on", "none", "--check", "bucket.public-read")
    assert ESC in _tty_scan(*args, env={})
    assert ESC not in _tty_scan(*args, env={"NO_COLOR": "1"})
    assert ESC not in _tty_scan(*args, "--no-color", env={})


def test_quiet_prints_the_summary_on_stderr_even_with_json_on_stdout() -> None:
    result = run("scan", "-i", EXAMPLE, "--fail-on", "none", "--quiet", "-f", "json")
    assert json.loads(result.stdout)["findings"]
    assert result.stderr.startswith("32 findings (11 high")
    table = run("scan", "-i", EXAMPLE, "--fail-on", "none", "-q")
    assert table.stdout == ""
    assert table.stderr.startswith("32 findings (11 high")


SHARED_TAILS = [
    "projects/p/regions/us-central1/subnetworks/my-vpc",
    "projects/p/regions/europe-west1/subnetworks/my-vpc",
    "projects/q/regions/europe-west1/subnetworks/my-vpc",
    "arn:aws:ec2:us-east-1:1:vpc/vpc-1",
    "arn:aws:ec2:eu-west-1:1:vpc/vpc-1",
    "trailing/slash/",
    "other/trailing/slash/",
    "a//b",
    "b",
    "",
    "plain-name",
]


@pytest.mark.parametrize("shown", [SHARED_TAILS, SHARED_TAILS[:2], SHARED_TAILS[6:], []])
def test_short_ids_of_the_rows_shown_are_those_of_the_whole_list(shown: list[str]) -> None:
    """A cut table works out tails for its rows only, counted against every finding's id."""
    from scanner.reporters.table import short_ids  # noqa: PLC0415

    every = short_ids(SHARED_TAILS)
    assert short_ids(SHARED_TAILS, shown) == {rid: every[rid] for rid in shown}
    assert every["projects/p/regions/us-central1/subnetworks/my-vpc"] == "us-central1/subnetworks/my-vpc"
    q_vpc = "projects/q/regions/europe-west1/subnetworks/my-vpc"
    assert every[q_vpc] == "q/regions/europe-west1/subnetworks/my-vpc"
    assert every["a//b"] == "/b"  # "b" is another id: the tail takes one more segment
    assert every["plain-name"] == "plain-name"
