"""Artifact Registry v1: locations, repositories per location, and each repository's IAM policy.

The API has no cross-location listing (``locations/-`` is rejected), so the
repositories are listed per location the project reports; the IAM policy is a
request per repository by API design.
"""

from __future__ import annotations

from typing import Any

from google.cloud.location import locations_pb2

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import TIMEOUT, as_dict, call
from scanner.providers.gcp.settings import Settings


def locations(settings: Settings, project: str) -> list[str]:
    client = clients.artifact_registry(settings)
    request = locations_pb2.ListLocationsRequest(name=f"projects/{project}")

    def listing() -> list[str]:
        found: list[str] = []
        while True:
            response = client.list_locations(request=request, retry=None, timeout=TIMEOUT)
            found.extend(loc.location_id for loc in response.locations)
            if not response.next_page_token:
                return found
            request.page_token = response.next_page_token

    return call(listing)


def repositories(settings: Settings, project: str, location: str) -> list[dict[str, Any]]:
    client = clients.artifact_registry(settings)
    parent = f"projects/{project}/locations/{location}"
    return call(
        lambda: [as_dict(r) for r in client.list_repositories(parent=parent, retry=None, timeout=TIMEOUT)]
    )


def repository_iam(settings: Settings, name: str) -> dict[str, Any]:
    client = clients.artifact_registry(settings)
    return as_dict(
        call(lambda: client.get_iam_policy(request={"resource": name}, retry=None, timeout=TIMEOUT))
    )
