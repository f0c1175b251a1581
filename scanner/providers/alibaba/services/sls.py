"""Log Service (SLS 2020-12-30): projects, their Logstores' retention, and their alert rules.

A ROA API whose host names the project: ``<project>.<region>.log.aliyuncs.com``
("Host consists of a project name and a Simple Log Service endpoint", GetProject).
ListProject (``GET /``, no project) answers the region's projects; per project
ListLogStores (``GET /logstores``, names only) and ListAlerts (``GET /alerts``); per
Logstore GetLogStore (``GET /logstores/{name}``, with ``ttl`` in days): the Logstore
list carries no retention, so GetLogStore is one call per Logstore. Every list pages with
``offset``/``size`` and answers ``count`` (this page) and ``total``; errors are
``{"errorCode", "errorMessage"}`` with the HTTP status.

Project and Logstore names come from the API and go into the request's host and path, so a
name outside Log Service's naming rules (an answer from a hostile or broken endpoint) is not
called at all: the call fails with :class:`UnsafeName`, recorded like any failed call. The
rules: a Logstore name has lowercase letters, digits, hyphens and underscores, starts and ends
with a letter or digit, 3-63 characters (the Logstore reference); a project name the same
without underscores (its host label).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from alibabacloud_sls20201230 import models as m

from scanner.providers.alibaba.services.base import dig, single

PAGE_SIZE = 100  # ListAlerts allows at most 200, ListProject and ListLogStores 500
_PROJECT = re.compile(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")
_LOGSTORE = re.compile(r"[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]")


class UnsafeName(Exception):
    """A project or Logstore name that cannot be put into a host or path as it is."""

    code = "UnsafeName"

    def __init__(self, what: str, name: str) -> None:
        self.message = f"{what} name {name[:80]!r} breaks Log Service naming rules: not called"
        super().__init__(self.message)


def _checked(pattern: re.Pattern[str], what: str, name: str) -> str:
    if not isinstance(name, str) or not pattern.fullmatch(name):
        raise UnsafeName(what, str(name))
    return name


def _offset_paged(fetch: Callable[[int], dict[str, Any]], key: str) -> list[Any]:
    """``offset``/``size`` paging: stop at ``total`` (or, without one, on a short page) or an empty page."""
    items: list[Any] = []
    while True:
        body = fetch(len(items))
        batch = dig(body, key)
        items.extend(batch)
        total = body.get("total")
        if not batch:
            return items
        if isinstance(total, int) and not isinstance(total, bool):
            if len(items) >= total:
                return items
        elif len(batch) < PAGE_SIZE:
            return items


def list_projects(client: Any) -> list[dict[str, Any]]:
    return _offset_paged(
        lambda offset: single(client.list_project, m.ListProjectRequest(offset=offset, size=PAGE_SIZE)),
        "projects",
    )


def list_logstores(client: Any, project: str) -> list[str]:
    _checked(_PROJECT, "project", project)
    return [
        str(name)
        for name in _offset_paged(
            lambda offset: single(
                client.list_log_stores, project, m.ListLogStoresRequest(offset=offset, size=PAGE_SIZE)
            ),
            "logstores",
        )
    ]


def get_logstore(client: Any, project: str, logstore: str) -> dict[str, Any]:
    _checked(_PROJECT, "project", project)
    _checked(_LOGSTORE, "Logstore", logstore)
    return single(client.get_log_store, project, logstore)


def list_alerts(client: Any, project: str) -> list[dict[str, Any]]:
    """Alert rules with ``status`` (``ENABLED``/``DISABLED``) and ``configuration.queryList[].query``."""
    _checked(_PROJECT, "project", project)
    return _offset_paged(
        lambda offset: single(
            client.list_alerts, project, m.ListAlertsRequest(offset=offset, size=PAGE_SIZE)
        ),
        "results",
    )
