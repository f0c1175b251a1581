"""ECR: each region's private registry (its scanning configuration) and its repositories."""

from __future__ import annotations

from scanner.inventory.model import Registry, Repository
from scanner.providers.aws import link
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.translate.common import arn, base, jsonable


def registries(raw: AccountRaw, region: RegionRaw) -> list[Registry]:
    if region.registry_scanning is None:
        return []
    scanning = region.registry_scanning
    return [
        Registry(
            **base(
                raw.account,
                scanning,
                "ecr.GetRegistryScanningConfiguration",
                id=arn(raw.partition, "ecr", region.region, raw.account, "registry"),
                name=f"{raw.account}.dkr.ecr.{region.region}",
                region=region.region,
                native=jsonable(scanning),
            ),
            anonymous_pull=False,  # a private registry always needs an authenticated principal
            scan_on_push=link.registry_scan_on_push(scanning),
        )
    ]


def repositories(raw: AccountRaw, region: RegionRaw) -> list[Repository]:
    out = []
    registry = arn(raw.partition, "ecr", region.region, raw.account, "registry")
    for item in region.repositories or []:
        name = item["repositoryName"]
        unknown = set()
        if name in region.repository_policies:
            public, pushers = link.repository_public(region.repository_policies[name])
        else:
            public, pushers = False, ()
            unknown |= {"public", "pushers"}
        if region.registry_scanning is None and not (item.get("imageScanningConfiguration") or {}).get(
            "scanOnPush"
        ):
            unknown.add("scan_on_push")
        encryption = item.get("encryptionConfiguration") or {}
        kms = encryption.get("kmsKey")
        native = {
            **item,
            "policy": region.repository_policies.get(name),
            "lifecycle_policy": region.lifecycle_policies.get(name),
            "lifecycle_policy_configured": region.lifecycle_policies.get(name) is not None
            if name in region.lifecycle_policies
            else None,
        }
        out.append(
            Repository(
                **base(
                    raw.account,
                    item,
                    "ecr.DescribeRepositories",
                    id=item["repositoryArn"],
                    name=name,
                    region=region.region,
                    native=jsonable(native),
                ),
                relations={"registry": (registry,)},
                unknown=frozenset(unknown),
                format="docker",
                public=None if "public" in unknown else public,
                anonymous_pull=False,
                pushers=pushers,
                scan_on_push=link.repository_scan_on_push(item, region.registry_scanning),
                tag_immutability=str(item.get("imageTagMutability", "MUTABLE")).startswith("IMMUTABLE"),
                encryption="customer_key" if kms else "provider",
                kms_key=kms,
            )
        )
    return out
