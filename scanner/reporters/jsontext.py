"""JSON bytes for the reports: always valid UTF-8, even when a value holds a lone surrogate.

A Python string can hold a lone surrogate (U+D800-U+DFFF): an HCL string
``"\\uD800"`` decodes to one, and so does a file name that is not UTF-8. Such a
character has no UTF-8 encoding, so msgspec (and ``str.encode``) refuse it and
a report would be lost for one odd name. We write it as the JSON escape
``\\ud800`` instead: the file stays pure UTF-8, the escape is in the JSON grammar
(RFC 8259, section 7), and Python's ``json`` and JavaScript's ``JSON.parse`` read
the exact string back. We keep the data exact rather than replacing it with
U+FFFD, because the JSON and SARIF reports promise exact values. RFC 8259 section
8.2 warns that readers differ on such a string: strict decoders (msgspec is one)
refuse it, which is the honest outcome for a value that is not valid Unicode.

Everything without a lone surrogate goes through msgspec unchanged, so reports
stay byte-for-byte what they were.

JSON escapes C0 controls already (``\\u001b``); DEL, the C1 controls and the
bidi controls U+202A-U+202E and U+2066-U+2069 it would write raw, and a report
``cat`` to a terminal (or ``--format json`` on one) would obey them. They are
written as ``\\uXXXX`` escapes too: the same string to any JSON reader, inert
bytes on a terminal (see :mod:`scanner.textsafe` for why these characters).
"""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec


def _escaped(document: Any, indent: int | None) -> bytes:
    """The stdlib path: the same layout as msgspec's, with ``\\uXXXX`` for each lone surrogate."""
    text = json.dumps(
        msgspec.to_builtins(document),
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=(",", ": ") if indent is not None else (",", ":"),
    )
    # A lone surrogate can only sit inside a JSON string; backslashreplace writes it as "\udXXX".
    return text.encode("utf-8", "backslashreplace")


# Their UTF-8 forms: in valid UTF-8 JSON they can only sit inside strings.
_TERMINAL_CONTROLS = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def _json_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))


def encode_json(document: Any, *, indent: int | None = None, inert: bool = True) -> bytes:
    """``document`` as UTF-8 JSON, compact or indented by ``indent`` spaces (no trailing newline).

    ``inert=False`` leaves DEL, C1 and bidi controls raw: for bytes that are hashed
    (fingerprints), never shown, and must not change with this escaping.
    """
    try:
        data = msgspec.json.encode(document)
    except UnicodeEncodeError:
        data = _escaped(document, indent)
    else:
        data = data if indent is None else msgspec.json.format(data, indent=indent)
    # memchr-fast: most reports skip the regex (three tests, not a generator: this runs per result)
    if not inert or not (b"\x7f" in data or b"\xc2" in data or b"\xe2" in data):
        return data
    return _TERMINAL_CONTROLS.sub(_json_escape, data)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 for hashing and percent-encoding; a lone surrogate keeps its own bytes.

    ``surrogatepass`` is injective and, for ordinary text, identical to plain UTF-8,
    so fingerprints and paths of ordinary resources do not change.
    """
    return text.encode("utf-8", "surrogatepass")
