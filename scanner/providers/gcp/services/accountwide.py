"""Project-wide settings: enabled APIs (Service Usage), Essential Contacts, Access Approval.

Each is one request per project (Service Usage and Essential Contacts paged), so
their cost does not grow with the number of resources.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import call
from scanner.providers.gcp.services.discovery import get, pages
from scanner.providers.gcp.settings import Settings


def enabled_services(settings: Settings, project: str) -> list[str]:
    """``services.list`` with ``filter=state:ENABLED``: service names such as ``compute.googleapis.com``."""
    found = pages(
        clients.discovery_api(settings, "serviceusage", "v1").services(),
        "services",
        parent=f"projects/{project}",
        filter="state:ENABLED",
        pageSize=200,
    )
    return [str((s.get("config") or {}).get("name") or s.get("name", "").rsplit("/", 1)[-1]) for s in found]


def essential_contacts(settings: Settings, project: str) -> list[dict[str, Any]]:
    """``contacts.compute`` for ``ALL`` categories: the project's contacts and those it inherits."""
    contacts = clients.discovery_api(settings, "essentialcontacts", "v1").projects().contacts()
    request = contacts.compute(parent=f"projects/{project}", notificationCategories=["ALL"])

    def listing() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        page = request
        while page is not None:
            response = page.execute(num_retries=0)
            items.extend(response.get("contacts", []) or [])
            page = contacts.compute_next(page, response)
        return items

    return call(listing)


def access_approval(settings: Settings, project: str) -> dict[str, Any]:
    api = clients.discovery_api(settings, "accessapproval", "v1").projects()
    return get(api.getAccessApprovalSettings(name=f"projects/{project}/accessApprovalSettings"))
