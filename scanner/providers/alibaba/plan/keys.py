"""The KMS jobs of one region: the user-created keys (ListKeys), then DescribeKey per key.

ListKeys takes no region: the regional endpoint (``kms.<region>.aliyuncs.com``) decides. Only
the keys whose ``KeyArn`` (``acs:kms:<region>:<account>:key/<id>``, its API reference) names this
region are kept, so that one shared endpoint (a private gateway, the test fake) gives no
duplicates (as for Container Registry's ListInstance and Log Service's ListProject).
"""

from __future__ import annotations

from typing import Any

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.call import Call, Product
from scanner.providers.alibaba.runner import Job
from scanner.providers.alibaba.services import kms

_DESCRIBE = Call("DescribeKey", "kms.key", kms.describe_key)


def arn_region(arn: object) -> str:
    """The region of a key ARN, or ``""`` when it is not one."""
    parts = str(arn or "").split(":")
    return parts[2] if len(parts) >= 5 and parts[:2] == ["acs", "kms"] else ""


def key_jobs(clients: Clients, region: str) -> list[Job]:
    api = Product(clients, "kms", region)

    def keys(client: Any) -> list[dict[str, Any]]:
        return [k for k in kms.list_keys(client) if arn_region(k.get("KeyArn")) in ("", region)]

    def describe(found: list[dict[str, Any]]) -> list[Job]:
        return api.each([_DESCRIBE], [str(k["KeyId"]) for k in found if k.get("KeyId")])

    return [api.job(Call("ListKeys", "kms.keys", keys), follow=describe)]
