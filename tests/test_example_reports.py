"""The committed example reports in ``reports/`` are regenerated here and must not be stale."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scanner.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "landing-zone" / "inventory.json"
REPORTS = ["landing-zone.sarif", "landing-zone.json", "landing-zone.txt"]


def test_example_reports_are_current(tmp_path: Path, monkeypatch) -> None:
    outputs = [tmp_path / name for name in REPORTS]
    args = ["scan", "--inventory", "examples/landing-zone/inventory.json", "--fail-on", "none"]
    for path in outputs:
        args += ["--output", str(path)]
    monkeypatch.chdir(ROOT)  # paths inside the reports are relative to the repository
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stale = []
    for path in outputs:
        committed = ROOT / "reports" / path.name
        fresh = path.read_bytes()
        if not committed.exists() or committed.read_bytes() != fresh:
            committed.parent.mkdir(exist_ok=True)
            committed.write_bytes(fresh)
            stale.append(path.name)
    assert not stale, f"reports/{', '.join(stale)} were stale and have been regenerated: commit them"
