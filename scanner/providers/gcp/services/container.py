"""Kubernetes Engine v1: every cluster of a project, all locations in one request (``locations/-``).

The answer carries each cluster's node pools, so there is no request per cluster.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import get
from scanner.providers.gcp.settings import Settings


def clusters(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "container", "v1").projects().locations().clusters()
    return list(get(api.list(parent=f"projects/{project}/locations/-")).get("clusters", []) or [])
