"""What every reporter shares: the options it is given and the interface it offers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from scanner.findings import ScanResult


@dataclass(frozen=True)
class ReportOptions:
    """Facts about the run that are not findings.

    ``color`` and ``width`` matter only for terminal output. ``tool_version`` is
    the cloudscan version written into machine-readable reports.
    """

    tool_version: str
    color: bool = False
    width: int | None = None


class Reporter(Protocol):
    """Turns a scan result into the bytes of one output format."""

    name: str
    extensions: tuple[str, ...]

    def render(self, result: ScanResult, options: ReportOptions) -> bytes: ...
