"""What collection gathered for one project: raw REST dicts, ``None`` where the call failed.

The collection tasks fill it in (each writes its own field, from its own thread);
the translate step only reads it, so translation can be unit-tested from canned
responses without any server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Raw = list[dict[str, Any]]


@dataclass
class ProjectRaw:
    project: str
    networks: Raw | None = None
    subnetworks: Raw | None = None
    routes: Raw | None = None
    routers: Raw | None = None
    firewalls: Raw | None = None
    instances: Raw | None = None
    sql_instances: Raw | None = None
    buckets: Raw | None = None
    bucket_iam: dict[str, dict[str, Any]] = field(default_factory=dict)
    repositories: Raw | None = None
    repository_iam: dict[str, dict[str, Any]] = field(default_factory=dict)
    project_iam: dict[str, Any] | None = None
    service_accounts: Raw | None = None
    service_account_keys: dict[str, Raw] = field(default_factory=dict)  # account name -> user-managed keys
    compute_project: dict[str, Any] | None = None  # compute projects.get: commonInstanceMetadata
    disks: Raw | None = None
    addresses: Raw | None = None
    snapshots: Raw | None = None
    backend_services: Raw | None = None  # global and regional, from one aggregated listing
    enabled_services: list[str] | None = None  # serviceusage services.list, state ENABLED
    essential_contacts: Raw | None = None
    access_approval: dict[str, Any] | None = None
    sinks: Raw | None = None
    log_buckets: Raw | None = None
    log_metrics: Raw | None = None
    alert_policies: Raw | None = None
    kms_keys: Raw | None = None  # every crypto key of every key ring and location
    kms_key_iam: dict[str, dict[str, Any]] = field(default_factory=dict)  # key name -> IAM policy
    dns_zones: Raw | None = None
    dns_policies: Raw | None = None
    datasets: Raw | None = None  # datasets.get answers (access, default encryption)
    dataset_tables: dict[str, Raw] = field(default_factory=dict)  # dataset id -> tables.get answers
    tables_unknown: set[str] = field(default_factory=set)  # datasets whose tables could not all be read
    api_keys: Raw | None = None
    clusters: Raw | None = None  # GKE clusters, node pools inside
    dataproc_clusters: dict[str, Raw] | None = None  # region -> its clusters; None when one was not read
    # APIs that answered SERVICE_DISABLED: not in use in this project, so nothing of theirs exists
    not_in_use: set[str] = field(default_factory=set)
