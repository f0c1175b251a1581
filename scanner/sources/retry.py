"""Retries with exponential backoff and full jitter, for throttled and flaky cloud APIs.

Cloud SDKs differ in what they retry by themselves (the Alibaba Tea SDK sends one
request and gives up); adapters wrap every call in :func:`call_with_retry` and
say, per exception, whether it is worth another try and how long the server
asked them to wait.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` counts the first call; delays grow ``base * 2**n`` up to ``cap`` seconds."""

    attempts: int = 6
    base: float = 0.5
    cap: float = 30.0


@dataclass(frozen=True)
class Retry:
    """A classifier's answer: try again, waiting at least ``after`` seconds if the server said so."""

    after: float | None = None


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
    policy: RetryPolicy = RetryPolicy(),
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
) -> T:
    """Run ``call``; on an exception ``classify`` deems retryable, wait and try again.

    The last exception propagates once attempts run out, so the adapter can
    record it as a collection error.
    """
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:
            decision = classify(exc)
            attempt += 1
            if decision is None or attempt >= policy.attempts:
                raise
            sleep(backoff_delay(attempt - 1, policy, decision.after, rng))
