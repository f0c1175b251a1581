"""JSON policy documents (RAM, IAM, bucket policies): the statement shapes AWS and Alibaba Cloud share.

Both clouds write ``{"Statement": [{"Effect", "Action", "Resource", "Principal",
"Condition"}]}`` where a field is one value or a list, and action patterns use
``*`` and ``?`` wildcards matched without regard to case.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

UNSET = "\x00"
"""Stands in a resource name for a part not known at scan time (in Terraform code, an instance id or
an account before apply). A pattern that covers the name whatever that part is matches; one that
covers it for some values only makes the answer ``unknown`` (see :func:`verdict`)."""

# Two stand-ins of different lengths: a pattern that matches both covers the part through wildcards.
_STAND_INS = ("\x01", "\x01" * 40)


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


def _could_match(pattern: str, resource: str) -> bool:
    """Whether ``pattern`` matches ``resource`` for *some* value of its :data:`UNSET` parts (each
    read as any string): glob against glob, position by position. A ``[...]`` class is not
    modelled, so such a pattern is taken as one that could match."""
    if "[" in pattern:
        return True

    @cache
    def step(i: int, j: int) -> bool:
        p = pattern[i] if i < len(pattern) else None
        r = resource[j] if j < len(resource) else None
        if p is None and r is None:
            return True
        if p == "*" and (step(i + 1, j) or (r is not None and step(i, j + 1))):
            return True  # the pattern's star: empty, or it takes one more character (or unset part)
        if r == UNSET and (step(i, j + 1) or (p is not None and step(i + 1, j))):
            return True  # the unset part: empty, or it stands for what the pattern has here
        if p is not None and r is not None and p != "*" and r != UNSET:
            return p in ("?", r) and step(i + 1, j + 1)
        return False

    return step(0, 0)


def _on(pattern: str, resource: str) -> bool | None:
    """:func:`resource_matches`, or ``None`` when the answer turns on the :data:`UNSET` parts."""
    if UNSET not in resource:
        return resource_matches(pattern, resource)
    if all(resource_matches(pattern, resource.replace(UNSET, s)) for s in _STAND_INS):
        return True
    return None if _could_match(str(pattern).lower(), resource.lower()) else False


def _any(answers: Iterable[bool | None]) -> bool | None:
    found = list(answers)
    return True if True in found else None if None in found else False


def _covers(statement: dict[str, Any], action: str, resource: str) -> bool | None:
    if "Action" in statement:
        acts = any(action_matches(str(p), (action,)) for p in as_list(statement.get("Action")))
    else:  # NotAction: every action but those listed
        acts = not any(action_matches(str(p), (action,)) for p in as_list(statement.get("NotAction")))
    if not acts:
        return False
    if "Resource" in statement:
        return _any(_on(str(p), resource) for p in as_list(statement.get("Resource")))
    # NotResource: every resource but those listed
    listed = _any(_on(str(p), resource) for p in as_list(statement.get("NotResource")))
    return None if listed is None else not listed


Verdict = Literal["allow", "conditional", "deny", "none", "unknown"]


def verdict(documents: Iterable[Any], action: str, resource: str) -> Verdict:
    """What a principal's policy documents say about ``action`` on ``resource``, read for an audit.

    An explicit ``Deny`` without a condition wins (``deny``); otherwise an ``Allow`` without a
    condition grants (``allow``); an ``Allow`` that holds only under a condition is ``conditional``
    (it may grant: the request context is not known at scan time, so an audit counts it); a
    conditional ``Deny`` may not apply, so it removes nothing. ``none``: nothing allows it.
    Statements name actions with ``Action`` or ``NotAction`` and resources with ``Resource`` or
    ``NotResource``; patterns use ``*`` and ``?`` (see :func:`action_matches`, :func:`resource_matches`).

    ``unknown`` only when ``resource`` has :data:`UNSET` parts and a statement that could change the
    answer covers it for some of their values only.
    """
    allowed = conditional = maybe_denied = maybe_allowed = False
    for document in documents:
        parsed = parse(document)
        for statement in as_list(parsed.get("Statement")) if parsed else []:
            covered = _covers(statement, action, resource) if isinstance(statement, dict) else False
            if covered is False:
                continue
            effect = str(statement.get("Effect", "")).lower()
            if effect == "deny" and not statement.get("Condition"):
                if covered:
                    return "deny"
                maybe_denied = True
            if effect == "allow":
                if covered is None:
                    maybe_allowed = True
                elif statement.get("Condition"):
                    conditional = True
                else:
                    allowed = True
    if maybe_denied or (maybe_allowed and not allowed):
        return "unknown"
    return "allow" if allowed else "conditional" if conditional else "none"
