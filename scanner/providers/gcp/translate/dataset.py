"""BigQuery datasets into dataset records: public access, default CMEK, tables without a customer key.

``public``: an ``access`` entry for ``iamMember`` ``allUsers``/``allAuthenticatedUsers``
or ``specialGroup`` ``allAuthenticatedUsers``. ``default_encryption`` is
``customer_key`` with ``defaultEncryptionConfiguration.kmsKeyName``, else
``provider`` (BigQuery encrypts all data at rest). A table uses a customer key
when its ``encryptionConfiguration.kmsKeyName`` is set.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Dataset
from scanner.providers.gcp.link import PUBLIC_MEMBERS
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base


def _public(access: list[dict[str, Any]]) -> bool:
    return any(
        a.get("iamMember") in PUBLIC_MEMBERS or a.get("specialGroup") == "allAuthenticatedUsers"
        for a in access
    )


def datasets(raw: ProjectRaw) -> list[Dataset]:
    out = []
    for item in raw.datasets or []:
        ref = item.get("datasetReference") or {}
        dataset_id = str(ref.get("datasetId", ""))
        key = (item.get("defaultEncryptionConfiguration") or {}).get("kmsKeyName")
        tables = raw.dataset_tables.get(dataset_id)
        unknown = dataset_id in raw.tables_unknown or tables is None
        plain = [
            f"{t['tableReference']['projectId']}:{t['tableReference']['datasetId']}.{t['tableReference']['tableId']}"
            for t in tables or []
            if t.get("tableReference") and not (t.get("encryptionConfiguration") or {}).get("kmsKeyName")
        ]
        out.append(
            Dataset(
                **base(
                    raw.project,
                    item,
                    "bigquery.datasets.get",
                    id=item.get("selfLink") or item.get("id") or dataset_id,
                    name=dataset_id,
                    region=str(item.get("location", "")).lower(),
                ),
                public=_public(item.get("access", []) or []),
                default_encryption="customer_key" if key else "provider",
                default_kms_key=key,
                tables_without_customer_key=() if unknown else tuple(sorted(plain)),
                unknown=frozenset({"tables_without_customer_key"}) if unknown else frozenset(),
            )
        )
    return out
