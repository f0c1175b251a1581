"""A bounded worker pool whose tasks may add more tasks (pages of a tree of API calls).

Collection is a tree: a project fans out into one task per service; a bucket
listing into one IAM request per bucket; a folder into its child folders and
projects. Submitting follow-ups as soon as their parent finishes keeps every
worker busy, which a pool run level by level (``scanner.sources.pool.run_all``)
would not. ``max_workers`` bounds requests in flight; with 1 everything runs in
the calling thread, in order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

from scanner.sources.live import Progress

Task = Callable[[], Iterable["Task"]]


def run_tree(initial: Iterable[Task], max_workers: int, progress: Progress) -> None:
    """Run ``initial`` and every follow-up task they return; an exception escaping a task is a bug."""
    tasks = list(initial)
    progress.add(len(tasks))
    if max_workers <= 1:
        queue = deque(tasks)
        while queue:
            follow = list(queue.popleft()())
            progress.add(len(follow))
            queue.extend(follow)
        return
    with ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="gcp") as executor:
        pending: set[Future[Iterable[Task]]] = {executor.submit(task) for task in tasks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                follow = list(future.result())
                progress.add(len(follow))
                pending |= {executor.submit(task) for task in follow}
