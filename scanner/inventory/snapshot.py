"""The saved inventory: a versioned JSON document that round-trips every record.

A snapshot separates collection from evaluation: ``collect`` writes one, and
``scan --inventory`` evaluates it later, offline, as often as needed. The format
is plain JSON described by a JSON Schema (``snapshot_json_schema``) so that other
tools can read and validate it too.
"""

from __future__ import annotations

import gc
import inspect
import mmap
import os
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any

import msgspec

from scanner.atomic import write_atomic
from scanner.inventory.model import AnyResource, Resource
from scanner.inventory.share import Tables, share_values
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
_records_decoder = msgspec.json.Decoder(list[AnyResource])  # type: ignore[valid-type]
# A batch of records decoded at once by a large load (about 3,000 records): small enough that its
# records are still in the processor's cache when their values are shared (16 MB batches took 1 s
# longer for a million resources).
BATCH_BYTES = 2 << 20
# Files from this size (128 MB, about 200,000 resources) are read in batches with their values
# shared: below, memory is no concern, and sharing costs about 2 us a record.
BATCHED_FROM = 128 << 20
_RESOURCES = b'"resources":['
_SEPARATOR = b'},{"kind":'
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


_OPEN_CLOSE = bytes.maketrans(b"[{]}", b"oocc")


def _within_depth(data: bytes, limit: int) -> bool:
    """Whether arrays and objects in ``data`` nest at most ``limit`` deep; faster than :func:`_max_depth`.

    With strings out (as there), each pass of ``replace`` removes every innermost
    open-close pair, so a balanced sequence empties in exactly as many passes as it
    is deep: records a few levels deep take a few passes of ``memchr``-speed work
    instead of a running sum over every bracket. An unbalanced one never empties.
    """
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    structure = data.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    brackets = b"".join(structure.split(b'"')[::2]).translate(_OPEN_CLOSE)
    for _ in range(limit):
        if not brackets:
            return True
        brackets = brackets.replace(b"oc", b"")
    return not brackets


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
    snapshot = _decode(data, name)
    _check_unique(snapshot, name)
    return snapshot


def _decode(data: bytes, name: str) -> Snapshot:
    """:func:`parse_snapshot` without the duplicate check (a batched load checks the whole)."""
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
    with _collector_paused():
        try:
            snapshot = _decoder.decode(data)
        except msgspec.ValidationError as exc:
            raise SnapshotError(f"{name}: invalid inventory snapshot: {exc}") from None
        except msgspec.DecodeError as exc:
            raise SnapshotError(f"{name}: {_decode_problem(data, exc)}") from None
        except RecursionError:
            raise SnapshotError(f"{name}: JSON nested too deeply to decode") from None
    return snapshot


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic collection while records are made; what was made is frozen out of its reach after."""
    gc.disable()
    try:
        yield
        gc.freeze()
    finally:
        gc.enable()


def _check_unique(snapshot: Snapshot, name: str) -> None:
    duplicate = first_duplicate_id(snapshot.resources)
    if duplicate is not None:
        raise SnapshotError(f"{name}: duplicate resource id {duplicate!r} in inventory")


def _read_in_batches(path: str | os.PathLike[str], batch_bytes: int, batched_from: int) -> Snapshot | None:
    """A large snapshot read a batch of records at a time, or ``None`` when it cannot be.

    Reading the whole file first and then decoding it held the file (600 MB for a
    million resources) and every record at once. Here the file is mapped, cut into
    batches of about ``batch_bytes`` between two records, and each batch is
    decoded and its values shared (:mod:`scanner.inventory.share`) before the next
    is read; the pages already decoded are given back. The cuts are made at the separator msgspec writes
    between two records, ``},{"kind":``: outside a string a ``"`` cannot follow
    ``{`` unless it opens a key, so this is always the boundary of two objects in
    some array. Each batch must then decode on its own as a list of records, with
    the same depth limit: a cut inside a nested array (a ``native`` list of
    objects with a ``kind`` key) leaves brackets unbalanced and fails. Any batch
    that fails, and any file that is small, hand-formatted (the separator never
    appears) or invalid, is read whole by :func:`parse_snapshot`, so every error
    message is the one a whole read gives. The rest of the document (the header,
    the last records, ``errors``) is decoded as a snapshot with its records cut out.
    """
    with Path(path).open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size < max(batched_from, 2 * batch_bytes):
            return None
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return _batches(mapped, str(path), batch_bytes)


def _batches(mapped: mmap.mmap, name: str, batch_bytes: int) -> Snapshot | None:
    start = mapped.find(_RESOURCES)
    if start < 0:
        return None
    start += len(_RESOURCES)
    tables = Tables()
    records: list[Resource] = []
    position, dropped = start, 0
    while (cut := mapped.find(_SEPARATOR, position + batch_bytes)) >= 0:
        batch = b"[" + mapped[position : cut + 1] + b"]"
        if not _within_depth(batch, MAX_SNAPSHOT_DEPTH - 1):  # -1: the batch stands for the resources array
            return None
        with _collector_paused():
            try:
                decoded = _records_decoder.decode(batch)
            except (msgspec.DecodeError, RecursionError):
                return None
            share_values(decoded, tables)
        records += decoded
        del batch, decoded
        position = cut + 2  # the next record's "{"
        if hasattr(mmap, "MADV_DONTNEED"):  # give back the pages decoded so far (Linux)
            end = position - position % mmap.PAGESIZE
            if end > dropped:
                mapped.madvise(mmap.MADV_DONTNEED, dropped, end - dropped)
                dropped = end
    if not records:
        return None
    try:
        rest = _decode(mapped[:start] + mapped[position:], name)
    except SnapshotError:
        return None
    share_values(rest.resources, tables)
    records += rest.resources
    return Snapshot(
        schema_version=rest.schema_version,
        generator=rest.generator,
        created_at=rest.created_at,
        resources=tuple(records),
        errors=rest.errors,
    )


def load_snapshot(
    path: str | os.PathLike[str], *, batch_bytes: int = BATCH_BYTES, batched_from: int = BATCHED_FROM
) -> Snapshot:
    """Read a snapshot file, turning every failure into a :class:`SnapshotError`.

    A file of ``batched_from`` bytes or more is decoded ``batch_bytes`` of records at a
    time (:func:`_read_in_batches`); the result is the same snapshot a whole read gives.
    """
    try:
        snapshot = _read_in_batches(path, batch_bytes, batched_from)
        if snapshot is None:
            data = Path(path).read_bytes()
    except OSError as exc:
        raise SnapshotError(f"{path}: cannot read inventory snapshot: {exc.strerror}") from None
    if snapshot is None:
        return parse_snapshot(data, str(path))
    _check_unique(snapshot, str(path))
    return snapshot


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
