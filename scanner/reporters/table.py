"""The terminal report: findings grouped by severity, then a one-line summary.

Every string that reaches it from a scanned account or repository goes through
:func:`scanner.textsafe.safe_text` first, so the table (on a terminal or in a
``.txt`` report) never carries a control sequence or a bidi override.
"""

from __future__ import annotations

import io

from scanner.findings import ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.textsafe import safe_text

STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def summary_line(result: ScanResult) -> str:
    """The one-line summary; unsupported Terraform types come from scanned files, hence :func:`safe_text`."""
    counts = result.counts()
    total = sum(counts.values())
    parts = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
    line = f"{total} finding{'s' if total != 1 else ''}"
    if parts:
        line += f" ({parts})"
    line += f" in {result.resources_scanned} resources across {len(result.accounts)} account(s)"
    suppressed = sum(1 for f in result.findings if f.suppressed is not None)
    if suppressed:
        line += f"; {suppressed} suppressed"
    if result.unknown:
        line += f"; {result.unknown} verdict(s) unknown"
    if result.errors:
        line += f"; {len(result.errors)} source error(s): results are partial"
    if result.unsupported:
        listed = ", ".join(f"{kind} ({n})" for kind, n in result.unsupported.items())
        line += f"; {sum(result.unsupported.values())} resource(s) of unsupported types not checked: {listed}"
    return safe_text(line)


def _more_caption(hidden: int, severity: Severity, options: ReportOptions) -> str:
    """The footer of a cut table: where the hidden rows are, and what no report file holds."""
    left = (options.left_out or {}).get(severity.value, 0)
    if not left:
        return f"... and {hidden} more {severity.value} finding(s) in the report file"
    return (
        f"... and {hidden} more {severity.value} finding(s); {left} {severity.value} finding(s) "
        "are in no report file (SARIF keeps GitHub's size limits; Markdown the most severe)"
    )


class TableReporter:
    name = "table"
    extensions = (".txt",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        # rich is imported only when a table is drawn: a JSON- or SARIF-only run never loads it.
        from rich.console import Console  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=options.color,
            no_color=not options.color,
            width=options.width or 160,
            highlight=False,
            soft_wrap=False,
            markup=False,  # resource names and cloud error messages are data: "[/]" must print as is
            emoji=False,  # and a bucket named ":fire:" is not an emoji
        )
        for severity in Severity:
            rows = [f for f in result.findings if f.severity is severity and f.suppressed is None]
            if not rows:
                continue
            table = Table(
                title=Text(f"{severity.value.upper()} ({len(rows)})", style=STYLES[severity]),
                title_justify="left",
                show_lines=False,
                expand=False,
            )
            table.add_column("Policy", no_wrap=True)
            table.add_column("Provider / account", no_wrap=True)
            table.add_column("Resource", overflow="fold")
            table.add_column("Finding", overflow="fold")
            hidden = len(rows) - options.max_rows if options.max_rows is not None else 0
            if hidden > 0:
                rows = rows[: options.max_rows]
                table.caption = _more_caption(hidden, severity, options)
            for finding in rows:
                ref = finding.resource
                table.add_row(
                    safe_text(finding.rule_id),
                    safe_text(f"{ref.provider} / {ref.account}"),
                    safe_text(f"{ref.kind} {ref.name}"),
                    safe_text(finding.message),
                )
            console.print(table)
        if result.errors:
            errors = Table(title="Source errors (the scan is partial)", title_justify="left")
            for column in ("Source", "Where", "Error"):
                errors.add_column(column, overflow="fold")
            for error in result.errors:
                code = f"{error.code}: " if error.code else ""
                errors.add_row(
                    safe_text(error.source), safe_text(error.where()), safe_text(f"{code}{error.message}")
                )
            console.print(errors)
        console.print(summary_line(result))
        return buffer.getvalue().encode()
