"""``google_dataproc_cluster`` -> data_cluster records: whether a customer key encrypts the disks.

Provider documentation (``website/docs/r/dataproc_cluster.html.markdown``):
``cluster_config.encryption_config.kms_key_name`` "The Cloud KMS key name to use
for PD disk encryption for all instances in the cluster"; without the block the
cluster is on Google's own key (``provider``), as live. ``region`` "Defaults to
``global``".
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import DataCluster, Resource
from scanner.providers.gcp.terraform.common import account_of
from scanner.sources.terraform.model import TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, record, value
from scanner.sources.terraform.translate.context import TfContext


def dataproc_cluster(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    if has_unknown(res.get("cluster_config")) and not res.block("cluster_config"):
        f.mark_unknown("encryption").mark_unknown("kms_key")
    else:
        encryption = res.block("cluster_config").get("encryption_config")
        if is_unknown(encryption):  # a dynamic block: whether it exists is known only after apply
            f.mark_unknown("encryption").mark_unknown("kms_key")
        else:
            blocks = encryption if isinstance(encryption, list) else [encryption]
            keys = [b.get("kms_key_name") for b in blocks if isinstance(b, dict)]
            key = next((k for k in keys if k is not None and k != ""), None)
            # a key set by reference or variable is still a customer key, whichever it is
            f.set("encryption", "customer_key" if key is not None else "provider")
            f.set("kms_key", key)
    yield record(
        DataCluster,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=value(res, "region", "global"),
        name=res.get("name"),
        fields=f,
    )
