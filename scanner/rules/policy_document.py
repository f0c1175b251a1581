"""JSON policy documents (RAM, IAM, bucket policies): the statement shapes AWS and Alibaba Cloud share.

Both clouds write ``{"Statement": [{"Effect", "Action", "Resource", "Principal",
"Condition"}]}`` where a field is one value or a list, and action patterns use
``*`` and ``?`` wildcards matched without regard to case.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any


def as_list(value: Any) -> list[Any]:
    """A statement field as a list: absent -> ``[]``, one value -> ``[value]``."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def grants_everything(document: Any) -> bool:
    """An ``Allow`` statement with action ``*`` and resource ``*`` and no condition."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:
            return False
    if not isinstance(document, dict):
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
