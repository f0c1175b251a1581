"""Reporters read a :class:`~scanner.findings.ScanResult` and produce one output format each."""

from scanner.reporters.base import Reporter, ReportOptions
from scanner.reporters.csv_report import CsvReporter
from scanner.reporters.gitlab import GitlabReporter
from scanner.reporters.json_report import JsonReporter
from scanner.reporters.junit import JunitReporter
from scanner.reporters.markdown import MarkdownReporter
from scanner.reporters.sarif import SarifReporter
from scanner.reporters.table import TableReporter

REPORTERS: dict[str, Reporter] = {
    "table": TableReporter(),
    "json": JsonReporter(),
    "sarif": SarifReporter(),
    "junit": JunitReporter(),
    "gitlab": GitlabReporter(),
    "markdown": MarkdownReporter(),
    "csv": CsvReporter(),
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]
