"""The collection plan for Dataproc: its clusters are listed one region at a time.

The Dataproc API has no cross-region (``regions/-``) listing and no location
list of its own; its regions are Compute Engine's (Dataproc "Regional endpoints":
"Dataproc supports regional endpoints based on Compute Engine regions ... Run
the gcloud compute regions list command to see a listing of available regions").
So the regions come from ``--region`` when given, else from Compute Engine's
``regions.list``; with the Compute Engine API disabled there is no VM, so no
cluster, and nothing to list. The first region is read alone: when the
Dataproc API is disabled in the project it answers ``SERVICE_DISABLED``, the
service is not in use (one ``SERVICE_NOT_IN_USE`` note, no clusters), and the
other regions are not asked. Otherwise every other region is read in parallel.
A region that cannot be read leaves the project's clusters unknown (``None``),
so no policy reads a partial list as complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.services import compute, dataproc
from scanner.sources.pool import Task

if TYPE_CHECKING:
    from scanner.providers.gcp.plan import Collection


def project_tasks(collection: Collection, raw: ProjectRaw) -> list[Task]:
    return [_regions(collection, raw)]


def _regions(collection: Collection, raw: ProjectRaw) -> Task:
    def run() -> list[Task]:
        if collection.regions:
            regions = sorted(collection.regions)
        else:
            fetch = lambda: compute.regions(collection.settings, raw.project)  # noqa: E731
            # Dataproc runs on Compute Engine: with that API disabled there is no region and no cluster
            ok, found = collection.read(raw.project, "compute", "regions.list", fetch, empty=[])
            if not ok:
                return []
            regions = sorted(r for r in found if collection.wanted(r))
        if not regions:
            raw.dataproc_clusters = {}
            return []
        return [_first_region(collection, raw, regions)]

    return run


def _first_region(collection: Collection, raw: ProjectRaw, regions: list[str]) -> Task:
    def run() -> list[Task]:
        ok, found = _read(collection, raw, regions[0], empty=[])
        if not ok:
            return []
        raw.dataproc_clusters = {regions[0]: list(found)}
        if "dataproc" in raw.not_in_use:
            return []
        return [_region(collection, raw, region) for region in regions[1:]]

    return run


def _region(collection: Collection, raw: ProjectRaw, region: str) -> Task:
    def run() -> list[Task]:
        ok, found = _read(collection, raw, region)
        with collection.lock:
            if not ok:
                raw.dataproc_clusters = None
            elif raw.dataproc_clusters is not None:
                raw.dataproc_clusters[region] = list(found)
        return []

    return run


def _read(collection: Collection, raw: ProjectRaw, region: str, empty: object = None) -> tuple[bool, list]:
    return collection.read(
        raw.project,
        "dataproc",
        "projects.regions.clusters.list",
        lambda: dataproc.clusters(collection.settings, raw.project, region),
        region=region,
        empty=empty,
    )
