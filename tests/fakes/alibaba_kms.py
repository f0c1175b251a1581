"""Routes of the fake Alibaba Cloud for KMS (Kms 2016-01-20, RPC; a mixin of ``FakeAlibaba``).

ListKeys answers ``{"Keys": {"Key": [{"KeyId", "KeyArn"}]}, "TotalCount", "PageNumber", "PageSize"}``
(its API reference) with ``PageNumber``/``PageSize`` paging, capped by ``page_cap``. It takes no
region, so, as one endpoint would, it lists every region's keys; each key's ARN names its region.
Its ``Filters`` (a JSON list of ``{"Key", "Values"}``) are applied for ``CreatorType`` (``User``:
keys users created; ``Service``: keys cloud services created) and ``KeyState``. DescribeKey answers
``{"KeyMetadata": {...}}`` or ``Forbidden.KeyNotFound`` (the code terraform-provider-alicloud reads
as "no such key"). A region's keys are ``regions[<id>]["kms_keys"]``: KeyMetadata dicts, plus the
fake's own ``CreatorType`` (default ``User``), which is never answered.
"""

from __future__ import annotations

import json
from typing import Any

Answer = tuple[int, bytes, str]
_FAKE_ONLY = ("CreatorType",)


def _json(status: int, body: dict[str, Any]) -> Answer:
    return status, json.dumps(body).encode(), "application/json;charset=utf-8"


def kms_key(
    region: str,
    key_id: str,
    *,
    state: str = "Enabled",
    usage: str = "ENCRYPT/DECRYPT",
    spec: str = "Aliyun_AES_256",
    origin: str = "Aliyun_KMS",
    rotation: str = "Disabled",
    interval: str | None = None,
    protection: str = "Disabled",
    creator_type: str = "User",
    account: str = "1234567890123456",
) -> dict[str, Any]:
    """A DescribeKey ``KeyMetadata`` in the documented shape (``RotationInterval`` only when rotating)."""
    meta: dict[str, Any] = {
        "KeyId": key_id,
        "Arn": f"acs:kms:{region}:{account}:key/{key_id}",
        "KeyState": state,
        "KeyUsage": usage,
        "KeySpec": spec,
        "Origin": origin,
        "ProtectionLevel": "SOFTWARE",
        "AutomaticRotation": rotation,
        "DeletionProtection": protection,
        "Creator": account,
        "CreationDate": "2025-06-01T08:00:00Z",
        "Description": "",
        "CreatorType": creator_type,
    }
    if interval is not None and rotation in ("Enabled", "Suspended"):
        meta["RotationInterval"] = interval
        meta["NextRotationDate"] = "2026-12-30T08:00:00Z"
    return meta


class KmsRoutes:
    """Needs ``self.account`` and ``self.page_cap`` from ``FakeAlibaba``."""

    account: dict[str, Any]
    page_cap: int

    def _kms_all(self) -> list[dict[str, Any]]:
        return [k for region in self.account["regions"].values() for k in region.get("kms_keys", [])]

    def _kms_ListKeys(self, req: Any) -> Answer:
        keys = self._kms_all()
        for condition in json.loads(req.params.get("Filters") or "[]"):
            field, values = condition.get("Key"), set(condition.get("Values") or [])
            if field in ("CreatorType", "KeyState"):
                keys = [k for k in keys if k.get(field, "User") in values]
        size = min(int(req.params.get("PageSize", "10")), self.page_cap)
        number = int(req.params.get("PageNumber", "1"))
        chunk = keys[(number - 1) * size : number * size]
        listed = [{"KeyId": k["KeyId"], "KeyArn": k["Arn"]} for k in chunk]
        return _json(200, {"RequestId": "5E1A-KMS", "PageNumber": number, "PageSize": size,
                           "TotalCount": len(keys), "Keys": {"Key": listed}})  # fmt: skip

    def _kms_DescribeKey(self, req: Any) -> Answer:
        wanted = req.params.get("KeyId", "")
        for found in self._kms_all():
            if wanted in (found["KeyId"], found["Arn"]):
                meta = {k: v for k, v in found.items() if k not in _FAKE_ONLY}
                return _json(200, {"RequestId": "5E1A-KMS", "KeyMetadata": meta})
        return _json(404, {"RequestId": "5E1A-KMS", "Code": "Forbidden.KeyNotFound",
                           "Message": f"The specified Key is not found: {wanted}"})  # fmt: skip
