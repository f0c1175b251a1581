"""Artifact Registry v1: locations, repositories per location, and each repository's IAM policy.

The API has no cross-location listing (``locations/-`` is rejected), so the
repositories are listed per location the project reports; the IAM policy is a
request per repository by API design.
"""

from __future__ import annotations

from typing import Any

from google.cloud.location import locations_pb2

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import as_dict, call, first_page, pages, timeout
from scanner.providers.gcp.settings import Settings


def locations(settings: Settings, project: str) -> list[str]:
    client = clients.artifact_registry(settings)

    def page(token: str | None) -> tuple[list[str], str | None]:
        request = locations_pb2.ListLocationsRequest(name=f"projects/{project}", page_token=token or "")
        response = client.list_locations(request=request, retry=None, timeout=timeout())
        return [loc.location_id for loc in response.locations], response.next_page_token or None

    return pages(page)


def repositories(settings: Settings, project: str, location: str) -> list[dict[str, Any]]:
    client = clients.artifact_registry(settings)
    parent = f"projects/{project}/locations/{location}"

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = {"parent": parent, "page_token": token or ""}
        response = first_page(client.list_repositories(request=request, retry=None, timeout=timeout()))
        return [as_dict(r) for r in response.repositories], response.next_page_token or None

    return pages(page)


def repository_iam(settings: Settings, name: str) -> dict[str, Any]:
    client = clients.artifact_registry(settings)
    return as_dict(
        call(lambda: client.get_iam_policy(request={"resource": name}, retry=None, timeout=timeout()))
    )
