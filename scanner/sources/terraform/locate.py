"""How Terraform file paths are shown in findings.

A path is relative to the directory the scan runs in (the current directory)
when the file is inside it: for code scanning the workflow runs at the
repository root, so the path is the one GitHub opens. A file outside the current
directory is shown relative to the scanned path instead (``main.tf``,
``modules/net/main.tf``). Separators are always ``/``. Root modules are labelled
by the same rule (:func:`root_label`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def display_path(file: Path, scanned: Path) -> str:
    """``file`` relative to the current directory if inside it, else to ``scanned``."""
    absolute = file.resolve()
    for base in (Path.cwd().resolve(), scanned.resolve() if scanned.is_dir() else scanned.resolve().parent):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return Path(os.path.relpath(absolute, scanned.resolve())).as_posix()


def root_label(root: Path, scanned: Path, taken: Mapping[str, Path] | None = None) -> str:
    """The label of a root module (a directory, or a plan/state file): its path by the same rule.

    ``envs/prod`` when the scan runs at the repository root, ``""`` for the
    current directory itself (or, outside it, for the scanned directory), so a
    single-root scan keeps bare addresses as ids. Stable across runs from the same
    directory, which keeps SARIF fingerprints and categories stable. When
    ``taken`` already gives the label to another root (two roots outside the
    current directory, each scanned as itself), the path relative to the current
    directory is used instead, which is unique.
    """
    shown = display_path(root, scanned)
    label = "" if shown == "." else shown
    resolved = root.resolve()
    if taken is not None and taken.get(label, resolved) != resolved:
        label = Path(os.path.relpath(resolved, Path.cwd().resolve())).as_posix()
    return label
