"""``google_artifact_registry_repository`` and its IAM companions -> repository records, public and
pushers, vulnerability scanning, cleanup policies and tag immutability.

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

Who may push, delete, administer (``pushers``, ``deleters``, ``admins``), the live rule
(``scanner/providers/gcp/translate/registry.py``): the Artifact Registry roles granted by
``google_artifact_registry_repository_iam_member``/``_iam_binding``/``_iam_policy``
(``website/docs/r/artifact_registry_repository_iam.html.markdown``: ``repository``, ``role``,
``member``/``members``, ``policy_data``), plus the same roles granted by
``google_project_iam_member``/``_iam_binding``/``_iam_policy`` (``google_project_iam.html.markdown``)
in the repository's project, listed as ``MEMBER (via project)``. A project grant whose project,
role or members the code does not show, or a repository whose project it does not show, makes
the three fields unknown.
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    Repository,
    Resource,
)
from scanner.providers.gcp.link import REPOSITORY_ACCESS_FIELDS, via_project
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.terraform.grants import Grants, grants
from scanner.providers.gcp.terraform.iam import PROJECT_IAM_TYPES, project_grants
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def _project_grants(res: TfResource, ctx: TfContext) -> Grants | None:
    """Roles granted in the repository's project; ``None`` when that is not knowable."""
    project = account_of(res, ctx)
    if project is None or has_unknown(project):
        return None
    out = Grants()
    for other in ctx.of_type(*PROJECT_IAM_TYPES):
        theirs = account_of(other, ctx)
        if theirs is None or has_unknown(theirs):
            return None
        if theirs != project:
            continue
        for role, members in project_grants(other):
            out.add(role, members)
    return None if out.unknown else out


def repository(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    found = grants(ctx, res, "google_artifact_registry_repository", via="repository")
    f = Fields()
    f.set("format", res.get("format"), lambda v: str(v).lower())
    public, anonymous = found.public(), "allUsers" in found.members()
    f.set("public", UNKNOWN if found.unknown and not public else public)
    f.set("anonymous_pull", UNKNOWN if found.unknown and not anonymous else anonymous)
    project = _project_grants(res, ctx)
    for name, roles in REPOSITORY_ACCESS_FIELDS:
        if found.unknown or project is None:
            f.mark_unknown(name)
        else:
            f.set(name, tuple(sorted(found.members(roles))) + via_project(project.members(roles)))
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
