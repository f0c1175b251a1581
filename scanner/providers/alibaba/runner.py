"""Runs collection jobs on the shared pool and keeps what they return.

A job is one API operation (with its own paging) for one region or one item; it
returns raw data and the follow-up jobs its answer makes necessary (one
DescribeSecurityGroupAttribute per group, six calls per OSS bucket ...). Each job
is a task of :func:`scanner.sources.pool.run_tree`, so its follow-ups start as
soon as it answers, not when the slowest list of the account has. A failing job
becomes a recorded error and its follow-ups are simply not made.

Answers are kept in plan order (breadth first, as the jobs were made), not in the
order they arrived, so that errors and records come out the same on every run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scanner.providers.alibaba.errors import error_info
from scanner.providers.alibaba.raw import Collected, Failure, RawKey
from scanner.sources.live import Progress
from scanner.sources.pool import Task, run_tree

# where a job sits in the plan: its parent's path, then its index among the parent's follow-ups
PlanPath = tuple[int, ...]


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


def _attempt(job: Job, progress: Progress) -> Outcome | Failure:
    try:
        return job.run()
    except Exception as exc:  # every API failure is data: recorded, shown, and the scan goes on
        return Failure(job.product, job.operation, job.region, error_info(exc))
    finally:
        progress.advance(f"{job.product} {job.operation} {job.region}")


def run_jobs(
    jobs: list[Job], max_workers: int, progress: Progress, into: Collected | None = None
) -> Collected:
    """Run ``jobs`` and their follow-ups; jobs sharing a non-empty ``key`` run once."""
    answers: list[tuple[PlanPath, Outcome | Failure]] = []
    seen: set[str] = set()
    lock = threading.Lock()

    def fresh(batch: list[Job]) -> list[Job]:
        kept: list[Job] = []
        with lock:
            for job in batch:
                if job.key:
                    if job.key in seen:
                        continue
                    seen.add(job.key)
                kept.append(job)
        return kept

    def task(job: Job, path: PlanPath) -> Task:
        def run() -> list[Task]:
            answer = _attempt(job, progress)
            with lock:
                answers.append((path, answer))
            follow = [] if isinstance(answer, Failure) else fresh(answer.follow)
            return [task(next_job, (*path, i)) for i, next_job in enumerate(follow)]

        return run

    run_tree([task(job, (i,)) for i, job in enumerate(fresh(jobs))], max_workers, progress.add)
    collected = into if into is not None else Collected()
    for _, answer in sorted(answers, key=lambda entry: (len(entry[0]), entry[0])):
        if isinstance(answer, Failure):
            collected.failures.append(answer)
        else:
            collected.raw.update(answer.raw)
    return collected
