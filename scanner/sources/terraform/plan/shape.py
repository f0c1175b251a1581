"""What each part of a plan or state must be, and the one input error when it is not.

Why checked part by part as it is read: a plan comes from a pull request, and
a value of the wrong type anywhere (``"resources": {}``) must be one line
naming the file and the JSON path (exit 2), never a traceback. The message
says the type found, never the value: a plan holds secrets.
"""

from __future__ import annotations

from typing import Any


class NotTerraformJson(ValueError):
    """The JSON file is neither a Terraform plan nor a state."""


_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), "a number")


class Shape:
    """Checks each part of the document as it is read; a part of the wrong type is one input error.

    The message names the file and the JSON path and the type found, never the
    value (a plan holds secrets).
    """

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def error(self, path: str, expected: str, value: Any) -> NotTerraformJson:
        found = "missing" if value is MISSING else f"found {_type_name(value)}"
        return NotTerraformJson(f"{self.shown}: {path}: expected {expected}, {found}")

    def obj(self, value: Any, path: str, optional: bool = True) -> dict[str, Any]:
        """An object; ``null`` or absent is an empty one when ``optional``."""
        if isinstance(value, dict):
            return value
        if optional and (value is None or value is MISSING):
            return {}
        raise self.error(path, "an object", value)

    def arr(self, value: Any, path: str) -> list[Any]:
        """An array; ``null`` or absent is an empty one."""
        if isinstance(value, list):
            return value
        if value is None or value is MISSING:
            return []
        raise self.error(path, "an array", value)

    def text(self, value: Any, path: str) -> str:
        if isinstance(value, str) and value:
            return value
        raise self.error(path, "a non-empty string", value)

    def key(self, value: Any, path: str) -> Any:
        """An instance key: absent, ``null``, an integer or a string."""
        if value is MISSING or value is None:
            return None
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise self.error(path, "an integer or a string", value)


MISSING: Any = object()
"""A key that is absent (``doc.get(key, MISSING)``), told apart from an explicit ``null``."""
