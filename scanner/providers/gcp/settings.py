"""Where the Google APIs are and who we are to them, resolved once per collection.

Inputs are the request's environment and config-file section, never the process
environment, so a collection has no hidden input:

* ``CLOUDSCAN_GCP_ENDPOINT=http://HOST:PORT`` sends every API the adapter uses to
  one base URL (each client keeps its own path prefix: ``/compute/v1``,
  ``/storage/v1``, ``/v1``, ``/v3``), for emulators, private endpoints and tests.
* The config file's ``gcp: {endpoints: {SERVICE: URL}}`` sets one URL per service
  and wins over the environment for that service.
* ``CLOUDSCAN_GCP_CREDENTIALS=anonymous`` sends no credentials at all (only useful
  with an endpoint override); otherwise Application Default Credentials, checked
  up front so that a missing or expired credential is one clear message rather
  than an error per API call.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import google.auth
import google.auth.exceptions
import google.auth.transport.requests
from google.auth.credentials import AnonymousCredentials

from scanner.sources.endpoints import resolve_endpoints as shared_endpoints
from scanner.sources.live import CollectorError

SERVICES: tuple[str, ...] = (
    "compute",
    "sqladmin",
    "storage",
    "resourcemanager",
    "artifactregistry",
    "iam",
    "container",
    "cloudkms",
    "dns",
    "logging",
    "monitoring",
    "bigquery",
    "apikeys",
    "serviceusage",
    "essentialcontacts",
    "accessapproval",
    "dataproc",
)
ENDPOINT_ENV = "CLOUDSCAN_GCP_ENDPOINT"
CREDENTIALS_ENV = "CLOUDSCAN_GCP_CREDENTIALS"
READ_ONLY_SCOPE = "https://www.googleapis.com/auth/cloud-platform.read-only"


@dataclass(frozen=True)
class Settings:
    """Resolved endpoints (service -> base URL, absent = the library default) and credentials.

    ``per_thread`` holds each worker thread's SDK clients for this collection
    (see :mod:`.clients`), so that a thread reuses its HTTP connections.
    """

    endpoints: Mapping[str, str] = field(default_factory=dict)
    credentials: Any = None
    anonymous: bool = False
    per_thread: threading.local = field(default_factory=threading.local, compare=False, repr=False)

    def endpoint(self, service: str) -> str | None:
        return self.endpoints.get(service)


def _check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CollectorError(f"{where}: {url!r} is not an http(s) URL such as http://127.0.0.1:8080")
    return url.rstrip("/")


def resolve_endpoints(env: Mapping[str, str], config: Mapping[str, Any]) -> dict[str, str]:
    """One base URL per service: the config file's entry, else ``CLOUDSCAN_GCP_ENDPOINT``."""
    return shared_endpoints("gcp", SERVICES, ENDPOINT_ENV, env, config, _check_url)


def _default_credentials() -> Any:
    """Application Default Credentials, refreshed once so bad ones fail here, clearly."""
    try:
        credentials, _ = google.auth.default(scopes=[READ_ONLY_SCOPE])
    except google.auth.exceptions.DefaultCredentialsError:
        raise CollectorError(
            "no Google Cloud credentials found: run 'gcloud auth application-default login', "
            "set GOOGLE_APPLICATION_CREDENTIALS to a credentials file, or run on Google Cloud "
            f"with an attached service account ({CREDENTIALS_ENV}=anonymous only works with "
            f"{ENDPOINT_ENV})"
        ) from None
    try:
        credentials.refresh(google.auth.transport.requests.Request())
    except google.auth.exceptions.RefreshError as exc:
        reason = exc.args[0] if exc.args else exc
        raise CollectorError(
            f"Google Cloud credentials were rejected ({reason}); they may have expired or been "
            "revoked: run 'gcloud auth application-default login' again or renew the key"
        ) from None
    except google.auth.exceptions.TransportError as exc:
        raise CollectorError(f"cannot reach the Google token endpoint to check credentials: {exc}") from None
    return credentials


def resolve(env: Mapping[str, str], config: Mapping[str, Any]) -> Settings:
    """Endpoints and credentials for this collection, or a :class:`CollectorError` saying why not."""
    endpoints = resolve_endpoints(env, config)
    mode = env.get(CREDENTIALS_ENV, "").strip().lower()
    if mode == "anonymous":
        return Settings(endpoints=endpoints, credentials=AnonymousCredentials(), anonymous=True)
    if mode:
        raise CollectorError(f"{CREDENTIALS_ENV}={mode!r}: the only supported value is 'anonymous'")
    return Settings(endpoints=endpoints, credentials=_default_credentials())
