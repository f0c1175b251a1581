"""How many instances a ``count``/``for_each`` block creates, within the limits of one scanned path.

Why one object per path: the ceilings on module and resource instances
(``limits``) are for the whole scan, not per block, so the counts, the
evaluation :class:`~scanner.sources.terraform.evaluate.Budget` and the list of
problems travel together through every module instance of the path.

The instances follow Terraform: ``count = N`` gives keys ``0 .. N-1``;
``for_each`` over a map gives its keys (sorted, as Terraform orders them) and
over a set or list of strings its elements. A number of instances that is
not known before apply gives ``None``, and the caller makes one record with
unknown instances rather than guess.
"""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.evaluate import Budget, Scope
from scanner.sources.terraform.hcl import Block
from scanner.sources.terraform.limits import MAX_INSTANCES_PER_RESOURCE, MAX_INSTANCES_PER_SCAN
from scanner.sources.terraform.model import has_unknown
from scanner.sources.terraform.modules import LoadedHcl, SyntaxProblem

Instance = tuple[Any, dict[str, dict[str, Any]]]
"""An instance key (``None`` without count/for_each, an int, a string) and its ``count``/``each`` values."""


class Expansion:
    """The evaluation budget, problems and instance counts of one scanned path.

    ``module_instances`` and ``resource_instances`` count what has been
    expanded so far, against ``MAX_MODULE_INSTANCES`` and
    ``MAX_INSTANCES_PER_SCAN``.
    """

    def __init__(self, out: LoadedHcl) -> None:
        self.out = out
        self.budget = Budget(self.problem)
        self.module_instances = 0
        self.resource_instances = 0

    def problem(self, file: str, line: int, message: str, code: str = "limit") -> None:
        self.out.problems.append(SyntaxProblem(file, line, message, code))

    def scope(self, prefix: str) -> Scope:
        """An empty module scope drawing on this path's budget."""
        return Scope(prefix, {}, self.budget)

    def evaluate(self, expr: Any, scope: Scope, place: tuple[str, int], what: str) -> Any:
        """``expr``'s value, or unknown (reported at ``place``) when it goes over a limit."""
        return self.budget.check(scope.evaluate(expr), place, what)

    def instances(self, block: Block, shown: str, scope: Scope) -> list[Instance] | None:
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
