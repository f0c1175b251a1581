"""GitHub's SARIF size limits, met in one pass: rank the results, cut, then build only what stays.

GitHub rejects a file with more than 25,000 results in a run or more than 10 MB
gzip-compressed. What to keep is decided before the document is built:

1. each run keeps its ``max_results`` most important results (:func:`priority`);
2. when a compressed sample says the whole file fits with room to spare,
   every result is encoded and the finished file is measured once; otherwise
   the rest are encoded one at a time, most important of the whole file first,
   and fed to a streaming gzip compressor. Compression starts only once the raw
   bytes pass the limit (below it nothing can be over), and encoding stops at the
   first result that would push the compressed size past the limit minus the
   run frames and a safety margin. Results after it are never built.

The compressed size of the finished file is then checked exactly; the margin
makes a second pass rare, and when one is needed it only drops results already
encoded (in proportion to the overshoot) and compresses again. A scan of a
million resources thus builds each kept result once instead of building every
result, finding the file too large and building it again dozens of times.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator

from scanner.findings import Finding, Severity

MAX_RESULTS_PER_RUN = 25_000
MAX_GZIP_BYTES = 10_000_000
GZIP_LEVEL = 6  # zlib's default, as upload clients compress
GZIP_HEADER = 64  # gzip never makes JSON larger by more than its few bytes of header and trailer

Priority = tuple[bool, int, str, str, str]


def priority(finding: Finding) -> Priority:
    """Sort key: active before suppressed, most severe first, then stable ids."""
    return (
        finding.suppressed is not None,
        finding.severity.rank,
        finding.rule_id,
        finding.resource.id,
        finding.message,
    )


def sort_by_priority(findings: list[Finding]) -> None:
    """Sort in place by :func:`priority`, its keys computed in one comprehension.

    The same order as ``findings.sort(key=priority)`` (ties keep their order), without
    a function call and a property per finding: a scan of a million resources sorts
    400,000 findings here.
    """
    rank = {severity: severity.rank for severity in Severity}
    keys = [
        (f.suppressed is not None, rank[f.severity], f.rule_id, f.resource.id, f.message) for f in findings
    ]
    order = sorted(range(len(findings)), key=keys.__getitem__)
    findings[:] = [findings[i] for i in order]


def gzip_size(data: bytes | memoryview, limit: int | None = None) -> int:
    """Size after gzip at zlib's default level, as upload clients compress.

    When the raw document is already under ``limit`` the (slow) compression is
    skipped and the raw size plus the gzip header is returned as an upper bound.
    """
    if limit is not None and len(data) + GZIP_HEADER <= limit:
        return len(data) + GZIP_HEADER
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def margin(limit: int) -> int:
    """Room left for what the estimate cannot see: the compressor's unflushed block, run order."""
    return limit // 50 + 8192


class SizeBudget:
    """Feeds encoded results, most important first, until the next would not fit.

    ``frame`` is the rest of the document (run headers, rules, notifications) as
    it would be written with no result at all; ``limit`` the compressed budget of
    the whole file.
    """

    def __init__(self, frame: bytes, limit: int) -> None:
        self.limit = limit
        self.raw = len(frame)
        self.frame_packed = gzip_size(frame)
        self.packed = 0
        self.waiting: list[bytes] | None = []  # raw pieces held back until compression matters
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)

    def fits(self, piece: bytes) -> bool:
        """Account for ``piece`` (one result and its separator); ``False`` once it overflows."""
        self.raw += len(piece) + 1
        if self.waiting is not None:
            if self.raw + GZIP_HEADER <= self.limit:
                self.waiting.append(piece)
                return True
            for earlier in self.waiting:
                self.packed += len(self.compressor.compress(earlier))
            self.waiting = None
        self.packed += len(self.compressor.compress(piece))
        return self.packed + self.frame_packed + margin(self.limit) <= self.limit


SAMPLE_PER_RUN = 200
LIKELY_SHARE = 0.8


def likely_fits(
    frame: bytes, runs: list[list[Finding]], encode: Callable[[Finding], bytes], limit: int
) -> bool:
    """Whether every result will fit, judged from a sample compressed together.

    Only a shortcut: the finished file is still measured exactly, so a wrong
    guess costs time (a proportional cut), never a file over the limit.
    """
    total = sum(len(findings) for findings in runs)
    sample = [encode(f) for findings in runs for f in findings[:SAMPLE_PER_RUN]]
    if not sample:
        return True
    raw = b",".join(sample)
    per_result = len(raw) / len(sample)
    if len(frame) + per_result * total + GZIP_HEADER <= limit:
        return True  # the raw file is under the limit: no compression needed at all
    ratio = gzip_size(raw) / len(raw)
    return gzip_size(frame) + per_result * total * ratio <= limit * LIKELY_SHARE


def take_within(
    ranked: Iterable[tuple[int, Finding]],
    encode: Callable[[Finding], bytes],
    frame: bytes,
    limit: int,
) -> Iterator[tuple[int, Finding, bytes]]:
    """The ranked ``(run, finding)`` pairs that fit, each with its encoded result.

    Stops at the first that does not fit: everything after it is less important.
    """
    budget = SizeBudget(frame, limit)
    for run, finding in ranked:
        piece = encode(finding)
        if not budget.fits(piece):
            return
        yield run, finding, piece
