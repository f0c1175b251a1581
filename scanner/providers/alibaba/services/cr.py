"""Container Registry Enterprise Edition: instances, endpoints with ACLs, namespaces, repositories.

ListInstance, ListNamespace and ListRepository page with ``PageNo``/``PageSize`` and
``TotalCount``; ListInstanceEndpoint returns every endpoint with its ACL entries
at once (unless ``Summary`` is set).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alibabacloud_cr20181201 import models

from scanner.providers.alibaba.services.base import PAGE_SIZE, call, dig


def _models() -> Any:
    return models


def _page_no(fetch: Callable[[int], dict[str, Any]], key: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = fetch(page)
        batch = dig(body, key)
        items.extend(batch)
        total = int(body.get("TotalCount") or 0)
        if not batch or len(items) >= total:
            return items
        page += 1


def list_instances(client: Any) -> list[dict[str, Any]]:
    m = _models()
    return _page_no(
        lambda n: call(lambda: client.list_instance(m.ListInstanceRequest(page_no=n, page_size=PAGE_SIZE))),
        "Instances",
    )


def list_endpoints(client: Any, instance_id: str) -> list[dict[str, Any]]:
    m = _models()
    body = call(lambda: client.list_instance_endpoint(m.ListInstanceEndpointRequest(instance_id=instance_id)))
    return dig(body, "Endpoints")


def list_namespaces(client: Any, instance_id: str) -> list[dict[str, Any]]:
    m = _models()
    return _page_no(
        lambda n: call(
            lambda: client.list_namespace(
                m.ListNamespaceRequest(instance_id=instance_id, page_no=n, page_size=PAGE_SIZE)
            )
        ),
        "Namespaces",
    )


def list_repositories(client: Any, instance_id: str) -> list[dict[str, Any]]:
    m = _models()
    return _page_no(
        lambda n: call(
            lambda: client.list_repository(
                m.ListRepositoryRequest(instance_id=instance_id, page_no=n, page_size=PAGE_SIZE)
            )
        ),
        "Repositories",
    )
