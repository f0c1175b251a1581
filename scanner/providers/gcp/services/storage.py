"""Cloud Storage JSON API v1: the bucket list (settings and ACLs included) and each bucket's IAM policy.

The list already carries IAM configuration, encryption, versioning and logging,
and with ``projection=full`` also the legacy bucket and default object ACLs
(``acl``, ``defaultObjectAcl``), so ACLs cost no request of their own. Only the
IAM policy needs a request per bucket, because the API has no list form of
``getIamPolicy``.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import call, pages, timeout
from scanner.providers.gcp.settings import Settings


def buckets(settings: Settings, project: str) -> list[dict[str, Any]]:
    """The bucket resources as the JSON API returned them (``Bucket._properties`` holds exactly that)."""
    client = clients.storage(settings, project)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        listing = client.list_buckets(projection="full", page_token=token, retry=None, timeout=timeout())
        found = [dict(b._properties) for b in next(listing.pages)]
        return found, listing.next_page_token or None

    return pages(page)


def bucket_iam(settings: Settings, project: str, bucket: str) -> dict[str, Any]:
    client = clients.storage(settings, project)
    policy = call(
        lambda: client.bucket(bucket).get_iam_policy(
            requested_policy_version=3, retry=None, timeout=timeout()
        )
    )
    return dict(policy.to_api_repr())
