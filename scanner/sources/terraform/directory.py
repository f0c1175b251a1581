"""Load a directory of ``.tf`` files into :class:`TfResource` records.

Which directories are modules: every directory under PATH that holds ``.tf``
files is read (hidden directories and ``.terraform`` are skipped). A directory
that another one calls as a local module (``source = "./modules/net"``) is
instantiated for each such call, with addresses ``module.NAME.TYPE.NAME`` and its
variables set from the call's arguments; every directory that nobody calls is a
root module, scanned on its own (``envs/prod`` and ``envs/dev`` side by side).
Remote module sources (registry, git) are not fetched: they add no resources.

Root modules read ``terraform.tfvars`` and ``*.auto.tfvars`` like Terraform.
A ``resource`` with a literal ``count = 0`` or an empty literal ``for_each``
creates nothing; any other ``count``/``for_each`` gives one record for the
block (see ``model``). ``dynamic`` blocks contribute their ``content`` once,
with the iterator's values unknown. A file with a syntax error is skipped as a
whole and reported with its line; the other files are still scanned.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.sources.terraform.evaluate import Scope, evaluate
from scanner.sources.terraform.hcl import Block, ParsedFile, parse
from scanner.sources.terraform.locate import display_path
from scanner.sources.terraform.model import UNKNOWN, ProviderConfig, TfResource, has_unknown

META_ARGUMENTS = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle"})
SKIPPED_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "precondition", "postcondition"})
MAX_MODULE_DEPTH = 16


@dataclass
class SyntaxProblem:
    file: str
    line: int
    message: str


@dataclass
class LoadedHcl:
    resources: list[TfResource] = field(default_factory=list)
    providers: ProviderConfig = field(default_factory=ProviderConfig)
    problems: list[SyntaxProblem] = field(default_factory=list)


@dataclass
class _Module:
    """The parsed files of one directory, each block with the file it came from."""

    path: Path
    blocks: list[tuple[Block, str]] = field(default_factory=list)
    tfvars: dict[str, Any] = field(default_factory=dict)

    def of(self, kind: str) -> Iterator[tuple[Block, str]]:
        return ((b, f) for b, f in self.blocks if b.type == kind)


def load_directory(path: Path) -> LoadedHcl:
    """Every managed resource of every module under ``path`` (a directory or one ``.tf`` file)."""
    out = LoadedHcl()
    modules = _read_modules(path, out)
    called = {callee for mod in modules.values() for callee in _local_calls(mod, modules)}
    settings: dict[str, dict[str, Any]] = {}
    for directory in sorted(modules):
        if directory in called:
            continue
        mod = modules[directory]
        variables = {k: evaluate(v, Scope("", {})) for k, v in mod.tfvars.items()}
        _instantiate(mod, modules, "", variables, out.resources, 0)
        _provider_settings(mod, settings)
    out.providers = ProviderConfig(settings)
    return out


def _read_modules(path: Path, out: LoadedHcl) -> dict[Path, _Module]:
    files = [path] if path.is_file() else sorted(_tf_files(path))
    modules: dict[Path, _Module] = {}
    for file in files:
        directory = file.parent.resolve()
        mod = modules.setdefault(directory, _Module(directory))
        shown = display_path(file, path)
        parsed = _parse_file(file, shown, out)
        if parsed is None:
            continue
        mod.blocks.extend((block, shown) for block in parsed.blocks)
    for directory, mod in modules.items():
        for vars_file in [directory / "terraform.tfvars", *sorted(directory.glob("*.auto.tfvars"))]:
            if vars_file.is_file() and (parsed := _parse_file(vars_file, display_path(vars_file, path), out)):
                mod.tfvars.update(parsed.attrs)
    return modules


def _tf_files(root: Path) -> Iterator[Path]:
    for item in root.rglob("*.tf"):
        parts = item.relative_to(root).parts[:-1]
        if not any(p.startswith(".") for p in parts) and item.is_file():
            yield item


def _parse_file(file: Path, shown: str, out: LoadedHcl) -> ParsedFile | None:
    try:
        parsed = parse(file.read_bytes())
    except OSError as exc:
        out.problems.append(SyntaxProblem(shown, 1, f"cannot read: {exc.strerror}"))
        return None
    if parsed.error_line is not None:
        out.problems.append(SyntaxProblem(shown, parsed.error_line, f"HCL syntax error: {parsed.error}"))
        return None
    return parsed


def _local_source(block: Block) -> str | None:
    source = block.attrs.get("source")
    return source if isinstance(source, str) and source.startswith(("./", "../")) else None


def _local_calls(mod: _Module, modules: dict[Path, _Module]) -> Iterator[Path]:
    for block, _ in mod.of("module"):
        source = _local_source(block)
        if source is not None and (target := (mod.path / source).resolve()) in modules and target != mod.path:
            yield target


def _instantiate(
    mod: _Module,
    modules: dict[Path, _Module],
    prefix: str,
    given: dict[str, Any],
    sink: list[TfResource],
    depth: int,
) -> Scope:
    """Build the module's scope (variables, locals, outputs, children) and emit its resources."""
    scope = Scope(prefix, {})
    for block, _ in mod.of("variable"):
        name = block.labels[0] if block.labels else ""
        if name in given:
            scope.variables[name] = given[name]
        else:
            default = block.attrs.get("default", UNKNOWN)
            scope.variables[name] = (
                evaluate(default, Scope(prefix, {})) if default is not UNKNOWN else UNKNOWN
            )
    for block, _ in mod.of("locals"):
        scope.local_exprs.update(block.attrs)
    for block, _ in mod.of("output"):
        if block.labels and "value" in block.attrs:
            scope.output_exprs[block.labels[0]] = block.attrs["value"]
    for block, _ in mod.of("module"):
        source = _local_source(block)
        target = (mod.path / source).resolve() if source else None
        if not block.labels or target not in modules or target == mod.path or depth >= MAX_MODULE_DEPTH:
            continue
        args = {k: evaluate(v, scope) for k, v in block.attrs.items() if k not in META_ARGUMENTS | {"source"}}
        child_prefix = f"{prefix}module.{block.labels[0]}."
        scope.children[block.labels[0]] = _instantiate(
            modules[target], modules, child_prefix, args, sink, depth + 1
        )
    for block, shown in mod.of("resource"):
        if len(block.labels) == 2 and _creates_something(block, scope):
            sink.append(_resource(block, shown, scope))
    return scope


def _creates_something(block: Block, scope: Scope) -> bool:
    if "count" in block.attrs:
        count = evaluate(block.attrs["count"], scope)
        return has_unknown(count) or not (isinstance(count, int) and count <= 0)
    if "for_each" in block.attrs:
        each = evaluate(block.attrs["for_each"], scope)
        return has_unknown(each) or bool(each)
    return True


def _resource(block: Block, shown: str, scope: Scope) -> TfResource:
    kind, name = block.labels
    return TfResource(
        address=f"{scope.prefix}{kind}.{name}",
        type=kind,
        name=name,
        values=_values(block, scope, top=True),
        file=shown,
        line=block.line,
        module=scope.prefix.rstrip("."),
    )


def _values(block: Block, scope: Scope, top: bool = False) -> dict[str, Any]:
    values = {k: evaluate(v, scope) for k, v in block.attrs.items() if not (top and k in META_ARGUMENTS)}
    for child in block.blocks:
        if child.type in SKIPPED_BLOCKS:
            continue
        if child.type == "dynamic" and child.labels:
            for content in (c for c in child.blocks if c.type == "content"):
                values.setdefault(child.labels[0], []).append(_values(content, scope))
            continue
        existing = values.setdefault(child.type, [])
        if isinstance(existing, list):
            existing.append(_values(child, scope))
    return values


def _provider_settings(mod: _Module, settings: dict[str, dict[str, Any]]) -> None:
    """Literal settings of un-aliased ``provider`` blocks: the default project/region/account."""
    for block, _ in mod.of("provider"):
        if not block.labels or "alias" in block.attrs:
            continue
        values = {k: evaluate(v, Scope("", {})) for k, v in block.attrs.items()}
        known = {k: v for k, v in values.items() if not has_unknown(v)}
        settings.setdefault(block.labels[0], {}).update(known)
