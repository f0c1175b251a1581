"""What collection gathered for one account: the API's own dicts, and which calls answered.

A field left ``None`` (or a key missing from a dict) means the call failed, so
the translate step reports the value as unknown rather than as "off". Where an
answer of "not configured" is possible (no bucket policy, no password policy),
the key is present with the value ``None``. The collection tasks fill it in from
their threads, one field each; the translate step only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Raw = list[dict[str, Any]]
GLOBAL = "global"


@dataclass
class RegionRaw:
    region: str
    vpcs: Raw | None = None
    subnets: Raw | None = None
    route_tables: Raw | None = None
    internet_gateways: Raw | None = None
    egress_only_gateways: Raw | None = None
    nat_gateways: Raw | None = None
    security_groups: Raw | None = None
    network_acls: Raw | None = None
    flow_logs: Raw | None = None
    instances: Raw | None = None
    db_instances: Raw | None = None
    db_clusters: Raw | None = None
    db_parameters: dict[str, Raw | None] = field(default_factory=dict)  # group -> parameters
    cluster_parameters: dict[str, Raw | None] = field(default_factory=dict)
    repositories: Raw | None = None
    repository_policies: dict[str, str | None] = field(default_factory=dict)  # repository name -> JSON
    lifecycle_policies: dict[str, str | None] = field(default_factory=dict)
    registry_scanning: dict[str, Any] | None = None


@dataclass
class AccountRaw:
    account: str
    partition: str = "aws"
    regions: dict[str, RegionRaw] = field(default_factory=dict)
    buckets: Raw | None = None
    bucket_regions: dict[str, str] = field(default_factory=dict)
    bucket_details: dict[str, dict[str, Any]] = field(default_factory=dict)  # bucket -> detail -> answer
    account_settings: dict[str, Any] = field(default_factory=dict)  # public_access_block, password_policy
    credential_report: list[dict[str, str]] | None = None
    account_summary: dict[str, Any] | None = None
    authorization: dict[str, Raw] | None = None

    def region(self, name: str) -> RegionRaw:
        if name not in self.regions:
            self.regions[name] = RegionRaw(name)
        return self.regions[name]
