"""Retries with exponential backoff and full jitter, for throttled and flaky cloud APIs.

Cloud SDKs differ in what they retry by themselves (the Alibaba Tea SDK sends one
request and gives up); adapters wrap every call in :func:`call_with_retry` and
say, per exception, whether it is worth another try, how long the server asked
them to wait, and (for slow failures such as timeouts) how many tries at most.

Every call of one collection also obeys that collection's :class:`CallLimits`: the
per-call timeout, the retry budget and the scan's overall deadline. The adapter
sets them around each task with :func:`limits` (a context variable, so each worker
thread sees its own collection's limits and nothing leaks between collections),
and the service modules read them with :func:`current_limits`. Past the deadline
no call starts and no backoff sleeps: :class:`DeadlineExceeded` is raised instead,
or the call's last real failure when it was already failing.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` counts the first call; delays grow ``base * 2**n`` up to ``cap`` seconds."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 30.0


DEFAULT_CALL_TIMEOUT = 30.0


@dataclass(frozen=True)
class Retry:
    """A classifier's answer: try again, waiting at least ``after`` seconds if the server said so.

    ``attempts`` caps the tries for this kind of failure below the policy's (a call
    that timed out is worth one more try, not five more timeouts).
    """

    after: float | None = None
    attempts: int | None = None


class DeadlineExceeded(Exception):
    """The scan's overall deadline (``--timeout``) passed before this call could be made or finish."""


@dataclass(frozen=True)
class CallLimits:
    """One collection's bounds on every API call: timeout per HTTP request, retries, overall deadline.

    ``deadline`` is a :func:`time.monotonic` instant, or ``None`` for no deadline.
    """

    timeout: float = DEFAULT_CALL_TIMEOUT
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    deadline: float | None = None

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def call_timeout(self) -> float:
        """The timeout for the next request: the per-call timeout, cut to what is left before the deadline."""
        left = self.remaining()
        if left is None:
            return self.timeout
        if left <= 0:
            raise DeadlineExceeded(self.expired_message())
        return min(self.timeout, left)

    def expired_message(self) -> str:
        return "not collected: the scan's overall deadline (--timeout) passed before this call finished"


_DEFAULT_LIMITS = CallLimits()
_CURRENT: ContextVar[CallLimits | None] = ContextVar("cloudscan_call_limits", default=None)


def current_limits() -> CallLimits:
    """The limits of the collection this thread is working for (defaults outside any)."""
    return _CURRENT.get() or _DEFAULT_LIMITS


@contextmanager
def limits(value: CallLimits) -> Iterator[CallLimits]:
    """Run the enclosed calls under ``value``; restores the previous limits on exit."""
    token = _CURRENT.set(value)
    try:
        yield value
    finally:
        _CURRENT.reset(token)


Classifier = Callable[[BaseException], Retry | None]


def backoff_delay(attempt: int, policy: RetryPolicy, hint: float | None, rng: Callable[[], float]) -> float:
    """Full jitter (uniform in [0, base*2**attempt], capped); at least the server's hint, up to the cap.

    A ``Retry-After`` longer than ``cap`` is cut to ``cap`` so that one throttled
    call cannot stall a whole scan; the retry budget still bounds the total wait.
    """
    ceiling = min(policy.cap, policy.base * (2**attempt))
    delay = ceiling * rng()
    if hint is not None:
        delay = max(delay, min(hint, policy.cap))
    return delay


def call_with_retry(
    call: Callable[[], T],
    classify: Classifier,
    policy: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
    deadline: float | None = None,
) -> T:
    """Run ``call``; on an exception ``classify`` deems retryable, wait and try again.

    ``policy`` and ``deadline`` default to the :func:`current_limits`. The last
    exception propagates once attempts run out, or when the wait would pass the
    deadline, so the adapter can record it as a collection error; no attempt
    starts after the deadline (:class:`DeadlineExceeded`).
    """
    bounds = current_limits()
    policy = policy or bounds.policy
    deadline = deadline if deadline is not None else bounds.deadline
    attempt = 0
    while True:
        if deadline is not None and time.monotonic() >= deadline:
            raise DeadlineExceeded(bounds.expired_message())
        try:
            return call()
        except Exception as exc:
            decision = classify(exc)
            attempt += 1
            if decision is None or attempt >= min(policy.attempts, decision.attempts or policy.attempts):
                raise
            delay = backoff_delay(attempt - 1, policy, decision.after, rng)
            if deadline is not None and time.monotonic() + delay >= deadline:
                raise
            sleep(delay)
