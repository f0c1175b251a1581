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
