"""Make untrusted text safe to show on a terminal or in a text report.

Resource names, ids, finding messages, cloud error messages and file paths come
from scanned accounts and repositories: anyone who can name a bucket can put
bytes in them. A terminal obeys control sequences wherever they appear, so a
bucket named ``"evil\\x1b]0;PWNED\\x07\\x1b[2J"`` would retitle the window and clear
the screen, and a U+202E (right-to-left override) would make a report line read
differently from the bytes in it (the "Trojan Source" trick, CVE-2021-42574).

:func:`safe_text` replaces, with a visible Python-style escape:

* C0 controls U+0000-U+001F (newline and tab too: a field is one line, and a
  newline in a name must not forge a row), DEL U+007F and C1 controls
  U+0080-U+009F (``\\x1b``, ``\\x9b``);
* the bidirectional embedding, override and isolate controls U+202A-U+202E and
  U+2066-U+2069 (``\\u202e``);
* lone surrogates U+D800-U+DFFF (``\\ud800``), which cannot even be encoded as UTF-8.

Everything else, including all printable non-ASCII text, is kept as is. The
JSON and SARIF reports do not use this: they keep the data exact.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """``text`` with every control, bidi control and lone surrogate shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def safe_lines(text: str) -> str:
    """Like :func:`safe_text`, but line breaks stay line breaks (for multi-line terminal text)."""
    return "\n".join(safe_text(line) for line in text.split("\n"))
