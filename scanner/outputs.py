"""Decide where each report format goes: a file, or standard output.

Rules (documented in the README):

* Without ``--format``, the table is shown.
* ``--output FILE`` picks its format from the extension (``.sarif``, ``.json``,
  ``.txt``); a format named by an output is added to the run even without
  ``--format``.
* An output whose extension names no format takes the one ``--format`` that has
  no file yet.
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
    chosen = list(dict.fromkeys(formats or ["table"]))
    files: dict[str, Path] = {}
    pending: list[Path] = []
    for raw in outputs:
        path = Path(raw)
        fmt = by_extension.get(path.suffix.lower())
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
        if len(free) != 1:
            raise OutputError(
                f"cannot tell which format to write to {path}: use an extension "
                f"({', '.join(sorted(by_extension))}) or name one --format for it"
            )
        files[free[0]] = path
    to_stdout = [fmt for fmt in chosen if fmt not in files]
    machine = [fmt for fmt in to_stdout if fmt != "table"]
    if len(machine) > 1:
        raise OutputError(
            f"formats {', '.join(machine)} would all go to standard output; give --output files for them"
        )
    return [Target(fmt, files.get(fmt)) for fmt in chosen]
