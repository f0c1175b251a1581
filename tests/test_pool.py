"""The shared collection pool: order of results, follow-up tasks, and stopping on a bug or Ctrl-C.

Nothing here measures time. Tasks that must overlap wait on events; the
``timeout`` of those waits only keeps a broken pool from hanging the suite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from scanner.sources.pool import Task, run_all, run_tree

GUARD = 10  # seconds: a deadlock guard, never an assertion


def recorder() -> tuple[list[str], Callable[[str, list[Task]], Task]]:
    """Tasks that note their name when they run and return the given follow-ups."""
    ran: list[str] = []
    lock = threading.Lock()

    def task(name: str, follow: list[Task] | None = None) -> Task:
        def run() -> list[Task]:
            with lock:
                ran.append(name)
            return follow or []

        return run

    return ran, task


@pytest.mark.parametrize("workers", [1, 4])
def test_run_all_keeps_the_task_order(workers: int) -> None:
    assert run_all([lambda i=i: i * i for i in range(10)], workers) == [i * i for i in range(10)]


def test_run_all_keeps_the_task_order_when_tasks_finish_in_reverse() -> None:
    """Task i waits for task i+1 to finish, so they can only finish last-to-first, all at once."""
    n = 4
    finished = [threading.Event() for _ in range(n)]
    order: list[int] = []

    def task(i: int) -> Callable[[], str]:
        def run() -> str:
            if i + 1 < n:
                assert finished[i + 1].wait(GUARD), "tasks did not run side by side"
            order.append(i)
            finished[i].set()
            return f"result {i}"

        return run

    assert run_all([task(i) for i in range(n)], max_workers=n) == [f"result {i}" for i in range(n)]
    assert order == [3, 2, 1, 0]


def test_follow_ups_run_breadth_first_with_one_worker() -> None:
    ran, task = recorder()
    tree = [
        task("a", [task("a1", [task("a1x")]), task("a2")]),
        task("b", [task("b1")]),
    ]
    batches: list[int] = []
    run_tree(tree, 1, batches.append)
    assert ran == ["a", "b", "a1", "a2", "b1", "a1x"]
    assert sum(batches) == 6  # the progress total: every task, counted once when queued


def test_follow_ups_run_with_many_workers() -> None:
    ran, task = recorder()

    def fan_out(prefix: str, depth: int) -> list[Task]:
        if depth == 0:
            return []
        return [task(f"{prefix}{i}", fan_out(f"{prefix}{i}.", depth - 1)) for i in range(3)]

    batches: list[int] = []
    run_tree(fan_out("", 4), 8, batches.append)
    assert len(ran) == len(set(ran)) == 3 + 9 + 27 + 81
    assert "2.0.1.2" in ran
    assert sum(batches) == len(ran)


def test_generator_tasks_run_in_the_workers() -> None:
    """A task written as a generator still runs in the pool, not in the thread that waits for it."""
    threads: list[str] = []

    def task() -> Iterator[Task]:
        threads.append(threading.current_thread().name)
        yield from ()

    run_tree([task, task], 2)
    assert len(threads) == 2
    assert threading.current_thread().name not in threads


def test_no_more_than_max_workers_tasks_run_at_once() -> None:
    lock = threading.Lock()
    running = 0
    peak = 0

    def task() -> list[Task]:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        with lock:
            running -= 1
        return []

    run_tree([task for _ in range(50)], 3)
    assert 1 <= peak <= 3


def test_an_exception_in_one_task_drops_the_queued_ones_and_propagates() -> None:
    """Two workers: one task fails while the other is still busy; the five queued tasks never start."""
    ran, task = recorder()
    release, released = threading.Event(), threading.Event()

    def failing() -> list[Task]:
        raise ValueError("a bug in a task")

    def busy() -> list[Task]:
        release.wait(GUARD)
        released.set()
        return [task("follow-up of the busy task")]

    queued = [task(f"queued {i}") for i in range(5)]
    try:
        with pytest.raises(ValueError, match="a bug in a task"):
            run_tree([failing, busy, *queued], 2)
        assert ran == []  # and run_tree did not wait for the busy task to raise
        assert not released.is_set()
    finally:
        release.set()
        released.wait(GUARD)
    assert ran == []  # the busy task's answer came too late: its follow-up was not run


def test_an_exception_with_one_worker_stops_the_run() -> None:
    ran, task = recorder()

    def failing() -> list[Task]:
        raise RuntimeError("a bug in a task")

    with pytest.raises(RuntimeError, match="a bug in a task"):
        run_tree([task("first"), failing, task("after")], 1)
    assert ran == ["first"]


def test_ctrl_c_while_waiting_drops_the_queued_tasks() -> None:
    """Ctrl-C reaches the waiting thread; here it comes while the parent's follow-ups are being queued."""
    ran, task = recorder()

    def interrupt_on_follow_ups(units: int) -> None:
        if units == 5:
            raise KeyboardInterrupt

    parent = task("parent", [task(f"child {i}") for i in range(5)])
    with pytest.raises(KeyboardInterrupt):
        run_tree([parent], 4, interrupt_on_follow_ups)
    assert ran == ["parent"]


def test_run_all_propagates_an_exception() -> None:
    def failing() -> int:
        raise LookupError("a bug in a task")

    with pytest.raises(LookupError, match="a bug in a task"):
        run_all([lambda: 1, failing], 2)
