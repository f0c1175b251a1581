"""Who may push to, delete from, administer an Artifact Registry repository: live and in Terraform.

Live scans run the real Google client libraries against the fake API server on 127.0.0.1; the
repository's own IAM bindings and the project's bindings of the same roles both count, the latter
listed as ``MEMBER (via project)``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scanner.inventory.model import Repository
from tests.fakes.gcp_landing_zone import PROD, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env, permission_denied
from tests.helpers import run
from tests.terraform_support import builtin_policies, findings, scan_hcl

REPO = f"projects/{PROD}/locations/us-central1/repositories/containers"
RULE = "registry.push-granted-to-user"


def _world(repo_bindings: list[dict[str, Any]], project_bindings: list[dict[str, Any]]) -> Any:
    world = landing_zone()
    prod = world.projects[PROD]
    prod["repository_iam"][REPO] = {"bindings": repo_bindings}
    bindings = [dict(b) for b in prod["iam"]["bindings"]]
    for extra in project_bindings:  # one binding per role, as IAM keeps them
        same = [b for b in bindings if b["role"] == extra["role"]]
        if same:
            same[0]["members"] = [*same[0]["members"], *extra["members"]]
        else:
            bindings.append(extra)
    prod["iam"] = {**prod["iam"], "bindings": bindings}
    return world


def _scan(world: Any, tmp_path: Path, fail_project_iam: bool = False) -> tuple[dict[str, Any], list[Any]]:
    """Repositories by name from the collected inventory, and the scan's findings of RULE."""
    snapshot = tmp_path / "inventory.json"
    with FakeGoogle(world) as fake:
        if fail_project_iam:
            denied = permission_denied("resourcemanager.projects.getIamPolicy", f"projects/{PROD}")
            fake.fail("POST", f"/v3/projects/{PROD}:getIamPolicy", denied)
        run("collect", "--provider", "gcp", "--project", PROD, "-o", str(snapshot), env=gcp_env(fake.url))
    repos = {
        r["name"]: r for r in json.loads(snapshot.read_text())["resources"] if r.get("kind") == "repository"
    }
    report = json.loads(run("scan", "--inventory", str(snapshot), "-f", "json").stdout)
    hits = [f for f in report["findings"] if f["rule_id"] == RULE]
    return repos, hits


def _b(role: str, *members: str) -> dict[str, Any]:
    return {"role": f"roles/artifactregistry.{role}", "members": list(members)}


def test_repository_writer_user_is_flagged_and_a_group_or_service_account_only_listed(tmp_path: Path) -> None:
    sa = f"serviceAccount:ci@{PROD}.iam.gserviceaccount.com"
    repos, hits = _scan(
        _world([_b("writer", "user:dev@example.com", "group:ci@example.com", sa)], []), tmp_path
    )
    assert repos["containers"]["pushers"][:3] == ["group:ci@example.com", sa, "user:dev@example.com"]
    assert [h["resource"]["name"] for h in hits] == ["containers"]
    assert "user:dev@example.com" in hits[0]["message"]


def test_project_writer_is_listed_via_project_on_every_repository_and_a_user_is_flagged(
    tmp_path: Path,
) -> None:
    repos, hits = _scan(_world([], [_b("writer", "user:eve@example.com")]), tmp_path)
    for repo in repos.values():
        assert "user:eve@example.com (via project)" in repo["pushers"]
        assert not repo.get("deleters") or "user:eve@example.com (via project)" not in repo["deleters"]
    assert sorted(h["resource"]["name"] for h in hits) == sorted(repos)


def test_repo_admin_deletes_and_admin_administers(tmp_path: Path) -> None:
    world = _world(
        [_b("repoAdmin", "group:release@example.com")],
        [_b("admin", "group:platform@example.com")],
    )
    repos, hits = _scan(world, tmp_path)
    containers, base = repos["containers"], repos["base-images"]
    assert "group:release@example.com" in containers["deleters"]
    assert "group:release@example.com" not in containers.get("admins", [])
    assert "group:platform@example.com (via project)" in base["deleters"]
    assert base["admins"] == ["group:platform@example.com (via project)"]
    assert hits == []


def test_unreadable_project_policy_leaves_who_may_push_unknown_everywhere(tmp_path: Path) -> None:
    repos, hits = _scan(_world([_b("writer", "user:dev@example.com")], []), tmp_path, fail_project_iam=True)
    for repo in repos.values():
        assert {"pushers", "deleters", "admins"} <= set(repo["unknown"])
    assert hits == []


PROVIDER = 'provider "google" {\n  project = "p-1"\n}\n'
REPOSITORIES = """
resource "google_artifact_registry_repository" "r" {
  repository_id = "r"
  format        = "DOCKER"
  location      = "us"
}
resource "google_artifact_registry_repository" "other" {
  repository_id = "other"
  format        = "DOCKER"
  location      = "us"
}
"""


def _tf(tmp_path: Path, hcl: str) -> tuple[dict[str, Repository], set[str]]:
    records = scan_hcl(tmp_path, PROVIDER, REPOSITORIES + hcl)
    repos = {r.name: r for r in records.values() if isinstance(r, Repository)}
    flagged = {rid for rule, rid in findings(records, builtin_policies()) if rule == RULE}
    return repos, {records[rid].name for rid in flagged}


def test_terraform_repository_grants_fill_pushers_deleters_admins(tmp_path: Path) -> None:
    repos, flagged = _tf(
        tmp_path,
        """
resource "google_artifact_registry_repository_iam_member" "w" {
  repository = google_artifact_registry_repository.r.name
  role       = "roles/artifactregistry.writer"
  member     = "user:dev@example.com"
}
resource "google_artifact_registry_repository_iam_binding" "d" {
  repository = google_artifact_registry_repository.r.name
  role       = "roles/artifactregistry.repoAdmin"
  members    = ["group:release@example.com"]
}
resource "google_artifact_registry_repository_iam_member" "a" {
  repository = google_artifact_registry_repository.r.name
  role       = "roles/artifactregistry.admin"
  member     = "serviceAccount:ops@p-1.iam.gserviceaccount.com"
}
""",
    )
    ops = "serviceAccount:ops@p-1.iam.gserviceaccount.com"
    assert repos["r"].pushers == ("group:release@example.com", ops, "user:dev@example.com")
    assert repos["r"].deleters == ("group:release@example.com", ops)
    assert repos["r"].admins == (ops,)
    assert repos["other"].pushers == ()
    assert flagged == {"r"}


def test_terraform_project_grants_count_on_every_repository_of_the_project(tmp_path: Path) -> None:
    repos, flagged = _tf(
        tmp_path,
        """
resource "google_project_iam_member" "w" {
  project = "p-1"
  role    = "roles/artifactregistry.writer"
  member  = "user:eve@example.com"
}
resource "google_project_iam_binding" "a" {
  project = "p-1"
  role    = "roles/artifactregistry.admin"
  members = ["group:platform@example.com"]
}
resource "google_project_iam_member" "elsewhere" {
  project = "p-2"
  role    = "roles/artifactregistry.admin"
  member  = "user:mallory@example.com"
}
""",
    )
    for repo in repos.values():
        assert repo.pushers == (
            "group:platform@example.com (via project)",
            "user:eve@example.com (via project)",
        )
        assert repo.deleters == repo.admins == ("group:platform@example.com (via project)",)
    assert flagged == {"r", "other"}


def test_terraform_project_grant_with_unknown_project_leaves_the_fields_unknown(tmp_path: Path) -> None:
    repos, flagged = _tf(
        tmp_path,
        """
variable "project" {
  type = string
}
resource "google_project_iam_member" "w" {
  project = var.project
  role    = "roles/artifactregistry.writer"
  member  = "user:eve@example.com"
}
""",
    )
    for repo in repos.values():
        assert {"pushers", "deleters", "admins"} <= repo.unknown
    assert flagged == set()
