"""SDK client construction: one place that knows each library's endpoint and transport options.

Clients are built once per worker thread and reused by that thread only: the
REST transports keep a ``requests``/``httplib2`` session each (reusing it saves
a connection per call), and ``httplib2`` (under the Cloud SQL discovery client)
is not safe to share between threads. The cache lives on the collection's
:class:`Settings`, so nothing outlives a collection.

Library retries are switched off at each call site (``retry=None``,
``num_retries=0``): :mod:`scanner.providers.gcp.errors` decides what to retry,
the same way for every service.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from typing import Any

import google_auth_httplib2
import httplib2
from google.api_core.client_options import ClientOptions
from google.cloud import artifactregistry_v1, compute_v1, resourcemanager_v3
from google.cloud import storage as gcs
from googleapiclient import discovery, discovery_cache

from scanner.providers.gcp.settings import Settings
from scanner.sources.retry import current_limits


def _cached(settings: Settings, key: str, build: Callable[[], Any]) -> Any:
    cache: dict[str, Any] = settings.per_thread.__dict__.setdefault("clients", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def options(settings: Settings, service: str) -> Any:
    url = settings.endpoint(service)
    return ClientOptions(api_endpoint=url) if url else None


def compute(settings: Settings, resource: str) -> Any:
    """A compute_v1 REST client by resource name: ``networks``, ``firewalls``, ``routes`` ..."""
    classes = {
        "networks": compute_v1.NetworksClient,
        "subnetworks": compute_v1.SubnetworksClient,
        "routes": compute_v1.RoutesClient,
        "routers": compute_v1.RoutersClient,
        "firewalls": compute_v1.FirewallsClient,
        "instances": compute_v1.InstancesClient,
        "projects": compute_v1.ProjectsClient,
        "disks": compute_v1.DisksClient,
        "addresses": compute_v1.AddressesClient,
        "snapshots": compute_v1.SnapshotsClient,
        "backendServices": compute_v1.BackendServicesClient,
        "regions": compute_v1.RegionsClient,
    }
    return _rest(settings, "compute", classes[resource], f"compute.{resource}")


def _rest(settings: Settings, service: str, cls: Callable[..., Any], key: str | None = None) -> Any:
    """A google-cloud-* client over REST (several default to gRPC), cached per thread."""
    return _cached(
        settings,
        key or service,
        lambda: cls(
            credentials=settings.credentials, client_options=options(settings, service), transport="rest"
        ),
    )


def projects(settings: Settings) -> Any:
    """Resource Manager v3 projects (search, IAM policy)."""
    return _rest(settings, "resourcemanager", resourcemanager_v3.ProjectsClient, "projects")


def folders(settings: Settings) -> Any:
    return _rest(settings, "resourcemanager", resourcemanager_v3.FoldersClient, "folders")


def artifact_registry(settings: Settings) -> Any:
    return _rest(settings, "artifactregistry", artifactregistry_v1.ArtifactRegistryClient)


def storage(settings: Settings, project: str) -> Any:
    """A Cloud Storage client, with the library's bucket-metadata prefetch switched off.

    google-cloud-storage 3.x otherwise sends an extra ``GET /storage/v1/b/NAME`` per
    bucket from a background thread (for tracing attributes), which doubles the
    requests and needs ``storage.buckets.get``. The library reads this switch from
    the process environment only; we set it if the user has not chosen.
    """
    os.environ.setdefault("DISABLE_GCS_PYTHON_CLIENT_OTEL_BUCKET_METADATA", "true")
    url = settings.endpoint("storage")
    return _cached(
        settings,
        f"storage.{project}",
        lambda: gcs.Client(
            project=project,
            credentials=settings.credentials,
            client_options={"api_endpoint": url} if url else None,
        ),
    )


@functools.cache
def _discovery_document(api: str, version: str) -> str:
    """A static discovery document shipped with google-api-python-client, read once per API."""
    document = discovery_cache.get_static_doc(api, version)
    if document is None:  # pragma: no cover - the library always ships these two
        raise RuntimeError(f"google-api-python-client has no static discovery document for {api} {version}")
    return document


def _discovery(settings: Settings, api: str, version: str) -> Any:
    """A discovery-based client from the shipped document (no network fetch of the document).

    Its ``httplib2`` connection gets the collection's per-call timeout (the library's
    own default is 60 s); the client is built in a worker, under the collection's limits.
    """
    url = settings.endpoint(api)
    return _cached(
        settings,
        api,
        lambda: discovery.build_from_document(
            _discovery_document(api, version),
            http=google_auth_httplib2.AuthorizedHttp(
                settings.credentials, http=httplib2.Http(timeout=current_limits().timeout)
            ),
            client_options={"api_endpoint": url + "/"} if url else None,
        ),
    )


def sqladmin(settings: Settings) -> Any:
    """Cloud SQL Admin v1 through the discovery client (google-cloud-sql is gRPC-only)."""
    return _discovery(settings, "sqladmin", "v1")


def iam_service_accounts(settings: Settings) -> Any:
    """IAM v1 ``projects.serviceAccounts`` through the discovery client.

    google-cloud-iam (``iam_admin_v1``) is not a dependency; these are plain REST
    lists that the discovery client returns as dicts in the documented JSON shape,
    as for Cloud SQL. The resource object is cached too: building it walks the
    discovery document (about 2 ms), which per key listing was a fifth of the
    adapter's CPU time.
    """
    return _cached(
        settings,
        "iam.serviceAccounts",
        lambda: _discovery(settings, "iam", "v1").projects().serviceAccounts(),
    )


def iam_keys(settings: Settings) -> Any:
    """IAM v1 ``projects.serviceAccounts.keys``, cached per thread like the service."""
    return _cached(settings, "iam.keys", lambda: iam_service_accounts(settings).keys())


def discovery_api(settings: Settings, api: str, version: str) -> Any:
    """A discovery-based client for a REST-only API (``logging``, ``cloudkms``, ``dns`` ...), per thread.

    The endpoint override replaces the API's root URL; the document's ``servicePath``
    (``bigquery/v2/`` for BigQuery, empty for most) is kept after it, as the
    library does for its default endpoint.
    """
    url = settings.endpoint(api)

    def build() -> Any:
        document = _discovery_document(api, version)
        service_path = json.loads(document).get("servicePath", "") if url else ""
        return discovery.build_from_document(
            document,
            credentials=settings.credentials,
            client_options={"api_endpoint": f"{url}/{service_path}"} if url else None,
        )

    return _cached(settings, f"{api}.{version}", build)
