"""Runs collection jobs in waves on the bounded pool and keeps what they return.

A job is one API operation (with its own paging) for one region or one item; it
returns raw data and the follow-up jobs its answer makes necessary (one
DescribeSecurityGroupAttribute per group, six calls per OSS bucket ...). Each
wave runs every pending job on :func:`scanner.sources.pool.run_all`, so lists of
all (region, product) pairs run together, then every per-item call together.
A failing job becomes a recorded error and its follow-ups are simply not made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scanner.providers.alibaba.errors import ErrorInfo, error_info
from scanner.sources.live import Progress
from scanner.sources.pool import run_all

RawKey = tuple[str, str, str]  # (region, name, item id or "")


@dataclass
class Outcome:
    """What a job found: raw values by key, and the jobs to run next."""

    raw: dict[RawKey, Any] = field(default_factory=dict)
    follow: list[Job] = field(default_factory=list)


@dataclass
class Job:
    product: str
    operation: str
    region: str
    run: Callable[[], Outcome]
    key: str = ""  # jobs with the same non-empty key run once (shared RAM policies ...)


@dataclass(frozen=True)
class Failure:
    product: str
    operation: str
    region: str
    info: ErrorInfo


@dataclass
class Collected:
    raw: dict[RawKey, Any] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)

    def get(self, region: str, name: str, item: str = "", default: Any = None) -> Any:
        return self.raw.get((region, name, item), default)

    def has(self, region: str, name: str, item: str = "") -> bool:
        return (region, name, item) in self.raw

    def regions(self) -> list[str]:
        return sorted({region for region, _, _ in self.raw})


def _guarded(job: Job, progress: Progress) -> Callable[[], Outcome | Failure]:
    def run() -> Outcome | Failure:
        try:
            return job.run()
        except Exception as exc:  # every API failure is data: recorded, shown, and the scan goes on
            return Failure(job.product, job.operation, job.region, error_info(exc))
        finally:
            progress.advance(f"{job.product} {job.operation} {job.region}")

    return run


def run_waves(
    jobs: list[Job], max_workers: int, progress: Progress, into: Collected | None = None
) -> Collected:
    collected = into or Collected()
    seen: set[str] = set()
    pending = jobs
    while pending:
        wave = []
        for job in pending:
            if job.key:
                if job.key in seen:
                    continue
                seen.add(job.key)
            wave.append(job)
        progress.add(len(wave))
        results = run_all([_guarded(job, progress) for job in wave], max_workers)
        pending = []
        for result in results:
            if isinstance(result, Failure):
                collected.failures.append(result)
            else:
                collected.raw.update(result.raw)
                pending.extend(result.follow)
    return collected
