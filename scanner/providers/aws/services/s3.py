"""S3 and S3 Control Get calls: buckets, their access settings, and the account's public access block."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.aws.services import absent_on, call, pages, strip

NO_BLOCK = frozenset({"NoSuchPublicAccessBlockConfiguration"})
NO_POLICY = frozenset({"NoSuchBucketPolicy"})
NO_ENCRYPTION = frozenset({"ServerSideEncryptionConfigurationNotFoundError"})


def buckets(client: Any) -> list[dict[str, Any]]:
    return pages(client, "list_buckets", "Buckets")


def location(client: Any, bucket: str) -> str:
    """The bucket's region: ``LocationConstraint`` is empty for us-east-1 (and ``EU`` is eu-west-1)."""
    found = call(lambda: client.get_bucket_location(Bucket=bucket)).get("LocationConstraint")
    return {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(found, found)


# detail name -> (operation, codes that mean "not configured", what to keep of the answer)
DETAILS: dict[str, tuple[str, frozenset[str], Callable[[dict[str, Any]], Any]]] = {
    "public_access_block": (
        "get_public_access_block",
        NO_BLOCK,
        lambda a: a.get("PublicAccessBlockConfiguration"),
    ),
    "policy": ("get_bucket_policy", NO_POLICY, lambda a: a.get("Policy")),
    "policy_status": ("get_bucket_policy_status", NO_POLICY, lambda a: a.get("PolicyStatus")),
    "acl": ("get_bucket_acl", frozenset(), strip),
    "encryption": (
        "get_bucket_encryption",
        NO_ENCRYPTION,
        lambda a: a.get("ServerSideEncryptionConfiguration"),
    ),
    "versioning": ("get_bucket_versioning", frozenset(), strip),
    "logging": ("get_bucket_logging", frozenset(), lambda a: a.get("LoggingEnabled")),
}


def detail(client: Any, bucket: str, name: str) -> Any:
    """One of :data:`DETAILS` for ``bucket``; ``None`` when it is not configured."""
    operation, absent, keep = DETAILS[name]

    def get() -> Any:
        return keep(getattr(client, operation)(Bucket=bucket))

    return absent_on(absent, get)


def account_public_access_block(client: Any, account: str) -> dict[str, Any] | None:
    """The account-wide Block Public Access settings (S3 Control), ``None`` when never set."""
    return absent_on(
        NO_BLOCK,
        lambda: client.get_public_access_block(AccountId=account).get("PublicAccessBlockConfiguration"),
    )
