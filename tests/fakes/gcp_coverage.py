"""The fake's routes for the coverage APIs (issue #15), kept apart from ``gcp_server.py``'s own table.

Each handler answers in the documented REST shape (the googleapis discovery
documents shipped with google-api-python-client, and the Compute Engine v1
reference), pages every list with ``nextPageToken``, and answers a project whose
API is disabled or denied in the :class:`~tests.fakes.gcp_server.World` with
Google's error for that. Data comes from the project's entry in the world
(``gcp_landing_zone.py``); a key that is absent serves an empty list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.fakes.gcp_server import FakeGoogle, Response

TITLES = {
    "container.googleapis.com": "Kubernetes Engine API",
    "cloudkms.googleapis.com": "Cloud Key Management Service (KMS) API",
    "dns.googleapis.com": "Cloud DNS API",
    "logging.googleapis.com": "Cloud Logging API",
    "monitoring.googleapis.com": "Cloud Monitoring API",
    "bigquery.googleapis.com": "BigQuery API",
    "apikeys.googleapis.com": "API Keys API",
    "serviceusage.googleapis.com": "Service Usage API",
    "essentialcontacts.googleapis.com": "Essential Contacts API",
    "accessapproval.googleapis.com": "Access Approval API",
    "dataproc.googleapis.com": "Cloud Dataproc API",
}
# The regions a project's Compute Engine lists when its world entry names none.
REGIONS = ("asia-northeast1", "europe-west1", "us-central1", "us-east1")
P = r"(?P<project>[^/]+)"
COMPUTE = "compute.googleapis.com"
KMS = "cloudkms.googleapis.com"
BIGQUERY = "bigquery.googleapis.com"
SERVICEUSAGE = "serviceusage.googleapis.com"
CONTAINER = "container.googleapis.com"
CONTACTS = "essentialcontacts.googleapis.com"
APPROVAL = "accessapproval.googleapis.com"
LOGGING = "logging.googleapis.com"
MONITORING = "monitoring.googleapis.com"
DNS = "dns.googleapis.com"
APIKEYS = "apikeys.googleapis.com"
DATAPROC = "dataproc.googleapis.com"


def routes(fake: FakeGoogle, table: list[tuple[str, str, Any, str]]) -> list[tuple[str, str, Any, str]]:
    """The fake's route table with these rows, (method, path pattern, handler, REST method id), in front.

    In front, because one of them (the shared location list) must see requests
    before Artifact Registry's row of the same path does.
    """
    return [*_routes(fake), *table]


def _routes(fake: FakeGoogle) -> list[tuple[str, str, Any, str]]:
    from tests.fakes import gcp_server as server  # noqa: PLC0415 - imports this module

    def data(project: str, api: str) -> tuple[dict[str, Any] | None, Response | None]:
        return fake._project_data(project, api)

    def listing(api: str, key: str, field: str | None = None, extra: dict[str, Any] | None = None) -> Any:
        def handler(m: re.Match[str], q: dict[str, str]) -> Response:
            found, error = data(m["project"], api)
            if error:
                return error
            return fake._paged(found.get(key, []), q, field or key, extra)

        return handler

    def aggregated(key: str, kind: str) -> Any:
        def handler(m: re.Match[str], q: dict[str, str]) -> Response:
            found, error = data(m["project"], COMPUTE)
            if error:
                return error
            return server.paged_aggregated(found.get(key, {}), key, q, kind, fake.page_size)

        return handler

    def compute_project(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], COMPUTE)
        if error:
            return error
        return 200, found.get("compute_project") or {"kind": "compute#project", "name": m["project"]}, {}

    def single(api: str, key: str, default: Any) -> Any:
        def handler(m: re.Match[str], q: dict[str, str]) -> Response:
            found, error = data(m["project"], api)
            return error or (200, found.get(key, default), {})

        return handler

    def regions(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], COMPUTE)
        if error:
            return error
        items = [
            {
                "kind": "compute#region",
                "name": name,
                "status": "UP",
                "selfLink": f"https://www.googleapis.com/compute/v1/projects/{m['project']}/regions/{name}",
            }
            for name in found.get("regions", REGIONS)
        ]
        return fake._paged(items, q, "items", {"kind": "compute#regionList"})

    def dataproc_clusters(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], DATAPROC)
        return error or fake._paged(found.get("dataproc_clusters", {}).get(m["region"], []), q, "clusters")

    def kms_or_registry_locations(m: re.Match[str], q: dict[str, str]) -> Response:
        """``GET /v1/projects/P/locations`` is both Artifact Registry's and Cloud KMS's location list.

        On Google each API has its own host; here they share one. The discovery
        client (ours for Cloud KMS) always sends ``alt=json``, Artifact Registry's
        GAPIC client sends no such parameter: the request goes to its API's handler
        and is recorded under that API's method.
        """
        if "alt" not in q:
            with fake._lock:
                for recorded in reversed(fake.requests):
                    if recorded.query is q:
                        recorded.operation = "artifactregistry.projects.locations.list"
                        break
            return fake._ar_locations(m, q)
        found, error = data(m["project"], KMS)
        if error:
            return error
        locations = [
            {"name": f"projects/{m['project']}/locations/{loc}", "locationId": loc}
            for loc in found.get("kms_locations", [])
        ]
        return fake._paged(locations, q, "locations")

    def key_rings(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], KMS)
        return error or fake._paged(found.get("kms_key_rings", {}).get(m["loc"], []), q, "keyRings")

    def crypto_keys(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], KMS)
        ring = f"projects/{m['project']}/locations/{m['loc']}/keyRings/{m['ring']}"
        return error or fake._paged(found.get("kms_keys", {}).get(ring, []), q, "cryptoKeys")

    def key_iam(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], KMS)
        key = f"projects/{m['project']}/locations/{m['loc']}/keyRings/{m['ring']}/cryptoKeys/{m['key']}"
        return error or (200, {"version": 1, "etag": "BwYz3Q==", **found.get("kms_iam", {}).get(key, {})}, {})

    def dataset(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], BIGQUERY)
        if error:
            return error
        for item in found.get("datasets", []):
            if item["datasetReference"]["datasetId"] == m["dataset"]:
                return 200, item, {}
        return server.google_error(
            404, "NOT_FOUND", f"Not found: Dataset {m['project']}:{m['dataset']}", "notFound"
        )

    def datasets(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], BIGQUERY)
        if error:
            return error
        listed = [
            {
                "kind": "bigquery#dataset",
                "id": d["id"],
                "datasetReference": d["datasetReference"],
                "location": d["location"],
                **({"labels": d["labels"]} if d.get("labels") else {}),
            }
            for d in found.get("datasets", [])
        ]
        return fake._paged(listed, q, "datasets", {"kind": "bigquery#datasetList", "etag": "Gm0pQ=="})

    def tables(m: re.Match[str], q: dict[str, str]) -> Response:
        """``tables.list`` answers without ``encryptionConfiguration`` (only ``tables.get`` has it)."""
        found, error = data(m["project"], BIGQUERY)
        if error:
            return error
        listed = [
            {k: t[k] for k in ("kind", "id", "tableReference", "type", "creationTime") if k in t}
            for t in found.get("tables", {}).get(m["dataset"], [])
        ]
        return fake._paged(listed, q, "tables", {"kind": "bigquery#tableList", "totalItems": len(listed)})

    def table(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], BIGQUERY)
        if error:
            return error
        for item in found.get("tables", {}).get(m["dataset"], []):
            if item["tableReference"]["tableId"] == m["table"]:
                return 200, item, {}
        return server.google_error(404, "NOT_FOUND", f"Not found: Table {m['table']}", "notFound")

    def enabled_services(m: re.Match[str], q: dict[str, str]) -> Response:
        found, error = data(m["project"], SERVICEUSAGE)
        if error:
            return error
        number = found["project"]["name"]
        services = [
            {
                "name": f"{number}/services/{name}",
                "config": {"name": name},
                "state": "ENABLED",
                "parent": number,
            }
            for name in found.get("services", [])
        ]
        return fake._paged(services if q.get("filter") == "state:ENABLED" else [], q, "services")

    def clusters(m: re.Match[str], q: dict[str, str]) -> Response:
        """Not paged: ``ListClustersResponse`` has ``clusters`` and ``missingZones`` only."""
        found, error = data(m["project"], CONTAINER)
        return error or (200, {"clusters": found.get("clusters", [])} if found.get("clusters") else {}, {})

    loc = rf"/v1/projects/{P}/locations/(?P<loc>[^/]+)"
    ring = rf"{loc}/keyRings/(?P<ring>[^/]+)"
    bq = rf"/bigquery/v2/projects/{P}/datasets"
    return [
        (
            "GET",
            rf"/v1/projects/{P}/locations",
            kms_or_registry_locations,
            "cloudkms.projects.locations.list",
        ),
        ("GET", rf"{loc}/keyRings", key_rings, "cloudkms.projects.locations.keyRings.list"),
        ("GET", rf"{ring}/cryptoKeys", crypto_keys, "cloudkms.projects.locations.keyRings.cryptoKeys.list"),
        (
            "GET",
            rf"{ring}/cryptoKeys/(?P<key>[^/:]+):getIamPolicy",
            key_iam,
            "cloudkms.projects.locations.keyRings.cryptoKeys.getIamPolicy",
        ),
        ("GET", rf"/v1/projects/{P}/services", enabled_services, "serviceusage.services.list"),
        (
            "GET",
            rf"/v1/projects/{P}/contacts:compute",
            listing(CONTACTS, "contacts"),
            "essentialcontacts.projects.contacts.compute",
        ),
        (
            "GET",
            rf"/v1/projects/{P}/accessApprovalSettings",
            single(APPROVAL, "access_approval", {}),
            "accessapproval.projects.getAccessApprovalSettings",
        ),
        ("GET", rf"/v2/projects/{P}/sinks", listing(LOGGING, "sinks"), "logging.projects.sinks.list"),
        (
            "GET",
            rf"/v2/projects/{P}/locations/-/buckets",
            listing(LOGGING, "log_buckets", "buckets"),
            "logging.projects.locations.buckets.list",
        ),
        ("GET", rf"/v2/projects/{P}/metrics", listing(LOGGING, "metrics"), "logging.projects.metrics.list"),
        (
            "GET",
            rf"/v3/projects/{P}/alertPolicies",
            listing(MONITORING, "alert_policies", "alertPolicies"),
            "monitoring.projects.alertPolicies.list",
        ),
        (
            "GET",
            rf"/dns/v1/projects/{P}/managedZones",
            listing(DNS, "dns_zones", "managedZones"),
            "dns.managedZones.list",
        ),
        (
            "GET",
            rf"/dns/v1/projects/{P}/policies",
            listing(DNS, "dns_policies", "policies"),
            "dns.policies.list",
        ),
        ("GET", bq, datasets, "bigquery.datasets.list"),
        ("GET", rf"{bq}/(?P<dataset>[^/]+)", dataset, "bigquery.datasets.get"),
        ("GET", rf"{bq}/(?P<dataset>[^/]+)/tables", tables, "bigquery.tables.list"),
        ("GET", rf"{bq}/(?P<dataset>[^/]+)/tables/(?P<table>[^/]+)", table, "bigquery.tables.get"),
        (
            "GET",
            rf"/v2/projects/{P}/locations/global/keys",
            listing(APIKEYS, "api_keys", "keys"),
            "apikeys.projects.locations.keys.list",
        ),
        (
            "GET",
            rf"/v1/projects/{P}/locations/-/clusters",
            clusters,
            "container.projects.locations.clusters.list",
        ),
        ("GET", rf"/compute/v1/projects/{P}", compute_project, "compute.projects.get"),
        (
            "GET",
            rf"/compute/v1/projects/{P}/aggregated/disks",
            aggregated("disks", "compute#diskAggregatedList"),
            "compute.disks.aggregatedList",
        ),
        (
            "GET",
            rf"/compute/v1/projects/{P}/aggregated/addresses",
            aggregated("addresses", "compute#addressAggregatedList"),
            "compute.addresses.aggregatedList",
        ),
        (
            "GET",
            rf"/compute/v1/projects/{P}/aggregated/backendServices",
            aggregated("backendServices", "compute#backendServiceAggregatedList"),
            "compute.backendServices.aggregatedList",
        ),
        ("GET", rf"/compute/v1/projects/{P}/regions", regions, "compute.regions.list"),
        (
            "GET",
            rf"/v1/projects/{P}/regions/(?P<region>[^/]+)/clusters",
            dataproc_clusters,
            "dataproc.projects.regions.clusters.list",
        ),
        (
            "GET",
            rf"/compute/v1/projects/{P}/global/snapshots",
            listing(COMPUTE, "snapshots", "items", {"kind": "compute#snapshotList"}),
            "compute.snapshots.list",
        ),
    ]
