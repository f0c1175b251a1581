"""Helpers for the per-provider Terraform translator tests: HCL in, records and findings out."""

from __future__ import annotations

from pathlib import Path

from scanner.engine import evaluate
from scanner.inventory.model import Resource
from scanner.inventory.store import Inventory
from scanner.policy import Policy, load_policies
from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.translate import translate

ROOT = Path(__file__).resolve().parent.parent


def builtin_policies() -> list[Policy]:
    return load_policies([ROOT / "policies"])


def scan_hcl(tmp_path: Path, provider_block: str, hcl: str) -> dict[str, Resource]:
    """Write one ``main.tf``, load and translate it; every type must be supported."""
    (tmp_path / "main.tf").write_text(provider_block + "\n" + hcl)
    loaded = load_directory(tmp_path)
    assert not loaded.problems
    out = translate(loaded.resources, loaded.providers)
    assert not out.unsupported
    return {r.id: r for r in out.records}


def findings(records: dict[str, Resource], policies: list[Policy]) -> set[tuple[str, str]]:
    result = evaluate(policies, Inventory(records.values()))
    return {(f.rule_id, f.resource.id) for f in result.findings}
