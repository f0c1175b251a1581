"""Decide where each report format goes: a file, or standard output.

Rules (documented in the README):

* Without ``--format``, the table is shown.
* ``--output FILE`` picks its format from its whole name (``gl-sast-report.json``)
  or else its extension (``.sarif``, ``.json``, ``.txt``, ...); a format named by
  an output is added to the run even without ``--format``.
* An output whose extension names no format takes the one format named by
  ``--format`` that has no file yet; without such a format it is an error that
  lists the known extensions (never the table by default).
* Every format left without a file is printed to standard output; at most one
  machine-readable format may go there, so stdout stays parseable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class OutputError(ValueError):
    """A combination of ``--format`` and ``--output`` that cannot be honoured."""


@dataclass(frozen=True)
class Target:
    format: str
    path: Path | None  # None: standard output


def plan_outputs(formats: list[str], outputs: list[str], by_extension: dict[str, str]) -> list[Target]:
    explicit = bool(formats)
    chosen = list(dict.fromkeys(formats or ["table"]))
    files: dict[str, Path] = {}
    pending: list[Path] = []
    for raw in outputs:
        path = Path(raw)
        fmt = by_extension.get(path.name.lower()) or by_extension.get(path.suffix.lower())
        if fmt is None:
            pending.append(path)
            continue
        if fmt in files:
            raise OutputError(f"two outputs for format {fmt!r}: {files[fmt]} and {path}")
        files[fmt] = path
        if fmt not in chosen:
            chosen.append(fmt)
    for path in pending:
        free = [fmt for fmt in chosen if fmt not in files and fmt != "table"] or [
            fmt for fmt in chosen if fmt not in files
        ]
        if len(free) != 1 or not explicit:
            known = ", ".join(sorted(by_extension))
            raise OutputError(
                f"{path}: cannot tell which format to write (extension {path.suffix or '(none)'!r}): "
                f"use one of {known} or name exactly one --format for it"
            )
        files[free[0]] = path
    to_stdout = [fmt for fmt in chosen if fmt not in files]
    machine = [fmt for fmt in to_stdout if fmt != "table"]
    if len(machine) > 1:
        raise OutputError(
            f"formats {', '.join(machine)} would all go to standard output; give --output files for them"
        )
    return [Target(fmt, files.get(fmt)) for fmt in chosen]
