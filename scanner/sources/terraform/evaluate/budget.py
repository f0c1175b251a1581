"""The work, nesting and value-size limits of one scanned path, shared by every scope in it.

Why one object per path rather than per expression: a hostile configuration
spreads its cost over many small expressions (a chain of 1,000 locals, a
local that doubles a list 40 times), so only a budget that every scope of the
path draws from can stop it. Going over a limit makes the value unknown; the
caller that knows a file and line (a local, an output, a resource attribute)
reports it there, once per place and message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.sources.terraform.limits import (
    MAX_EVALUATION_DEPTH,
    MAX_EVALUATION_STEPS,
    MAX_VALUE_DEPTH,
    MAX_VALUE_SIZE,
    measure,
)
from scanner.sources.terraform.model import UNKNOWN

Report = Callable[[str, int, str], None]
"""Where over-limit values are reported: ``report(file, line, message)``."""

_LIMIT_MESSAGES = {
    "size": f"value larger than {MAX_VALUE_SIZE:,} characters and elements",
    "depth": f"value nested deeper than {MAX_VALUE_DEPTH} levels",
    "nesting": f"expressions evaluated inside each other deeper than {MAX_EVALUATION_DEPTH} levels",
    "steps": f"evaluation stopped after {MAX_EVALUATION_STEPS:,} steps of work",
}


class Budget:
    """The work, nesting and value-size limits of one scanned path, shared by all its scopes.

    ``tripped`` holds the first limit hit since the last :meth:`check`; the caller
    that knows a file and line (a local, an output, a resource attribute)
    reports it there, once per place and message.
    """

    def __init__(self, report: Report | None = None) -> None:
        self.steps = 0
        self.depth = 0
        self.tripped: str | None = None
        self._report = report
        self._reported: set[tuple[str, int, str]] = set()
        self._steps_reported = False

    def trip(self, reason: str) -> Any:
        if self.tripped is None:
            self.tripped = reason
        return UNKNOWN

    def spend(self, units: int) -> bool:
        """Count ``units`` of work; false (and tripped) once the scan's steps are spent."""
        self.steps += units
        if self.steps > MAX_EVALUATION_STEPS:
            self.trip("steps")
            return False
        return True

    def affordable(self, inputs: list[Any]) -> bool:
        """Whether a result built from ``inputs`` stays within the value size and the work left.

        Checked before a template or function builds it, so no doubling ever
        allocates more than the limit: the result is at most about the size of its
        inputs (``join`` adds its separator per element, counted too).
        """
        over, size = measure(inputs)
        if over is not None:
            self.trip(over)
            return False
        return self.spend(size)

    def check(self, value: Any, place: tuple[str, int] | None, what: str) -> Any:
        """``value``, or UNKNOWN when it (or its evaluation) went over a limit: reported at ``place``."""
        reason, self.tripped = self.tripped, None
        if reason is None and isinstance(value, list | dict | str):
            reason, size = measure(value)
            if not self.spend(size):
                reason = "steps"
        if reason is None:
            return value
        if place is None or self._report is None:
            return UNKNOWN
        if reason == "steps":  # reported once: every value after it is unknown too
            if self._steps_reported:
                return UNKNOWN
            self._steps_reported = True
            message = f"{what}: {_LIMIT_MESSAGES[reason]}: this and every later value treated as unknown"
        else:
            message = f"{what}: {_LIMIT_MESSAGES[reason]}: treated as unknown"
        key = (place[0], place[1], message)
        if key not in self._reported:
            self._reported.add(key)
            self._report(place[0], place[1], message)
        return UNKNOWN
