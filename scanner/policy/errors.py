"""Policy errors that say where: the file, the line, and the path inside the document."""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with every non-printable character escaped: an error line must not drive the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


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
        return printable(f"{where}: {doc + ': ' if doc else ''}{self.message}")
