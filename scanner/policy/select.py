"""Choosing which loaded policies a scan runs: ``--check``, ``--skip-check``, ``--severity``, ``--framework``.

Every selector must select something: an id or glob that names no policy, or
a framework that no file lists, is a :class:`SelectionError` with the closest
name, because a misspelt ``--skip-check`` that silently skips nothing (or a
``--check`` that silently runs nothing) is the mistake this exists to stop.
Order of application: ``--check`` (any id or glob), ``--framework`` (mapped to
any of them), ``--severity`` (any of the levels), then ``--skip-check`` wins.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scanner.findings import Severity
from scanner.policy.frameworks import builtin_frameworks, suggest
from scanner.policy.model import Policy


class SelectionError(ValueError):
    """A selector that names no policy, severity or framework; the message says what was meant."""


@dataclass(frozen=True)
class Selection:
    checks: tuple[str, ...] = ()
    skip_checks: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.checks or self.skip_checks or self.severities or self.frameworks)


def split_values(values: Sequence[str]) -> tuple[str, ...]:
    """Repeated and comma-separated option values as one tuple (``--severity high,critical``)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _matching(pattern: str, ids: list[str], option: str) -> set[str]:
    if any(c in pattern for c in "*?["):
        found = {i for i in ids if fnmatch.fnmatchcase(i, pattern)}
        if not found:
            raise SelectionError(f"{option} {pattern!r} matches no policy")
        return found
    if pattern not in ids:
        raise SelectionError(f"{option}: unknown policy {pattern!r}" + suggest(pattern, ids))
    return {pattern}


def check_framework(name: str, option: str = "--framework", extra: Iterable[str] = ()) -> None:
    """``name`` is a framework of ``frameworks.yaml`` (or in ``extra``: those the loaded policies cite)."""
    known = sorted({*builtin_frameworks(), *extra})
    if name not in known:
        raise SelectionError(
            f"{option}: unknown framework {name!r}" + suggest(name, known) + f"; known: {', '.join(known)}"
        )


def select_policies(policies: Sequence[Policy], selection: Selection) -> list[Policy]:
    """The policies ``selection`` keeps, in their loaded order."""
    if not selection:
        return list(policies)
    ids = [p.id for p in policies]
    chosen = list(policies)
    if selection.checks:
        wanted: set[str] = set()
        for pattern in selection.checks:
            wanted |= _matching(pattern, ids, "--check")
        chosen = [p for p in chosen if p.id in wanted]
    if selection.frameworks:
        cited = {key for p in policies for key in p.frameworks}
        for name in selection.frameworks:
            check_framework(name, extra=cited)
        chosen = [p for p in chosen if any(f in p.frameworks for f in selection.frameworks)]
    if selection.severities:
        levels = [s.value for s in Severity]
        for level in selection.severities:
            if level.lower() not in levels:
                raise SelectionError(
                    f"--severity: unknown level {level!r}"
                    + suggest(level.lower(), levels)
                    + f"; choose from {', '.join(levels)}"
                )
        wanted_levels = {s.lower() for s in selection.severities}
        chosen = [p for p in chosen if p.severity.value in wanted_levels]
    if selection.skip_checks:
        skipped: set[str] = set()
        for pattern in selection.skip_checks:
            skipped |= _matching(pattern, ids, "--skip-check")
        chosen = [p for p in chosen if p.id not in skipped]
    return chosen
