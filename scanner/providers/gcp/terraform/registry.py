"""``google_artifact_registry_repository`` and its IAM companions -> repository records, public,
pushers, deleters and admins, vulnerability scanning, cleanup policies and tag immutability.

Provider documentation (``website/docs/r/artifact_registry_repository.html.markdown``):

* ``vulnerability_scanning_config.enablement_config``: ``INHERITED`` or
  ``DISABLED``. ``DISABLED`` turns scanning off; ``INHERITED`` (and the unset
  value, which Artifact Registry treats as ``INHERITED`` for Docker
  repositories) scans only when the Container Scanning API is on in the project
  (Artifact Registry v1 ``EnablementConfig``: "Scanning is Enabled, but
  dependent on API enablement"), which the code does not show: unknown. Other
  formats are not scanned and say nothing, as live.
* ``cleanup_policies`` blocks and ``cleanup_policy_dry_run`` ("If true, the
  cleanup pipeline is prevented from deleting versions"): a cleanup policy
  counts when one is declared and dry run is not on, the live rule.
* ``docker_config.immutable_tags``: optional, unset is mutable.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    Repository,
    Resource,
)
from scanner.providers.gcp.link import (
    REPOSITORY_ADMIN_ROLES,
    REPOSITORY_DELETE_ROLES,
    REPOSITORY_WRITE_ROLES,
)
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.terraform.grants import grants
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def repository(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    found = grants(ctx, res, "google_artifact_registry_repository", via="repository")
    f = Fields()
    f.set("format", res.get("format"), lambda v: str(v).lower())
    public, anonymous = found.public(), "allUsers" in found.members()
    f.set("public", UNKNOWN if found.unknown and not public else public)
    f.set("anonymous_pull", UNKNOWN if found.unknown and not anonymous else anonymous)
    # who may push, delete, administer: the live rule on the repository's IAM resources in the code
    for field, roles in (
        ("pushers", REPOSITORY_WRITE_ROLES),
        ("deleters", REPOSITORY_DELETE_ROLES),
        ("admins", REPOSITORY_ADMIN_ROLES),
    ):
        if found.unknown:
            f.mark_unknown(field)
        else:
            f.set(field, tuple(sorted(found.members(roles))))
    kms = res.get("kms_key_name")
    f.set("kms_key", kms)
    f.set(
        "encryption", "provider" if kms is None else kms, lambda k: "customer_key" if k != "provider" else k
    )
    docker = res.block("docker_config")
    if str(res.get("format", "")).upper() == "DOCKER":
        f.set("tag_immutability", as_bool(value(docker, "immutable_tags", False)))
        scanning = value(res.block("vulnerability_scanning_config"), "enablement_config", "INHERITED")
        f.set("vulnerability_scanning", UNKNOWN if scanning != "DISABLED" else False)
    policies, dry_run = res.get("cleanup_policies"), as_bool(value(res, "cleanup_policy_dry_run", False))
    if has_unknown(policies) and not res.blocks("cleanup_policies"):
        f.mark_unknown("cleanup_policy")
    else:
        f.set("cleanup_policy", dry_run, lambda dry: bool(res.blocks("cleanup_policies")) and not dry)
    yield record(
        Repository,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=value(res, "location", ctx.providers.get("google", "region")),
        name=res.get("repository_id"),
        fields=f,
        tags=res.get("labels"),
    )
