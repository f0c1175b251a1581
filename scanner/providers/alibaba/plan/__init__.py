"""The collection plan: which call to make for each region and product, and what follows from each answer.

Raw keys are ``(region, name, item)``; names are ``<product>.<what>``. Global
products (RAM, IMS, the OSS bucket list) use the region ``global``; OSS per-bucket
data is filed under the bucket's own region.

One module per group of products (:mod:`.network`, :mod:`.databases`, :mod:`.containers`,
:mod:`.logs`, :mod:`.keys`, :mod:`.account`); :mod:`.call` holds the two pieces they are all made of.
"""

from __future__ import annotations

from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.plan.account import account_jobs
from scanner.providers.alibaba.plan.containers import container_jobs
from scanner.providers.alibaba.plan.databases import database_jobs
from scanner.providers.alibaba.plan.keys import key_jobs
from scanner.providers.alibaba.plan.logs import log_jobs
from scanner.providers.alibaba.plan.network import network_jobs
from scanner.providers.alibaba.runner import Job


def regional_jobs(clients: Clients, region: str) -> list[Job]:
    return [
        *network_jobs(clients, region),
        *database_jobs(clients, region),
        *container_jobs(clients, region),
        *log_jobs(clients, region),
        *key_jobs(clients, region),
    ]


def global_jobs(clients: Clients, home_region: str, regions: set[str] | None) -> list[Job]:
    return account_jobs(clients, home_region, regions)
