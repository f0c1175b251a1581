"""Artifact Registry repositories into repository records: public, and who can push, delete, administer.

``pushers``: members of the writing roles (``link.REPOSITORY_WRITE_ROLES``); ``deleters``: of the
roles that also delete artifacts (``roles/artifactregistry.repoAdmin``, ``.createOnPushRepoAdmin``,
``.admin``); ``admins``: of ``roles/artifactregistry.admin`` (every ``artifactregistry.*`` permission,
IAM included), read from the repository's IAM policy (Google Cloud's "Artifact Registry roles
and permissions" page, https://cloud.google.com/iam/docs/roles-permissions/artifactregistry).

The same roles bound in the project's IAM policy hold on every repository of the project (IAM
inheritance), so they are counted too, each member marked ``MEMBER (via project)`` so a reader
tells them from the repository's own grants. An unread project policy leaves the three fields
unknown on every repository rather than passing them. Basic roles (``roles/owner``,
``roles/editor``) and folder/organization bindings are not counted (docs/gcp.md).
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Repository
from scanner.providers.gcp import link
from scanner.providers.gcp.link import REPOSITORY_ACCESS_FIELDS, via_project
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last

# ``vulnerabilityScanningConfig.enablementState``: scanning runs, or is off (by the repository's
# ``enablementConfig: DISABLED`` or because the Container Scanning API is off); unsupported formats
# (and answers without the block) say nothing.
_SCANNING = {"SCANNING_ACTIVE": True, "SCANNING_DISABLED": False}


def _members(policy: dict[str, Any], roles: frozenset[str]) -> tuple[str, ...]:
    bindings = policy.get("bindings", []) or []
    return tuple(sorted({m for b in bindings if b.get("role") in roles for m in b.get("members", [])}))


def _scanning(item: dict[str, Any]) -> bool | None:
    return _SCANNING.get(str((item.get("vulnerabilityScanningConfig") or {}).get("enablementState", "")))


def repositories(raw: ProjectRaw) -> list[Repository]:
    out = []
    for item in raw.repositories or []:
        name = item["name"]
        policy = raw.repository_iam.get(name)
        kms_key = item.get("kmsKeyName")
        public = anonymous = None
        access: dict[str, tuple[str, ...]] = {field: () for field, _ in REPOSITORY_ACCESS_FIELDS}
        project = raw.project_iam
        if policy is not None:
            public, anonymous = link.repository_public(policy)
        if policy is not None and project is not None:
            for field, roles in REPOSITORY_ACCESS_FIELDS:
                access[field] = _members(policy, roles) + via_project(_members(project, roles))
        unknown = set() if policy is not None else {"public", "anonymous_pull"}
        if policy is None or project is None:
            unknown |= {"pushers", "deleters", "admins"}
        native = {**item, "iamPolicy": policy} if policy is not None else item
        docker = item.get("dockerConfig") or {}
        out.append(
            Repository(
                **base(
                    raw.project,
                    native,
                    "artifactregistry.repositories.list",
                    id=name,
                    name=last(name),
                    region=name.split("/locations/")[1].split("/")[0] if "/locations/" in name else "",
                ),
                format=str(item.get("format", "")).lower() or None,
                public=public,
                anonymous_pull=anonymous,
                **access,
                unknown=frozenset(unknown),
                tag_immutability=bool(docker.get("immutableTags"))
                if item.get("format") == "DOCKER"
                else None,
                encryption="customer_key" if kms_key else "provider",
                kms_key=kms_key,
                vulnerability_scanning=_scanning(item),
                # a dry-run cleanup policy only reports what it would delete
                cleanup_policy=bool(item.get("cleanupPolicies"))
                and not item.get("cleanupPolicyDryRun", False),
            )
        )
    return out
