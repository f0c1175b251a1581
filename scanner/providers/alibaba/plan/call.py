"""The two pieces every product's plan is made of: a :class:`Call` and a :class:`Product`.

A job is "call ``fn`` with the product's client, file the answer under ``(region, raw_name, item)``",
and optionally "make the next jobs from the answer" (one call per item the answer lists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.runner import Job, Outcome


class Call(NamedTuple):
    """One API operation: its name (progress, errors), the raw name of its answer, the service function."""

    operation: str
    raw_name: str
    fn: Callable[..., Any]


@dataclass(frozen=True)
class Product:
    """One product's jobs in one place: every job is "call ``fn`` with the client, file the answer".

    The client is built on first use, in the worker. ``endpoint`` is the client's region when it
    differs from the region the jobs are filed under (the home region of the global products).
    """

    clients: Clients
    name: str
    region: str
    endpoint: str | None = None

    def client(self) -> Any:
        return self.clients.get(self.name, self.region if self.endpoint is None else self.endpoint)

    def job(
        self,
        call: Call,
        *args: Any,
        item: str = "",
        follow: Callable[[Any], list[Job]] | None = None,
        key: str = "",
    ) -> Job:
        """``fn(client, *args)`` filed under ``(region, raw_name, item)``; ``follow`` makes the next jobs."""

        def run() -> Outcome:
            found = call.fn(self.client(), *args)
            return Outcome(
                raw={(self.region, call.raw_name, item): found}, follow=follow(found) if follow else []
            )

        return Job(self.name, call.operation, self.region, run, key=key)

    def each(self, calls: Iterable[Call], items: Iterable[str], *args: Any) -> list[Job]:
        """Per item, one job per call: ``fn(client, *args, item)`` filed under the item."""
        return [self.job(call, *args, item, item=item) for item in items for call in calls]
