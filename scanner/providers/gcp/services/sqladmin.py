"""Cloud SQL Admin v1 through the discovery client: the instance list carries every setting we need."""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import json_object, pages
from scanner.providers.gcp.settings import Settings


def instances(settings: Settings, project: str) -> list[dict[str, Any]]:
    service = clients.sqladmin(settings)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = service.instances().list(project=project, pageToken=token)
        response = json_object(request.execute(num_retries=0), "sql.instances.list")
        return list(response.get("items", [])), response.get("nextPageToken") or None

    return pages(page)
