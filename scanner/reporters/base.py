"""What every reporter shares: the options it is given and the interface it offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from scanner.findings import ScanResult


@dataclass(frozen=True)
class ReportOptions:
    """Facts about the run that are not findings.

    ``color``, ``width`` and ``max_rows`` matter only for terminal output;
    ``max_rows`` keeps a terminal readable (and fast) when the full findings
    are in a report file anyway. ``tool_version`` is
    the cloudscan version written into machine-readable reports.
    ``sarif_suppressed`` is ``--sarif-suppressed``: ``include`` keeps waived
    findings in SARIF with ``suppressions``, ``omit`` leaves them out.
    ``started``/``finished`` bound the scan (UTC) for formats that record it.
    ``left_out`` (table only, with ``max_rows``): per severity, how many active
    findings no report file of the run holds (SARIF cut to GitHub's limits, a
    Markdown summary), so the footer never claims the rest is in a file.
    ``hide_waived`` drops waived findings from the table (they stay in every file).
    """

    tool_version: str
    color: bool = False
    width: int | None = None
    max_rows: int | None = None  # table only: rows per severity, the rest counted
    sarif_suppressed: str = "include"
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    left_out: Mapping[str, int] | None = None
    hide_waived: bool = False  # table only: leave waived findings out (--hide-waived)


class Reporter(Protocol):
    """Turns a scan result into the bytes of one output format."""

    name: str
    extensions: tuple[str, ...]

    def render(self, result: ScanResult, options: ReportOptions) -> bytes: ...
