"""Reporters read a :class:`~scanner.findings.ScanResult` and produce one output format each."""

from scanner.reporters.base import Reporter, ReportOptions
from scanner.reporters.json_report import JsonReporter
from scanner.reporters.sarif import SarifReporter
from scanner.reporters.table import TableReporter

REPORTERS: dict[str, Reporter] = {
    "table": TableReporter(),
    "json": JsonReporter(),
    "sarif": SarifReporter(),
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]
