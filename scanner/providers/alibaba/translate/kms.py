"""KMS keys (ListKeys, then DescribeKey's ``KeyMetadata``) into ``kms_key`` records.

Field values as the DescribeKey API reference and ``DescribeKeyResponseBodyKeyMetadata`` in
``alibabacloud-kms20160120`` 3.3.1 give them
(https://www.alibabacloud.com/help/en/kms/key-management-service/developer-reference/api-kms-2016-01-20-describekey):

* ``state``: ``KeyState`` (``Enabled``, ``Disabled``, ``PendingDeletion``, ``PendingImport`` for a
  BYOK key awaiting its material, https://www.alibabacloud.com/help/en/doc-detail/44211.htm) in
  snake case: ``enabled``, ``disabled``, ``pending_deletion``, ``pending_import``.
* ``purpose``: ``KeyUsage`` ``SIGN/VERIFY`` is ``sign_verify``; ``ENCRYPT/DECRYPT`` is
  ``encrypt_decrypt`` for a symmetric ``KeySpec`` (``Aliyun_AES_256``, ``Aliyun_AES_128``,
  ``Aliyun_AES_192``, ``Aliyun_SM4``) and ``asymmetric_decrypt`` for an RSA or EC one, the words GCP's
  keys use, so that "rotation applies to symmetric keys only" reads the same for both clouds.
  Another usage is kept in lower case with ``/`` as ``_``.
* ``rotation_period_days``: ``RotationInterval`` (seconds, ``"604800s"``) in whole days, rounded up,
  when ``AutomaticRotation`` is ``Enabled``; ``None`` when it is ``Disabled`` or ``Suspended`` (the key
  is not being rotated). Enabled without a readable interval is unknown.
* ``origin_external``: ``Origin`` ``EXTERNAL`` (BYOK; ``Aliyun_KMS`` is KMS-generated material).
  Automatic rotation "is only available for CMKs with Origin = Aliyun_KMS"
  (https://www.alibabacloud.com/help/doc-detail/134270.htm), so a BYOK key never has a rotation
  period and ``kms.rotation-over-90-days`` reports it, as it reports GCP's import-only keys without
  one: its material stays the same until it is replaced by a new key.
* ``deletion_protection``: ``DeletionProtection`` ``Enabled``/``Disabled``.
* ``public``: unknown. KMS keys can carry a key policy (GetKeyPolicy, read by
  terraform-provider-alicloud for keys in a KMS instance), which the scan does not read.

A key whose DescribeKey failed keeps its id and ARN; every field above is then unknown.
"""

from __future__ import annotations

import math
import re
from typing import Any

from scanner.inventory.model import KmsKey
from scanner.providers.alibaba.translate.common import MISSING, origin

_DETAIL_FIELDS = ("state", "purpose", "rotation_period_days", "origin_external", "deletion_protection")
# KeySpec values of asymmetric keys (CreateKey's KeySpec: RSA_2048, RSA_3072, EC_P256, EC_P256K, EC_SM2)
_ASYMMETRIC = re.compile(r"(RSA|EC)_")
_INTERVAL = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def key_id(account: str, region: str, raw: dict[str, Any]) -> str:
    """The key's ARN (``acs:kms:<region>:<account>:key/<id>``), as ListKeys and DescribeKey give it."""
    arn = raw.get("KeyArn") or raw.get("Arn")
    return str(arn) if arn else f"acs:kms:{region}:{account}:key/{raw.get('KeyId')}"


def snake(word: object) -> str | None:
    """``PendingDeletion`` -> ``pending_deletion``; ``None`` for nothing."""
    text = str(word or "").strip()
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", text).lower() or None


def purpose(usage: object, spec: object) -> str | None:
    text = str(usage or "").strip().upper()
    if not text:
        return None
    if text == "SIGN/VERIFY":
        return "sign_verify"
    if text == "ENCRYPT/DECRYPT":
        return "asymmetric_decrypt" if _ASYMMETRIC.match(str(spec or "")) else "encrypt_decrypt"
    return text.lower().replace("/", "_")


def interval_days(value: object) -> int | None:
    """A rotation interval in whole days, rounded up; ``None`` if unreadable.

    DescribeKey answers seconds (``"7776000s"``); Terraform's ``rotation_interval`` also takes
    ``d``, ``h`` and ``m`` (``"90d"``; the provider's documentation of ``alicloud_kms_key``).
    """
    found = _INTERVAL.fullmatch(str(value or ""))
    if found is None:
        return None
    seconds = float(found.group(1)) * _SECONDS[found.group(2)]
    return math.ceil(seconds / 86400) if seconds > 0 else None


def key(account: str, region: str, listed: dict[str, Any], detail: Any) -> KmsKey:
    unknown = {"public"}
    fields: dict[str, Any] = {}
    native = dict(listed)
    if detail is MISSING:
        unknown.update(_DETAIL_FIELDS)
    else:
        native.update(detail)
        rotation = str(detail.get("AutomaticRotation") or "")
        days = interval_days(detail.get("RotationInterval")) if rotation == "Enabled" else None
        if (rotation == "Enabled" and days is None) or not rotation:
            unknown.add("rotation_period_days")
        origin_value = detail.get("Origin")
        protection = detail.get("DeletionProtection")
        fields = {
            "state": snake(detail.get("KeyState")),
            "purpose": purpose(detail.get("KeyUsage"), detail.get("KeySpec")),
            "rotation_period_days": days,
            "origin_external": origin_value == "EXTERNAL" if origin_value else None,
            "deletion_protection": protection == "Enabled" if protection else None,
        }
        checked = ("state", "purpose", "origin_external", "deletion_protection")
        unknown.update(f for f in checked if fields[f] is None)
    return KmsKey(
        provider="alibaba",
        account=account,
        region=region,
        id=key_id(account, region, native),
        name=str(listed.get("KeyId") or ""),
        origin=origin("kms", "DescribeKey" if detail is not MISSING else "ListKeys"),
        unknown=frozenset(unknown),
        native=native,
        **fields,
    )
