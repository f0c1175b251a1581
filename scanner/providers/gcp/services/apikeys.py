"""API Keys v2: the project's API keys (``locations/global``, the only location keys live in), one paged list.

The list returns each key's restrictions and times, never the key string.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import pages
from scanner.providers.gcp.settings import Settings


def keys(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "apikeys", "v2").projects().locations().keys()
    return pages(api, "keys", parent=f"projects/{project}/locations/global")
