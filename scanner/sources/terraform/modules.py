"""Which directories a Terraform scan reads, and their parsed files.

Every directory under the scanned path that holds ``.tf`` files (hidden ones
skipped), plus every local module they call from outside it, each with its
``terraform.tfvars`` and ``*.auto.tfvars``. A file that cannot be read or parsed
is a :class:`SyntaxProblem` of that file only. What the modules then declare is
evaluated by :mod:`scanner.sources.terraform.directory`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.sources.terraform.hcl import Block, ParsedFile, parse
from scanner.sources.terraform.locate import display_path
from scanner.sources.terraform.model import ProviderConfig, RootModule, TfResource


@dataclass
class SyntaxProblem:
    """A file, value or resource that could not be read as written; ``code`` says which kind.

    ``syntax``: the file is skipped (HCL syntax, not UTF-8, nesting, escapes);
    ``limit``: a value or expansion over a documented limit (``limits``);
    ``invalid-value``: a value Terraform rejects (a negative ``count``).
    """

    file: str
    line: int
    message: str
    code: str = "syntax"


@dataclass
class SkippedModule:
    """A module call whose resources were not read: the summary must say so."""

    file: str
    line: int
    address: str  # module.NAME, with its parents' prefix
    source: str
    reason: str


@dataclass
class LoadedHcl:
    """What a directory holds. ``providers`` merges every root's defaults (enough for one root);
    ``roots`` keeps each root's own, which is what translation uses."""

    resources: list[TfResource] = field(default_factory=list)
    providers: ProviderConfig = field(default_factory=ProviderConfig)
    roots: list[RootModule] = field(default_factory=list)
    problems: list[SyntaxProblem] = field(default_factory=list)
    skipped_modules: list[SkippedModule] = field(default_factory=list)


@dataclass
class Module:
    """The parsed files of one directory, each block with the file it came from."""

    path: Path
    blocks: list[tuple[Block, str]] = field(default_factory=list)
    tfvars: dict[str, Any] = field(default_factory=dict)
    tfvars_files: dict[str, str] = field(default_factory=dict)  # variable -> the file that set it

    def of(self, kind: str) -> Iterator[tuple[Block, str]]:
        return ((b, f) for b, f in self.blocks if b.type == kind)


def with_cycle_roots(roots: list[Path], modules: dict[Path, Module]) -> list[Path]:
    """``roots``, plus one directory of every module cycle that no root reaches.

    Directories that only call each other (A calls B, B calls A) are all
    "called", so none would be a root and their resources would vanish without
    a word. The first such directory becomes a root: its resources are scanned
    and the call that closes the cycle is reported (``directory._Loader._target``).
    """
    reached: set[Path] = set()

    def reach(start: Path) -> None:
        pending = [start]
        while pending:
            current = pending.pop()
            if current not in reached:
                reached.add(current)
                pending.extend(local_calls(modules[current], modules))

    out = list(roots)
    for root in roots:
        reach(root)
    for directory in sorted(modules):
        if directory not in reached:
            out.append(directory)
            reach(directory)
    return out


def read_modules(path: Path, base: Path, out: LoadedHcl) -> dict[Path, Module]:
    files = [path] if path.is_file() else sorted(_tf_files(path))
    modules: dict[Path, Module] = {}
    for file in files:
        _add_file(modules.setdefault(file.parent.resolve(), Module(file.parent.resolve())), file, base, out)
    _add_called_modules(modules, base, out)
    for directory, mod in modules.items():
        for vars_file in [directory / "terraform.tfvars", *sorted(directory.glob("*.auto.tfvars"))]:
            shown = display_path(vars_file, base)
            if vars_file.is_file() and (parsed := parse_file(vars_file, shown, out)):
                mod.tfvars.update(parsed.attrs)
                mod.tfvars_files.update(dict.fromkeys(parsed.attrs, shown))
    return modules


def _add_file(mod: Module, file: Path, base: Path, out: LoadedHcl) -> None:
    shown = display_path(file, base)
    parsed = parse_file(file, shown, out)
    if parsed is not None:
        mod.blocks.extend((block, shown) for block in parsed.blocks)


def _add_called_modules(modules: dict[Path, Module], base: Path, out: LoadedHcl) -> None:
    """Read local modules called from outside the scanned path (``envs/prod`` calling ``../../modules/net``).

    Terraform reads them, so the scan does too: only their own directory, as
    Terraform does, and again for the modules they call.
    """
    pending = list(modules.values())
    while pending:
        caller = pending.pop()
        for block, _ in caller.of("module"):
            source = local_source(block)
            target = (caller.path / source).resolve() if source else None
            if target is None or target in modules or not target.is_dir():
                continue
            files = sorted(f for f in target.glob("*.tf") if f.is_file())
            if not files:
                continue
            modules[target] = callee = Module(target)
            for file in files:
                _add_file(callee, file, base, out)
            pending.append(callee)


def _tf_files(root: Path) -> Iterator[Path]:
    for item in root.rglob("*.tf"):
        parts = item.relative_to(root).parts[:-1]
        if not any(p.startswith(".") for p in parts) and item.is_file():
            yield item


def parse_file(file: Path, shown: str, out: LoadedHcl) -> ParsedFile | None:
    try:
        parsed = parse(file.read_bytes())
    except OSError as exc:
        out.problems.append(SyntaxProblem(shown, 1, f"cannot read: {exc.strerror}"))
        return None
    if parsed.error_line is not None:
        out.problems.append(SyntaxProblem(shown, parsed.error_line, parsed.error or "HCL syntax error"))
        return None
    return parsed


def local_source(block: Block) -> str | None:
    source = block.attrs.get("source")
    return source if isinstance(source, str) and source.startswith(("./", "../")) else None


def local_calls(mod: Module, modules: dict[Path, Module]) -> Iterator[Path]:
    for block, _ in mod.of("module"):
        source = local_source(block)
        if source is not None and (target := (mod.path / source).resolve()) in modules and target != mod.path:
            yield target
