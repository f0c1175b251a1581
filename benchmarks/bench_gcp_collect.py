"""Google Cloud collection against a slow API: the fake server with 50 ms per request, 20 projects.

Run: ``.venv/bin/python benchmarks/bench_gcp_collect.py [--projects 20] [--latency 0.05]``.
Prints wall time, requests made and per project (by API call), and the speedup of
the default worker pool over ``--max-workers 1``. Counts per project are modelled
on a mid-sized production project: 3 VPC networks, 12 subnetworks in 4 regions,
20 routes, 2 Cloud Routers with NAT, 30 firewall rules, 40 VMs, 4 Cloud SQL
instances, 12 buckets, 6 Artifact Registry repositories in 3 of 35 locations,
10 service accounts (4 with a user-managed key); and the coverage APIs of the
landing zone's prod project (issue #15): 3 disks, 2 addresses, 3 snapshots, 6
KMS keys in 1 key ring (2 locations), 4 DNS zones and 2 DNS policies, 2 sinks,
2 log buckets, 4 log-based metrics, 3 alert policies, 2 BigQuery datasets with
2 tables each, 2 API keys, 2 GKE clusters, and the project-wide settings; 3
backend services (2 global, 1 regional) and 1 Dataproc cluster among 40 regions.
Lists are paged at 500 items, like Compute Engine's default ``maxResults``.

The fake server runs in a child process (``--in-process`` keeps it in this one):
a real API does not compete with the collector for this interpreter's GIL, and
on a small machine the in-process server's own CPU time would be measured as
the collector's.

Requests per resource are made only where the API has no list form: a bucket's
IAM policy (``buckets.getIamPolicy``) and a repository's IAM policy
(``repositories.getIamPolicy``), and a service account's keys
(``serviceAccounts.keys.list`` takes one account); Artifact Registry also needs
one ``repositories.list`` per location because it rejects ``locations/-``. The
coverage APIs add: Cloud KMS ``keyRings.list`` per location, ``cryptoKeys.list``
per key ring and ``cryptoKeys.getIamPolicy`` per key (no cross-location or
project-wide form); BigQuery ``datasets.get`` per dataset (the list carries
neither access nor encryption), ``tables.list`` per dataset and ``tables.get``
per table (the list leaves out ``encryptionConfiguration``); Dataproc one
``clusters.list`` per region (no cross-region listing), after one Compute
``regions.list``: a fixed number per project, whatever the number of clusters.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.update({"NO_GCE_CHECK": "True", "GCE_METADATA_HOST": "127.0.0.1:9"})

from click.testing import CliRunner

from scanner.cli import cli
from scanner.sources.live import DEFAULT_MAX_WORKERS
from tests.fakes.gcp_landing_zone import FOLDER, prod_project, sa_key, service_account
from tests.fakes.gcp_lz_coverage import coverage_services
from tests.fakes.gcp_server import FakeGoogle, World, gcp_env

REGIONS = ("us-central1", "us-east1", "europe-west1", "asia-northeast1")
AR_LOCATIONS = (*REGIONS, *(f"region-{i}" for i in range(28)), "us", "europe", "asia")
# The Compute Engine regions a project lists (about 40 today): Dataproc is read once per region.
COMPUTE_REGIONS = (*REGIONS, *(f"region-{i}" for i in range(36)))


def _clone(items: list[dict[str, Any]], n: int, key: str = "name") -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        item = dict(items[i % len(items)])
        item[key] = f"{item[key]}-{i}"
        if "selfLink" in item:
            item["selfLink"] = f"{item['selfLink']}-{i}"
        out.append(item)
    return out


def _backend(project_id: str, scope: str, name: str, *, logged: bool) -> dict[str, Any]:
    link = f"https://www.googleapis.com/compute/v1/projects/{project_id}/{scope}/backendServices/{name}"
    return {"name": name, "selfLink": link, "protocol": "HTTP", "logConfig": {"enable": logged}}


def project(index: int) -> tuple[str, dict[str, Any]]:
    """A realistic project, built from the landing zone's prod project by repetition."""
    project_id = f"bench-proj-{index:03d}"
    data = prod_project()
    data["project"] = {**data["project"], "projectId": project_id, "name": f"projects/{700000000000 + index}"}
    data.update(coverage_services(project_id, str(700000000000 + index)))  # KMS, BigQuery ... of this project
    data["networks"] = _clone(data["networks"], 3)
    subnets = [s for items in data["subnetworks"].values() for s in items]
    data["subnetworks"] = {f"regions/{r}": _clone(subnets, 3) for r in REGIONS}
    data["routes"] = _clone(data["routes"], 20)
    data["firewalls"] = _clone(data["firewalls"], 30)
    vms = [v for items in data["instances"].values() for v in items]
    data["instances"] = {f"zones/{r}-a": _clone(vms, 10) for r in REGIONS}
    data["sql_instances"] = _clone(data["sql_instances"], 4)
    buckets = _clone(data["buckets"], 12)
    data["buckets"] = [
        {**b, "id": f"{project_id}-{b['name']}", "name": f"{project_id}-{b['name']}"} for b in buckets
    ]
    data["bucket_iam"] = {b["name"]: {"bindings": []} for b in data["buckets"]}
    data["ar_locations"] = list(AR_LOCATIONS)
    repos = {
        loc: [
            {"name": f"projects/{project_id}/locations/{loc}/repositories/repo-{j}", "format": "DOCKER"}
            for j in range(2)
        ]
        for loc in REGIONS[:3]
    }
    data["repositories"] = repos
    data["regions"] = list(COMPUTE_REGIONS)
    data["backendServices"] = {
        "global": [_backend(project_id, "global", f"web-{j}", logged=j == 0) for j in range(2)],
        f"regions/{REGIONS[0]}": [_backend(project_id, f"regions/{REGIONS[0]}", "api", logged=True)],
    }
    data["dataproc_clusters"] = {
        REGIONS[0]: [
            {"projectId": project_id, "clusterName": "etl", "config": {}, "status": {"state": "RUNNING"}}
        ]
    }
    data["repository_iam"] = {}
    accounts = [
        service_account(
            project_id, f"app-{j}@{project_id}.iam.gserviceaccount.com", f"1047{index:03d}{j:014d}", ""
        )
        for j in range(10)
    ]
    created = datetime.now(UTC) - timedelta(days=200)
    data["service_accounts"] = accounts
    data["service_account_keys"] = {
        a["email"]: [sa_key(a, f"{j:040x}", created)] for j, a in enumerate(accounts[:4])
    }
    return project_id, data


def _serve(world: World, latency: float, conn: Connection) -> None:
    """Child process: run the fake; answer ``"requests"`` with the operations seen, stop on ``"stop"``."""
    with FakeGoogle(world, latency=latency, page_size=500) as fake:
        conn.send(fake.url)
        while conn.recv() == "requests":
            conn.send([r.operation for r in fake.requests])


class Server:
    """The fake API server, in a child process or (``in_process``) in this one."""

    def __init__(self, world: World, latency: float, in_process: bool) -> None:
        self._fake: FakeGoogle | None = None
        if in_process:
            self._fake = FakeGoogle(world, latency=latency, page_size=500).__enter__()
            self.url = self._fake.url
            return
        self._conn, child = multiprocessing.Pipe()
        self._process = multiprocessing.get_context("fork").Process(
            target=_serve, args=(world, latency, child), daemon=True
        )
        self._process.start()
        self.url = self._conn.recv()

    def operations(self) -> list[str | None]:
        if self._fake is not None:
            return [r.operation for r in self._fake.requests]
        self._conn.send("requests")
        return self._conn.recv()

    def close(self) -> None:
        if self._fake is not None:
            self._fake.__exit__(None, None, None)
            return
        self._conn.send("stop")
        self._process.join()


def collect(fake: Server, projects: list[str], workers: int) -> tuple[float, int, int]:
    before = len(fake.operations())
    args = ["collect", "--provider", "gcp", "--max-workers", str(workers), "-o", os.devnull, "--quiet"]
    for p in projects:
        args += ["--project", p]
    started = time.perf_counter()
    result = CliRunner().invoke(cli, args, env=gcp_env(fake.url), catch_exceptions=False)
    elapsed = time.perf_counter() - started
    if result.exit_code != 0:
        raise SystemExit(f"collection failed ({result.exit_code}): {result.output}")
    resources = int(result.stderr.split(" resources")[0].rsplit("\n", 1)[-1])
    return elapsed, len(fake.operations()) - before, resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=DEFAULT_MAX_WORKERS)
    parser.add_argument("--in-process", action="store_true", help="run the fake server in this process")
    options = parser.parse_args()
    world = World(projects=dict(project(i) for i in range(options.projects)))
    for data in world.projects.values():
        data["project"]["parent"] = FOLDER
    ids = list(world.projects)
    fake = Server(world, options.latency, options.in_process)
    try:
        parallel, requests, resources = collect(fake, ids, options.workers)
        per_call = Counter(fake.operations())
        sequential, _, _ = collect(fake, ids, 1)
    finally:
        fake.close()
    latency_ms = options.latency * 1000
    where = "in this process" if options.in_process else "in a child process"
    print(f"projects: {len(ids)}, resources collected: {resources}, latency per request: {latency_ms:.0f} ms")
    print(f"fake server {where}")
    print(f"requests made: {requests} ({requests / len(ids):.1f} per project)")
    print(
        "requests per project by call: "
        + ", ".join(
            f"{name} {count / len(ids):.1f}"
            for name, count in sorted(per_call.items(), key=lambda kv: -kv[1])
        )
    )
    print(f"wall time, {options.workers} workers (default): {parallel:.2f} s")
    print(f"wall time, 1 worker: {sequential:.2f} s")
    print(f"speedup: {sequential / parallel:.1f}x (target >= 8x)")


if __name__ == "__main__":
    main()
