"""The per-project tasks of the core services: Compute Engine, Cloud SQL, Cloud Storage, the project's
IAM policy, Artifact Registry and service accounts.

Each task is one (project, service call) whose answer lands in the project's
:class:`~scanner.providers.gcp.raw.ProjectRaw`; a listing whose items need one
more call each (bucket and repository IAM policies, service account keys: the
APIs have no list form for them) returns one follow-up task per item.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.services import artifactregistry, compute, iam, resourcemanager, sqladmin, storage
from scanner.providers.gcp.settings import Settings
from scanner.sources.pool import Task

if TYPE_CHECKING:
    from scanner.providers.gcp.plan import Collection

ONE_CALL: dict[str, tuple[str, str, Callable[[Settings, str], Any]]] = {
    "networks": ("compute", "networks.list", compute.networks),
    "subnetworks": ("compute", "subnetworks.aggregatedList", compute.subnetworks),
    "routes": ("compute", "routes.list", compute.routes),
    "routers": ("compute", "routers.aggregatedList", compute.routers),
    "firewalls": ("compute", "firewalls.list", compute.firewalls),
    "instances": ("compute", "instances.aggregatedList", compute.instances),
    "compute_project": ("compute", "projects.get", compute.project),
    "disks": ("compute", "disks.aggregatedList", compute.disks),
    "addresses": ("compute", "addresses.aggregatedList", compute.addresses),
    "snapshots": ("compute", "snapshots.list", compute.snapshots),
    "backend_services": ("compute", "backendServices.aggregatedList", compute.backend_services),
    "sql_instances": ("sqladmin", "instances.list", sqladmin.instances),
    "project_iam": ("cloudresourcemanager", "projects.getIamPolicy", resourcemanager.project_iam),
}
"""The project's facts that one call answers, each landing in the :class:`ProjectRaw` field it names."""
# What a disabled API's call stands for: nothing (no metadata for the compute project itself).
EMPTY: dict[str, Any] = {"compute_project": None}
# Not listings: the project's IAM policy stays missing when its API is disabled.
NO_EMPTY = frozenset({"project_iam"})


def project_tasks(collection: Collection, raw: ProjectRaw) -> list[Task]:
    compute_fields = [field for field, (service, _, _) in ONE_CALL.items() if service == "compute"]
    tasks: list[Task] = [_one_call(collection, raw, field) for field in compute_fields]
    tasks += [_one_call(collection, raw, "sql_instances"), _buckets(collection, raw)]
    tasks.append(_one_call(collection, raw, "project_iam"))
    return [*tasks, _registry_locations(collection, raw), _service_accounts(collection, raw)]


def _one_call(collection: Collection, raw: ProjectRaw, field: str) -> Task:
    service, operation, fn = ONE_CALL[field]
    empty = {} if field in NO_EMPTY else {"empty": EMPTY.get(field, [])}

    def run() -> list[Task]:
        found = collection.attempt(
            raw.project, service, operation, lambda: fn(collection.settings, raw.project), **empty
        )
        if found is not collection.MISSING:
            setattr(raw, field, found)
        return []

    return run


def _buckets(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        found = collection.attempt(
            raw.project, "storage", "buckets.list", lambda: storage.buckets(collection.settings, raw.project)
        )
        if found is collection.MISSING:
            return []
        raw.buckets = [b for b in found if collection.wanted(str(b.get("location", "")))]
        return [_bucket_iam(collection, raw, b["name"]) for b in raw.buckets]

    return run


def _registry_locations(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        found = collection.attempt(
            raw.project,
            "artifactregistry",
            "locations.list",
            lambda: artifactregistry.locations(collection.settings, raw.project),
            empty=[],
        )
        if found is collection.MISSING:
            return []
        raw.repositories = []
        return [_repositories(collection, raw, location) for location in found if collection.wanted(location)]

    return run


def _repositories(collection: Collection, raw: ProjectRaw, location: str) -> Task:
    def run() -> list[Task]:
        found = collection.attempt(
            raw.project,
            "artifactregistry",
            "repositories.list",
            lambda: artifactregistry.repositories(collection.settings, raw.project, location),
            region=location,
        )
        if found is collection.MISSING:
            return []
        with collection.lock:
            assert raw.repositories is not None
            raw.repositories.extend(found)
        return [_repository_iam(collection, raw, r["name"]) for r in found]

    return run


def _service_accounts(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        found = collection.attempt(
            raw.project,
            "iam",
            "serviceAccounts.list",
            lambda: iam.service_accounts(collection.settings, raw.project),
        )
        if found is collection.MISSING:
            return []
        raw.service_accounts = found
        return [_service_account_keys(collection, raw, a["name"]) for a in found if a.get("name")]

    return run


def _bucket_iam(collection: Collection, raw: ProjectRaw, bucket: str) -> Task:
    fetch = partial(storage.bucket_iam, collection.settings, raw.project, bucket)
    return collection.per_item(raw, raw.bucket_iam, bucket, ("storage", "buckets.getIamPolicy", fetch))


def _repository_iam(collection: Collection, raw: ProjectRaw, name: str) -> Task:
    fetch = partial(artifactregistry.repository_iam, collection.settings, name)
    call = ("artifactregistry", "repositories.getIamPolicy", fetch)
    return collection.per_item(raw, raw.repository_iam, name, call)


def _service_account_keys(collection: Collection, raw: ProjectRaw, name: str) -> Task:
    fetch = partial(iam.user_managed_keys, collection.settings, name)
    call = ("iam", "serviceAccounts.keys.list", fetch)
    return collection.per_item(raw, raw.service_account_keys, name, call)
