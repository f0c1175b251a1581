"""The CSV report: one row per finding, for spreadsheets and ticket imports.

Columns (stable; new ones are only ever appended): ``COLUMNS`` below.
``status`` is ``active``, ``waived`` or, with ``--baseline``, ``absent`` for a
baseline finding this scan no longer raises; ``baseline`` is ``new``,
``unchanged``, ``absent`` or empty; ``location`` and ``line`` are where SARIF
points (the ``.tf`` file and line, or the synthetic cloud path);
``fingerprint`` is SARIF's ``cloudscanResourceFingerprint/v1``.

RFC 4180 (comma, double quotes, CRLF), UTF-8 without a byte-order mark. A cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so that no spreadsheet runs it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io

from scanner.findings import Finding, ScanResult
from scanner.reporters.base import ReportOptions
from scanner.reporters.sarif import fingerprint, location_of
from scanner.reporters.text import csv_cell

COLUMNS = (
    "severity",
    "policy",
    "title",
    "status",
    "provider",
    "account",
    "region",
    "kind",
    "resource_id",
    "resource_name",
    "address",
    "location",
    "line",
    "message",
    "justification",
    "baseline",
    "fingerprint",
)


def _row(finding: Finding, title: str, status: str, digest: str) -> list[str]:
    ref = finding.resource
    location, line = location_of(ref)
    values = [
        finding.severity.value,
        finding.rule_id,
        title,
        status,
        ref.provider,
        ref.account,
        ref.region,
        ref.kind,
        ref.id,
        ref.name,
        ref.address or "",
        location,
        str(line),
        finding.message,
        finding.suppressed or "",
        "absent" if status == "absent" else finding.baseline or "",
        digest,
    ]
    return [csv_cell(v) for v in values]


class CsvReporter:
    name = "csv"
    extensions = (".csv",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)

        def title(rule_id: str) -> str:
            rule = result.rules.get(rule_id)
            return rule.title if rule else ""

        for f in result.findings:
            status = "active" if f.suppressed is None else "waived"
            writer.writerow(_row(f, title(f.rule_id), status, fingerprint(f)))
        for a in result.absent:
            writer.writerow(_row(a.finding, title(a.finding.rule_id), "absent", a.fingerprint))
        return out.getvalue().encode()
