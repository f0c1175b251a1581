"""Small builders shared by the core tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from scanner.cli import cli
from scanner.inventory import Origin

ORIGIN = Origin(source="snapshot", call="test")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def snapshot_file(path: Path, resources: list[dict[str, Any]], **extra: Any) -> Path:
    base = {"provider": "gcp", "account": "proj-1", "origin": {"source": "snapshot"}}
    document = {
        "schema_version": 1,
        "generator": "test",
        "created_at": None,
        "resources": [{**base, **resource} for resource in resources],
        "errors": [],
        **extra,
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


SSH_OPEN = {
    "kind": "firewall_rule",
    "id": "fw-open",
    "name": "allow-ssh",
    "direction": "ingress",
    "protocol": "tcp",
    "ports": [{"start": 22, "end": 22}],
    "source_ranges": ["0.0.0.0/0"],
}
SSH_CLOSED = {**SSH_OPEN, "id": "fw-closed", "name": "allow-ssh-office", "source_ranges": ["203.0.113.0/24"]}
