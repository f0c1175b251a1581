"""Resource Manager v3: the project itself, its IAM policy, and project discovery under folders."""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import as_dict, call, first_page, pages, timeout
from scanner.providers.gcp.settings import Settings


def project(settings: Settings, project_id: str) -> dict[str, Any]:
    client = clients.projects(settings)
    return as_dict(
        call(lambda: client.get_project(name=f"projects/{project_id}", retry=None, timeout=timeout()))
    )


def project_iam(settings: Settings, project_id: str) -> dict[str, Any]:
    client = clients.projects(settings)
    request = {"resource": f"projects/{project_id}", "options": {"requested_policy_version": 3}}
    return as_dict(call(lambda: client.get_iam_policy(request=request, retry=None, timeout=timeout())))


def search_projects(settings: Settings, parent: str) -> list[dict[str, Any]]:
    """Projects whose direct parent is ``parent`` (``folders/N`` or ``organizations/N``), any state.

    Search terms are OR-ed by the API, so ``state:ACTIVE`` cannot narrow a parent
    query; the caller filters on state.
    """
    client = clients.projects(settings)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = {"query": f"parent:{parent}", "page_token": token or ""}
        response = first_page(client.search_projects(request=request, retry=None, timeout=timeout()))
        return [as_dict(p) for p in response.projects], response.next_page_token or None

    return pages(page)


def child_folders(settings: Settings, parent: str) -> list[dict[str, Any]]:
    """Folders directly under ``parent``, so discovery can walk down the hierarchy."""
    client = clients.folders(settings)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = {"parent": parent, "page_token": token or ""}
        response = first_page(client.list_folders(request=request, retry=None, timeout=timeout()))
        return [as_dict(f) for f in response.folders], response.next_page_token or None

    return pages(page)
