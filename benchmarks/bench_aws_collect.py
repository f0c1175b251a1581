"""AWS collection against moto's server: the landing zone at 1, 5 and 20 units over 2 regions.

Run: ``.venv/bin/python benchmarks/bench_aws_collect.py [--units 1 5 20] [--latency 0.05]``.

A unit (tests/fakes/aws_landing_zone.py) is, per region, a VPC with 4 subnets, 3
security groups, 2 instances, 3 DB instances and an Aurora cluster, 2 ECR
repositories; and per account 2 buckets, 3 users and 2 policies. 20 units over
2 regions are about 1,300 records in one account. Prints, for the default pool and
for ``--max-workers 1``: wall time of ``cloudscan collect`` (a child process),
its peak RSS, the requests moto received and requests per resource.

moto runs in a child process of its own, so that the server's CPU does not count
as the collector's and the two do not share a GIL; ``--latency`` adds that many
seconds to every answer (a real API answers in tens of milliseconds; moto in
about one).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scanner.sources.live import DEFAULT_MAX_WORKERS  # noqa: E402
from tests.fakes.aws_landing_zone import build  # noqa: E402
from tests.fakes.aws_server import aws_env, moto_server  # noqa: E402

REGIONS = ("us-east-1", "eu-west-1")


def serve(units: int, latency: float, conn: Connection) -> None:
    """The moto side: build the landing zone, then answer 'count' until 'stop'."""
    with moto_server() as server:
        build(server.url, units=units, regions=REGIONS, members=0)
        server.recorder.latency = latency
        conn.send(server.url)
        while (command := conn.recv()) != "stop":
            assert command == "count"
            conn.send(len(server.recorder.calls))


def collect(url: str, workers: int, out: Path) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in KiB, resources) of one ``cloudscan collect`` child."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({k: v for k, v in aws_env(url).items() if v is not None})
    command = [
        str(Path(sys.executable).parent / "cloudscan"), "collect", "--provider", "aws",
        *(a for r in REGIONS for a in ("--region", r)), "--max-workers", str(workers), "-q", "-o", str(out),
    ]  # fmt: skip
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 3):
        raise SystemExit(f"cloudscan collect failed: {child.stderr.read().decode() if child.stderr else ''}")
    resources = len(json.loads(out.read_text())["resources"])
    return wall, usage.ru_maxrss, resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--latency", type=float, default=0.0)
    args = parser.parse_args()
    print(f"moto landing zone, {len(REGIONS)} regions, {args.latency * 1000:.0f} ms added per request")
    print("units  resources  pool(s)  1 worker(s)  speedup  peak RSS (MiB)  requests  per resource")
    context = multiprocessing.get_context("spawn")
    for units in args.units:
        parent, child = context.Pipe()
        server = context.Process(target=serve, args=(units, args.latency, child), daemon=True)
        server.start()
        url = parent.recv()
        with tempfile.TemporaryDirectory() as tmp:
            parent.send("count")
            before = parent.recv()
            pooled, rss, resources = collect(url, DEFAULT_MAX_WORKERS, Path(tmp) / "pool.json")
            parent.send("count")
            requests = parent.recv() - before
            single, rss_single, _ = collect(url, 1, Path(tmp) / "one.json")
        parent.send("stop")
        server.join(timeout=30)
        print(
            f"{units:5d}  {resources:9d}  {pooled:7.2f}  {single:11.2f}  {single / pooled:6.1f}x  "
            f"{max(rss, rss_single) / 1024:14.0f}  {requests:8d}  {requests / resources:12.2f}"
        )


if __name__ == "__main__":
    main()
