"""The CIS GKE Benchmark view: its sections, the ones the Kubernetes policies map, and GCP clusters only."""

from __future__ import annotations

import json
from pathlib import Path

from scanner.policy.frameworks import builtin_frameworks
from tests.helpers import run


def _cluster(provider: str, rid: str, **fields: object) -> dict[str, object]:
    return {
        "kind": "kubernetes_cluster",
        "provider": provider,
        "account": f"{provider}-account",
        "region": "europe-west1",
        "id": rid,
        "name": rid,
        "origin": {"source": "api", "call": "test"},
        **fields,
    }


def test_policy_coverage_counts_the_gke_sections() -> None:
    result = run("policy", "coverage", "cis-gcp-gke-1.6")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "CIS Google Kubernetes Engine (GKE) Benchmark 1.6.0: 15 of 68 sections covered by a policy "
        "(12 of 44 automated); 21 manual, 32 not covered"
    )
    assert builtin_frameworks()["cis-gcp-gke-1.6"].provider == "gcp"


def test_the_gke_view_judges_gke_clusters_and_not_ack_ones(tmp_path: Path) -> None:
    """5.8.3 (legacy ABAC) fails on the GKE cluster; the ACK cluster with the same flaw is not GKE's."""
    inventory = {
        "schema_version": 1,
        "resources": [
            _cluster("gcp", "gke-legacy", legacy_abac=True),
            _cluster("gcp", "gke-rbac", legacy_abac=False),
            _cluster("alibaba", "ack-legacy", legacy_abac=True),
        ],
    }
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(inventory))
    out = tmp_path / "r.json"
    result = run(
        "scan", "-i", str(path), "--fail-on", "none", "--compliance", "cis-gcp-gke-1.6", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    [report] = json.loads(out.read_text())["compliance"]
    section = next(s for s in report["sections"] if s["id"] == "5.8.3")
    assert section["status"] == "fail"
    assert {tuple(pair)[1] for pair in section["failing"]} == {"gke-legacy"}
