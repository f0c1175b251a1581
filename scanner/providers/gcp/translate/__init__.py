"""Pure translation of raw Google API answers into inventory records (no I/O, no SDK).

One module per inventory kind: :mod:`.network` (VPC networks, subnets),
:mod:`.firewall`, :mod:`.instance`, :mod:`.database` (Cloud SQL), :mod:`.bucket`,
:mod:`.registry` (Artifact Registry), :mod:`.iam` (project IAM bindings, principals
with their roles and keys, the audit configuration), :mod:`.disk` (disks, snapshots),
:mod:`.address`, :mod:`.loadbalancer` (backend services), :mod:`.kms`, :mod:`.dns`,
:mod:`.logs` (sinks, log buckets, log-based metrics and their alerts), :mod:`.dataset` (BigQuery),
:mod:`.dataproc`, :mod:`.apikey`, :mod:`.kubernetes` (GKE clusters and node pools), :mod:`.account`
(the project's own settings). :func:`project_records` runs them all for one project and applies the
region filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from scanner.inventory.model import Resource
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate import (
    account,
    address,
    apikey,
    bucket,
    database,
    dataproc,
    dataset,
    disk,
    dns,
    firewall,
    iam,
    instance,
    kms,
    kubernetes,
    loadbalancer,
    logs,
    network,
    registry,
)
from scanner.providers.gcp.translate.common import location_wanted


def project_records(raw: ProjectRaw, now: datetime, regions: Iterable[str] = ()) -> list[Resource]:
    """Every record for one project; with ``regions``, regional records outside them are dropped.

    Records whose location is not a region (global ones, multi-region and
    dual-region buckets and repositories) are always kept.

    ``now`` is the collection time, from which key ages are counted.
    """
    records: list[Resource] = [
        *network.networks(raw),
        *network.subnets(raw),
        *firewall.firewall_rules(raw),
        *instance.instances(raw, now),
        *disk.disks(raw, now),
        *disk.snapshots(raw, now),
        *address.addresses(raw),
        *loadbalancer.load_balancers(raw),
        *database.databases(raw),
        *bucket.buckets(raw),
        *registry.repositories(raw),
        *iam.bindings(raw),
        *iam.service_accounts(raw, now),
        *iam.audit_trails(raw),
        *kms.keys(raw),
        *dns.zones(raw),
        *logs.sinks(raw),
        *logs.stores(raw),
        *logs.metrics(raw),
        *dataset.datasets(raw),
        *dataproc.clusters(raw),
        *apikey.keys(raw, now),
        *kubernetes.clusters(raw),
        *account.accounts(raw),
    ]
    wanted = frozenset(r.lower() for r in regions)
    return [r for r in records if location_wanted(r.region, wanted)]
