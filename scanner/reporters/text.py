"""Text helpers shared by the CI report formats: untrusted strings made safe for each container.

Resource names, ids and messages come from cloud accounts and Terraform code, so
any of them may hold markup, control characters or a formula.
"""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/F.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# ASCII punctuation that means something in GitHub-flavoured Markdown (links, emphasis, tables,
# HTML, mentions, autolinks); CommonMark lets a backslash escape every one of them.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~@&:=.\"'$])")
CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (ElementTree escapes the rest)."""
    return _NOT_XML.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Control characters and line breaks become spaces; runs of whitespace collapse."""
    return " ".join(_CONTROL.sub(" ", text).split())


def markdown_text(text: str, limit: int = 300) -> str:
    """One line of inert Markdown: every markup character escaped, cut to ``limit`` characters."""
    flat = one_line(text)
    if len(flat) > limit:
        flat = flat[: limit - 1] + "\u2026"
    return _MARKDOWN.sub(r"\\\1", flat)


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``= + - @`` (or tab/CR) gets a ``'`` prefix.

    This is OWASP's advice against CSV injection; the quote is visible, which is the point.
    """
    return "'" + text if text.startswith(CSV_FORMULA_START) else text
