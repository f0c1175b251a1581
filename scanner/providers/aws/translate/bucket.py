"""S3 buckets into bucket records: public access (ACL, policy, Block Public Access), encryption,
versioning, logging."""

from __future__ import annotations

from scanner.inventory.model import Bucket
from scanner.providers.aws import link
from scanner.providers.aws.raw import AccountRaw
from scanner.providers.aws.translate.common import base, jsonable

PUBLIC_INPUTS = ("acl", "policy", "public_access_block")


def buckets(raw: AccountRaw) -> list[Bucket]:
    out = []
    account_known = "public_access_block" in raw.account_settings
    account_block = raw.account_settings.get("public_access_block")
    for item in raw.buckets or []:
        name = item["Name"]
        if name not in raw.bucket_details or name not in raw.bucket_regions:
            continue
        details = raw.bucket_details[name]
        if not details:
            continue  # outside the requested regions
        unknown = set()
        public_known = account_known and all(k in details for k in PUBLIC_INPUTS)
        read, write = link.bucket_public(details, account_block)
        if not public_known:
            unknown |= {"public_read", "public_write", "public_access_blocked"}
        block = link.effective_block(details.get("public_access_block"), account_block)
        fields: dict[str, object] = {
            "public_read": read if public_known else None,
            "public_write": write if public_known else None,
            "public_access_blocked": all(block.values()) if public_known else None,
        }
        if "encryption" in details:
            fields["encryption"], fields["kms_key"] = link.bucket_encryption(details["encryption"])
        else:
            unknown.add("encryption")
        if "versioning" in details:
            fields["versioning"] = (details["versioning"] or {}).get("Status") == "Enabled"
        else:
            unknown.add("versioning")
        if "logging" in details:
            fields["access_logging"] = details["logging"] is not None
        else:
            unknown.add("access_logging")
        native = {
            **item,
            **details,
            "account_public_access_block": account_block,
            "default_encryption_configured": details.get("encryption") is not None,
        }
        out.append(
            Bucket(
                **base(
                    raw.account,
                    item,
                    "s3.ListBuckets",
                    id=f"arn:{raw.partition}:s3:::{name}",
                    name=name,
                    region=raw.bucket_regions[name],
                    native=jsonable(native),
                ),
                unknown=frozenset(unknown),
                **fields,  # type: ignore[arg-type]
            )
        )
    return out
