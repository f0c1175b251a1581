"""OSS: buckets (``marker`` paging) and, per bucket, ACL, policy, public access block,
encryption, versioning and logging.

"Not configured" answers come back as HTTP 404 errors; the documented ones are
turned into ``None`` here: ``NoSuchServerSideEncryptionRule`` (no default
encryption) and ``NoSuchBucketPolicy`` (no bucket policy). Results are reduced
to plain dicts named after the XML elements.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import alibabacloud_oss_v2 as oss

from scanner.providers.alibaba.services.base import absent_as_none, retried

NO_ENCRYPTION = "NoSuchServerSideEncryptionRule"
NO_POLICY = "NoSuchBucketPolicy"


def _get(method: Callable[[Any], Any], request: Any) -> Any:
    """``method(request)`` as one retried call; the SDK's result object."""
    return retried(lambda: method(request))


def list_buckets(client: Any) -> dict[str, Any]:
    """Every bucket (Name, Location, Region, CreationDate) and the owner id of the account."""
    buckets: list[dict[str, Any]] = []
    owner: str | None = None
    marker: str | None = None
    while True:
        result = _get(client.list_buckets, oss.ListBucketsRequest(marker=marker, max_keys=100))
        if result.owner is not None:
            owner = result.owner.id
        for bucket in result.buckets or []:
            buckets.append(
                {
                    "Name": bucket.name,
                    "Location": bucket.location,
                    "Region": bucket.region,
                    "CreationDate": bucket.creation_date.isoformat() if bucket.creation_date else None,
                }
            )
        marker = result.next_marker if result.is_truncated else None
        if not marker:
            return {"Buckets": buckets, "Owner": owner}


def get_acl(client: Any, bucket: str) -> dict[str, Any]:
    result = _get(client.get_bucket_acl, oss.GetBucketAclRequest(bucket=bucket))
    return {"Grant": result.acl}


def get_policy(client: Any, bucket: str) -> dict[str, Any] | None:
    """The bucket policy document as text, or ``None`` when the bucket has none."""
    result = absent_as_none(
        lambda: _get(client.get_bucket_policy, oss.GetBucketPolicyRequest(bucket=bucket)), NO_POLICY
    )
    return None if result is None else {"Policy": result.body}


def get_public_access_block(client: Any, bucket: str) -> dict[str, Any]:
    result = _get(client.get_bucket_public_access_block, oss.GetBucketPublicAccessBlockRequest(bucket=bucket))
    config = result.public_access_block_configuration
    return {"BlockPublicAccess": None if config is None else config.block_public_access}


def get_encryption(client: Any, bucket: str) -> dict[str, Any] | None:
    result = absent_as_none(
        lambda: _get(client.get_bucket_encryption, oss.GetBucketEncryptionRequest(bucket=bucket)),
        NO_ENCRYPTION,
    )
    if result is None:
        return None
    rule = result.server_side_encryption_rule
    default = rule.apply_server_side_encryption_by_default if rule is not None else None
    if default is None:
        return {}
    return {
        "SSEAlgorithm": default.sse_algorithm,
        "KMSMasterKeyID": default.kms_master_key_id,
        "KMSDataEncryption": default.kms_data_encryption,
    }


def get_versioning(client: Any, bucket: str) -> dict[str, Any]:
    result = _get(client.get_bucket_versioning, oss.GetBucketVersioningRequest(bucket=bucket))
    return {"Status": result.version_status}


def get_logging(client: Any, bucket: str) -> dict[str, Any]:
    result = _get(client.get_bucket_logging, oss.GetBucketLoggingRequest(bucket=bucket))
    status = result.bucket_logging_status
    enabled = status.logging_enabled if status is not None else None
    if enabled is None:
        return {"LoggingEnabled": None}
    return {"LoggingEnabled": {"TargetBucket": enabled.target_bucket, "TargetPrefix": enabled.target_prefix}}
