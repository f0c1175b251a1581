"""The terminal report: findings grouped by severity, then waivers, errors and a one-line summary.

Each row says where to act: ``file:line`` for Terraform, and for a live resource
its provider/account, region and the shortest tail of its id that no other
finding's resource shares (three subnets named ``my-vpc`` in three regions read
``us-central1/subnetworks/my-vpc`` and so on, not three times ``my-vpc``).
Waived findings are shown dimmed with their justification unless hidden.
Columns fold, so one finding stays readable on an 80-column terminal.

Every string that reaches it from a scanned account or repository goes through
:func:`scanner.textsafe.safe_text` first, so the table (on a terminal or in a
``.txt`` report) never carries a control sequence or a bidi override.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

from scanner.findings import ComplianceReport, Finding, ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.textsafe import safe_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

NARROW = 120  # below this many columns each finding is a short block instead of a table row
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
    partial = sum(1 for e in result.errors if e.partial)
    if partial:
        line += f"; {partial} source error(s): results are partial"
    unused = {(e.provider, e.account, e.service) for e in result.errors if not e.partial}
    if unused:
        line += f"; {len(unused)} service(s) not in use"
    if result.unsupported:
        listed = ", ".join(f"{kind} ({n})" for kind, n in result.unsupported.items())
        line += f"; {sum(result.unsupported.values())} resource(s) of unsupported types not checked: {listed}"
    return safe_text(line)


_SEGMENT = re.compile(r"(?<=[/:])")


def _tails(rid: str) -> list[str]:
    """The tails of ``rid``, shortest first: each starts after a ``/`` or ``:`` (or at its start)."""
    parts = [p for p in _SEGMENT.split(rid) if p]
    return ["".join(parts[-size:]) for size in range(1, len(parts) + 1)]


def _last_tail(rid: str) -> str:
    """``_tails(rid)[0]`` without splitting: after the last ``/`` or ``:`` that is not the last character."""
    end = len(rid) - 1
    return rid[max(rid.rfind("/", 0, end), rid.rfind(":", 0, end)) + 1 :]


def short_ids(ids: list[str], wanted: Iterable[str] | None = None) -> dict[str, str]:
    """Each id of ``wanted`` (default: every id) -> its shortest tail (cut after a ``/`` or ``:``)
    that no other id in ``ids`` ends with.

    Only the tails of the wanted ids are counted, and another id is split only when its
    last segment is one of theirs, and counted only while its tails are among them (a
    longer tail ends with the shorter ones): a table that shows 50 rows a severity
    reads each of 400,000 ids once.
    """
    chosen = {rid: _tails(rid) for rid in dict.fromkeys(ids if wanted is None else wanted)}
    counts = {tail: 0 for tails in chosen.values() for tail in tails}
    # Only an id whose last segment is a wanted id's can share a longer tail with one.
    lasts = {tails[0] for tails in chosen.values() if tails}
    for rid in {rid for rid in ids if _last_tail(rid) in lasts}:
        for tail in _tails(rid):
            if tail not in counts:
                break
            counts[tail] += 1
    out: dict[str, str] = {}
    for rid, tails in chosen.items():
        unique = next((tail for tail in tails if counts[tail] == 1), None)
        out[rid] = unique.rstrip("/:") if unique is not None else rid
    return out


def where(finding: Finding, short: dict[str, str]) -> tuple[str, str]:
    """(location, resource) cells: ``file:line`` and the address for Terraform; for live resources
    ``provider/account region`` and ``kind short-id``."""
    ref = finding.resource
    if ref.file:
        location = f"{ref.file}:{ref.line}" if ref.line else ref.file
        return location, ref.address or f"{ref.kind} {ref.name}"
    region = f" {ref.region}" if ref.region else ""
    return f"{ref.provider}/{ref.account}{region}", f"{ref.kind} {short.get(ref.id, ref.id)}"


def _card(finding: Finding, short: dict[str, str], width: int) -> Text:
    """One finding as a few lines wrapped to ``width`` (continuations indented), for narrow terminals."""
    from rich.text import Text  # noqa: PLC0415

    location, resource = where(finding, short)
    parts = [
        ("- ", f"{finding.rule_id}  {location}"),
        ("  ", resource),
        ("  ", finding.message),
    ]
    if finding.suppressed is not None:
        parts.append(("  ", f"waived: {finding.suppressed}"))
    lines = []
    for first, text in parts:
        lines += textwrap.wrap(
            safe_text(text),
            width=max(width, 20),
            initial_indent=first,
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
    return Text("\n".join(lines), style="dim" if finding.suppressed is not None else "")


def _more_caption(hidden: int, severity: Severity, options: ReportOptions) -> str:
    """The footer of a cut table: where the hidden rows are, and what no report file holds."""
    left = (options.left_out or {}).get(severity.value, 0)
    if not left:
        return f"... and {hidden} more {severity.value} finding(s) in the report file"
    return (
        f"... and {hidden} more {severity.value} finding(s); {left} {severity.value} finding(s) "
        "are in no report file (SARIF keeps GitHub's size limits; Markdown the most severe)"
    )


COMPLIANCE_STYLES = {"pass": "green", "fail": "bold red", "not_evaluated": "yellow", "manual": "dim"}


def compliance_summary(report: ComplianceReport) -> str:
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in report.counts.items() if n)
    return f"{report.title} {report.version} ({report.framework}): {len(report.sections)} sections: {counts}"


def _print_compliance(console: Console, report: ComplianceReport, narrow: bool) -> None:
    """One row per section; a failing section lists its failing resources (policy: resource id)."""
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    table = Table(
        title=f"Compliance: {report.title} {report.version}",
        title_justify="left",
        caption=compliance_summary(report),
        caption_justify="left",
        expand=narrow,
    )
    table.add_column("Section", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=2 if narrow else None)
    table.add_column("Policies / failing resources", overflow="fold", ratio=3 if narrow else None)
    for section in report.sections:
        detail = [*section.policies]
        detail += [f"FAIL {policy}: {resource}" for policy, resource in section.failing]
        if section.reason:
            detail.append(section.reason)
        table.add_row(
            section.id,
            Text(section.status.replace("_", " "), style=COMPLIANCE_STYLES.get(section.status, "")),
            safe_text(section.title),
            "\n".join(safe_text(line) for line in detail),  # each line made safe: the breaks are ours
        )
    console.print(table)


class TableReporter:
    name = "table"
    extensions = (".txt",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        # rich is imported only when a table is drawn: a JSON- or SARIF-only run never loads it.
        from rich.console import Console  # noqa: PLC0415
        from rich.table import Table  # noqa: PLC0415
        from rich.text import Text  # noqa: PLC0415

        buffer = io.StringIO()
        width = options.width or 160
        console = Console(
            file=buffer,
            force_terminal=options.color,
            no_color=not options.color,
            color_system="standard" if options.color else None,
            width=width,
            highlight=False,
            soft_wrap=False,
            markup=False,  # resource names and cloud error messages are data: "[/]" must print as is
            emoji=False,  # and a bucket named ":fire:" is not an emoji
        )
        shown = [f for f in result.findings if f.suppressed is None or not options.hide_waived]
        by_severity: dict[Severity, list[Finding]] = {severity: [] for severity in Severity}
        for finding in shown:
            by_severity[finding.severity].append(finding)
        limit = options.max_rows
        listed = [f for rows in by_severity.values() for f in (rows if limit is None else rows[:limit])]
        short = short_ids([f.resource.id for f in shown], [f.resource.id for f in listed])
        narrow = width < NARROW
        for severity, rows in by_severity.items():
            if not rows:
                continue
            active = sum(1 for f in rows if f.suppressed is None)
            waived = len(rows) - active
            title = f"{severity.value.upper()} ({active}{f' + {waived} waived' if waived else ''})"
            hidden = len(rows) - limit if limit is not None else 0
            if hidden > 0:
                rows = rows[:limit]
            caption = _more_caption(hidden, severity, options) if hidden > 0 else None
            if narrow:
                console.print(Text(title, style=STYLES[severity]))
                for finding in rows:
                    console.print(_card(finding, short, width), no_wrap=True, overflow="ignore")
                if caption:
                    console.print(caption)
                continue
            table = Table(title=Text(title, style=STYLES[severity]), title_justify="left", caption=caption)
            cells = [(finding, *where(finding, short)) for finding in rows]
            # policy ids and places are what people copy: keep them whole when the width allows
            longest_id = max(len(f.rule_id) for f, _, _ in cells)
            longest_place = max(len(place) for _, place, _ in cells)
            table.add_column("Policy", overflow="fold", min_width=min(longest_id, width // 4))
            table.add_column("Where", overflow="fold", min_width=min(longest_place, width // 3))
            for column in ("Resource", "Finding"):
                table.add_column(column, overflow="fold")
            for finding, location, resource in cells:
                message = finding.message
                style = None
                if finding.suppressed is not None:
                    message = f"WAIVED: {finding.suppressed} | {message}"
                    style = "dim"
                table.add_row(
                    safe_text(finding.rule_id),
                    safe_text(location),
                    safe_text(resource),
                    safe_text(message),
                    style=style,
                )
            console.print(table)
        if result.waivers:
            waivers = Table(title="Waivers", title_justify="left", expand=narrow)
            for column in ("Waiver", "Outcome", "Justification"):
                waivers.add_column(column, overflow="fold")
            for outcome in result.waivers:
                said = {
                    "applied": f"applied to {outcome.count} finding(s)",
                    "expired": f"EXPIRED {outcome.expires}: {outcome.count} finding(s) active again",
                    "stale": "matched nothing (stale)",
                }.get(outcome.status, outcome.status)
                waivers.add_row(
                    safe_text(outcome.selector),
                    said,
                    safe_text(outcome.justification),
                    style=None if outcome.status == "applied" else "yellow",
                )
            console.print(waivers)
        for report in result.compliance:
            _print_compliance(console, report, narrow)
        for title, chosen in (
            ("Source errors (the scan is partial)", [e for e in result.errors if e.partial]),
            (
                "Services not in use (their API is disabled: nothing to judge)",
                [e for e in result.errors if not e.partial],
            ),
        ):
            if not chosen:
                continue
            errors = Table(title=title, title_justify="left", expand=narrow)
            for column in ("Source", "Where", "Error"):
                errors.add_column(column, overflow="fold")
            for error in chosen:
                code = f"{error.code}: " if error.code else ""
                errors.add_row(
                    safe_text(error.source), safe_text(error.where()), safe_text(f"{code}{error.message}")
                )
            console.print(errors)
        console.print(summary_line(result))
        return buffer.getvalue().encode()
