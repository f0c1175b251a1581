"""Terraform as a scan source: a path in, inventory records, unsupported types and errors out.

``--terraform PATH`` takes a directory (or one ``.tf`` file) of HCL, or a plan /
state JSON from ``terraform show -json``. ``source_dir`` (``--terraform-source``)
gives plan/state input its ``.tf`` locations.

Several paths, and several root modules under one path, are scanned together:
each root keeps its own record ids (``model.record_id``). A root reached twice
(``--terraform envs --terraform envs/prod``) is scanned once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scanner.findings import ScanError
from scanner.inventory.model import Resource
from scanner.sources.terraform.directory import LoadedHcl, load_directory
from scanner.sources.terraform.link import link_live
from scanner.sources.terraform.locate import base_of, display_path, root_label
from scanner.sources.terraform.model import ProviderConfig, RootModule, TfResource, base_address
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
    """Parsed resources of one path, before translation, and the root modules they belong to."""

    resources: list[TfResource] = field(default_factory=list)
    providers: ProviderConfig = field(default_factory=ProviderConfig)
    errors: list[ScanError] = field(default_factory=list)
    roots: list[RootModule] = field(default_factory=list)


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
    """Unreadable files, values over a limit, module calls not followed: scan errors naming file and line.

    A module call that is not followed is an error, not a footnote: the resources
    it would create were not checked, so the scan is partial (exit code 3 when
    nothing fails the threshold). Scanning the plan JSON checks them.
    """
    errors = [
        ScanError(source=f"terraform {p.file}", message=f"{p.file}:{p.line}: {p.message}", code=p.code)
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


Locations = dict[str, tuple[str, int]]
"""Base address -> (file, line) of a resource block."""


def root_locations(loaded: LoadedHcl) -> dict[str, Locations]:
    """Root label -> base address -> (file, line) of every resource block (instances share their block)."""
    out: dict[str, Locations] = {}
    for res in loaded.resources:
        if res.file:
            out.setdefault(res.root, {}).setdefault(base_address(res.address), (res.file, res.line or 1))
    return out


def best_locations(roots: Iterable[Locations], addresses: Iterable[str] = ()) -> Locations:
    """Base address -> (file, line) over several roots; an address in several takes the best root's.

    The best root is the one that holds most of ``addresses`` (the state's), so
    ``envs/prod``'s state is placed on ``envs/prod`` even when ``envs/staging``
    has the same addresses; without them, or on a tie, the first root wins.
    """
    wanted = {base_address(a) for a in addresses}
    out: Locations = {}
    for locations in sorted(roots, key=lambda locs: -len(wanted.intersection(locs))):
        for address, where in locations.items():
            out.setdefault(address, where)
    return out


def block_locations(loaded: LoadedHcl) -> Locations:
    """Base address -> (file, line) of every resource block of every root (the first root wins)."""
    return best_locations(root_locations(loaded).values())


def source_locations(source_dir: Path, repo_root: Path | None = None) -> Locations:
    """Base address -> (file, line) of every resource block under ``source_dir``."""
    return block_locations(load_directory(source_dir, repo_root))


def read_terraform(
    path: Path, source_dir: Path | None = None, repo_root: Path | None = None
) -> TerraformInput:
    """Read a directory / ``.tf`` file / plan or state JSON; raises NotTerraformJson or OSError.

    Paths are shown from the repository root (``locate.base_of``).
    """
    if path.is_dir() or path.suffix == ".tf":
        loaded = load_directory(path, repo_root)
        return TerraformInput(loaded.resources, loaded.providers, hcl_errors(loaded), loaded.roots)
    text = _read_text(path, repo_root)
    locations = source_locations(source_dir, repo_root) if source_dir is not None else None
    base = base_of(path, repo_root)
    label = root_label(path, base)  # the plan/state file is the root: two plans of one directory differ
    parsed = load_json(text, display_path(path, base), locations, label)
    return TerraformInput(
        parsed.resources, parsed.providers, roots=[RootModule(label, path.resolve(), parsed.providers)]
    )


def _read_text(path: Path, repo_root: Path | None = None) -> str:
    """The file as UTF-8 text; otherwise an input error naming the file and the line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        shown = display_path(path, base_of(path, repo_root))
        raise NotTerraformJson(f"{shown}:{line}: not UTF-8 text") from None


def scan_terraform(
    paths: list[Path], source_dir: Path | None = None, repo_root: Path | None = None
) -> TerraformScan:
    """Translate every path; unsupported types are summed over paths.

    Root labels stay unique over the whole scan (``locate.root_label``), and a
    root that an earlier path already scanned is skipped, its errors with it.
    """
    out = TerraformScan()
    taken: dict[str, Path] = {}
    for path in paths:
        read = read_terraform(path, source_dir, repo_root)
        roots, relabel = _new_roots(read.roots, base_of(path, repo_root), taken)
        resources = [
            res if relabel[res.root] == res.root else dataclasses.replace(res, root=relabel[res.root])
            for res in read.resources
            if res.root in relabel
        ]
        translated = translate(resources, read.providers, {r.label: r.providers for r in roots})
        out.records.extend(translated.records)
        out.errors.extend(e for e in read.errors if e not in out.errors)
        out.errors.extend(translated.errors)
        for kind, count in translated.unsupported.items():
            out.unsupported[kind] = out.unsupported.get(kind, 0) + count
    out.unsupported = dict(sorted(out.unsupported.items()))
    return out


def _new_roots(
    roots: list[RootModule], base: Path, taken: dict[str, Path]
) -> tuple[list[RootModule], dict[str, str]]:
    """The roots not scanned yet, labelled uniquely, and old label -> new label for them."""
    kept: list[RootModule] = []
    relabel: dict[str, str] = {}
    for root in roots:
        if root.path in taken.values():
            continue
        label = root.label if root.label not in taken else root_label(root.path, base, taken)
        taken[label] = root.path
        relabel[root.label] = label
        kept.append(dataclasses.replace(root, label=label))
    return kept, relabel


def live_to_code(state_path: Path, code_dirs: list[Path], repo_root: Path | None = None) -> TerraformScan:
    """Live-to-code mode: the state maps cloud ids to addresses, the code dirs give their lines.

    The code is not evaluated as code in this mode (its findings would repeat the
    live ones); syntax errors in it are still reported. Module calls that are not
    followed are not: the live resources they manage are scanned all the same,
    only their findings keep the Terraform address without a ``.tf`` line. When
    the code dirs hold several roots with the state's addresses, the root holding
    most of them gives the lines (:func:`best_locations`).
    """
    if state_path.is_dir():
        raise NotTerraformJson(f"{state_path}: --terraform-state takes a state or plan JSON file")
    read = read_terraform(state_path, repo_root=repo_root)
    out = TerraformScan(state=read.resources)
    roots: list[Locations] = []
    for directory in code_dirs:
        loaded = load_directory(directory, repo_root)
        out.errors.extend(e for e in hcl_errors(loaded) if e.code != MODULE_NOT_SCANNED)
        roots.extend(root_locations(loaded).values())
    out.locations = best_locations(roots, (res.address for res in read.resources))
    return out
