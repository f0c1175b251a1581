"""Dataproc v1: the clusters of one region (the API has no cross-region listing).

``GET /v1/projects/P/regions/R/clusters`` answers ``{clusters: [...], nextPageToken}``;
a cluster's ``config.encryptionConfig`` names its customer key.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import pages
from scanner.providers.gcp.settings import Settings


def clusters(settings: Settings, project: str, region: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "dataproc", "v1").projects().regions().clusters()
    return pages(api, "clusters", projectId=project, region=region)
