"""The one bounded worker pool for live collection: many slow API calls at once, each able to add more.

Collection is a tree: a project fans out into one task per service call, a bucket
listing into one IAM request per bucket, a folder into its child folders and
projects. A task returns its follow-up tasks, which are queued as soon as it
finishes, so every worker stays busy; running the tree level by level would
leave workers idle behind the slowest call of each level.

``max_workers`` bounds the calls in flight. Only that many tasks are ever handed
to the executor; the rest wait in this module's queue, so an exception or a
Ctrl-C drops them at once and propagates without waiting for the calls already
on the wire (they end in the background, unread; the interpreter joins their
threads on exit). With ``max_workers`` 1 everything runs in the calling thread,
breadth first.

With a ``deadline`` (a :func:`time.monotonic` instant, the scan's ``--timeout``) the
run returns once it has passed: tasks still queued then run in the calling thread,
where their calls fail at once (no call starts after the deadline, see
:mod:`scanner.sources.retry`) and are recorded by the tasks themselves; tasks still
on the wire are abandoned, and their number returned, so the adapter can record
them and report everything else.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

T = TypeVar("T")
Task = Callable[[], Iterable["Task"]]


def _ignore(units: int) -> None:
    pass


def _follow_ups(task: Task) -> list[Task]:
    """Run ``task`` and read its follow-ups in the worker, even when it is a generator."""
    return list(task())


def run_tree(
    initial: Iterable[Task],
    max_workers: int,
    queued: Callable[[int], None] = _ignore,
    deadline: float | None = None,
) -> int:
    """Run ``initial`` and every follow-up task they return; ``queued(n)`` is told of each new batch.

    Tasks are expected to catch their own API errors and record them as data: an
    exception escaping a task is a bug, and it stops the run and propagates.
    Returns the number of tasks abandoned, still running, at the ``deadline``.
    """
    queue: deque[Task] = deque(initial)
    queued(len(queue))
    if max_workers <= 1:
        _drain(queue, queued)
        return 0
    executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="collect")
    running: set[Future[list[Task]]] = set()
    try:
        while queue or running:
            while queue and len(running) < max_workers:
                running.add(executor.submit(_follow_ups, queue.popleft()))
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            done, running = wait(running, timeout=left, return_when=FIRST_COMPLETED)
            for future in done:
                follow = future.result()
                queued(len(follow))
                queue.extend(follow)
            if deadline is not None and time.monotonic() >= deadline:
                _drain(queue, queued)
                finished = {future for future in running if future.done()}
                for future in finished:
                    follow = future.result()
                    queued(len(follow))
                    queue.extend(follow)
                running -= finished
                if not queue:
                    executor.shutdown(wait=False, cancel_futures=True)
                    return len(running)
    except BaseException:
        # A bug or Ctrl-C: drop what is queued, and do not sit out the calls in flight.
        queue.clear()
        executor.shutdown(wait=False)
        raise
    executor.shutdown()
    return 0


def _drain(queue: deque[Task], queued: Callable[[int], None]) -> None:
    """Run the queue and its follow-ups in the calling thread, breadth first."""
    while queue:
        follow = _follow_ups(queue.popleft())
        queued(len(follow))
        queue.extend(follow)


def run_all(tasks: Iterable[Callable[[], T]], max_workers: int) -> list[T]:
    """Run independent tasks on :func:`run_tree`; results keep the task order."""
    task_list = list(tasks)
    results: list[T | None] = [None] * len(task_list)

    def slot(index: int, task: Callable[[], T]) -> Task:
        def run() -> list[Task]:
            results[index] = task()
            return []

        return run

    run_tree([slot(i, task) for i, task in enumerate(task_list)], max_workers)
    return results  # type: ignore[return-value]  # every slot was filled, or run_tree raised
