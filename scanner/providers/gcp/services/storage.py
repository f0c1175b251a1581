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
from scanner.providers.gcp.services import TIMEOUT, call
from scanner.providers.gcp.settings import Settings


def buckets(settings: Settings, project: str) -> list[dict[str, Any]]:
    """The bucket resources as the JSON API returned them (``Bucket._properties`` holds exactly that)."""
    client = clients.storage(settings, project)
    return call(
        lambda: [
            dict(b._properties) for b in client.list_buckets(projection="full", retry=None, timeout=TIMEOUT)
        ]
    )


def bucket_iam(settings: Settings, project: str, bucket: str) -> dict[str, Any]:
    client = clients.storage(settings, project)
    policy = call(
        lambda: client.bucket(bucket).get_iam_policy(requested_policy_version=3, retry=None, timeout=TIMEOUT)
    )
    return dict(policy.to_api_repr())
