"""The collection plan: which API calls to make for each project, and where their answers go.

Each task is one (project, service call); its answer lands in the project's
:class:`~scanner.providers.gcp.raw.ProjectRaw`, or, when the API refuses, in the
error list, and the other tasks go on. Discovery under folders and organisations
runs in the same pool: a folder task yields its child folders and the tasks of
its active projects.

Every call runs under the collection's :class:`~scanner.sources.retry.CallLimits`
(per-call timeout, retries, the scan's deadline). The calls on the wire are
tracked, so that when the deadline abandons them (:meth:`Collection.abandon`) each
is recorded as a ``DeadlineExceeded`` error and whatever it brings back later is
ignored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from scanner.findings import NOT_IN_USE
from scanner.inventory.snapshot import CollectionError
from scanner.providers.gcp.errors import failure
from scanner.providers.gcp.plan import core, dataproc, project_wide
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.services import resourcemanager
from scanner.providers.gcp.settings import Settings
from scanner.providers.gcp.translate.common import location_wanted
from scanner.sources.live import Progress
from scanner.sources.pool import Task
from scanner.sources.retry import CallLimits, limits
from scanner.sources.transport import DEADLINE

T = TypeVar("T")
_MISSING = object()


class Collection:
    """Shared state of one collection run; tasks may call it from any thread."""

    MISSING = _MISSING  # what :meth:`attempt` returns for a call that brought no answer

    def __init__(
        self,
        settings: Settings,
        regions: Iterable[str],
        progress: Progress,
        call_limits: CallLimits | None = None,
    ) -> None:
        self.settings = settings
        self.regions = frozenset(r.lower() for r in regions)
        self.progress = progress
        self.limits = call_limits or CallLimits()
        self.projects: dict[str, ProjectRaw] = {}
        self.errors: list[CollectionError] = []
        self._lock = threading.Lock()
        self._in_flight: dict[int, tuple[str, str, str, str | None]] = {}
        self._closed = False

    def abandon(self) -> None:
        """The deadline passed: record each call still on the wire, and drop what any brings back later."""
        with self._lock:
            self._closed = True
            for account, service, operation, region in sorted(self._in_flight.values(), key=str):
                self.errors.append(
                    CollectionError(
                        provider="gcp",
                        account=account,
                        service=service,
                        operation=operation,
                        code=DEADLINE,
                        message=self.limits.expired_message(),
                        region=region,
                    )
                )
            self._in_flight.clear()

    # -- bookkeeping -------------------------------------------------------------------------
    def attempt(
        self,
        account: str,
        service: str,
        operation: str,
        fn: Callable[[], T],
        region: str | None = None,
        empty: Any = _MISSING,
    ) -> Any:
        """Run one call; an API failure becomes a collection error and :attr:`MISSING` is returned.

        An API that is disabled in the project (``SERVICE_DISABLED``) is not in use
        there: nothing of it exists, so ``empty`` (for a listing, ``[]``) is returned
        and the error is recorded as ``SERVICE_NOT_IN_USE`` rather than as a failure
        to read; a call given no ``empty`` still counts the answer as missing.
        """
        token = object()
        with self._lock:
            self._in_flight[id(token)] = (account, service, operation, region)
        try:
            with limits(self.limits):  # the classification below reads them too
                value = fn()
            with self._lock:
                if self._closed:  # abandoned at the deadline, and recorded then
                    return _MISSING
                del self._in_flight[id(token)]
            return value
        except Exception as exc:
            with limits(self.limits):
                found = failure(exc)
            if found is None:
                raise
            if found.code == "SERVICE_DISABLED" and empty is not _MISSING:
                with self._lock:
                    if self._closed:
                        return _MISSING
                    del self._in_flight[id(token)]
                self._not_in_use(account, service, operation, found.message, region)
                return empty
            message = found.message
            if (service, operation) == ("cloudresourcemanager", "projects.get") and found.code in (
                "NOT_FOUND",
                "PERMISSION_DENIED",
            ):
                message = f"project {account!r} does not exist or this identity may not read it: {message}"
            with self._lock:
                if self._closed:
                    return _MISSING
                del self._in_flight[id(token)]
                self.errors.append(
                    CollectionError(
                        provider="gcp",
                        account=account,
                        service=service,
                        operation=operation,
                        code=found.code,
                        message=message,
                        region=region,
                    )
                )
            return _MISSING
        finally:
            self.progress.advance(f"{account} {service}.{operation}")

    def _not_in_use(
        self, account: str, service: str, operation: str, message: str, region: str | None
    ) -> None:
        with self._lock:
            if account in self.projects:
                self.projects[account].not_in_use.add(service)
            self.errors.append(
                CollectionError(
                    provider="gcp",
                    account=account,
                    service=service,
                    operation=operation,
                    code=NOT_IN_USE,
                    message=f"the API is not enabled, so the service is not in use and nothing of it exists "
                    f"to judge ({message})",
                    region=region,
                )
            )

    # -- for the plan modules (core, project_wide, dataproc) -------------------------------------
    @property
    def lock(self) -> threading.Lock:
        return self._lock

    def wanted(self, location: str) -> bool:
        return self._wanted(location)

    def read(
        self,
        account: str,
        service: str,
        operation: str,
        fn: Callable[[], T],
        region: str | None = None,
        empty: Any = None,
    ) -> tuple[bool, Any]:
        """(read, answer) of one call; with ``empty``, a disabled API reads as ``empty`` (:meth:`attempt`)."""
        found = self.attempt(account, service, operation, fn, region, _MISSING if empty is None else empty)
        return found is not _MISSING, found

    def _wanted(self, location: str) -> bool:
        return location_wanted(location, self.regions)

    def _claim(self, project: str) -> ProjectRaw | None:
        """The project's raw record, or ``None`` when another path already claimed it."""
        with self._lock:
            if project in self.projects:
                return None
            self.projects[project] = ProjectRaw(project)
            return self.projects[project]

    # -- entry points ------------------------------------------------------------------------
    def project_task(self, project: str) -> Task:
        """An explicitly named project: check it exists and is active, then collect it."""

        def run() -> list[Task]:
            found = self.attempt(
                project,
                "cloudresourcemanager",
                "projects.get",
                lambda: resourcemanager.project(self.settings, project),
            )
            if found is _MISSING:
                return []
            return self._active_project(project, found.get("state", "ACTIVE"))

        return run

    def parent_task(self, parent: str) -> Task:
        """A folder or organisation: its active child folders (recursively) and its active projects."""

        def folders() -> list[Task]:
            children = self.attempt(
                parent,
                "cloudresourcemanager",
                "folders.list",
                lambda: resourcemanager.child_folders(self.settings, parent),
            )
            tasks = [self._projects_under(parent)]
            if children is not _MISSING:
                tasks += [
                    self.parent_task(f["name"]) for f in children if f.get("state", "ACTIVE") == "ACTIVE"
                ]
            return tasks

        return folders

    def _projects_under(self, parent: str) -> Task:
        def run() -> list[Task]:
            found = self.attempt(
                parent,
                "cloudresourcemanager",
                "projects.search",
                lambda: resourcemanager.search_projects(self.settings, parent),
            )
            if found is _MISSING:
                return []
            active = [p["projectId"] for p in found if p.get("state") == "ACTIVE"]
            return [task for project in active for task in self._active_project(project, "ACTIVE")]

        return run

    def _active_project(self, project: str, state: str) -> list[Task]:
        if state != "ACTIVE":
            with self._lock:
                self.errors.append(
                    CollectionError(
                        provider="gcp",
                        account=project,
                        service="cloudresourcemanager",
                        operation="projects.get",
                        code="FAILED_PRECONDITION",
                        message=f"project {project!r} is not active (state {state}); not collected",
                    )
                )
            return []
        raw = self._claim(project)
        if raw is None:
            return []
        tasks = core.project_tasks(self, raw)
        tasks += project_wide.project_tasks(self, raw)
        tasks += dataproc.project_tasks(self, raw)
        return tasks

    def per_item(
        self, raw: ProjectRaw, store: dict[str, Any], key: str, call: tuple[str, str, Callable[[], Any]]
    ) -> Task:
        """One call for one listed item (the API has no list form for it); its answer kept under ``key``."""
        service, operation, fn = call

        def run() -> list[Task]:
            found = self.attempt(raw.project, service, operation, fn)
            if found is not _MISSING:
                with self._lock:
                    store[key] = found
            return []

        return run
