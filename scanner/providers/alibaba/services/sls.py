"""Log Service (SLS 2020-12-30): projects, their Logstores' retention, and their alert rules.

A ROA API whose host names the project: ``<project>.<region>.log.aliyuncs.com``
("Host consists of a project name and a Simple Log Service endpoint", GetProject).
ListProject (``GET /``, no project) answers the region's projects; per project
ListLogStores (``GET /logstores``, names only) and ListAlerts (``GET /alerts``); per
Logstore GetLogStore (``GET /logstores/{name}``, with ``ttl`` in days): the Logstore
list carries no retention, so GetLogStore is one call per Logstore. Every list pages with
``offset``/``size`` and answers ``count`` (this page) and ``total``; errors are
``{"errorCode", "errorMessage"}`` with the HTTP status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alibabacloud_sls20201230 import models as m

from scanner.providers.alibaba.services.base import dig, single

PAGE_SIZE = 100  # ListAlerts allows at most 200, ListProject and ListLogStores 500


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
    return single(client.get_log_store, project, logstore)


def list_alerts(client: Any, project: str) -> list[dict[str, Any]]:
    """Alert rules with ``status`` (``ENABLED``/``DISABLED``) and ``configuration.queryList[].query``."""
    return _offset_paged(
        lambda offset: single(
            client.list_alerts, project, m.ListAlertsRequest(offset=offset, size=PAGE_SIZE)
        ),
        "results",
    )
