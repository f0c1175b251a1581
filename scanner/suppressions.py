"""Inline suppression in Terraform: a comment inside a resource block waives one policy for it.

    resource "google_storage_bucket" "site" {
      # cloudscan:ignore bucket.public-read reason="static website" expires=2027-03-31
      ...
    }

``#`` and ``//`` comments are read; ``reason`` is required, ``expires`` optional
(the same rules as a waiver file: after that day the finding is active again and
a warning says so). The finding is reported as suppressed ``inSource`` in SARIF.
A comment without a reason, with a bad date or naming an unknown policy is an
input error with the file and line.

This reads the ``.tf`` file a finding points at (its ``file``/``line``, the block's
first line) after evaluation, so the Terraform reader needs no change: the block
runs to the brace that closes it, counted outside strings and comments.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import msgspec

from scanner.findings import Finding, WaiverOutcome
from scanner.policy.errors import PolicyError
from scanner.policy.frameworks import suggest

MARKER = "cloudscan:ignore"
_COMMENT = re.compile(r"^\s*(?:#|//)\s*cloudscan:ignore\b(?P<rest>.*)$")
_ATTR = re.compile(r'\s*(?P<key>[a-z]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))')
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Inline:
    policy: str
    reason: str
    expires: dt.date | None
    file: str
    line: int


def _parse(rest: str, file: str, line: int) -> Inline:
    parts = rest.strip().split(None, 1)
    if not parts:
        raise PolicyError(file, f'{MARKER} needs a policy id and reason="..."', line)
    policy, attrs = parts[0], parts[1] if len(parts) > 1 else ""
    found: dict[str, str] = {}
    position = 0
    while position < len(attrs):
        match = _ATTR.match(attrs, position)
        if match is None:
            raise PolicyError(
                file, f'{MARKER}: cannot read {attrs[position:].strip()!r} (write key="value")', line
            )
        found[match.group("key")] = (
            match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        )
        position = match.end()
    unknown = sorted(set(found) - {"reason", "expires"})
    if unknown:
        raise PolicyError(
            file, f"{MARKER}: unknown key {unknown[0]!r}" + suggest(unknown[0], ["reason", "expires"]), line
        )
    reason = found.get("reason", "").strip()
    if not reason:
        raise PolicyError(file, f'{MARKER} {policy}: a reason is required (reason="...")', line)
    expires = None
    if "expires" in found:
        try:
            expires = dt.date.fromisoformat(found["expires"])
        except ValueError:
            raise PolicyError(
                file, f"{MARKER}: expires must be a date YYYY-MM-DD, not {found['expires']!r}", line
            ) from None
    return Inline(policy, reason, expires, file, line)


def _block_lines(lines: Sequence[str], start: int) -> range:
    """0-based indexes of the block opening at ``start`` (0-based), to its closing brace."""
    depth = 0
    opened = False
    for index in range(start, len(lines)):
        text = lines[index]
        in_string = False
        i = 0
        while i < len(text):
            char = text[i]
            if in_string:
                if char == "\\":
                    i += 1
                elif char == '"':
                    in_string = False
            elif char == '"':
                in_string = True
            elif char == "#" or text.startswith("//", i):
                break
            elif char == "{":
                depth += 1
                opened = True
            elif char == "}":
                depth -= 1
                if opened and depth == 0:
                    return range(start, index + 1)
            i += 1
    return range(start, len(lines))


class _Files:
    def __init__(self, bases: Sequence[Path]) -> None:
        self.bases = bases
        self.cache: dict[str, list[str] | None] = {}

    def lines(self, shown: str) -> list[str] | None:
        if shown not in self.cache:
            self.cache[shown] = None
            for base in self.bases:
                path = base / shown
                if path.suffix == ".tf" and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                    self.cache[shown] = path.read_text(encoding="utf-8", errors="replace").splitlines()
                    break
        return self.cache[shown]


def inline_suppressions(
    findings: Iterable[Finding], bases: Sequence[Path]
) -> dict[tuple[str, int], list[Inline]]:
    """(file, block line) -> the ignore comments inside that block, for every Terraform finding's block."""
    files = _Files(bases)
    out: dict[tuple[str, int], list[Inline]] = {}
    for finding in findings:
        ref = finding.resource
        if not ref.file or not ref.line or (ref.file, ref.line) in out:
            continue
        lines = files.lines(ref.file)
        if lines is None or ref.line > len(lines):
            continue
        found = []
        for index in _block_lines(lines, ref.line - 1):
            match = _COMMENT.match(lines[index])
            if match:
                found.append(_parse(match.group("rest"), ref.file, index + 1))
        out[(ref.file, ref.line)] = found
    return out


def apply_inline(
    findings: list[Finding], bases: Sequence[Path], policy_ids: Iterable[str], today: dt.date
) -> tuple[list[Finding], list[WaiverOutcome]]:
    """Findings waived by an ``ignore`` comment in their block (``inSource``), and each comment's outcome."""
    blocks = inline_suppressions(findings, bases)
    known = sorted(policy_ids)
    for comments in blocks.values():
        for comment in comments:
            if comment.policy not in known:
                raise PolicyError(
                    comment.file,
                    f"{MARKER}: unknown policy {comment.policy!r}" + suggest(comment.policy, known),
                    comment.line,
                )
    counts: dict[Inline, int] = {c: 0 for comments in blocks.values() for c in comments}
    out = []
    for finding in findings:
        ref = finding.resource
        match = next(
            (c for c in blocks.get((ref.file or "", ref.line or 0), ()) if c.policy == finding.rule_id), None
        )
        if match is not None:
            counts[match] += 1
        if (
            match is None
            or finding.suppressed is not None
            or (match.expires is not None and today > match.expires)
        ):
            out.append(finding)
            continue
        out.append(msgspec.structs.replace(finding, suppressed=match.reason, suppressed_in_source=True))
    outcomes = []
    for comment, count in counts.items():
        expired = comment.expires is not None and today > comment.expires
        outcomes.append(
            WaiverOutcome(
                status="expired" if expired else "applied" if count else "stale",
                selector=f"inline {MARKER} {comment.policy}",
                justification=comment.reason,
                count=count,
                expires=comment.expires.isoformat() if comment.expires else None,
                file=comment.file,
                line=comment.line,
            )
        )
    return out, outcomes
