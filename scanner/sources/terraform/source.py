"""Terraform as a scan source: a path in, inventory records, unsupported types and errors out.

``--terraform PATH`` takes a directory (or one ``.tf`` file) of HCL, or a plan /
state JSON from ``terraform show -json``. ``source_dir`` (``--terraform-source``)
gives plan/state input its ``.tf`` locations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scanner.findings import ScanError
from scanner.inventory.model import Resource
from scanner.sources.terraform.directory import LoadedHcl, load_directory
from scanner.sources.terraform.link import link_live
from scanner.sources.terraform.locate import display_path
from scanner.sources.terraform.model import ProviderConfig, TfResource, base_address
from scanner.sources.terraform.plan import NotTerraformJson, load_json
from scanner.sources.terraform.translate import translate

__all__ = [
    "NotTerraformJson",
    "TerraformInput",
    "TerraformScan",
    "live_to_code",
    "read_terraform",
    "scan_terraform",
]


@dataclass
class TerraformInput:
    """Parsed resources of one path, before translation."""

    resources: list[TfResource] = field(default_factory=list)
    providers: ProviderConfig = field(default_factory=ProviderConfig)
    errors: list[ScanError] = field(default_factory=list)


@dataclass
class TerraformScan:
    """What Terraform adds to a scan: code records, or (with a state) a way to place live ones."""

    records: list[Resource] = field(default_factory=list)
    unsupported: dict[str, int] = field(default_factory=dict)
    errors: list[ScanError] = field(default_factory=list)
    state: list[TfResource] | None = None
    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    linked: int = 0

    def place(self, live: list[Resource]) -> list[Resource]:
        """Live records placed at the code that manages them (unchanged without a state)."""
        if self.state is None:
            return live
        placed, self.linked = link_live(live, self.state, self.locations)
        return placed


MODULE_NOT_SCANNED = "module-not-scanned"
"""``ScanError.code`` of a module call whose resources were not read (remote source, missing directory)."""


def hcl_errors(loaded: LoadedHcl) -> list[ScanError]:
    """Syntax errors and module calls not followed, as scan errors naming file and line.

    A module call that is not followed is an error, not a footnote: the resources
    it would create were not checked, so the scan is partial (exit code 3 when
    nothing fails the threshold). Scanning the plan JSON checks them.
    """
    errors = [
        ScanError(source=f"terraform {p.file}", message=f"{p.file}:{p.line}: {p.message}", code="syntax")
        for p in loaded.problems
    ]
    errors.extend(
        ScanError(
            source=f"terraform {m.file}",
            message=f"{m.file}:{m.line}: {m.address} (source {m.source!r}): {m.reason}",
            code=MODULE_NOT_SCANNED,
        )
        for m in loaded.skipped_modules
    )
    return errors


def block_locations(loaded: LoadedHcl) -> dict[str, tuple[str, int]]:
    """Base address -> (file, line) of every resource block (all instances share their block)."""
    out: dict[str, tuple[str, int]] = {}
    for res in loaded.resources:
        if res.file:
            out.setdefault(base_address(res.address), (res.file, res.line or 1))
    return out


def source_locations(source_dir: Path) -> dict[str, tuple[str, int]]:
    """Base address -> (file, line) of every resource block under ``source_dir``."""
    return block_locations(load_directory(source_dir))


def read_terraform(path: Path, source_dir: Path | None = None) -> TerraformInput:
    """Read a directory / ``.tf`` file / plan or state JSON; raises NotTerraformJson or OSError."""
    if path.is_dir() or path.suffix == ".tf":
        loaded = load_directory(path)
        return TerraformInput(loaded.resources, loaded.providers, hcl_errors(loaded))
    text = path.read_text(encoding="utf-8")
    locations = source_locations(source_dir) if source_dir is not None else None
    parsed = load_json(text, display_path(path, path), locations)
    return TerraformInput(parsed.resources, parsed.providers)


def scan_terraform(paths: list[Path], source_dir: Path | None = None) -> TerraformScan:
    """Translate every path; unsupported types are summed over paths."""
    out = TerraformScan()
    for path in paths:
        read = read_terraform(path, source_dir)
        translated = translate(read.resources, read.providers)
        out.records.extend(translated.records)
        out.errors.extend(read.errors)
        for kind, count in translated.unsupported.items():
            out.unsupported[kind] = out.unsupported.get(kind, 0) + count
    out.unsupported = dict(sorted(out.unsupported.items()))
    return out


def live_to_code(state_path: Path, code_dirs: list[Path]) -> TerraformScan:
    """Live-to-code mode: the state maps cloud ids to addresses, the code dirs give their lines.

    The code is not evaluated as code in this mode (its findings would repeat the
    live ones); syntax errors in it are still reported. Module calls that are not
    followed are not: the live resources they manage are scanned all the same,
    only their findings keep the Terraform address without a ``.tf`` line.
    """
    if state_path.is_dir():
        raise NotTerraformJson(f"{state_path}: --terraform-state takes a state or plan JSON file")
    read = read_terraform(state_path)
    out = TerraformScan(state=read.resources)
    for directory in code_dirs:
        loaded = load_directory(directory)
        out.errors.extend(e for e in hcl_errors(loaded) if e.code != MODULE_NOT_SCANNED)
        out.locations.update(block_locations(loaded))
    return out
