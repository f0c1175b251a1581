"""JSON policy documents (RAM, IAM, bucket policies): the statement shapes AWS and Alibaba Cloud share.

Both clouds write ``{"Statement": [{"Effect", "Action", "Resource", "Principal",
"Condition"}]}`` where a field is one value or a list, and action patterns use
``*`` and ``?`` wildcards matched without regard to case.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from typing import Any, Literal


def as_list(value: Any) -> list[Any]:
    """A statement field as a list: absent -> ``[]``, one value -> ``[value]``."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def grants_everything(document: Any) -> bool:
    """An ``Allow`` statement with action ``*`` and resource ``*`` and no condition."""
    document = parse(document)
    if document is None:
        return False
    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and "*" in as_list(s.get("Action"))
        and "*" in as_list(s.get("Resource"))
        and not s.get("Condition")
        for s in as_list(document.get("Statement"))
    )


def action_matches(pattern: str, actions: tuple[str, ...]) -> bool:
    """Whether a policy's action ``pattern`` covers one of ``actions``: ``*`` and ``?`` are
    wildcards and case does not matter (``oss:Get*`` covers ``oss:GetObject``)."""
    wanted = str(pattern).lower()
    return any(fnmatch.fnmatchcase(action.lower(), wanted) for action in actions)


def parse(document: Any) -> dict[str, Any] | None:
    """A policy document as a dict: JSON text is parsed; anything that is not a mapping is ``None``."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return None
    return document if isinstance(document, dict) else None


def resource_matches(pattern: str, resource: str) -> bool:
    """Whether a policy's resource ``pattern`` covers ``resource``: ``*`` and ``?`` are wildcards,
    case does not matter. A ``*`` *inside* ``resource`` is a plain character, so asking about
    ``acs:cr:r:a:repository/cri-1/*`` means "does one pattern cover every repository of cri-1"."""
    return fnmatch.fnmatchcase(resource.lower(), str(pattern).lower())


def _covers(statement: dict[str, Any], action: str, resource: str) -> bool:
    if "Action" in statement:
        acts = any(action_matches(str(p), (action,)) for p in as_list(statement.get("Action")))
    else:  # NotAction: every action but those listed
        acts = not any(action_matches(str(p), (action,)) for p in as_list(statement.get("NotAction")))
    if "Resource" in statement:
        on = any(resource_matches(str(p), resource) for p in as_list(statement.get("Resource")))
    else:  # NotResource: every resource but those listed
        on = not any(resource_matches(str(p), resource) for p in as_list(statement.get("NotResource")))
    return acts and on


Verdict = Literal["allow", "conditional", "deny", "none"]


def verdict(documents: Iterable[Any], action: str, resource: str) -> Verdict:
    """What a principal's policy documents say about ``action`` on ``resource``, read for an audit.

    An explicit ``Deny`` without a condition wins (``deny``); otherwise an ``Allow`` without a
    condition grants (``allow``); an ``Allow`` that holds only under a condition is ``conditional``
    (it may grant: the request context is not known at scan time, so an audit counts it); a
    conditional ``Deny`` may not apply, so it removes nothing. ``none``: nothing allows it.
    Statements name actions with ``Action`` or ``NotAction`` and resources with ``Resource`` or
    ``NotResource``; patterns use ``*`` and ``?`` (see :func:`action_matches`, :func:`resource_matches`).
    """
    allowed = conditional = False
    for document in documents:
        parsed = parse(document)
        for statement in as_list(parsed.get("Statement")) if parsed else []:
            if not isinstance(statement, dict) or not _covers(statement, action, resource):
                continue
            effect = str(statement.get("Effect", "")).lower()
            if effect == "deny" and not statement.get("Condition"):
                return "deny"
            if effect == "allow":
                if statement.get("Condition"):
                    conditional = True
                else:
                    allowed = True
    return "allow" if allowed else "conditional" if conditional else "none"
