"""``alicloud_kms_key`` -> kms_key records, with the live adapter's field meanings (:mod:`..translate.kms`).

Attributes and defaults from terraform-provider-alicloud (``website/docs/r/kms_key.html.markdown`` and
``alicloud/resource_alicloud_kms_key.go`` at 81c43b6):

* ``status`` "Default value: ``Enabled``" (``Enabled``, ``Disabled``, ``PendingDeletion``); before
  v1.123.1 ``key_state`` (deprecated), before v1.85.0 ``is_enabled`` (deprecated, a bool).
* ``key_usage`` "Default value: ``ENCRYPT/DECRYPT``" and ``key_spec`` "Default value: ``Aliyun_AES_256``":
  the purpose as live (an RSA or EC spec with ``ENCRYPT/DECRYPT`` is ``asymmetric_decrypt``).
* ``automatic_rotation`` "Default value: ``Disabled``"; ``rotation_interval`` "The following units are
  supported: d (day), h (hour), m (minute), and s (second). For example, you can use either 7d or
  604800s", required when rotation is ``Enabled``: in whole days, rounded up; ``Enabled`` without a
  readable interval is unknown.
* ``origin`` "Default value: ``Aliyun_KMS``"; ``EXTERNAL`` is BYOK (``origin_external``), for which "automatic
  key rotation is unavailable".
* ``deletion_protection`` "Default value: ``Disabled``" (``Enabled``, ``Disabled``).
* ``policy`` (the key policy) is not read: ``public`` is unknown, as live.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import KmsKey, Resource
from scanner.providers.alibaba.terraform.common import base_fields, first_of
from scanner.providers.alibaba.translate.kms import interval_days, purpose, snake
from scanner.sources.terraform.model import TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, record, value
from scanner.sources.terraform.translate.context import TfContext


def _state(res: TfResource) -> Any:
    state = first_of(res, "status", "key_state")
    if state is not None:
        return state
    enabled = res.get("is_enabled")
    if enabled is None or is_unknown(enabled):
        return "Enabled" if enabled is None else enabled
    return "Enabled" if enabled in (True, "true") else "Disabled"


def _rotation(res: TfResource, f: Fields) -> None:
    rotation = value(res, "automatic_rotation", "Disabled")
    if is_unknown(rotation):
        f.mark_unknown("rotation_period_days")
    elif rotation == "Enabled":
        interval = res.get("rotation_interval")
        days = None if has_unknown(interval) else interval_days(interval)
        if days is None:
            f.mark_unknown("rotation_period_days")
        else:
            f.set("rotation_period_days", days)


def kms_key(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("state", _state(res), snake)
    usage, spec = value(res, "key_usage", "ENCRYPT/DECRYPT"), value(res, "key_spec", "Aliyun_AES_256")
    if has_unknown([usage, spec]):
        f.mark_unknown("purpose")
    else:
        f.set("purpose", purpose(usage, spec))
    _rotation(res, f)
    f.set("origin_external", value(res, "origin", "Aliyun_KMS"), lambda o: o == "EXTERNAL")
    f.set("deletion_protection", value(res, "deletion_protection", "Disabled"), lambda p: p == "Enabled")
    f.mark_unknown("public")
    yield record(KmsKey, res, **base_fields(res, ctx), name=res.name, fields=f)
