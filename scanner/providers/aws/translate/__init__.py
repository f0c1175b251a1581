"""Pure translation of raw AWS answers into inventory records (no I/O, no SDK).

One module per inventory kind: :mod:`.network` (VPCs, subnets), :mod:`.firewall`
(security group permissions), :mod:`.instance`, :mod:`.database` (RDS),
:mod:`.bucket` (S3), :mod:`.registry` (ECR), :mod:`.iam`.
:func:`account_records` runs them all for one account.
"""

from __future__ import annotations

from datetime import datetime

from scanner.inventory.model import Resource
from scanner.providers.aws.raw import AccountRaw
from scanner.providers.aws.translate import bucket, database, firewall, iam, instance, network, registry


def account_records(raw: AccountRaw, now: datetime) -> list[Resource]:
    """Every record for one account; ``now`` is the collection time, from which key ages count."""
    records: list[Resource] = []
    for name in sorted(raw.regions):
        region = raw.regions[name]
        records += network.networks(raw, region)
        records += network.subnets(raw, region)
        records += firewall.firewall_rules(raw, region)
        records += instance.instances(raw, region)
        records += database.databases(raw, region)
        records += registry.registries(raw, region)
        records += registry.repositories(raw, region)
    records += bucket.buckets(raw)
    records += iam.principals(raw, now)
    records += iam.bindings(raw)
    records += iam.password_policies(raw)
    return records
