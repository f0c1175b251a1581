"""Cloud SQL Admin v1 through the discovery client: the instance list carries every setting we need."""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import call
from scanner.providers.gcp.settings import Settings


def instances(settings: Settings, project: str) -> list[dict[str, Any]]:
    service = clients.sqladmin(settings)

    def listing() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        collection = service.instances()
        request = collection.list(project=project)
        while request is not None:
            response = request.execute(num_retries=0)
            items.extend(response.get("items", []))
            request = collection.list_next(request, response)
        return items

    return call(listing)
