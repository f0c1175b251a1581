"""Alibaba Cloud live adapter: ECS, VPC, RDS, OSS, RAM and Container Registry into the common inventory.

Registered as ``"alibaba": "scanner.providers.alibaba:collect"``; the SDKs are
imported with :mod:`scanner.providers.alibaba.collector`, on the first scan.
See ``docs/alibaba.md`` for endpoints, credentials, the RAM policy it needs and
what a partial scan looks like.
"""

from __future__ import annotations

from scanner.inventory.snapshot import Snapshot
from scanner.sources.live import CollectRequest


def collect(request: CollectRequest) -> Snapshot:
    # Deferred so that importing the translate modules (unit tests) does not load the SDKs.
    from scanner.providers.alibaba.collector import collect as run  # noqa: PLC0415

    return run(request)
