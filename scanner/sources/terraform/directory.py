"""Load a directory of ``.tf`` files into :class:`TfResource` records.

Which directories are modules: every directory under PATH that holds ``.tf``
files is read (hidden directories and ``.terraform`` are skipped), and so is
every local module directory they call from outside PATH. A directory
that another one calls as a local module (``source = "./modules/net"``) is
instantiated for each such call, with addresses ``module.NAME.TYPE.NAME`` and its
variables set from the call's arguments; every directory that nobody calls is a
root module, scanned on its own (``envs/prod`` and ``envs/dev`` side by side):
each root gets its own label (``locate.root_label``), its resources carry it in
``TfResource.root`` (so equal addresses in two roots stay two records), and its
own ``provider`` defaults (``LoadedHcl.roots``).
Remote module sources (registry, git, URLs) are not fetched; each such call is
listed in ``skipped_modules`` (so is a local call that cannot be followed), and
the scan reports it, so nothing is dropped silently.

Root modules read ``terraform.tfvars`` and ``*.auto.tfvars`` like Terraform.
A ``resource`` whose ``count``/``for_each`` is known gives one record per
instance (``x.y[0]``, ``x.y["key"]``) with ``count.index`` / ``each.*``
resolved; ``count = 0`` or an empty ``for_each`` gives none; an unknown one
gives one record for the block (see ``model``). Module calls expand the same
way: one instance per key of a known ``count``/``for_each`` (``module.net[0]``,
``module.net["eu"]``), none for ``count = 0`` or an empty ``for_each``, and one
instance without key, with ``count``/``each`` unknown in its arguments, when
the number of instances is not known. A ``dynamic`` block whose ``for_each`` is known gives one block per
element (none for an empty one), with its iterator's ``key``/``value`` known; an
unknown ``for_each`` makes the generated block attribute unknown. A file with a
syntax error (or not UTF-8, or nested past ``limits.MAX_HCL_NESTING``) is
skipped as a whole and reported with its line; the other files are still scanned.

Hostile input stays bounded (``limits``, documented in docs/terraform.md): a
module call that closes a cycle is reported and not followed (directories that
only call each other still get one of them as a root, so nothing vanishes);
module instances, resource instances and ``dynamic`` blocks have a ceiling past
which the call is not followed or the block gives one record with unknown
instances; a negative ``count`` is reported as Terraform rejects it; values go
through one evaluation :class:`~scanner.sources.terraform.evaluate.Budget`.

This module follows the module calls; :mod:`~scanner.sources.terraform.expansion`
counts the instances of each ``count``/``for_each`` within the limits, and
:mod:`~scanner.sources.terraform.resource_blocks` turns each resource instance
into its record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.sources.terraform.evaluate import Scope
from scanner.sources.terraform.expansion import Expansion
from scanner.sources.terraform.hcl import Block
from scanner.sources.terraform.limits import MAX_MODULE_INSTANCES
from scanner.sources.terraform.locate import base_of, display_path, root_label
from scanner.sources.terraform.model import UNKNOWN, ProviderConfig, RootModule, has_unknown, instance_address
from scanner.sources.terraform.modules import (
    LoadedHcl,
    Module,
    SkippedModule,
    local_calls,
    local_source,
    read_modules,
    with_cycle_roots,
)
from scanner.sources.terraform.resource_blocks import META_ARGUMENTS, resource_record
from scanner.sources.terraform.typedefaults import with_defaults

MAX_MODULE_DEPTH = 16


def load_directory(path: Path, repo_root: Path | None = None) -> LoadedHcl:
    """Every managed resource of every module under ``path`` (a directory or one ``.tf`` file).

    Files and root labels are shown relative to the repository root
    (``locate.base_of``: ``repo_root``, else the git work tree holding ``path``).
    """
    out = LoadedHcl()
    base = base_of(path, repo_root)
    modules = read_modules(path, base, out)
    called = {callee for mod in modules.values() for callee in local_calls(mod, modules)}
    expansion = Expansion(out)
    loader = _Loader(modules, expansion, base)
    settings: dict[str, dict[str, Any]] = {}
    labels: dict[str, Path] = {}
    roots = [directory for directory in sorted(modules) if directory not in called]
    for directory in with_cycle_roots(roots, modules):
        mod = modules[directory]
        label = root_label(directory, base, labels)
        labels[label] = directory
        variables = {
            k: expansion.evaluate(v, expansion.scope(""), (mod.tfvars_files[k], 1), f"var.{k}")
            for k, v in mod.tfvars.items()
        }
        loader.instantiate(mod, "", variables, (directory,), label)
        own = _provider_settings(mod, expansion)
        out.roots.append(RootModule(label, directory, ProviderConfig(own)))
        for provider, values in own.items():
            settings.setdefault(provider, {}).update(values)
    out.providers = ProviderConfig(settings)
    return out


class _Loader:
    """Instantiates modules within the limits (``limits``), reporting every call it does not follow.

    One per scanned path; the budget, problems and instance counts it shares
    with resource expansion are its :class:`Expansion`.
    """

    def __init__(self, modules: dict[Path, Module], expansion: Expansion, base: Path) -> None:
        self.modules = modules
        self.expansion = expansion
        self.out = expansion.out
        self.base = base
        self._reported_calls: set[tuple[str, int]] = set()

    def instantiate(
        self, mod: Module, prefix: str, given: dict[str, Any], chain: tuple[Path, ...], root: str
    ) -> Scope:
        """Build the module's scope (variables, locals, outputs, children) and emit its resources.

        ``chain`` is the directories instantiated from the root down to this one
        (a call back into one of them is a cycle); ``root`` is the label of the
        root module this instance belongs to.
        """
        expansion = self.expansion
        scope = expansion.scope(prefix)
        for block, shown in mod.of("variable"):
            name = block.labels[0] if block.labels else ""
            place = (shown, block.line)
            if name in given:
                value = given[name]
            else:
                default = block.attrs.get("default", UNKNOWN)
                value = (
                    expansion.evaluate(default, expansion.scope(prefix), place, f"var.{name}")
                    if default is not UNKNOWN
                    else UNKNOWN
                )
            if "type" in block.attrs:  # optional(type, default) attributes filled in, as Terraform does

                def fill(expr: Any, where: tuple[str, int] = place, var: str = name) -> Any:
                    return expansion.evaluate(expr, expansion.scope(prefix), where, f"var.{var}")

                value = expansion.budget.check(
                    with_defaults(block.attrs["type"], value, fill), place, f"var.{name}"
                )
            scope.variables[name] = value
        for block, shown in mod.of("locals"):
            scope.local_exprs.update(block.attrs)
            scope.local_places.update(dict.fromkeys(block.attrs, (shown, block.line)))
        for block, shown in mod.of("output"):
            if block.labels and "value" in block.attrs:
                scope.output_exprs[block.labels[0]] = block.attrs["value"]
                scope.output_places[block.labels[0]] = (shown, block.line)
        for block, shown in mod.of("module"):
            if block.labels:
                self._call(block, shown, mod, scope, chain, root)
        for block, shown in mod.of("resource"):
            if len(block.labels) != 2:
                continue
            instances = expansion.instances(block, shown, scope)
            if instances is None:
                expansion.resource_instances += 1
                self.out.resources.append(resource_record(expansion, block, shown, scope, UNKNOWN, root))
                continue
            for key, iteration in instances:
                instance = scope.repeat(iteration) if iteration else scope
                self.out.resources.append(resource_record(expansion, block, shown, instance, key, root))
        return scope

    def _call(
        self, block: Block, shown: str, mod: Module, scope: Scope, chain: tuple[Path, ...], root: str
    ) -> None:
        """Follow one ``module`` call, once per instance of its ``count``/``for_each``, or record why not.

        A known ``count``/``for_each`` gives one instance per key, addressed
        ``module.NAME[0]`` / ``module.NAME["key"]``, with ``count.index`` /
        ``each.*`` known in its arguments; an unknown one gives one instance
        without key (``count``/``each`` unknown), as for resources.
        """
        name = block.labels[0]
        expansion = self.expansion
        instances = expansion.instances(block, shown, scope)
        if instances is not None and not instances:
            return  # count = 0 or an empty for_each: the call creates nothing
        address = f"{scope.prefix}module.{name}"
        target = self._target(block, mod, chain)
        if isinstance(target, str):
            if target.startswith(_ONCE_PER_CALL) and (shown, block.line) in self._reported_calls:
                return  # the same call site cut again in another instance: reported once
            self._reported_calls.add((shown, block.line))
            source = block.attrs.get("source")
            shown_source = source if isinstance(source, str) else "(not a literal string)"
            self.out.skipped_modules.append(SkippedModule(shown, block.line, address, shown_source, target))
            return
        expanded: dict[Any, Scope] = {}
        for key, iteration in instances if instances is not None else [(None, {})]:
            if expansion.module_instances >= MAX_MODULE_INSTANCES:
                reason = f"{_TOO_MANY} (more than {MAX_MODULE_INSTANCES:,} in this scan): not followed"
                if (shown, block.line) not in self._reported_calls:
                    self._reported_calls.add((shown, block.line))
                    self.out.skipped_modules.append(SkippedModule(shown, block.line, address, "", reason))
                break
            expansion.module_instances += 1
            here = scope.repeat(iteration) if iteration else scope
            instance = address if key is None else instance_address(address, key)
            args = {
                k: expansion.evaluate(v, here, (shown, block.line), f"{instance} argument {k}")
                for k, v in block.attrs.items()
                if k not in META_ARGUMENTS | {"source"}
            }
            child = self.instantiate(self.modules[target], f"{instance}.", args, (*chain, target), root)
            if key is None:
                scope.children[name] = child
            else:
                expanded[key] = child
        if expanded:
            scope.children[name] = expanded

    def _target(self, block: Block, mod: Module, chain: tuple[Path, ...]) -> Path | str:
        """The directory a module call instantiates, or why it is not followed."""
        source = local_source(block)
        if source is None:
            return "remote module source: not fetched, its resources were not scanned"
        target = (mod.path / source).resolve()
        if target == mod.path:
            return "the module calls itself: not followed"
        if target not in self.modules:
            return "local module directory not found or without .tf files"
        if target in chain:
            cycle = [*chain[chain.index(target) :], target]
            names = " -> ".join(display_path(d, self.base) for d in cycle)
            return f"{_CYCLE}: {names}: not followed"
        if len(chain) > MAX_MODULE_DEPTH:
            return f"modules nested deeper than {MAX_MODULE_DEPTH}: not followed"
        if self.expansion.module_instances >= MAX_MODULE_INSTANCES:
            return f"{_TOO_MANY} (more than {MAX_MODULE_INSTANCES:,} in this scan): not followed"
        return target


_CYCLE = "module cycle"
_TOO_MANY = "too many module instances"
_ONCE_PER_CALL = (_CYCLE, _TOO_MANY)
"""Reasons reported once per call site: the call is cut the same way in every instance."""


def _provider_settings(mod: Module, expansion: Expansion) -> dict[str, dict[str, Any]]:
    """Literal settings of un-aliased ``provider`` blocks: the default project/region/account."""
    settings: dict[str, dict[str, Any]] = {}
    for block, shown in mod.of("provider"):
        if not block.labels or "alias" in block.attrs:
            continue
        place = (shown, block.line)
        values = {k: expansion.evaluate(v, expansion.scope(""), place, k) for k, v in block.attrs.items()}
        known = {k: v for k, v in values.items() if not has_unknown(v)}
        settings.setdefault(block.labels[0], {}).update(known)
    return settings
