"""Compute Engine v1: networks, subnetworks, routes, routers (Cloud NAT), firewalls, instances, disks,
addresses, snapshots and backend services.

Regional and zonal kinds use the ``aggregated`` list calls: one paged listing per
project instead of one per region or zone. Pages are fetched one request at a
time (``pageToken``), each retried on its own.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import as_dict, call, first_page, pages, timeout
from scanner.providers.gcp.settings import Settings


def _global(settings: Settings, resource: str, project: str) -> list[dict[str, Any]]:
    client = clients.compute(settings, resource)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = {"project": project, "page_token": token or ""}
        response = first_page(client.list(request=request, retry=None, timeout=timeout()))
        return [as_dict(i) for i in response.items], response.next_page_token or None

    return pages(page)


def _aggregated(settings: Settings, resource: str, project: str, field: str) -> list[dict[str, Any]]:
    client = clients.compute(settings, resource)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = {"project": project, "page_token": token or ""}
        response = first_page(client.aggregated_list(request=request, retry=None, timeout=timeout()))
        items = [as_dict(i) for _scope, scoped in response.items.items() for i in getattr(scoped, field)]
        return items, response.next_page_token or None

    return pages(page)


def networks(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _global(settings, "networks", project)


def firewalls(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _global(settings, "firewalls", project)


def routes(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _global(settings, "routes", project)


def subnetworks(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "subnetworks", project, "subnetworks")


def routers(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "routers", project, "routers")


def instances(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "instances", project, "instances")


def project(settings: Settings, project: str) -> dict[str, Any]:
    """``projects.get``: project-wide metadata (``commonInstanceMetadata``), the default service account."""
    client = clients.compute(settings, "projects")
    return as_dict(call(lambda: client.get(project=project, retry=None, timeout=timeout())))


def disks(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "disks", project, "disks")


def addresses(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "addresses", project, "addresses")


def snapshots(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _global(settings, "snapshots", project)


def regions(settings: Settings, project: str) -> list[str]:
    """The names of the Compute Engine regions (for the APIs that list one region at a time)."""
    return [str(r["name"]) for r in _global(settings, "regions", project) if r.get("name")]


def backend_services(settings: Settings, project: str) -> list[dict[str, Any]]:
    """Global and regional backend services (the load balancers' ``logConfig``) in one listing."""
    return _aggregated(settings, "backendServices", project, "backend_services")
