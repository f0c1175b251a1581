"""Cloud DNS v1: managed zones and DNS server policies (query logging per VPC network), one list each."""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import pages
from scanner.providers.gcp.settings import Settings


def managed_zones(settings: Settings, project: str) -> list[dict[str, Any]]:
    return pages(clients.discovery_api(settings, "dns", "v1").managedZones(), "managedZones", project=project)


def policies(settings: Settings, project: str) -> list[dict[str, Any]]:
    return pages(clients.discovery_api(settings, "dns", "v1").policies(), "policies", project=project)
