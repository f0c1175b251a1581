"""Key Management Service (Kms 2016-01-20, RPC): the account's own keys in a region, then each one's metadata.

ListKeys answers only ``KeyId`` and ``KeyArn`` per key (``Keys.Key[]``, paged with
``PageNumber``/``PageSize`` 1-100 and ``TotalCount``); the state, usage, origin and rotation
settings are in DescribeKey's ``KeyMetadata``, one call per key (the API has no list form of it).

Only keys users created are listed: ListKeys' ``Filters`` key ``CreatorType`` takes ``User`` ("master
keys created by users") or ``Service`` ("master keys that are automatically created by other Alibaba
Cloud services"), per the API reference
(https://www.alibabacloud.com/help/en/kms/key-management-service/developer-reference/api-kms-2016-01-20-listkeys)
and ``ListKeysRequest.filters`` in ``alibabacloud-kms20160120`` 3.3.1. Service keys cannot be
rotated or configured by the account ("Service-managed keys and Bring Your Own Key (BYOK) keys do not
support multiple key versions or rotation", https://www.alibabacloud.com/help/doc-detail/134270.htm).
"""

from __future__ import annotations

import json
from typing import Any

from alibabacloud_kms20160120 import models as m

from scanner.providers.alibaba.services.base import paged, single

USER_KEYS = json.dumps([{"Key": "CreatorType", "Values": ["User"]}], separators=(",", ":"))


def list_keys(client: Any) -> list[dict[str, Any]]:
    """Every user-created key of the client's region: ``{"KeyId", "KeyArn"}`` each."""
    return paged(client.list_keys, m.ListKeysRequest, "Keys", "Key", filters=USER_KEYS)


def describe_key(client: Any, key_id: str) -> dict[str, Any]:
    """The key's ``KeyMetadata`` (``{}`` when the answer has none)."""
    body = single(client.describe_key, m.DescribeKeyRequest(key_id=key_id))
    metadata = body.get("KeyMetadata")
    return metadata if isinstance(metadata, dict) else {}
