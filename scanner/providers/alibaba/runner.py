"""Runs collection jobs on the shared pool and keeps what they return.

A job is one API operation (with its own paging) for one region or one item; it
returns raw data and the follow-up jobs its answer makes necessary (one
DescribeSecurityGroupAttribute per group, six calls per OSS bucket ...). Each job
is a task of :func:`scanner.sources.pool.run_tree`, so its follow-ups start as
soon as it answers, not when the slowest list of the account has. A failing job
becomes a recorded error and its follow-ups are simply not made.

Answers are kept in plan order (breadth first, as the jobs were made), not in the
order they arrived, so that errors and records come out the same on every run.

Every job runs under the collection's :class:`~scanner.sources.retry.CallLimits`.
When the scan's deadline abandons jobs still on the wire, each is recorded as a
``DeadlineExceeded`` failure and whatever it brings back later is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scanner.providers.alibaba.errors import ErrorInfo, error_info, not_in_use
from scanner.providers.alibaba.raw import Collected, Failure, RawKey
from scanner.sources.live import Progress
from scanner.sources.pool import Task, run_tree
from scanner.sources.retry import CallLimits, limits
from scanner.sources.transport import DEADLINE

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


def _attempt(job: Job, progress: Progress, bounds: CallLimits) -> Outcome | Failure:
    with limits(bounds):
        try:
            return job.run()
        except Exception as exc:  # every API failure is data: recorded, shown, and the scan goes on
            info = error_info(exc)
            return Failure(job.product, job.operation, job.region, not_in_use(job.product, info) or info)
        finally:
            progress.advance(f"{job.product} {job.operation} {job.region}")


def run_jobs(
    jobs: list[Job],
    max_workers: int,
    progress: Progress,
    into: Collected | None = None,
    call_limits: CallLimits | None = None,
) -> Collected:
    """Run ``jobs`` and their follow-ups; jobs sharing a non-empty ``key`` run once."""
    bounds = call_limits or CallLimits()
    answers: list[tuple[PlanPath, Outcome | Failure]] = []
    in_flight: dict[PlanPath, Job] = {}
    closed = False
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
            with lock:
                in_flight[path] = job
            answer = _attempt(job, progress, bounds)
            with lock:
                if closed:  # abandoned at the deadline, and recorded then
                    return []
                del in_flight[path]
                answers.append((path, answer))
            follow = [] if isinstance(answer, Failure) else fresh(answer.follow)
            return [task(next_job, (*path, i)) for i, next_job in enumerate(follow)]

        return run

    tasks = [task(job, (i,)) for i, job in enumerate(fresh(jobs))]
    if run_tree(tasks, max_workers, progress.add, bounds.deadline):
        with lock:
            closed = True
            late = ErrorInfo(DEADLINE, bounds.expired_message())
            answers.extend(
                (path, Failure(job.product, job.operation, job.region, late))
                for path, job in in_flight.items()
            )
    collected = into if into is not None else Collected()
    for _, answer in sorted(answers, key=lambda entry: (len(entry[0]), entry[0])):
        if isinstance(answer, Failure):
            collected.failures.append(answer)
        else:
            collected.raw.update(answer.raw)
    return collected
