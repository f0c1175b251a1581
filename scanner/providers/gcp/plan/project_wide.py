"""The collection plan for the project-wide services: logging, monitoring, KMS, DNS, BigQuery, keys, GKE.

Most are one (paged) call per project whose answer lands in one field of the
project's :class:`~scanner.providers.gcp.raw.ProjectRaw` (``SIMPLE``). Two need
follow-ups because their APIs have no list form for what we need: Cloud KMS
(locations, then key rings per location, keys per key ring, IAM policy per key)
and BigQuery (``datasets.get`` per dataset for its access list and encryption,
``tables.list`` per dataset, ``tables.get`` per table for its encryption).

An API that is disabled in the project is not in use there: its fields get an
empty answer (``SIMPLE``'s last column) and the call is reported as
``SERVICE_NOT_IN_USE`` (see :meth:`Collection.read`), except where a disabled
API says nothing about the facts (Service Usage itself, Essential Contacts,
which may be inherited from the organization): those stay unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.services import accountwide, apikeys, bigquery, cloudkms, container, dns, logging
from scanner.sources.pool import Task

if TYPE_CHECKING:
    from scanner.providers.gcp.plan import Collection

UNKNOWN_WHEN_DISABLED = object()
# raw field -> (service, REST operation, call, what a disabled API means)
SIMPLE: dict[str, tuple[str, str, Callable[..., Any], Any]] = {
    "enabled_services": (
        "serviceusage",
        "services.list",
        accountwide.enabled_services,
        UNKNOWN_WHEN_DISABLED,
    ),
    "essential_contacts": (
        "essentialcontacts",
        "projects.contacts.compute",
        accountwide.essential_contacts,
        UNKNOWN_WHEN_DISABLED,
    ),
    "access_approval": (
        "accessapproval",
        "projects.getAccessApprovalSettings",
        accountwide.access_approval,
        {},
    ),
    "sinks": ("logging", "projects.sinks.list", logging.sinks, []),
    "log_buckets": ("logging", "projects.locations.buckets.list", logging.log_buckets, []),
    "log_metrics": ("logging", "projects.metrics.list", logging.metrics, []),
    "alert_policies": ("monitoring", "projects.alertPolicies.list", logging.alert_policies, []),
    "dns_zones": ("dns", "managedZones.list", dns.managed_zones, []),
    "dns_policies": ("dns", "policies.list", dns.policies, []),
    "api_keys": ("apikeys", "projects.locations.keys.list", apikeys.keys, []),
    "clusters": ("container", "projects.locations.clusters.list", container.clusters, []),
}


def project_tasks(collection: Collection, raw: ProjectRaw) -> list[Task]:
    tasks = [_simple(collection, raw, field) for field in SIMPLE]
    return [*tasks, _kms_locations(collection, raw), _datasets(collection, raw)]


def _simple(collection: Collection, raw: ProjectRaw, field: str) -> Task:
    service, operation, fn, empty = SIMPLE[field]

    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            service,
            operation,
            lambda: fn(collection.settings, raw.project),
            empty=None if empty is UNKNOWN_WHEN_DISABLED else empty,
        )
        if ok:
            setattr(raw, field, found)
        return []

    return run


def _kms_locations(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "cloudkms",
            "projects.locations.list",
            lambda: cloudkms.locations(collection.settings, raw.project),
            empty=[],
        )
        if not ok:
            return []
        raw.kms_keys = []
        return [_key_rings(collection, raw, loc) for loc in found if collection.wanted(loc)]

    return run


def _key_rings(collection: Collection, raw: ProjectRaw, location: str) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "cloudkms",
            "projects.locations.keyRings.list",
            lambda: cloudkms.key_rings(collection.settings, raw.project, location),
            region=location,
        )
        if not ok:
            raw.kms_keys = None  # a location's keys are unknown: so is the list as a whole
            return []
        return [_crypto_keys(collection, raw, ring["name"]) for ring in found if ring.get("name")]

    return run


def _crypto_keys(collection: Collection, raw: ProjectRaw, key_ring: str) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "cloudkms",
            "projects.locations.keyRings.cryptoKeys.list",
            lambda: cloudkms.crypto_keys(collection.settings, key_ring),
        )
        if not ok:
            raw.kms_keys = None
            return []
        with collection.lock:
            if raw.kms_keys is not None:
                raw.kms_keys.extend(found)
        return [_key_iam(collection, raw, key["name"]) for key in found if key.get("name")]

    return run


def _key_iam(collection: Collection, raw: ProjectRaw, key: str) -> Task:
    fetch = partial(cloudkms.crypto_key_iam, collection.settings, key)
    call = ("cloudkms", "projects.locations.keyRings.cryptoKeys.getIamPolicy", fetch)
    return collection.per_item(raw, raw.kms_key_iam, key, call)


def _datasets(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "bigquery",
            "datasets.list",
            lambda: bigquery.datasets(collection.settings, raw.project),
            empty=[],
        )
        if not ok:
            return []
        raw.datasets = []
        wanted = [d for d in found if collection.wanted(str(d.get("location", "")))]
        return [_dataset(collection, raw, d["datasetReference"]["datasetId"]) for d in wanted]

    return run


def _dataset(collection: Collection, raw: ProjectRaw, dataset_id: str) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "bigquery",
            "datasets.get",
            lambda: bigquery.dataset(collection.settings, raw.project, dataset_id),
        )
        if not ok:
            raw.datasets = None
            return []
        with collection.lock:
            if raw.datasets is not None:
                raw.datasets.append(found)
        return [_tables(collection, raw, dataset_id)]

    return run


def _tables(collection: Collection, raw: ProjectRaw, dataset_id: str) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "bigquery",
            "tables.list",
            lambda: bigquery.tables(collection.settings, raw.project, dataset_id),
        )
        with collection.lock:
            if not ok:
                raw.tables_unknown.add(dataset_id)
                return []
            raw.dataset_tables[dataset_id] = []
        ids = [t["tableReference"]["tableId"] for t in found if t.get("tableReference")]
        return [_table(collection, raw, dataset_id, table_id) for table_id in ids]

    return run


def _table(collection: Collection, raw: ProjectRaw, dataset_id: str, table_id: str) -> Task:
    def run() -> list[Task]:
        ok, found = collection.read(
            raw.project,
            "bigquery",
            "tables.get",
            lambda: bigquery.table(collection.settings, raw.project, dataset_id, table_id),
        )
        with collection.lock:
            if ok:
                raw.dataset_tables.setdefault(dataset_id, []).append(found)
            else:  # one table unread: which tables lack a customer key is unknown for the dataset
                raw.tables_unknown.add(dataset_id)
        return []

    return run
