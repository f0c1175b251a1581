"""Shared helpers for the Alibaba Cloud adapter tests: run the real CLI against the fake."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scanner.cli import cli


def run_cli(*args: str, env: dict[str, str | None]) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def collect(
    tmp_path: Path, url: str, *extra: str, env: dict[str, str | None] | None = None
) -> tuple[Result, dict[str, Any]]:
    out = tmp_path / "inventory.json"
    result = run_cli(
        "collect", "--provider", "alibaba", "-q", "-o", str(out), *extra,
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": url, **(env or {})},
    )  # fmt: skip
    snapshot = json.loads(out.read_text()) if out.exists() else {}
    return result, snapshot


def by_id(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in snapshot.get("resources", [])}
