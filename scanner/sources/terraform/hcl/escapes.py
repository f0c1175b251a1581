"""String literal escapes, decoded as Terraform decodes them.

Why apart: escapes are where a file can smuggle text no report can write (a
lone surrogate from ``\\uD800``), so the decoding and its refusal live in one
place, with the Terraform source they follow. Errors are ``ValueError``; the
caller reports them at the string's line, like a syntax error.
"""

from __future__ import annotations

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_HEX = frozenset("0123456789abcdefABCDEF")


def _code_point(digits: str, width: int) -> str | None:
    """The character of a ``\\uNNNN`` / ``\\UNNNNNNNN`` escape; ``None`` when the digits are not hex.

    A surrogate (``\\uD800``) or a number past U+10FFFF is not a character:
    Terraform rejects the file ("Invalid escape sequence: Cannot encode character
    U+D800 in UTF-8", hashicorp/hcl ``hclsyntax/parser.go``), and so does the
    scan (``ValueError``, reported like a syntax error), so no lone surrogate
    ever reaches a report writer.
    """
    if len(digits) != width or not _HEX.issuperset(digits):
        return None
    value = int(digits, 16)
    if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        raise ValueError(f"invalid escape sequence: U+{value:04X} is not a character")
    return chr(value)


def unescape(text: str) -> str:
    """``text`` with its escapes decoded and ``$${``/``%%{`` (literal ``${``/``%{``) undone."""
    if "\\" not in text and "$${" not in text and "%%{" not in text:
        return text
    out, i = [], 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            width = {"u": 4, "U": 8}.get(nxt, 0)
            if width and (decoded := _code_point(text[i + 2 : i + 2 + width], width)) is not None:
                out.append(decoded)
                i += 2 + width
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(char)
        i += 1
    return "".join(out).replace("$${", "${").replace("%%{", "%{")
