"""String templates (``"${var.env}-logs"``) and how a value reads inside one.

Why apart: a template is where values become text, so it is the one place
that decides how ``true``, ``null`` and numbers are written (also the key of
an object ``for`` expression), and where a doubling template is stopped
before it is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scanner.sources.terraform.hcl import Tmpl
from scanner.sources.terraform.model import UNKNOWN, has_unknown

if TYPE_CHECKING:
    from scanner.sources.terraform.evaluate.scope import Scope


def template(expr: Tmpl, scope: Scope) -> Any:
    """The template's text; ``"${x}"`` alone is ``x`` itself, whatever its type.

    Unknown when a part is unknown or a list or map (Terraform rejects those in
    a string), or when the text would go over the value size limit.
    """
    values = [scope.evaluate(p) if not isinstance(p, str) else p for p in expr.parts]
    if len(values) == 1:
        return values[0]
    if not scope.budget.affordable(values) or any(
        has_unknown(v) or isinstance(v, list | dict) for v in values
    ):
        return UNKNOWN
    return "".join(to_str(v) for v in values)


def to_str(value: Any) -> str:
    """A primitive value as Terraform writes it in a string: ``true``/``false``, ``""`` for null."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
