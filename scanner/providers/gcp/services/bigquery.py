"""BigQuery v2: datasets, each dataset's full resource, its tables and each table's encryption.

``datasets.list`` returns references only; the access list and the default
encryption are in ``datasets.get``, one request per dataset. ``tables.list``
leaves out ``encryptionConfiguration``, so each table is read with
``tables.get`` (``view=BASIC``: metadata only, no storage statistics).
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import get, pages
from scanner.providers.gcp.settings import Settings


def _api(settings: Settings) -> Any:
    return clients.discovery_api(settings, "bigquery", "v2")


def datasets(settings: Settings, project: str) -> list[dict[str, Any]]:
    return pages(_api(settings).datasets(), "datasets", projectId=project, all=True)


def dataset(settings: Settings, project: str, dataset_id: str) -> dict[str, Any]:
    return get(_api(settings).datasets().get(projectId=project, datasetId=dataset_id))


def tables(settings: Settings, project: str, dataset_id: str) -> list[dict[str, Any]]:
    return pages(_api(settings).tables(), "tables", projectId=project, datasetId=dataset_id)


def table(settings: Settings, project: str, dataset_id: str, table_id: str) -> dict[str, Any]:
    request = (
        _api(settings).tables().get(projectId=project, datasetId=dataset_id, tableId=table_id, view="BASIC")
    )
    return get(request)
