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
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scanner.sources.terraform.evaluate import Budget, Scope, evaluate
from scanner.sources.terraform.hcl import Block, Call, Trav
from scanner.sources.terraform.limits import (
    MAX_INSTANCES_PER_RESOURCE,
    MAX_INSTANCES_PER_SCAN,
    MAX_MODULE_INSTANCES,
)
from scanner.sources.terraform.locate import base_of, display_path, root_label
from scanner.sources.terraform.model import (
    UNKNOWN,
    ProviderConfig,
    RootModule,
    TfResource,
    has_unknown,
    instance_address,
)
from scanner.sources.terraform.modules import (
    LoadedHcl,
    Module,
    SkippedModule,
    SyntaxProblem,
    local_calls,
    local_source,
    read_modules,
    with_cycle_roots,
)
from scanner.sources.terraform.typedefaults import with_defaults

META_ARGUMENTS = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle"})
SKIPPED_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "precondition", "postcondition"})
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
    loader = _Loader(modules, out, base)
    settings: dict[str, dict[str, Any]] = {}
    labels: dict[str, Path] = {}
    roots = [directory for directory in sorted(modules) if directory not in called]
    for directory in with_cycle_roots(roots, modules):
        mod = modules[directory]
        label = root_label(directory, base, labels)
        labels[label] = directory
        variables = {
            k: loader.evaluate(v, loader.scope(""), (mod.tfvars_files[k], 1), f"var.{k}")
            for k, v in mod.tfvars.items()
        }
        loader.instantiate(mod, "", variables, (directory,), label)
        own = _provider_settings(mod, loader)
        out.roots.append(RootModule(label, directory, ProviderConfig(own)))
        for provider, values in own.items():
            settings.setdefault(provider, {}).update(values)
    out.providers = ProviderConfig(settings)
    return out


class _Loader:
    """Instantiates modules and expands resources within the limits (``limits``), reporting what is cut.

    One per scanned path: it owns the evaluation :class:`Budget`, the count of
    module instances and of expanded resource instances.
    """

    def __init__(self, modules: dict[Path, Module], out: LoadedHcl, base: Path) -> None:
        self.modules = modules
        self.out = out
        self.base = base
        self.budget = Budget(self.problem)
        self.module_instances = 0
        self.resource_instances = 0
        self._reported_calls: set[tuple[str, int]] = set()

    def problem(self, file: str, line: int, message: str, code: str = "limit") -> None:
        self.out.problems.append(SyntaxProblem(file, line, message, code))

    def scope(self, prefix: str) -> Scope:
        return Scope(prefix, {}, self.budget)

    def evaluate(self, expr: Any, scope: Scope, place: tuple[str, int], what: str) -> Any:
        """``expr``'s value, or unknown (reported at ``place``) when it goes over a limit."""
        return self.budget.check(evaluate(expr, scope), place, what)

    def instantiate(
        self, mod: Module, prefix: str, given: dict[str, Any], chain: tuple[Path, ...], root: str
    ) -> Scope:
        """Build the module's scope (variables, locals, outputs, children) and emit its resources.

        ``chain`` is the directories instantiated from the root down to this one
        (a call back into one of them is a cycle); ``root`` is the label of the
        root module this instance belongs to.
        """
        scope = self.scope(prefix)
        for block, shown in mod.of("variable"):
            name = block.labels[0] if block.labels else ""
            place = (shown, block.line)
            if name in given:
                value = given[name]
            else:
                default = block.attrs.get("default", UNKNOWN)
                value = (
                    self.evaluate(default, self.scope(prefix), place, f"var.{name}")
                    if default is not UNKNOWN
                    else UNKNOWN
                )
            if "type" in block.attrs:  # optional(type, default) attributes filled in, as Terraform does

                def fill(expr: Any, where: tuple[str, int] = place, var: str = name) -> Any:
                    return self.evaluate(expr, self.scope(prefix), where, f"var.{var}")

                value = self.budget.check(
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
            instances = self._instances(block, shown, scope)
            if instances is None:
                self.resource_instances += 1
                self.out.resources.append(self._resource(block, shown, scope, UNKNOWN, root))
                continue
            for key, iteration in instances:
                instance = scope.repeat(iteration) if iteration else scope
                self.out.resources.append(self._resource(block, shown, instance, key, root))
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
        instances = self._instances(block, shown, scope)
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
            if self.module_instances >= MAX_MODULE_INSTANCES:
                reason = f"{_TOO_MANY} (more than {MAX_MODULE_INSTANCES:,} in this scan): not followed"
                if (shown, block.line) not in self._reported_calls:
                    self._reported_calls.add((shown, block.line))
                    self.out.skipped_modules.append(SkippedModule(shown, block.line, address, "", reason))
                break
            self.module_instances += 1
            here = scope.repeat(iteration) if iteration else scope
            instance = address if key is None else instance_address(address, key)
            args = {
                k: self.evaluate(v, here, (shown, block.line), f"{instance} argument {k}")
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
        if self.module_instances >= MAX_MODULE_INSTANCES:
            return f"{_TOO_MANY} (more than {MAX_MODULE_INSTANCES:,} in this scan): not followed"
        return target

    def _count(self, block: Block, shown: str, scope: Scope) -> int | None:
        """The known ``count``, or ``None``; a negative one is reported (Terraform rejects it) as 0."""
        count = self.evaluate(block.attrs["count"], scope, (shown, block.line), "count")
        if isinstance(count, float) and count.is_integer():
            count = int(count)
        if has_unknown(count) or isinstance(count, bool) or not isinstance(count, int):
            return None
        if count < 0:
            what = f"module.{block.labels[0]}" if block.type == "module" else ".".join(block.labels)
            message = f"{what}: count must not be negative: nothing created"
            self.problem(shown, block.line, message, "invalid-value")
            return 0
        return count

    def _instances(self, block: Block, shown: str, scope: Scope) -> list[Instance] | None:
        """The instances a ``resource`` block creates; ``None`` when their number is not known before apply.

        ``count = N`` gives keys ``0 .. N-1``; ``for_each`` over a map gives its keys
        (sorted, as Terraform orders them) and over a set or list of strings its
        elements, with ``each.value`` the map value or the element itself. More
        instances than one resource or the scan may expand (``limits``) are
        reported, and the block then gives one record, as for an unknown count.
        """
        if "count" in block.attrs:
            count = self._count(block, shown, scope)
            if count is None or not self._expandable(count, block, shown):
                return None
            return [(i, {"count": {"index": i}}) for i in range(count)]
        if "for_each" in block.attrs:
            each = self.evaluate(block.attrs["for_each"], scope, (shown, block.line), "for_each")
            if isinstance(each, dict):
                pairs = sorted(each.items())  # keys are known; a value may be unknown
            elif isinstance(each, list) and all(isinstance(e, str) for e in each):
                pairs = [(e, e) for e in sorted(dict.fromkeys(each))]
            else:
                return None  # unknown, or a value Terraform would reject
            if not self._expandable(len(pairs), block, shown):
                return None
            return [(k, {"each": {"key": k, "value": v}}) for k, v in pairs]
        return [(None, {})]

    def _expandable(self, count: int, block: Block, shown: str) -> bool:
        """Whether ``count`` more instances fit the per-resource and per-scan limits (else reported)."""
        address = ".".join(block.labels)
        if count > MAX_INSTANCES_PER_RESOURCE:
            limit = f"more than {MAX_INSTANCES_PER_RESOURCE:,} instances"
        elif self.resource_instances + count > MAX_INSTANCES_PER_SCAN:
            limit = f"over {MAX_INSTANCES_PER_SCAN:,} resource instances in this scan"
        else:
            self.resource_instances += count
            return True
        self.problem(shown, block.line, f"{address}: {limit}: scanned as one resource with unknown instances")
        return False

    def _resource(self, block: Block, shown: str, scope: Scope, key: Any, root: str) -> TfResource:
        kind, name = block.labels
        address = f"{scope.prefix}{kind}.{name}"
        if key is not None and key is not UNKNOWN:
            address = instance_address(address, key)
        values = self._values(block, shown, scope, top=address)
        return TfResource(
            address=address,
            type=kind,
            name=name,
            values=values,
            file=shown,
            line=block.line,
            module=scope.prefix.rstrip("."),
            index=key,
            root=root,
        )

    def _values(self, block: Block, shown: str, scope: Scope, top: str = "") -> dict[str, Any]:
        """A block's attributes and nested blocks; ``top`` is the resource address at the top level.

        At the top level each attribute (and each nested block type, once all its
        blocks are built) is checked against the value limits, so an over-limit
        value is reported under its own name.
        """
        skip = META_ARGUMENTS if top else frozenset()
        values: dict[str, Any] = {}
        for key, expr in block.attrs.items():
            if key not in skip:
                values[key] = self._checked(evaluate(expr, scope), shown, block, top, key)
        nested: dict[str, None] = {}
        for child in block.blocks:
            if child.type in SKIPPED_BLOCKS:
                continue
            if child.type == "dynamic" and child.labels:
                self._add_dynamic(values, child, shown, scope)
                nested[child.labels[0]] = None
            else:
                _append(values, child.type, self._values(child, shown, scope))
                nested[child.type] = None
        for key in nested:
            if key in values:
                values[key] = self._checked(values[key], shown, block, top, key)
        return values

    def _checked(self, value: Any, shown: str, block: Block, top: str, key: str) -> Any:
        if not top:
            return value
        return self.budget.check(value, (shown, block.line), f"{top}.{key}")

    def _add_dynamic(self, values: dict[str, Any], block: Block, shown: str, scope: Scope) -> None:
        """Expand ``dynamic "LABEL"``: one ``LABEL`` block per ``for_each`` element, none for an empty one.

        Inside ``content``, ``LABEL.key``/``LABEL.value`` (or the ``iterator`` name's)
        are the element's key and value. When the collection is not known before
        apply, how many blocks there will be is not known either: the whole
        ``LABEL`` attribute becomes unknown, so no policy judges a guessed count.
        So does a collection larger than ``MAX_INSTANCES_PER_RESOURCE`` (reported).
        """
        label = block.labels[0]
        iterations = _dynamic_iterations(block, scope)
        if iterations is not None and len(iterations) > MAX_INSTANCES_PER_RESOURCE:
            limit = f"more than {MAX_INSTANCES_PER_RESOURCE:,} blocks: treated as unknown"
            self.problem(shown, block.line, f'dynamic "{label}": {limit}')
            iterations = None
        if iterations is None:
            values[label] = UNKNOWN
            return
        iterator = block.attrs.get("iterator")
        name = iterator.root if isinstance(iterator, Trav) and not iterator.parts else label
        for content in (c for c in block.blocks if c.type == "content"):
            for key, item in iterations:
                inner = scope.bind(name, {"key": key, "value": item})
                _append(values, label, self._values(content, shown, inner))


_CYCLE = "module cycle"
_TOO_MANY = "too many module instances"
_ONCE_PER_CALL = (_CYCLE, _TOO_MANY)
"""Reasons reported once per call site: the call is cut the same way in every instance."""


Instance = tuple[Any, dict[str, dict[str, Any]]]
"""An instance key (``None`` without count/for_each, an int, a string) and its ``count``/``each`` values."""


def _append(values: dict[str, Any], key: str, item: dict[str, Any]) -> None:
    existing = values.setdefault(key, [])
    if isinstance(existing, list):
        existing.append(item)  # an UNKNOWN set of blocks stays unknown


def _dynamic_iterations(block: Block, scope: Scope) -> list[tuple[Any, Any]] | None:
    """(key, value) per element of a ``dynamic`` block's ``for_each``; ``None`` when not known.

    As in Terraform: a map gives its keys (in lexical order) and values, a list
    its indexes and elements, a set (``toset(...)``) its elements as both key
    and value.
    """
    expr = block.attrs.get("for_each")
    each = evaluate(expr, scope) if expr is not None else UNKNOWN
    if isinstance(each, dict):
        return sorted(each.items())
    if not isinstance(each, list):
        return None  # unknown, or a value Terraform would reject
    if isinstance(expr, Call) and expr.name == "toset":
        return [(e, e) for e in each]
    return list(enumerate(each))


def _provider_settings(mod: Module, loader: _Loader) -> dict[str, dict[str, Any]]:
    """Literal settings of un-aliased ``provider`` blocks: the default project/region/account."""
    settings: dict[str, dict[str, Any]] = {}
    for block, shown in mod.of("provider"):
        if not block.labels or "alias" in block.attrs:
            continue
        place = (shown, block.line)
        values = {k: loader.evaluate(v, loader.scope(""), place, k) for k, v in block.attrs.items()}
        known = {k: v for k, v in values.items() if not has_unknown(v)}
        settings.setdefault(block.labels[0], {}).update(known)
    return settings
