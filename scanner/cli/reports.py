"""Rendering and writing a scan's reports: files first, atomically, then the terminal."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections import Counter
from collections.abc import Sequence

import click

from scanner import __version__
from scanner.atomic import write_atomic
from scanner.cli.common import InputError
from scanner.findings import ScanResult
from scanner.outputs import Target, plan_outputs
from scanner.reporters import REPORTERS, ReportOptions
from scanner.reporters.markdown import TOP as MARKDOWN_ROWS
from scanner.reporters.sarif import SarifReporter
from scanner.reporters.table import summary_line
from scanner.textsafe import safe_text

TERMINAL_ROWS_WITH_REPORT = 50


def report_targets(formats: Sequence[str], outputs: Sequence[str]) -> list[Target]:
    """Where each chosen format goes (see :mod:`scanner.outputs`); unknown formats are usage errors."""
    chosen = [part.strip() for value in formats for part in value.split(",") if part.strip()]
    unknown = [f for f in chosen if f not in REPORTERS]
    if unknown:
        raise click.UsageError(f"unknown format {unknown[0]!r}; choose from {', '.join(REPORTERS)}")
    by_extension = {ext: name for name, reporter in REPORTERS.items() for ext in reporter.extensions}
    return plan_outputs(chosen, list(outputs), by_extension)


def _quiet_text(result: ScanResult) -> str:
    """``--quiet``: the summary, then one line per source error (a partial scan is never silent).

    Cloud error messages are untrusted text: every line goes through :func:`safe_text`.
    """
    lines = [summary_line(result)]
    for error in result.errors:
        where = f" {error.where()}" if error.where() else ""
        code = f"{error.code}: " if error.code else ""
        lines.append(safe_text(f"error: {error.source}{where}: {code}{error.message}"))
    return "\n".join(lines) + "\n"


def _not_listed(result: ScanResult, fmt: str) -> Counter[str]:
    """Per severity, the active findings a report of ``fmt`` does not list (SARIF counts its own)."""
    if fmt != "markdown":
        return Counter()
    left, shown = Counter(), 0
    for severity, count in result.counts().items():
        listed = min(count, MARKDOWN_ROWS - shown)
        shown += listed
        if count > listed:
            left[severity] = count - listed
    return left


def wants_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with ``--no-color`` or a non-empty ``NO_COLOR`` (no-color.org)."""
    return sys.stdout.isatty() and not no_color and not os.environ.get("NO_COLOR")


def terminal_width() -> int | None:
    """``COLUMNS``, else the terminal's width; ``None`` (the table's default, as in ``.txt``) for a pipe."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size((160, 24)).columns
    return None


def write_reports(
    result: ScanResult,
    targets: list[Target],
    quiet: bool,
    *,
    sarif_suppressed: str = "include",
    started: dt.datetime | None = None,
    hide_waived: bool = False,
    no_color: bool = False,
) -> None:
    """Render every format first, then write files atomically, so a failure loses nothing.

    A path that cannot be written (a directory, a read-only file, a full disk) does
    not stop the others: every output is attempted, then one :class:`InputError`
    names each failed path and the system's reason (see :mod:`scanner.atomic`).

    The terminal table is cut to its first rows per severity when a report file
    holds every finding: rendering tens of thousands of rows takes longer than
    the scan itself and nobody reads them on a terminal.

    ``--quiet`` replaces the terminal table with the summary line (and one line
    per source error) on standard error, whatever else goes to standard output,
    so ``--quiet --format json > out.json`` still tells the person what happened.
    """
    stdout_is_machine = any(t.path is None and t.format != "table" for t in targets)
    has_file = any(t.path is not None for t in targets)
    rendered: list[tuple[Target, bytes]] = []
    left_out: Counter[str] | None = None  # what no file holds, for the terminal table's footer
    # Files first: the terminal table's footer says what they left out.
    for target in sorted(targets, key=lambda t: t.path is None):
        if target.path is None and target.format == "table" and quiet:
            continue  # the summary goes to stderr below
        to_terminal = target.path is None
        options = ReportOptions(
            tool_version=__version__,
            color=to_terminal and wants_color(no_color),
            width=terminal_width() if to_terminal else None,
            max_rows=TERMINAL_ROWS_WITH_REPORT if to_terminal and has_file else None,
            sarif_suppressed=sarif_suppressed,
            started=started,
            finished=dt.datetime.now(dt.UTC),
            left_out=left_out,
            hide_waived=hide_waived and to_terminal,
        )
        reporter = REPORTERS[target.format]
        if isinstance(reporter, SarifReporter):
            data, omitted = reporter.render_counted(result, options)
        else:
            data, omitted = reporter.render(result, options), _not_listed(result, target.format)
        if target.path is not None:
            left_out = omitted if left_out is None else left_out & omitted
        rendered.append((target, data))
    rendered.sort(key=lambda item: targets.index(item[0]))
    failures: list[str] = []
    for target, data in rendered:
        if target.path is None:
            continue
        try:
            write_atomic(target.path, data)
        except OSError as exc:
            failures.append(safe_text(f"{target.path}: cannot write report: {exc.strerror or exc}"))
    for target, data in rendered:
        if target.path is not None:
            continue
        try:
            if target.format == "table":
                click.echo(data.decode(), nl=False, err=stdout_is_machine)
            else:
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
        except OSError as exc:
            failures.append(f"standard output: cannot write report: {exc.strerror or exc}")
    if quiet:
        click.echo(_quiet_text(result), nl=False, err=True)
    if failures:
        # Every other output is written by now; one line names each path that failed and why.
        raise InputError("; ".join(failures))


def write_baseline(result: ScanResult, path: str) -> None:
    """``--create-baseline``: this scan's findings as a JSON report, before any baseline marks them."""
    data = REPORTERS["json"].render(result, ReportOptions(tool_version=__version__))
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write baseline: {exc.strerror}") from None
