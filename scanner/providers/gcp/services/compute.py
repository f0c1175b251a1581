"""Compute Engine v1: networks, subnetworks, routes, routers (Cloud NAT), firewalls, instances.

Regional and zonal kinds use the ``aggregated`` list calls: one paged listing per
project instead of one per region or zone.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import TIMEOUT, as_dict, call
from scanner.providers.gcp.settings import Settings


def _global(settings: Settings, resource: str, project: str) -> list[dict[str, Any]]:
    client = clients.compute(settings, resource)
    return call(lambda: [as_dict(i) for i in client.list(project=project, retry=None, timeout=TIMEOUT)])


def _aggregated(settings: Settings, resource: str, project: str, field: str) -> list[dict[str, Any]]:
    client = clients.compute(settings, resource)
    request = {"project": project}

    def listing() -> list[dict[str, Any]]:
        items = []
        for _scope, scoped in client.aggregated_list(request=request, retry=None, timeout=TIMEOUT):
            items.extend(as_dict(i) for i in getattr(scoped, field))
        return items

    return call(listing)


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
    return as_dict(call(lambda: client.get(project=project, retry=None, timeout=TIMEOUT)))


def disks(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "disks", project, "disks")


def addresses(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _aggregated(settings, "addresses", project, "addresses")


def snapshots(settings: Settings, project: str) -> list[dict[str, Any]]:
    return _global(settings, "snapshots", project)
