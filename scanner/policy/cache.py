"""A cache of the built-in policy pack's parsed, schema-checked documents, keyed by each file's bytes.

Every scan reads the built-in pack: parsing its YAML and validating every file
against the JSON Schema cost more than evaluating the bundled example, and both
are pure functions of the file's bytes and of this cloudscan (its version and
schema). So the parsed document and its line map are kept, keyed by
``SHA-256(version, schema, file bytes)``, in one file per version in the user's
cache directory: ``$CLOUDSCAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/cloudscan``,
else ``~/.cache/cloudscan``. ``CLOUDSCAN_NO_CACHE=1`` turns it off. Everything
after parsing and schema validation (the compiler's checks) runs on every load.

The cache saves work and is never trusted for more than that. It is ignored,
and rebuilt from the files, when:

* it cannot be read, is not JSON, or its shape is not the one written here;
* its payload does not match the SHA-256 it carries (truncated, corrupted, edited);
* it or its directory is not owned by the current user, or is writable by group
  or others (someone else could have put a policy of theirs in it).

An entry is only ever used for the exact bytes it was made from, so an edited
policy file misses and is read afresh. Only the built-in pack is cached: its
files are a fixed, bounded set; the cache file holds the entries of the last
load that missed, then older ones, at most :data:`MAX_ENTRIES`. Writes are
atomic (a temporary file, then a rename) with mode 0600; a cache that cannot be
written (a read-only home in a container, a user without a home) is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import msgspec

from scanner import __version__
from scanner.policy.schema import render_schema

MAX_ENTRIES = 2000  # a few built-in packs' worth: the file stays well under a few megabytes
DocPath = tuple[str | int, ...]
Entry = tuple[Any, dict[DocPath, int]]


class _File(msgspec.Struct, forbid_unknown_fields=True):
    digest: str
    payload: bytes  # the msgspec JSON of {key: [document, [[path, line], ...]]}, base64 in the file


def cache_dir() -> Path | None:
    """Where the cache lives, or ``None`` when it is turned off."""
    if os.environ.get("CLOUDSCAN_NO_CACHE"):
        return None
    explicit = os.environ.get("CLOUDSCAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "cloudscan"
    try:
        return Path.home() / ".cache" / "cloudscan"
    except (RuntimeError, KeyError):  # a container user with no home: no cache, never an error
        return None


def _private(path: Path) -> bool:
    """Owned by us and writable by nobody else: only then could no one else have written it."""
    info = path.stat()
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _plain(value: Any) -> bool:
    """JSON-safe and unchanged by a round trip: str keys, no tuples, dates or floats that change."""
    if value is None or isinstance(value, bool | int | str):
        return True
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


class PolicyCache:
    """Parsed documents of the built-in pack by content; see the module docstring for when it is used."""

    def __init__(self, directory: Path | None) -> None:
        self.path = directory / f"policies-{__version__}.json" if directory else None
        self.salt = hashlib.sha256(f"{__version__}\0{render_schema()}\0".encode()).digest()
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.missed = False
        if self.path is not None:
            self.entries = self._read(self.path)

    @staticmethod
    def _read(path: Path) -> dict[str, Any]:
        try:
            if not (_private(path.parent) and _private(path)):
                return {}
            stored = msgspec.json.decode(path.read_bytes(), type=_File)
            if hashlib.sha256(stored.payload).hexdigest() != stored.digest:
                return {}
            entries = msgspec.json.decode(
                stored.payload, type=dict[str, tuple[Any, list[tuple[list[str | int], int]]]]
            )
        except (OSError, ValueError, msgspec.DecodeError):
            return {}
        return entries

    def key(self, content: bytes) -> str:
        return hashlib.sha256(self.salt + content).hexdigest()

    def get(self, content: bytes) -> Entry | None:
        key = self.key(content)
        entry = self.entries.get(key)
        if entry is None:
            self.missed = True
            return None
        self.used[key] = entry
        document, lines = entry
        return document, {tuple(path): line for path, line in lines}

    def put(self, content: bytes, document: Any, lines: dict[DocPath, int]) -> None:
        """Remember a document that parsed and passed the schema (if it is plain JSON data)."""
        if _plain(document):
            self.used[self.key(content)] = (document, [[list(path), line] for path, line in lines.items()])

    def save(self) -> None:
        """Write the entries this load used, then older ones up to a bound; never fails the scan.

        Older entries stay (up to :data:`MAX_ENTRIES`) so that two installations or
        checkouts with different packs sharing one cache do not evict each other.
        """
        if self.path is None or not self.missed:
            return
        kept = dict(self.used)
        for key, entry in self.entries.items():
            if len(kept) >= MAX_ENTRIES:
                break
            kept.setdefault(key, entry)
        payload = msgspec.json.encode(kept)
        data = msgspec.json.encode(_File(hashlib.sha256(payload).hexdigest(), payload))
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(self.path.parent):
                return
            fd, tmp = tempfile.mkstemp(prefix=".policies.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                Path(tmp).replace(self.path)
            except OSError:
                Path(tmp).unlink(missing_ok=True)
                raise
