"""``alicloud_oss_bucket`` and its companions (ACL, policy, encryption, Block Public Access ...) ->
bucket records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Bucket,
    Resource,
)
from scanner.providers.alibaba.terraform.common import base_fields
from scanner.providers.alibaba.translate.bucket import (
    READ_ACTIONS,
    WRITE_ACTIONS,
    denies_http,
    parse_policy,
    policy_allows_public,
    source_ranges,
)
from scanner.sources.terraform.model import UNKNOWN, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    policy_document,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def _companion(res: TfResource, ctx: TfContext, companion: str) -> TfResource | None:
    """The separate resource that configures the bucket (it wins over the inline attribute)."""
    found = ctx.companions(res.address, companion, via="bucket")
    return found[0] if found else None


def _statements(text: Any) -> Any:
    doc = policy_document(text)
    if doc is UNKNOWN:
        return UNKNOWN
    if doc is None:
        return []
    return parse_policy(json.dumps(doc))


def oss_bucket(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    native: dict[str, Any] = {}
    acl_res = _companion(res, ctx, "alicloud_oss_bucket_acl")
    # Bucket ACL "private (default)": OSS docs, Bucket ACL (alibabacloud.com/help/doc-detail/31843.htm).
    acl = acl_res.get("acl") if acl_res is not None else value(res, "acl", "private")
    policy_res = _companion(res, ctx, "alicloud_oss_bucket_policy")
    statements = _statements(policy_res.get("policy") if policy_res is not None else res.get("policy"))
    blocks = ctx.companions(res.address, "alicloud_oss_bucket_public_access_block", via="bucket")
    blocked = as_bool(blocks[0].get("block_public_access")) if blocks else None
    native.update(
        acl=None if is_unknown(acl) else acl, block_public_access=None if is_unknown(blocked) else blocked
    )
    if not is_unknown(statements):
        native["policy"] = statements
    for field, grants, actions in (
        ("public_read", ("public-read", "public-read-write"), READ_ACTIONS),
        ("public_write", ("public-read-write",), WRITE_ACTIONS),
    ):
        found = (not is_unknown(acl) and acl in grants) or (
            not is_unknown(statements) and policy_allows_public(statements, actions)
        )
        if blocked is True:
            f.set(field, False)
        elif is_unknown(blocked) or (not found and (is_unknown(acl) or is_unknown(statements))):
            f.mark_unknown(field)
        else:
            f.set(field, found)
    # https_only and allowed_source_ranges: the live rules (a Deny on acs:SecureTransport false;
    # acs:SourceIp narrowing an Allow or a Deny); no policy allows HTTP from any network.
    if is_unknown(statements):
        f.mark_unknown("https_only")
        f.mark_unknown("allowed_source_ranges")
    else:
        f.set("https_only", denies_http(statements))
        f.set("allowed_source_ranges", source_ranges(statements))
    if is_unknown(blocked):
        f.mark_unknown("public_access_blocked")
    else:
        f.set("public_access_blocked", blocked)
    _oss_encryption(res, ctx, f)
    # Versioning: "By default, versioning is disabled for a bucket" (alicloud_oss_bucket_versioning docs).
    version_res = ctx.companions(res.address, "alicloud_oss_bucket_versioning", via="bucket")
    status = version_res[0].get("status") if version_res else res.block("versioning").get("status")
    if is_unknown(status):
        f.mark_unknown("versioning")
    else:
        f.set("versioning", status == "Enabled")
    logging_res = ctx.companions(res.address, "alicloud_oss_bucket_logging", via="bucket")
    target = logging_res[0].get("target_bucket") if logging_res else res.block("logging").get("target_bucket")
    f.set("access_logging", target is not None or bool(logging_res))
    yield record(
        Bucket,
        res,
        **base_fields(res, ctx),
        name=res.get("bucket"),
        fields=f,
        tags=res.get("tags"),
        extra_native=native,
    )


def _oss_encryption(res: TfResource, ctx: TfContext, f: Fields) -> None:
    """Live rule: no server-side encryption rule is ``none``; KMS with a key id is ``customer_key``."""
    found = ctx.companions(res.address, "alicloud_oss_bucket_server_side_encryption", via="bucket")
    rule = (
        {
            "sse_algorithm": found[0].get("sse_algorithm"),
            "kms_master_key_id": found[0].get("kms_master_key_id"),
        }
        if found
        else res.block("server_side_encryption_rule")
    )
    algorithm, key = rule.get("sse_algorithm"), rule.get("kms_master_key_id")
    if is_unknown(algorithm):
        f.mark_unknown("encryption")
    elif not algorithm:
        f.set("encryption", "none")
    elif str(algorithm).upper() == "KMS" and key is not None:
        f.set("encryption", "customer_key")
        if is_unknown(key):
            f.mark_unknown("kms_key")
        else:
            f.set("kms_key", str(key))
    else:
        f.set("encryption", "provider")
