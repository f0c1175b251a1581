"""``google_compute_backend_service`` / ``google_compute_region_backend_service`` -> load_balancer records.

Provider documentation (``website/docs/r/compute_backend_service.html.markdown``
and ``compute_region_backend_service.html.markdown``): ``log_config.enable``
"Whether to enable logging for the load balancer traffic"; without it Compute
v1 ``BackendServiceLogConfig.enable`` applies ("The default value is false").
``load_balancing_scheme`` defaults to ``EXTERNAL_MANAGED`` (global) and
``INTERNAL`` (regional); ``protocol`` "The default is HTTP". Scheme and
protocol are read by the live rules (:mod:`scanner.providers.gcp.translate.loadbalancer`).
"""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import LoadBalancer, Resource
from scanner.providers.gcp.terraform.common import account_of, region_of
from scanner.providers.gcp.translate.loadbalancer import scheme
from scanner.sources.terraform.model import TfResource
from scanner.sources.terraform.translate.common import Fields, as_bool, record, value
from scanner.sources.terraform.translate.context import TfContext


def _backend_service(res: TfResource, ctx: TfContext, *, default_scheme: str, region: object) -> Resource:
    f = Fields()
    f.set("scheme", value(res, "load_balancing_scheme", default_scheme), lambda s: scheme(str(s)))
    f.set("protocols", value(res, "protocol", "HTTP"), lambda p: (str(p).lower(),))
    f.set("logging", as_bool(value(res.block("log_config"), "enable", False)))
    return record(
        LoadBalancer,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=region,
        name=res.get("name"),
        fields=f,
    )


def backend_service(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield _backend_service(res, ctx, default_scheme="EXTERNAL_MANAGED", region="")


def region_backend_service(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield _backend_service(res, ctx, default_scheme="INTERNAL", region=region_of(res, ctx))
