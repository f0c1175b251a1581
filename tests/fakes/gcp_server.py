"""A fake Google Cloud API server: the REST paths the client libraries call, on 127.0.0.1.

Bodies follow the public API references (Compute Engine v1, Cloud SQL Admin v1,
Cloud Storage JSON API v1, Resource Manager v3, Artifact Registry v1, IAM v1).
Every paged list answers in two pages (``nextPageToken``; IAM's
``serviceAccounts.keys.list`` is not paged by the API), errors use Google's JSON error
shape (``{"error": {"code", "message", "status", "errors", "details"}}``), and
every request is recorded so tests can check what the adapter asked for.

The served data is a :class:`World` (see ``gcp_landing_zone.py``); faults are
queued per path with :meth:`FakeGoogle.fail`, or per operation id (and query) through
``fake.injected`` (:mod:`tests.fakes.faults`: resets, hangs, truncated and non-JSON bodies,
and the cloud's own error answers built by :func:`throttled`, :func:`server_error`,
:func:`denied` and :func:`disabled`).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.fakes import gcp_coverage
from tests.fakes.faults import Fault, FaultTable, QuietServer, deliver

Response = tuple[int, dict[str, Any], dict[str, str]]


@dataclass
class Recorded:
    """One request; ``operation`` is the REST method id from the API reference (``compute.networks.list``)."""

    method: str
    path: str
    query: dict[str, str]
    operation: str | None = None


@dataclass
class World:
    """What the fake serves. ``projects`` maps a project id to its per-API data."""

    projects: dict[str, dict[str, Any]] = field(default_factory=dict)
    folders: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # parent -> child folders
    disabled: dict[str, set[str]] = field(default_factory=dict)  # project -> disabled API hosts
    denied: dict[str, set[str]] = field(default_factory=dict)  # project -> denied API hosts


def google_error(
    status: int, code: str, message: str, reason: str, details: list[Any] | None = None
) -> Response:
    body = {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": "global", "reason": reason}],
            "status": code,
            **({"details": details} if details else {}),
        }
    }
    return status, body, {}


def permission_denied(permission: str, resource: str) -> Response:
    message = f"Permission '{permission}' denied on resource '{resource}' (or it may not exist)."
    return google_error(403, "PERMISSION_DENIED", message, "forbidden")


def service_disabled(api: str, title: str, project_number: str) -> Response:
    message = (
        f"{title} has not been used in project {project_number} before or it is disabled. "
        "Enable it by visiting "
        f"https://console.developers.google.com/apis/api/{api}/overview?project={project_number} then retry."
    )
    info = {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "SERVICE_DISABLED",
        "domain": "googleapis.com",
        "metadata": {"service": api, "consumer": f"projects/{project_number}"},
    }
    body = google_error(403, "PERMISSION_DENIED", message, "accessNotConfigured", [info])[1]
    body["error"]["errors"][0]["domain"] = "usageLimits"
    return 403, body, {}


def _page_bounds(total: int, query: dict[str, str], page_size: int | None) -> tuple[int, int, str | None]:
    """(start, end, next token) of the requested page; tokens are ``page-N``."""
    number = int(query.get("pageToken", "page-1").removeprefix("page-"))
    size = page_size or max(1, (total + 1) // 2)
    start, end = (number - 1) * size, number * size
    return (
        start,
        end,
        f"page-{number + 1}" if end < total or (page_size is None and number == 1 and total) else None,
    )


def paged(
    items: list[Any],
    query: dict[str, str],
    key: str,
    extra: dict[str, Any] | None = None,
    page_size: int | None = None,
) -> Response:
    """Every non-empty list in two pages (the first half, then the rest), or pages of ``page_size``."""
    start, end, token = _page_bounds(len(items), query, page_size)
    body = {**(extra or {}), key: items[start:end]}
    if token:
        body["nextPageToken"] = token
    return 200, body, {}


def paged_aggregated(
    scoped: dict[str, list[Any]],
    field_name: str,
    query: dict[str, str],
    kind: str,
    page_size: int | None = None,
) -> Response:
    """Compute aggregated lists: ``items`` maps a scope (``regions/R``, ``zones/Z``) to a scoped list."""
    pairs = [(scope, item) for scope, items in scoped.items() for item in items]
    start, end, token = _page_bounds(len(pairs), query, page_size)
    grouped: dict[str, dict[str, list[Any]]] = {}
    for scope, item in pairs[start:end]:
        grouped.setdefault(scope, {field_name: []})[field_name].append(item)
    body: dict[str, Any] = {"kind": kind, "items": grouped}
    if token:
        body["nextPageToken"] = token
    return 200, body, {}


def _as_fault(response: Response) -> Fault:
    status, body, headers = response
    return Fault.answer(status, json.dumps(body).encode(), "application/json; charset=UTF-8", headers)


def throttled(retry_after: str = "0") -> Fault:
    """429 ``RESOURCE_EXHAUSTED`` with ``rateLimitExceeded``, as Google answers a read quota overrun."""
    status, body, _ = google_error(
        429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests'.", "rateLimitExceeded"
    )
    return _as_fault((status, body, {"Retry-After": retry_after}))


def server_error() -> Fault:
    return _as_fault(
        google_error(503, "UNAVAILABLE", "The service is currently unavailable.", "backendError")
    )


def denied() -> Fault:
    return _as_fault(
        google_error(403, "PERMISSION_DENIED", "The caller does not have permission", "forbidden")
    )


def disabled(api: str = "compute.googleapis.com") -> Fault:
    """403 ``accessNotConfigured`` with an ``ErrorInfo`` reason ``SERVICE_DISABLED``."""
    return _as_fault(service_disabled(api, API_TITLES.get(api, api), "902184736155"))


Handler = Callable[[re.Match[str], dict[str, str]], Response]
API_TITLES = {
    "compute.googleapis.com": "Compute Engine API",
    "sqladmin.googleapis.com": "Cloud SQL Admin API",
    "storage.googleapis.com": "Cloud Storage JSON API",
    "artifactregistry.googleapis.com": "Artifact Registry API",
    "cloudresourcemanager.googleapis.com": "Cloud Resource Manager API",
    "iam.googleapis.com": "Identity and Access Management (IAM) API",
}
API_TITLES.update(gcp_coverage.TITLES)


class FakeGoogle:
    """Start with ``with FakeGoogle(world) as fake:``; ``fake.url`` is the base URL for every API."""

    def __init__(self, world: World, latency: float = 0.0, page_size: int | None = None) -> None:
        """``latency`` is added to every answer; ``page_size`` None pages every list in two halves."""
        self.world = world
        self.latency = latency
        self.page_size = page_size
        self.requests: list[Recorded] = []
        self.injected = FaultTable()
        self._faults: dict[tuple[str, str], list[Response]] = {}
        self._lock = threading.Lock()
        self._routes = self._route_table()
        self._server = QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> FakeGoogle:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.injected.released.set()
        self._server.shutdown()
        self._server.server_close()

    def fail(self, method: str, path: str, response: Response, times: int = 1) -> None:
        """Answer the next ``times`` requests to ``method path`` (any query) with ``response``."""
        with self._lock:
            self._faults.setdefault((method, path), []).extend([response] * times)

    def throttle(self, method: str, path: str, retry_after: str = "0", times: int = 1) -> None:
        status, body, _ = google_error(
            429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests'.", "rateLimitExceeded"
        )
        self.fail(method, path, (status, body, {"Retry-After": retry_after}), times)

    # -- routing ---------------------------------------------------------------------------------
    def _route_table(self) -> list[tuple[str, re.Pattern[str], Handler, str]]:
        p = r"(?P<project>[^/]+)"
        loc = rf"/v1/projects/{p}/locations/(?P<loc>[^/]+)"
        table: list[tuple[str, str, Handler, str]] = [
            (
                "GET",
                rf"/compute/v1/projects/{p}/global/(?P<res>networks)",
                self._compute_global,
                "compute.networks.list",
            ),
            (
                "GET",
                rf"/compute/v1/projects/{p}/global/(?P<res>firewalls)",
                self._compute_global,
                "compute.firewalls.list",
            ),
            (
                "GET",
                rf"/compute/v1/projects/{p}/global/(?P<res>routes)",
                self._compute_global,
                "compute.routes.list",
            ),
            (
                "GET",
                rf"/compute/v1/projects/{p}/aggregated/(?P<res>subnetworks)",
                self._compute_aggregated,
                "compute.subnetworks.aggregatedList",
            ),
            (
                "GET",
                rf"/compute/v1/projects/{p}/aggregated/(?P<res>routers)",
                self._compute_aggregated,
                "compute.routers.aggregatedList",
            ),
            (
                "GET",
                rf"/compute/v1/projects/{p}/aggregated/(?P<res>instances)",
                self._compute_aggregated,
                "compute.instances.aggregatedList",
            ),
            ("GET", rf"/v1/projects/{p}/instances", self._sql_instances, "sql.instances.list"),
            ("GET", r"/storage/v1/b", self._buckets, "storage.buckets.list"),
            ("GET", r"/storage/v1/b/(?P<bucket>[^/]+)/iam", self._bucket_iam, "storage.buckets.getIamPolicy"),
            ("GET", rf"/v3/projects/{p}", self._project, "cloudresourcemanager.projects.get"),
            (
                "POST",
                rf"/v3/projects/{p}:getIamPolicy",
                self._project_iam,
                "cloudresourcemanager.projects.getIamPolicy",
            ),
            ("GET", r"/v3/projects:search", self._search, "cloudresourcemanager.projects.search"),
            ("GET", r"/v3/folders", self._folders, "cloudresourcemanager.folders.list"),
            (
                "GET",
                rf"/v1/projects/{p}/locations",
                self._ar_locations,
                "artifactregistry.projects.locations.list",
            ),
            (
                "GET",
                rf"{loc}/repositories",
                self._ar_repositories,
                "artifactregistry.projects.locations.repositories.list",
            ),
            (
                "GET",
                rf"{loc}/repositories/(?P<repo>[^/:]+):getIamPolicy",
                self._ar_iam,
                "artifactregistry.projects.locations.repositories.getIamPolicy",
            ),
            (
                "GET",
                rf"/v1/projects/{p}/serviceAccounts",
                self._service_accounts,
                "iam.projects.serviceAccounts.list",
            ),
            (
                "GET",
                rf"/v1/projects/{p}/serviceAccounts/(?P<account>[^/]+)/keys",
                self._service_account_keys,
                "iam.projects.serviceAccounts.keys.list",
            ),
            ("POST", r"/token", self._token, "oauth2.token"),
        ]
        table = gcp_coverage.routes(self, table)  # the coverage APIs of issue #15
        return [(method, re.compile(pattern), handler, op) for method, pattern, handler, op in table]

    def serve(self, method: str, raw_path: str) -> tuple[Response, Fault | None]:
        """The answer to one request and the fault injected into it, if any."""
        parts = urlsplit(raw_path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        route = next(
            (op for m, pattern, _, op in self._routes if m == method and pattern.fullmatch(parts.path)), None
        )
        fault = self.injected.take((route,), query) if route else None
        if fault is not None and fault.kind in ("answer", "hang", "reset", "garbage"):
            with self._lock:
                self.requests.append(Recorded(method, parts.path, query, route))
            return (0, {}, {}), fault
        return self.dispatch(method, raw_path), fault

    def dispatch(self, method: str, raw_path: str) -> Response:
        parts = urlsplit(raw_path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        route = next(
            (
                (handler, match, op)
                for m, pattern, handler, op in self._routes
                if m == method and (match := pattern.fullmatch(parts.path))
            ),
            None,
        )
        with self._lock:
            self.requests.append(Recorded(method, parts.path, query, route[2] if route else None))
            queued = self._faults.get((method, parts.path))
            if queued:
                return queued.pop(0)
        if route is not None:
            return route[0](route[1], query)
        return google_error(
            404, "NOT_FOUND", f"The requested URL {parts.path} was not found on this server.", "notFound"
        )

    def _project_data(self, project: str, api: str) -> tuple[dict[str, Any] | None, Response | None]:
        data = self.world.projects.get(project)
        if data is None:
            return None, permission_denied(f"{api.split('.')[0]}.projects.get", f"projects/{project}")
        if api in self.world.disabled.get(project, set()):
            return None, service_disabled(api, API_TITLES[api], data["project"]["name"].split("/")[1])
        if api in self.world.denied.get(project, set()):
            return None, google_error(
                403, "PERMISSION_DENIED", "The caller does not have permission", "forbidden"
            )
        return data, None

    # -- handlers ---------------------------------------------------------------------------------
    def _paged(
        self, items: list[Any], q: dict[str, str], key: str, extra: dict[str, Any] | None = None
    ) -> Response:
        return paged(items, q, key, extra, self.page_size)

    def _compute_global(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "compute.googleapis.com")
        if error:
            return error
        kind = {
            "networks": "compute#networkList",
            "firewalls": "compute#firewallList",
            "routes": "compute#routeList",
        }
        return self._paged(data[m["res"]], q, "items", {"kind": kind[m["res"]]})

    def _compute_aggregated(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "compute.googleapis.com")
        if error:
            return error
        kind = {
            "subnetworks": "compute#subnetworkAggregatedList",
            "routers": "compute#routerAggregatedList",
            "instances": "compute#instanceAggregatedList",
        }[m["res"]]
        return paged_aggregated(data[m["res"]], m["res"], q, kind, self.page_size)

    def _sql_instances(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "sqladmin.googleapis.com")
        return error or self._paged(data["sql_instances"], q, "items", {"kind": "sql#instancesList"})

    def _buckets(self, m: re.Match[str], q: dict[str, str]) -> Response:
        """``projection=noAcl`` (the default) leaves out ``owner``, ``acl`` and ``defaultObjectAcl``."""
        data, error = self._project_data(q.get("project", ""), "storage.googleapis.com")
        if error:
            return error
        hidden = () if q.get("projection") == "full" else ("owner", "acl", "defaultObjectAcl")
        buckets = [{k: v for k, v in b.items() if k not in hidden} for b in data["buckets"]]
        return self._paged(buckets, q, "items", {"kind": "storage#buckets"})

    def _bucket_iam(self, m: re.Match[str], q: dict[str, str]) -> Response:
        for data in self.world.projects.values():
            if m["bucket"] in data.get("bucket_iam", {}):
                policy = data["bucket_iam"][m["bucket"]]
                return (
                    200,
                    {
                        "kind": "storage#policy",
                        "resourceId": f"projects/_/buckets/{m['bucket']}",
                        "version": 1,
                        "etag": "CAE=",
                        **policy,
                    },
                    {},
                )
        return google_error(404, "NOT_FOUND", "The specified bucket does not exist.", "notFound")

    def _project(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data = self.world.projects.get(m["project"])
        if data is None:
            return permission_denied("resourcemanager.projects.get", f"projects/{m['project']}")
        return 200, data["project"], {}

    def _project_iam(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "cloudresourcemanager.googleapis.com")
        return error or (200, {"version": 1, "etag": "BwYl3Xz4Qm8=", **data["iam"]}, {})

    def _search(self, m: re.Match[str], q: dict[str, str]) -> Response:
        query = q.get("query", "")
        parent = query.removeprefix("parent:") if query.startswith("parent:") else None
        found = [d["project"] for d in self.world.projects.values() if d["project"].get("parent") == parent]
        return self._paged(found, q, "projects")

    def _folders(self, m: re.Match[str], q: dict[str, str]) -> Response:
        return self._paged(self.world.folders.get(q.get("parent", ""), []), q, "folders")

    def _ar_locations(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "artifactregistry.googleapis.com")
        if error:
            return error
        locations = [
            {"name": f"projects/{m['project']}/locations/{loc}", "locationId": loc}
            for loc in data["ar_locations"]
        ]
        return self._paged(locations, q, "locations")

    def _ar_repositories(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "artifactregistry.googleapis.com")
        return error or self._paged(data["repositories"].get(m["loc"], []), q, "repositories")

    def _ar_iam(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "artifactregistry.googleapis.com")
        if error:
            return error
        name = f"projects/{m['project']}/locations/{m['loc']}/repositories/{m['repo']}"
        return 200, {"version": 1, "etag": "BwYmZQ==", **data["repository_iam"].get(name, {})}, {}

    def _service_accounts(self, m: re.Match[str], q: dict[str, str]) -> Response:
        data, error = self._project_data(m["project"], "iam.googleapis.com")
        return error or self._paged(data["service_accounts"], q, "accounts")

    def _service_account_keys(self, m: re.Match[str], q: dict[str, str]) -> Response:
        """Not paged (the response has only ``keys``); ``keyTypes`` filters by ``keyType``."""
        data, error = self._project_data(m["project"], "iam.googleapis.com")
        if error:
            return error
        account = unquote(m["account"])
        if not any(a["email"] == account or a["uniqueId"] == account for a in data["service_accounts"]):
            message = f"Service account projects/{m['project']}/serviceAccounts/{account} does not exist."
            return google_error(404, "NOT_FOUND", message, "notFound")
        wanted = q.get("keyTypes")
        keys = [k for k in data["service_account_keys"].get(account, []) if wanted in (None, k["keyType"])]
        return 200, {"keys": keys} if keys else {}, {}  # proto3 JSON leaves out an empty list

    def _token(self, m: re.Match[str], q: dict[str, str]) -> Response:
        # OAuth 2.0 token endpoint refusing a revoked or expired refresh token (RFC 6749 section 5.2).
        return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}, {}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Keep-alive connections: without TCP_NODELAY, headers and body written separately
            # meet the client's delayed ACK and every answer waits ~40 ms.
            disable_nagle_algorithm = True

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                if fake.latency:
                    time.sleep(fake.latency)
                (status, body, headers), fault = fake.serve(self.command, self.path)
                data = json.dumps(body).encode()
                content_type = "application/json; charset=UTF-8"
                deliver(self, fault, status, data, content_type, headers, fake.injected.released)

            do_GET = do_POST = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return _Handler


def gcp_env(url: str) -> dict[str, str]:
    """The environment that points the adapter at a fake: one base URL, no credentials."""
    return {"CLOUDSCAN_GCP_CREDENTIALS": "anonymous", "CLOUDSCAN_GCP_ENDPOINT": url}
