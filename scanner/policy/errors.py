"""Policy errors that say where: the file, the line, and the path inside the document."""

from __future__ import annotations


def format_doc_path(path: tuple[str | int, ...]) -> str:
    """``("condition", "all", 1, "field")`` as ``condition.all[1].field``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


class PolicyError(Exception):
    """A policy file that cannot be used; ``str()`` is the message a user sees."""

    def __init__(
        self, file: str, message: str, line: int | None = None, path: tuple[str | int, ...] = ()
    ) -> None:
        self.file = file
        self.line = line
        self.path = path
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        doc = format_doc_path(self.path)
        return f"{where}: {doc + ': ' if doc else ''}{self.message}"
