"""``google_bigquery_dataset`` (+ its ``google_bigquery_table`` resources) -> dataset records.

Provider documentation (``website/docs/r/bigquery_dataset.html.markdown``):
``access`` blocks with ``special_group``, ``iam_member``, ``user_by_email`` ...;
``default_encryption_configuration.kms_key_name``. Public and encryption follow
the live rule (:mod:`scanner.providers.gcp.translate.dataset`); the tables without
a customer key are the dataset's ``google_bigquery_table`` resources without
``encryption_configuration.kms_key_name`` (a table created without one and
without a dataset default is Google-encrypted).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import Dataset, Resource
from scanner.providers.gcp.link import PUBLIC_MEMBERS
from scanner.providers.gcp.terraform.common import account_of
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, record
from scanner.sources.terraform.translate.context import TfContext


def dataset(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    access = res.get("access")
    if has_unknown(access):
        f.mark_unknown("public")
    else:
        f.set(
            "public",
            any(
                a.get("iam_member") in PUBLIC_MEMBERS or a.get("special_group") == "allAuthenticatedUsers"
                for a in res.blocks("access")
            ),
        )
    key = res.block("default_encryption_configuration").get("kms_key_name")
    f.set("default_encryption", UNKNOWN if is_unknown(key) else "customer_key" if key else "provider")
    f.set("default_kms_key", key)
    plain = []
    for table in ctx.companions(res.address, "google_bigquery_table", via="dataset_id"):
        table_key = table.block("encryption_configuration").get("kms_key_name")
        if is_unknown(table_key):
            f.mark_unknown("tables_without_customer_key")
        elif not table_key:
            plain.append(table.address)
    if "tables_without_customer_key" not in f.unknown:
        f.set("tables_without_customer_key", tuple(sorted(plain)))
    yield record(
        Dataset,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=res.get("location"),
        name=res.get("dataset_id"),
        fields=f,
    )
