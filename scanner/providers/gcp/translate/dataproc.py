"""Dataproc clusters into data_cluster records: whether a customer key encrypts their disks (CIS GCP 8.1).

Dataproc v1 ``ClusterConfig.encryptionConfig``: ``gcePdKmsKeyName`` "The Cloud
KMS key resource name to use for persistent disk encryption for all instances
in the cluster", and ``kmsKey`` (persistent disks and job arguments). Either
makes the encryption ``customer_key``; without both, Google's own key encrypts
the disks (``provider``).
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import DataCluster
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base


def cluster_key(cluster: dict[str, Any]) -> str | None:
    """The customer key of a cluster in the REST shape (``config.encryptionConfig``), else ``None``."""
    config = (cluster.get("config") or {}).get("encryptionConfig") or {}
    return config.get("gcePdKmsKeyName") or config.get("kmsKey") or None


def clusters(raw: ProjectRaw) -> list[DataCluster]:
    out = []
    for region, item in [(r, c) for r, found in (raw.dataproc_clusters or {}).items() for c in found]:
        name = str(item["clusterName"])
        key = cluster_key(item)
        out.append(
            DataCluster(
                **base(
                    raw.project,
                    item,
                    "dataproc.projects.regions.clusters.list",
                    id=f"//dataproc.googleapis.com/projects/{raw.project}/regions/{region}/clusters/{name}",
                    name=name,
                    region=region,
                ),
                encryption="customer_key" if key else "provider",
                kms_key=key,
            )
        )
    return out
