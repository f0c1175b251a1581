"""Where a plan's resource is shown: its ``.tf`` line, or the line of the plan naming it.

Why a fallback at all: ``terraform show -json`` has no source lines. With
``--terraform-source DIR`` each address is looked up in the directory's
blocks; otherwise the finding points at the first line of the JSON where the
address appears, so it still lands on the file that was scanned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping

from scanner.sources.terraform.model import base_address

Locations = Mapping[str, tuple[str, int]]
"""Base address -> (file, line) of the resource block in the source directory."""

Place = Callable[[str], tuple[str, int]]
"""An address -> the (file, line) its findings point at."""


class AddressLines:
    """Line of the first ``"address": "..."`` of each address in the JSON text, found lazily."""

    _PATTERN = re.compile(r'"address"\s*:\s*("(?:[^"\\]|\\.)*")')

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, int] | None = None

    def line(self, address: str) -> int:
        if self._found is None:
            self._found = {}
            line, last = 1, 0
            for match in self._PATTERN.finditer(self._text):
                line += self._text.count("\n", last, match.start())
                last = match.start()
                try:
                    self._found.setdefault(json.loads(match.group(1)), line)
                except ValueError:
                    continue  # a match inside another string: not an address
        return self._found.get(address, 1)


def placer(locations: Locations | None, lines: AddressLines, shown: str) -> Place:
    """The place of each address: from ``locations`` when given, else its first line in the JSON."""

    def place(address: str) -> tuple[str, int]:
        if locations:
            found = locations.get(base_address(address))
            if found is not None:
                return found
        return shown, lines.line(address)

    return place
