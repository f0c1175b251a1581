"""Names: what ``var.``, ``local.``, ``module.``, iteration variables and resource references evaluate to.

Why this is where a value stops being known: only variables, locals, module
outputs and the iteration variables of a known repetition have values before
apply. A reference to another managed resource becomes a
:class:`~scanner.sources.terraform.model.Ref` (so a firewall still relates to
its network), and every other root (``data``, ``self``, ``path``, the
``count``/``each`` of an unknown repetition) is unknown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.evaluate.steps import follow
from scanner.sources.terraform.hcl import Get, Trav
from scanner.sources.terraform.model import UNKNOWN, Ref, instance_address

if TYPE_CHECKING:
    from scanner.sources.terraform.evaluate.scope import Scope

# Roots that never name a managed resource and are not known before apply.
_OPAQUE_ROOTS = frozenset({"data", "each", "count", "self", "path", "terraform"})


def traverse(expr: Trav, scope: Scope) -> Any:
    """``root.part[...]``: a variable, local, module output or iteration value, or a :class:`Ref`."""
    parts = tuple(index(p, scope) for p in expr.parts)
    if expr.root == "var" and parts and isinstance(parts[0], str):
        return follow(scope.variables.get(parts[0], UNKNOWN), parts[1:])
    if expr.root == "local" and parts and isinstance(parts[0], str):
        return follow(scope.local(parts[0]), parts[1:])
    if expr.root == "module" and len(parts) >= 2 and isinstance(parts[0], str):
        return scope.module_output(parts)
    if expr.root in scope.iteration:
        return follow(scope.iteration[expr.root], parts)
    if expr.root in _OPAQUE_ROOTS or not parts or not isinstance(parts[0], str):
        return UNKNOWN
    attribute = next((p for p in parts[1:] if isinstance(p, str)), None)
    address = f"{scope.prefix}{expr.root}.{parts[0]}"
    key = parts[1][1] if len(parts) > 1 and isinstance(parts[1], tuple) and parts[1][0] == "index" else None
    if isinstance(key, int | str) and not isinstance(key, bool):
        address = instance_address(address, key)  # aws_vpc.main[0], google_storage_bucket.b["logs"]
    return Ref(address, attribute)


def index(part: Any, scope: Scope) -> Any:
    """An ``[expr]`` step with its key evaluated (``var.ranges[count.index]``)."""
    if isinstance(part, tuple) and part[0] == "index":
        return ("index", scope.evaluate(part[1]))
    return part


def get(expr: Get, scope: Scope) -> Any:
    """Steps after something that is not a name: ``split(",", s)[0]``, ``(local.m).k``."""
    base = scope.evaluate(expr.base)
    return follow(base, tuple(index(p, scope) for p in expr.parts))
