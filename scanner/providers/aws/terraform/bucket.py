"""``aws_s3_bucket`` and its companions (ACL, policy, public access block, encryption ...) -> bucket
records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Bucket,
    Resource,
)
from scanner.providers.aws.terraform.common import base_fields, one_companion, open_statements
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    policy_document,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext

PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)
S3_READ = ("s3:*", "s3:getobject", "*", "s3:listbucket")
S3_WRITE = ("s3:*", "s3:putobject", "s3:deleteobject", "*")


def _acl_public(ctx: TfContext, res: TfResource) -> tuple[Any, Any]:
    """(read, write) granted to everyone by the bucket's ACL; ``UNKNOWN`` where not literal.

    With object ownership ``BucketOwnerEnforced`` (``aws_s3_bucket_ownership_controls``)
    "ACLs are disabled and no longer affect permissions" (S3 User Guide, "Controlling
    ownership of objects"), so no ACL makes the bucket public.
    """
    ownership = one_companion(ctx, res, "aws_s3_bucket_ownership_controls", "bucket")
    if ownership is not None:
        setting = ownership.block("rule").get("object_ownership")
        if setting == "BucketOwnerEnforced":
            return False, False
    acl_res = one_companion(ctx, res, "aws_s3_bucket_acl", "bucket")
    canned = acl_res.get("acl") if acl_res is not None else res.get("acl")
    if is_unknown(canned):
        return UNKNOWN, UNKNOWN
    read = canned in ("public-read", "public-read-write", "authenticated-read")
    write = canned == "public-read-write"
    policy = acl_res.block("access_control_policy") if acl_res is not None else {}
    for grant in policy.get("grant") or []:
        grantee = (grant.get("grantee") or [{}])[0] if isinstance(grant.get("grantee"), list) else {}
        uri, permission = grantee.get("uri"), grant.get("permission")
        if is_unknown(uri) or is_unknown(permission):
            return UNKNOWN, UNKNOWN
        if uri in PUBLIC_GRANTEES:
            read = read or permission in ("READ", "FULL_CONTROL")
            write = write or permission in ("WRITE", "FULL_CONTROL")
    return read, write


def _block(ctx: TfContext, res: TfResource) -> dict[str, Any] | None:
    """The four Block Public Access settings from the code (each "Defaults to `false`"), or ``None``."""
    found = one_companion(ctx, res, "aws_s3_bucket_public_access_block", "bucket")
    if found is None:
        return None
    keys = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    return {k: as_bool(value(found, k, False)) for k in keys}


def s3_bucket(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    acl_read, acl_write = _acl_public(ctx, res)
    policy_res = one_companion(ctx, res, "aws_s3_bucket_policy", "bucket")
    doc = policy_document(policy_res.get("policy") if policy_res is not None else res.get("policy"))
    block = _block(ctx, res)
    acls_blocked = block is not None and (
        block["ignore_public_acls"] is True or block["block_public_acls"] is True
    )
    policy_blocked = block is not None and (
        block["restrict_public_buckets"] is True or block["block_public_policy"] is True
    )
    declared = False
    for field, acl, actions in (("public_read", acl_read, S3_READ), ("public_write", acl_write, S3_WRITE)):
        acl_part = False if acls_blocked else acl
        policy_part = (
            False if policy_blocked else (UNKNOWN if doc is UNKNOWN else open_statements(doc, actions))
        )
        if acl_part is True or policy_part is True:
            f.set(field, True)
            declared = True
        elif acl_part is UNKNOWN or policy_part is UNKNOWN or (block is not None and has_unknown(block)):
            f.mark_unknown(field)
        else:
            f.set(field, False)
    if block is None:
        # New buckets have all four Block Public Access settings on since April 2023
        # (S3 User Guide, "Blocking public access to your Amazon S3 storage"); a public
        # grant in the code can only be applied with them off.
        f.set("public_access_blocked", not declared)
    elif has_unknown(block):
        f.mark_unknown("public_access_blocked")
    else:
        f.set("public_access_blocked", all(v is True for v in block.values()))
    _s3_encryption(ctx, res, f)
    versioning = one_companion(ctx, res, "aws_s3_bucket_versioning", "bucket")
    status = versioning.block("versioning_configuration").get("status") if versioning is not None else None
    if versioning is None and res.block("versioning"):
        inline = as_bool(res.block("versioning").get("enabled"))
        status = inline if is_unknown(inline) else ("Enabled" if inline is True else "Suspended")
    if is_unknown(status):
        f.mark_unknown("versioning")
    else:
        f.set("versioning", status == "Enabled")  # new buckets are unversioned until enabled
    logging = one_companion(ctx, res, "aws_s3_bucket_logging", "bucket")
    # Server access logging "is disabled by default" (S3 User Guide, ServerLogs).
    f.set("access_logging", logging is not None or bool(res.block("logging")))
    yield record(
        Bucket,
        res,
        **base_fields(ctx),
        name=res.get("bucket"),
        fields=f,
        tags=res.get("tags"),
        extra_native={"public_access_block": None if block is None else dict(block)},
    )


def _s3_encryption(ctx: TfContext, res: TfResource, f: Fields) -> None:
    found = one_companion(ctx, res, "aws_s3_bucket_server_side_encryption_configuration", "bucket")
    config = found.values if found is not None else res.block("server_side_encryption_configuration")
    rule = (config.get("rule") or [{}])[0] if isinstance(config.get("rule"), list) else {}
    default = (rule.get("apply_server_side_encryption_by_default") or [{}])[0] if rule else {}
    algorithm, key = default.get("sse_algorithm"), default.get("kms_master_key_id")
    if is_unknown(algorithm):
        f.mark_unknown("encryption")
    elif str(algorithm or "").startswith("aws:kms") and key is not None:
        f.set("encryption", "customer_key")
        f.set("kms_key", key, str)
    else:
        f.set("encryption", "provider")  # SSE-S3 base level for every bucket (see module docstring)
