"""``google_kms_crypto_key`` -> kms_key records: rotation, purpose, and public from its IAM resources.

Provider documentation (``website/docs/r/kms_crypto_key.html.markdown``):
``purpose`` "Default value is ENCRYPT_DECRYPT"; ``rotation_period`` is optional
and a key without one is never rotated automatically. A key Terraform creates
starts with an enabled primary version. ``public``: ``allUsers`` or
``allAuthenticatedUsers`` in a ``google_kms_crypto_key_iam_member``/``_binding``
of the key (``_policy``: its ``policy_data``).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import KmsKey, Resource
from scanner.providers.gcp.link import PUBLIC_MEMBERS
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.terraform.grants import policy_bindings
from scanner.providers.gcp.translate.kms import duration_days
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, known_list, record, value
from scanner.sources.terraform.translate.context import TfContext

IAM_TYPES = (
    "google_kms_crypto_key_iam_member",
    "google_kms_crypto_key_iam_binding",
    "google_kms_crypto_key_iam_policy",
)


def _public(res: TfResource, ctx: TfContext) -> object:
    members: list[object] = []
    for grant in ctx.companions(res.address, *IAM_TYPES, via="crypto_key_id"):
        if grant.type.endswith("_member"):
            members.append(grant.get("member"))
        elif grant.type.endswith("_binding"):
            found = grant.get("members")
            members.extend(found if isinstance(found, list) else [UNKNOWN])
        else:
            bindings = policy_bindings(grant.get("policy_data"))
            if bindings is None:
                members.append(UNKNOWN)
            else:
                members.extend(m for b in bindings for m in b.get("members") or [])
    if any(m in PUBLIC_MEMBERS for m in known_list(members)):
        return True
    return UNKNOWN if has_unknown(members) else False


def crypto_key(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("purpose", value(res, "purpose", "ENCRYPT_DECRYPT"), lambda p: str(p).lower())
    rotation = res.get("rotation_period")
    f.set("rotation_period_days", UNKNOWN if is_unknown(rotation) else duration_days(rotation))
    f.set("state", "enabled")
    f.set("origin_external", value(res, "import_only", False))
    f.set("public", _public(res, ctx))
    ring = res.get("key_ring")
    region = (
        ring.split("/locations/")[1].split("/")[0]
        if isinstance(ring, str) and "/locations/" in ring
        else None
    )
    yield record(
        KmsKey,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=region,
        name=res.get("name"),
        fields=f,
    )
