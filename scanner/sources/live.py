"""The contract between the CLI and the live provider adapters.

A provider is registered here by name and module path, and imported only when
it is scanned (the SDKs take seconds to import). Its ``collect`` function takes
a :class:`CollectRequest` and returns a snapshot; API calls that fail (denied,
throttled, disabled) become ``Snapshot.errors`` and collection goes on. Only an
error that stops the whole collection before it starts (no credentials, a
malformed scope) is raised, as :class:`CollectorError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from scanner.inventory.snapshot import Snapshot

# name -> "module:function"; the module is imported on first use.
LIVE_PROVIDERS: dict[str, str] = {
    "alibaba": "scanner.providers.alibaba.adapter:collect",
    "aws": "scanner.providers.aws.adapter:collect",
    "gcp": "scanner.providers.gcp.adapter:collect",
}

DEFAULT_MAX_WORKERS = 16


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
