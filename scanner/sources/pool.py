"""A bounded worker pool for collection: many slow, independent API calls at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def run_all(tasks: Iterable[Callable[[], T]], max_workers: int) -> list[T]:
    """Run every task with at most ``max_workers`` in flight; results keep the task order.

    Tasks are expected to catch their own API errors and return them as data; an
    exception escaping a task is a bug and propagates after the others finish.
    """
    task_list = list(tasks)
    if max_workers <= 1 or len(task_list) <= 1:
        return [task() for task in task_list]
    executor = ThreadPoolExecutor(max_workers=min(max_workers, len(task_list)))
    try:
        futures = [executor.submit(task) for task in task_list]
        return [future.result() for future in futures]
    except BaseException:
        # Ctrl-C or a bug: drop the queued calls instead of waiting for every one of them.
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        executor.shutdown(wait=True)
