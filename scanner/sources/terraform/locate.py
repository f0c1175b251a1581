"""How Terraform file paths are shown in findings.

A path is relative to the directory the scan runs in (the current directory)
when the file is inside it: for code scanning the workflow runs at the
repository root, so the path is the one GitHub opens. A file outside the current
directory is shown relative to the scanned path instead (``main.tf``,
``modules/net/main.tf``). Separators are always ``/``.
"""

from __future__ import annotations

import os
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
