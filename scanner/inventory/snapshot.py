"""The saved inventory: a versioned JSON document that round-trips every record.

A snapshot separates collection from evaluation: ``collect`` writes one, and
``scan --inventory`` evaluates it later, offline, as often as needed. The format
is plain JSON described by a JSON Schema (``snapshot_json_schema``) so that other
tools can read and validate it too.
"""

from __future__ import annotations

import gc
import inspect
import os
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

import msgspec

from scanner.atomic import write_atomic
from scanner.inventory.model import AnyResource, Resource
from scanner.inventory.store import Inventory, first_duplicate_id

SCHEMA_VERSION = 1
# JSON arrays and objects nest at most this deep in a snapshot (README, "Limits"): a
# resource sits three levels down, so ``native`` values keep over a hundred levels.
MAX_SNAPSHOT_DEPTH = 128

_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'"[]{}')
_BRACKET_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # +1 opens, -1 (signed) closes


class SnapshotError(Exception):
    """A snapshot that cannot be read; the message names the file and the place in it.

    Non-printable characters (a key or value quoted from the file) are escaped, so
    the error line cannot drive the terminal it is printed on.
    """

    def __init__(self, message: str) -> None:
        if not message.isprintable():
            message = "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)
        super().__init__(message)


class CollectionError(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An API call that failed during collection (denied, throttled, disabled).

    Kept in the snapshot and shown in every report, so a partial scan is never
    mistaken for a clean one.
    """

    provider: str
    account: str
    service: str
    operation: str
    code: str
    message: str
    region: str | None = None


class Snapshot(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The file format: metadata, the resources, and what could not be collected."""

    schema_version: int = SCHEMA_VERSION
    generator: str = "cloudscan"
    created_at: str | None = None
    resources: tuple[AnyResource, ...] = ()
    errors: tuple[CollectionError, ...] = ()

    def inventory(self) -> Inventory:
        return Inventory(self.resources)


class _Header(msgspec.Struct):
    schema_version: Any = None


_decoder = msgspec.json.Decoder(Snapshot)
_header_decoder = msgspec.json.Decoder(_Header)
_encoder = msgspec.json.Encoder(order="deterministic")  # sets and mappings sorted: same input, same bytes


def _max_depth(data: bytes) -> int:
    """How deep arrays and objects nest, at C speed: strings out, brackets kept, a running sum.

    Escaped backslashes and quotes go first (pairs, left to right, as a JSON lexer reads
    them), then everything but quotes and brackets. Quotes then alternate open, close:
    dropping adjacent pairs keeps that (most strings hold no bracket and vanish here),
    and of what is left, every other piece between quotes is string content.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    brackets = b"".join(structure.split(b'"')[::2])
    return max(accumulate(array("b", brackets.translate(_BRACKET_STEP))), default=0)


def _offset_beyond(data: bytes, limit: int) -> int:
    """The byte offset where nesting first passes ``limit`` (only run on a file known to)."""
    depth, in_string, escaped = 0, False, False
    for offset, byte in enumerate(data):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in b"[{":
            depth += 1
            if depth > limit:
                return offset
        elif byte in b"]}":
            depth -= 1
    return len(data)


def _decode_problem(data: bytes, exc: Exception) -> str:
    """What is wrong with bytes msgspec could not decode; a bad byte is named by its offset."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not UTF-8 text: invalid byte 0x{data[bad.start]:02x} at byte offset {bad.start}"
    return f"not a cloudscan inventory snapshot: {exc}"


def parse_snapshot(data: bytes, name: str = "<snapshot>") -> Snapshot:
    """Decode and validate snapshot bytes; ``name`` is used in error messages.

    Nesting is checked before decoding: the decoder recurses once per level, and
    a file of brackets must be an error, not a ``RecursionError``.
    """
    if _max_depth(data) > MAX_SNAPSHOT_DEPTH:
        offset = _offset_beyond(data, MAX_SNAPSHOT_DEPTH)
        raise SnapshotError(
            f"{name}: byte offset {offset}: JSON nested deeper than {MAX_SNAPSHOT_DEPTH} levels"
        )
    try:
        header = _header_decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise SnapshotError(f"{name}: {_decode_problem(data, exc)}") from None
    if header.schema_version != SCHEMA_VERSION:
        raise SnapshotError(
            f"{name}: schema_version {header.schema_version!r} is not supported "
            f"(this cloudscan reads version {SCHEMA_VERSION})"
        )
    # Decoding creates one object per record and field; the cyclic garbage
    # collector would scan them all repeatedly (three quarters of the load time at
    # 100,000 resources) although records hold no cycles. Once decoded they are
    # frozen out of its reach for good: every later collection (while findings and
    # reports are built) would otherwise walk the whole inventory again, a third of
    # a whole scan's time. Frozen records are still freed by reference counting.
    gc.disable()
    try:
        snapshot = _decoder.decode(data)
    except msgspec.ValidationError as exc:
        raise SnapshotError(f"{name}: invalid inventory snapshot: {exc}") from None
    except msgspec.DecodeError as exc:
        raise SnapshotError(f"{name}: {_decode_problem(data, exc)}") from None
    except RecursionError:
        raise SnapshotError(f"{name}: JSON nested too deeply to decode") from None
    else:
        gc.freeze()
    finally:
        gc.enable()
    duplicate = first_duplicate_id(snapshot.resources)
    if duplicate is not None:
        raise SnapshotError(f"{name}: duplicate resource id {duplicate!r} in inventory")
    return snapshot


def load_snapshot(path: str | os.PathLike[str]) -> Snapshot:
    """Read a snapshot file, turning every failure into a :class:`SnapshotError`."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read inventory snapshot: {exc.strerror}") from None
    return parse_snapshot(data, str(path))


def encode_snapshot(snapshot: Snapshot) -> bytes:
    return _encoder.encode(snapshot)


def dump_snapshot(snapshot: Snapshot, path: str | os.PathLike[str]) -> None:
    write_atomic(path, encode_snapshot(snapshot))


def snapshot_json_schema() -> dict[str, Any]:
    """The JSON Schema of the snapshot file, generated from the record types."""
    schema = msgspec.json.schema(Snapshot)
    for definition in schema.get("$defs", {}).values():
        # older msgspec releases copy docstrings verbatim, newer ones dedent them: clean them here so
        # the published schema is the same whichever msgspec a user has installed.
        if isinstance(definition.get("description"), str):
            definition["description"] = inspect.cleandoc(definition["description"])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "cloudscan inventory snapshot"
    return msgspec.json.decode(msgspec.json.encode(schema))  # plain JSON types (lists, not tuples)


def resource_from_dict(data: dict[str, Any]) -> Resource:
    """Build one record from plain data (policy test cases, translate steps)."""
    return msgspec.convert(data, AnyResource)  # type: ignore[arg-type]
