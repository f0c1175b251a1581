"""Alibaba Cloud collection against the fake with added latency: wall time, requests, speedup.

    .venv/bin/python benchmarks/bench_alibaba_collect.py [--latency 0.05] [--regions 5] [--scale 5]

Runs ``cloudscan collect --provider alibaba`` (the real CLI, SDKs and HTTP) twice
against ``tests/fakes/alibaba_server.py`` serving ``generated_account``: with the
default pool and with ``--max-workers 1``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
os.environ.setdefault("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tBenchmarkKey")
os.environ.setdefault("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "benchmark-secret")

from click.testing import CliRunner  # noqa: E402

from scanner.cli import cli  # noqa: E402
from scanner.sources.live import DEFAULT_MAX_WORKERS  # noqa: E402
from tests.fakes.alibaba_landing_zone import generated_account  # noqa: E402
from tests.fakes.alibaba_server import FakeAlibaba  # noqa: E402


def run(account: dict, latency: float, workers: int) -> tuple[float, int, dict, Counter]:
    with FakeAlibaba(account, latency=latency, page_cap=50) as fake, tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "inventory.json"
        started = time.perf_counter()
        result = CliRunner().invoke(
            cli,
            ["collect", "--provider", "alibaba", "-q", "-o", str(out), "--max-workers", str(workers)],
            env={"CLOUDSCAN_ALIBABA_ENDPOINT": fake.url},
        )
        elapsed = time.perf_counter() - started
        if result.exit_code != 0:
            raise SystemExit(f"collect failed ({result.exit_code}): {result.output}")
        snapshot = json.loads(out.read_text())
        return elapsed, len(fake.requests), snapshot, Counter(f"{p}:{a}" for p, a in fake.actions())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--regions", type=int, default=5)
    parser.add_argument("--scale", type=int, default=5)
    parser.add_argument("--workers", type=int, default=DEFAULT_MAX_WORKERS)
    args = parser.parse_args()
    account = generated_account(args.regions, args.scale)
    pooled, requests, snapshot, calls = run(account, args.latency, args.workers)
    serial, serial_requests, _, _ = run(account, args.latency, 1)
    resources = len(snapshot["resources"])
    kinds = Counter(r["kind"] for r in snapshot["resources"])
    latency_ms = args.latency * 1000
    print(
        f"account: {args.regions} regions, scale {args.scale}, {latency_ms:.0f} ms added latency per request"
    )
    print(f"resources: {resources} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(
        f"requests: {requests} ({requests / resources:.2f} per resource); serial run made {serial_requests}"
    )
    print(f"wall time: {pooled:.2f} s with --max-workers {args.workers}, {serial:.2f} s with --max-workers 1")
    print(f"speedup: {serial / pooled:.1f}x (target >= 8x)")
    print("requests by call: " + ", ".join(f"{k} {v}" for k, v in calls.most_common()))


if __name__ == "__main__":
    main()
