"""Cloud Logging v2 (sinks, log buckets, log-based metrics) and Cloud Monitoring v3 alert policies.

All are one paged listing per project; log buckets are listed for every location
at once (``locations/-``).
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services.discovery import pages
from scanner.providers.gcp.settings import Settings


def sinks(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "logging", "v2").projects()
    return pages(api.sinks(), "sinks", parent=f"projects/{project}")


def log_buckets(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "logging", "v2").projects()
    return pages(api.locations().buckets(), "buckets", parent=f"projects/{project}/locations/-")


def metrics(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "logging", "v2").projects()
    return pages(api.metrics(), "metrics", parent=f"projects/{project}")


def alert_policies(settings: Settings, project: str) -> list[dict[str, Any]]:
    api = clients.discovery_api(settings, "monitoring", "v3").projects()
    return pages(api.alertPolicies(), "alertPolicies", name=f"projects/{project}")
