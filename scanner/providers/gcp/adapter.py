"""Google Cloud live adapter: projects (named, or found under folders and organisations) into the inventory.

``collect(request)`` resolves endpoints and credentials (:mod:`.settings`), runs
one task per (project, service call) in the shared bounded pool (:mod:`.plan`,
:mod:`scanner.sources.pool`), and translates the raw answers (:mod:`.translate`, with the
derived facts of :mod:`.link`). API failures become ``Snapshot.errors``; only a
problem that stops everything raises :class:`CollectorError`. The Google SDKs
are imported from here down only, and only when this module is imported.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from scanner.inventory.snapshot import CollectionError, Snapshot
from scanner.providers.gcp import translate
from scanner.providers.gcp.errors import UNAUTHENTICATED, UNREACHABLE
from scanner.providers.gcp.plan import Collection
from scanner.providers.gcp.settings import resolve
from scanner.sources.live import CollectorError, CollectRequest, call_limits
from scanner.sources.pool import Task, run_tree

_ORGANIZATION = re.compile(r"(?:organizations/)?(\d+)")
_FOLDER = re.compile(r"(?:folders/)?(\d+)")


def _parents(request: CollectRequest) -> list[str]:
    """``organizations/N`` and ``folders/N`` names from the request, or a clear error."""
    parents = []
    for kind, pattern, values in (
        ("organization", _ORGANIZATION, request.organizations),
        ("folder", _FOLDER, request.folders),
    ):
        for value in values:
            match = pattern.fullmatch(value.strip())
            if match is None:
                raise CollectorError(
                    f"--{kind} {value!r} is malformed: expected a numeric {kind} id such as 123456789012 "
                    f"(or {kind}s/123456789012)"
                )
            parents.append(f"{kind}s/{match.group(1)}")
    return parents


def _fatal(errors: list[CollectionError]) -> CollectorError | None:
    """When every call failed to reach Google or to authenticate, one message says so instead of many."""
    codes = {e.code for e in errors}
    if not errors or not codes <= {UNREACHABLE, UNAUTHENTICATED}:
        return None
    first = errors[0]
    if first.code == UNREACHABLE:
        return CollectorError(
            f"cannot reach the Google Cloud APIs ({first.message}); check CLOUDSCAN_GCP_ENDPOINT, "
            "the config file's gcp.endpoints, or the network"
        )
    return CollectorError(f"Google Cloud rejected the credentials: {first.message}")


def collect(request: CollectRequest) -> Snapshot:
    """Collect every requested project; see the module docstring."""
    parents = _parents(request)
    projects = [p.strip() for p in request.accounts if p.strip()]
    if not projects and not parents:
        raise CollectorError("nothing to collect: give --project, --folder or --organization")
    bounds = call_limits(request)
    settings = resolve(request.env, request.config)
    collection = Collection(settings, request.regions, request.progress, bounds)
    tasks: list[Task] = [collection.project_task(p) for p in dict.fromkeys(projects)]
    tasks += [collection.parent_task(p) for p in parents]
    if run_tree(tasks, request.max_workers, request.progress.add, bounds.deadline):
        collection.abandon()
    now = datetime.now(UTC)
    resources = [
        record
        for project in sorted(collection.projects)
        for record in translate.project_records(collection.projects[project], now, request.regions)
    ]
    errors = sorted(collection.errors, key=lambda e: (e.account, e.service, e.operation, e.region or ""))
    if not resources:
        fatal = _fatal(errors)
        if fatal is not None:
            raise fatal
    return Snapshot(
        created_at=now.isoformat(timespec="seconds"),
        resources=tuple(resources),
        errors=tuple(errors),
    )
