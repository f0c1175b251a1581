"""How Terraform file paths are shown in findings: relative to the repository root.

Code scanning opens a result's URI from the root of the repository, and keys
alerts by it, so the path must not depend on the directory the scan runs in
(``cd infra && cloudscan scan --terraform .`` and ``cloudscan scan --terraform
infra`` from the top must give the same paths, root labels, ids and
fingerprints). The base is therefore, in order: ``repo_root`` when the caller
gives one (``--repo-root``), else the git work tree that holds the scanned path
(the nearest directory above it with a ``.git`` entry, a directory or, in a
worktree or submodule, a file). Outside any git work tree there is no
repository to go by: the current directory when the scanned path is inside it
(a CI job at the top of an exported tree), else the scanned directory itself
(the directory of a scanned file). A file outside the base (a module called from
above a scanned directory that is not in a git work tree) is shown relative to
the base with ``..`` steps: the JSON report keeps it, and the SARIF writer,
which cannot point outside the repository, falls back to its cloud path.
Separators are always ``/``. Root modules are labelled by the same rule
(:func:`root_label`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

MAX_PARENTS = 64
"""Directories climbed at most looking for ``.git`` (deeper trees are not real checkouts)."""


def git_work_tree(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` holding a ``.git`` directory or file."""
    current = start.resolve()
    if not current.is_dir():
        current = current.parent
    for _ in range(MAX_PARENTS):
        if (current / ".git").exists():
            return current
        if current.parent == current:
            return None
        current = current.parent
    return None


def base_of(scanned: Path, repo_root: Path | None = None) -> Path:
    """The directory every path of a scan of ``scanned`` is shown relative to (module docstring)."""
    if repo_root is not None:
        return repo_root.resolve()
    found = git_work_tree(scanned)
    if found is not None:
        return found
    resolved = scanned.resolve()
    here = Path.cwd().resolve()
    if resolved == here or here in resolved.parents:
        return here  # no repository to go by: the directory the scan runs in, as before
    return resolved if resolved.is_dir() else resolved.parent


def display_path(file: Path, base: Path) -> str:
    """``file`` relative to ``base`` (from :func:`base_of`), with ``/`` separators."""
    absolute = file.resolve()
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, base)).as_posix()


def root_label(root: Path, base: Path, taken: Mapping[str, Path] | None = None) -> str:
    """The label of a root module (a directory, or a plan/state file): its path from ``base``.

    ``envs/prod``, or ``""`` for the base itself, so a single root at the top of
    the repository keeps bare addresses as ids. The same wherever the scan runs,
    which keeps SARIF fingerprints stable. ``taken`` maps labels already given
    to their roots: two distinct roots always have distinct paths from one base,
    so it only matters across bases, where the absolute path keeps them apart.
    """
    shown = display_path(root, base)
    label = "" if shown == "." else shown
    resolved = root.resolve()
    if taken is not None and taken.get(label, resolved) != resolved:
        label = resolved.as_posix()
    return label
