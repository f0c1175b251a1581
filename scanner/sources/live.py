"""The contract between the CLI and the live provider adapters.

A provider is registered here by name and module path, and imported only when
it is scanned (the SDKs take seconds to import).

Every provider bounds its API calls the same way (:func:`call_limits`): a per-call
timeout (``CLOUDSCAN_CALL_TIMEOUT`` seconds, default 30; a call that times out is
tried once more), a retry budget (``CLOUDSCAN_RETRY_ATTEMPTS``, default 6 tries with
exponential backoff) and the scan's overall ``deadline`` (``--timeout``), after
which calls still outstanding are abandoned and recorded as ``DeadlineExceeded``
errors and everything collected so far is reported. Its ``collect`` function takes
a :class:`CollectRequest` and returns a snapshot; API calls that fail (denied,
throttled, disabled) become ``Snapshot.errors`` and collection goes on. Only an
error that stops the whole collection before it starts (no credentials, a
malformed scope) is raised, as :class:`CollectorError`.
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from scanner.inventory.snapshot import Snapshot
from scanner.sources.retry import DEFAULT_CALL_TIMEOUT, CallLimits, RetryPolicy

# name -> "module:function"; the module is imported on first use.
LIVE_PROVIDERS: dict[str, str] = {
    "alibaba": "scanner.providers.alibaba.adapter:collect",
    "aws": "scanner.providers.aws.adapter:collect",
    "gcp": "scanner.providers.gcp.adapter:collect",
}

DEFAULT_MAX_WORKERS = 16
DEFAULT_SCAN_TIMEOUT = 1800.0  # --timeout: 30 minutes keeps a CI job bounded
CALL_TIMEOUT_ENV = "CLOUDSCAN_CALL_TIMEOUT"
RETRY_ATTEMPTS_ENV = "CLOUDSCAN_RETRY_ATTEMPTS"


class CollectorError(Exception):
    """Collection cannot start or go on at all; the message is shown to the user as is."""


class Progress(Protocol):
    """What an adapter tells the progress display; both calls may come from any thread."""

    def add(self, units: int) -> None: ...

    def advance(self, description: str) -> None: ...


class NullProgress:
    def add(self, units: int) -> None:
        pass

    def advance(self, description: str) -> None:
        pass


@dataclass(frozen=True)
class CollectRequest:
    """What to collect and how.

    ``accounts`` are GCP project ids (or Alibaba/AWS account ids where a provider
    supports several); ``folders``/``organizations`` widen GCP discovery;
    ``regions`` filters regional resources (empty: all). ``config`` is the
    provider's section of the config file (endpoints per service ...), and
    ``env`` the environment the adapter reads its ``CLOUDSCAN_*`` settings from,
    passed in rather than read globally so that collection has no hidden input.
    ``deadline`` is the :func:`time.monotonic` instant at which the scan's
    ``--timeout`` runs out (``None``: no deadline); see :func:`deadline_after`.
    """

    provider: str
    accounts: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    max_workers: int = DEFAULT_MAX_WORKERS
    config: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    progress: Progress = field(default_factory=NullProgress)
    deadline: float | None = None


def deadline_after(seconds: float | None) -> float | None:
    """The monotonic instant ``seconds`` from now (``None`` or 0: no deadline)."""
    return time.monotonic() + seconds if seconds else None


def _number(env: Mapping[str, str], name: str, default: float, low: float, high: float) -> float:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        raise CollectorError(f"{name}={text!r}: expected a number from {low:g} to {high:g}")
    return value


def call_limits(request: CollectRequest) -> CallLimits:
    """The per-call timeout, retry budget and deadline every provider applies to every API call."""
    timeout = _number(request.env, CALL_TIMEOUT_ENV, DEFAULT_CALL_TIMEOUT, 0.05, 3600)
    attempts = int(_number(request.env, RETRY_ATTEMPTS_ENV, RetryPolicy().attempts, 1, 20))
    return CallLimits(timeout=timeout, policy=RetryPolicy(attempts=attempts), deadline=request.deadline)


Collector = Callable[[CollectRequest], Snapshot]


def get_collector(provider: str) -> Collector:
    try:
        target = LIVE_PROVIDERS[provider]
    except KeyError:
        known = ", ".join(sorted(LIVE_PROVIDERS)) or "none yet"
        raise CollectorError(f"unknown provider {provider!r} (available: {known})") from None
    module_name, _, function = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, function)  # type: ignore[no-any-return]
