"""A progress bar on stderr for collection, shown only to a person at a terminal.

Account and service names come from the cloud: they are shown through
:func:`scanner.textsafe.safe_text` and never read as rich markup.
"""

from __future__ import annotations

import os
import sys
import threading
from types import TracebackType

from scanner.textsafe import safe_text


def wants_progress(quiet: bool) -> bool:
    """Only when stderr is a terminal, not in CI, and not ``--quiet``."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


class TerminalProgress:
    """Implements :class:`scanner.sources.live.Progress` with a rich progress bar."""

    def __init__(self, label: str) -> None:
        # rich is imported when a bar is shown, not by every command that could show one.
        from rich.console import Console  # noqa: PLC0415
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self._lock = threading.Lock()
        self._bar = Progress(
            # Labels and descriptions name accounts and services: data, never markup.
            TextColumn("{task.fields[label]}", style="bold", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}", markup=False),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task = self._bar.add_task("", total=0, label=safe_text(label))

    def __enter__(self) -> TerminalProgress:
        self._bar.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bar.stop()

    def add(self, units: int) -> None:
        with self._lock:
            total = self._bar.tasks[0].total or 0
            self._bar.update(self._task, total=total + units)

    def advance(self, description: str) -> None:
        with self._lock:
            self._bar.update(self._task, advance=1, description=safe_text(description))
