"""``aws_ecr_repository`` and its policy -> repository records, public and pushers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Repository,
    Resource,
)
from scanner.providers.aws.terraform.common import (
    as_list,
    base_fields,
    one_companion,
    open_statements,
    principals,
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

ECR_PULL = ("ecr:*", "*", "ecr:batchgetimage", "ecr:getdownloadurlforlayer")
ECR_PUSH = ("ecr:*", "*", "ecr:putimage", "ecr:initiatelayerupload", "ecr:uploadlayerpart")


def _grantees(doc: Any, actions: tuple[str, ...]) -> list[str]:
    if not isinstance(doc, dict):
        return []
    return [
        p
        for s in as_list(doc.get("Statement"))
        if isinstance(s, dict) and s.get("Effect") == "Allow"
        if any(str(a).lower() in actions for a in as_list(s.get("Action")))
        for p in principals(s)
    ]


def ecr_repository(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Defaults (aws_ecr_repository docs): ``image_tag_mutability`` "Defaults to `MUTABLE`";
    scanning "By default, image scanning must be manually triggered"; encryption_type
    "Defaults to `AES256`" (provider-managed)."""
    f = Fields()
    f.set("format", "docker")
    f.set(
        "tag_immutability",
        value(res, "image_tag_mutability", "MUTABLE"),
        lambda m: str(m).startswith("IMMUTABLE"),
    )
    f.set("scan_on_push", as_bool(value(res.block("image_scanning_configuration"), "scan_on_push", False)))
    encryption = res.block("encryption_configuration")
    kind = value(encryption, "encryption_type", "AES256")
    if is_unknown(kind):
        f.mark_unknown("encryption")
    elif str(kind).upper().startswith("KMS"):
        f.set("encryption", "customer_key")
        f.set("kms_key", encryption.get("kms_key"), str)
    else:
        f.set("encryption", "provider")
    policy = one_companion(ctx, res, "aws_ecr_repository_policy", "repository")
    doc = policy_document(policy.get("policy")) if policy is not None else None
    if doc is UNKNOWN:
        f.mark_unknown("public").mark_unknown("anonymous_pull").mark_unknown("pushers")
    else:
        public = open_statements(doc, ECR_PULL)
        f.set("public", public)
        f.set("anonymous_pull", public)
        f.set("pushers", tuple(dict.fromkeys(_grantees(doc, ECR_PUSH))))
    yield record(Repository, res, **base_fields(ctx), fields=f, tags=res.get("tags"))
