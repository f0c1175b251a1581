"""Start-up and the scan path: lazy commands, the policy cache, SARIF built a run at a time, footers."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from scanner.builtin import builtin_policy_dir
from scanner.cli import COMMANDS, cli
from scanner.engine import evaluate
from scanner.findings import ScanResult
from scanner.inventory import Inventory
from scanner.policy import load_policies
from scanner.reporters import REPORTERS, ReportOptions
from scanner.reporters.jsontext import encode_json
from scanner.reporters.sarif import SarifReporter
from tests.helpers import SSH_CLOSED, SSH_OPEN, snapshot_file

OPTIONS = ReportOptions(tool_version="9.9.9")
GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate_inventory.py"


def test_help_lists_each_command_with_its_own_short_help() -> None:
    for name, (_module, _attribute, short) in COMMANDS.items():
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        assert command.get_short_help_str(limit=500) == short


def _imported_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The heavy modules a ``cloudscan`` command imported, run in a fresh interpreter."""
    probe = (
        "import atexit, sys\n"
        "heavy = ('rich', 'jsonschema', 'scanner.sources.terraform.source', 'scanner.cli.scan')\n"
        "atexit.register(lambda: print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr))\n"
        "from scanner.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env or os.environ,
    )
    return set(json.loads(result.stderr.strip().splitlines()[-1].replace("'", '"')))


def test_help_imports_no_command(tmp_path: Path) -> None:
    assert _imported_after(["--help"]) == set()


def test_a_json_snapshot_scan_loads_no_table_terraform_or_schema_validator(tmp_path: Path) -> None:
    snapshot = snapshot_file(tmp_path / "open.json", [SSH_OPEN, SSH_CLOSED])
    out = tmp_path / "out.json"
    args = ["scan", "-i", str(snapshot), "--format", "json", "-o", str(out), "--fail-on", "none"]
    env = {**os.environ, "CLOUDSCAN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CLOUDSCAN_NO_CACHE", None)
    assert "jsonschema" in _imported_after(args, env)  # the first run validates the pack and caches it
    assert _imported_after(args, env) == {"scanner.cli.scan"}
    assert json.loads(out.read_bytes())["summary"]["findings"] == 1


# ---------------------------------------------------------------- the policy cache


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("CLOUDSCAN_CACHE_DIR", str(directory))
    monkeypatch.delenv("CLOUDSCAN_NO_CACHE", raising=False)
    return directory


def _titles() -> dict[str, str]:
    return {p.id: p.title for p in load_policies([builtin_policy_dir()])}


def _tamper(cache_file: Path, mode: int) -> None:
    """Retitle every cached policy and re-sign the payload, as someone able to write the file could."""
    stored = msgspec.json.decode(cache_file.read_bytes())
    payload = msgspec.json.decode(msgspec.json.decode(msgspec.json.encode(stored["payload"]), type=bytes))
    for document, _lines in payload.values():
        document["title"] = "TAMPERED"
    raw = msgspec.json.encode(payload)
    stored = {"digest": hashlib.sha256(raw).hexdigest(), "payload": raw}
    cache_file.write_bytes(msgspec.json.encode(stored))
    cache_file.chmod(mode)


def test_the_cache_is_written_private_and_used_for_the_same_bytes(cache_dir: Path) -> None:
    first = _titles()
    (cache_file,) = cache_dir.iterdir()
    assert cache_file.stat().st_mode & 0o777 == 0o600
    assert _titles() == first
    _tamper(cache_file, 0o600)  # a private file is ours: its entries are used
    assert set(_titles().values()) == {"TAMPERED"}


def test_a_cache_others_could_write_is_ignored(cache_dir: Path) -> None:
    first = _titles()
    (cache_file,) = cache_dir.iterdir()
    _tamper(cache_file, 0o666)
    assert _titles() == first


def test_a_corrupt_cache_is_ignored_and_rewritten(cache_dir: Path) -> None:
    first = _titles()
    (cache_file,) = cache_dir.iterdir()
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[: len(data) // 2] + b"x" + data[len(data) // 2 + 1 :])
    assert _titles() == first
    msgspec.json.decode(cache_file.read_bytes())  # valid again
    cache_file.write_bytes(b"not json")
    assert _titles() == first


def test_no_cache_when_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOUDSCAN_NO_CACHE", "1")
    assert _titles()
    assert not cache_dir.exists()


# ---------------------------------------------------------------- SARIF and JSON bytes


@pytest.fixture(scope="module")
def generated() -> ScanResult:
    spec = importlib.util.spec_from_file_location("generate_inventory", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    snapshot = module.generate(3000, 7).snapshot
    return evaluate(load_policies([builtin_policy_dir()]), Inventory(snapshot.resources))


def test_sarif_written_a_run_at_a_time_is_the_whole_document_encoded_at_once(generated: ScanResult) -> None:
    data = SarifReporter().render(generated, OPTIONS)
    assert len(data) > 1_000_000  # the compact layout, assembled from pieces
    assert data == encode_json(json.loads(data)) + b"\n"


def test_json_report_is_the_whole_document_encoded_at_once(generated: ScanResult) -> None:
    data = REPORTERS["json"].render(generated, OPTIONS)
    assert data == encode_json(json.loads(data), indent=2) + b"\n"


def test_a_cut_table_says_what_no_report_file_holds(generated: ScanResult) -> None:
    options = ReportOptions(tool_version="9.9.9", max_rows=1, left_out={"high": 7})
    text = REPORTERS["table"].render(generated, options).decode()
    assert "7 high finding(s) are in no report file" in text
    assert "more critical finding(s) in the report file" in text
