"""Backend services (global and regional) into load_balancer records: whether they log requests.

A Google Cloud load balancer's request logging is a setting of its backend
services (Compute v1 ``BackendService.logConfig.enable``: "The default value is
false"), so each backend service is one record, as CIS GCP 3.0 2.16 audits them
(``gcloud compute backend-services describe``: ``enableLogging``).

* ``scheme``: ``loadBalancingScheme`` ``EXTERNAL`` / ``EXTERNAL_MANAGED`` is
  ``external``; ``INTERNAL``, ``INTERNAL_MANAGED`` and ``INTERNAL_SELF_MANAGED``
  are ``internal``.
* ``protocols``: the backend service's ``protocol`` in lower case (``http``,
  ``https``, ``http2``, ``tcp`` ...).
"""

from __future__ import annotations

from typing import Literal

from scanner.inventory.model import LoadBalancer
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, last

EXTERNAL_SCHEMES = frozenset({"EXTERNAL", "EXTERNAL_MANAGED"})


def scheme(value: str | None) -> Literal["external", "internal"] | None:
    if not value:
        return None
    return "external" if value in EXTERNAL_SCHEMES else "internal"


def load_balancers(raw: ProjectRaw) -> list[LoadBalancer]:
    out = []
    for item in raw.backend_services or []:
        protocol = str(item.get("protocol") or "").lower()
        out.append(
            LoadBalancer(
                **base(
                    raw.project,
                    item,
                    "compute.backendServices.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=last(item.get("region")),
                ),
                scheme=scheme(item.get("loadBalancingScheme")),
                protocols=(protocol,) if protocol else (),
                logging=bool((item.get("logConfig") or {}).get("enable", False)),
            )
        )
    return out
