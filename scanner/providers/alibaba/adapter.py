"""One Alibaba Cloud account, end to end: settings, region discovery, the jobs, the records.

Collection stops with :class:`CollectorError` only when nothing can run: no
credentials, keys the API rejects on the first call (``InvalidAccessKeyId.NotFound``),
a single shared endpoint that cannot be reached, or a ``--region`` the account
cannot see. Every other failure is recorded in ``Snapshot.errors`` and the rest
of the account is still collected.
"""

from __future__ import annotations

from datetime import UTC, datetime

from scanner.inventory.model import Resource
from scanner.inventory.snapshot import CollectionError, Snapshot
from scanner.providers.alibaba import translate
from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.errors import error_info, is_invalid_key
from scanner.providers.alibaba.plan import global_jobs, regional_jobs
from scanner.providers.alibaba.raw import GLOBAL, Collected, Failure
from scanner.providers.alibaba.runner import run_jobs
from scanner.providers.alibaba.services import ecs
from scanner.providers.alibaba.settings import PRODUCTS, Settings, load_settings
from scanner.sources.live import CollectorError, CollectRequest, call_limits
from scanner.sources.retry import limits

DEFAULT_HOME_REGION = "cn-hangzhou"


def _discover_regions(
    clients: Clients, settings: Settings, home: str, collected: Collected
) -> list[str] | None:
    """The regions the account can see, or ``None`` when DescribeRegions failed (recorded)."""
    request = None
    try:
        request = ecs.describe_regions(clients.get("ecs", home))
    except Exception as exc:
        info = error_info(exc)
        if is_invalid_key(info):
            raise CollectorError(
                f"Alibaba Cloud rejected the access key ({info.code}): check ALIBABA_CLOUD_ACCESS_KEY_ID "
                "and ALIBABA_CLOUD_ACCESS_KEY_SECRET"
            ) from None
        shared = len({settings.endpoint(p) for p in PRODUCTS}) == 1 and settings.endpoint("ecs") is not None
        if info.code == "EndpointUnreachable" and shared:
            url = settings.endpoint("ecs").url  # type: ignore[union-attr]
            raise CollectorError(
                f"cannot reach the Alibaba Cloud endpoint {url} (ECS DescribeRegions)"
            ) from None
        collected.failures.append(Failure("ecs", "DescribeRegions", home, info))
        return None
    return sorted(r["RegionId"] for r in request if r.get("RegionId"))


def _errors(failures: list[Failure], account: str) -> tuple[CollectionError, ...]:
    return tuple(
        CollectionError(
            provider="alibaba",
            account=account,
            service=f.product,
            operation=f.operation,
            code=f.info.code,
            message=f.info.message,
            region=None if f.region == GLOBAL else f.region,
        )
        for f in failures
    )


def collect(request: CollectRequest) -> Snapshot:
    bounds = call_limits(request)
    settings = load_settings(request.config, request.env)
    clients = Clients(settings, bounds)
    clients.check_credentials()
    wanted = list(dict.fromkeys(request.regions))
    home = wanted[0] if wanted else request.env.get("ALIBABA_CLOUD_REGION_ID") or DEFAULT_HOME_REGION
    collected = Collected()
    with limits(bounds):
        visible = _discover_regions(clients, settings, home, collected)
    if wanted and visible is not None:
        unknown = [r for r in wanted if r not in visible]
        if unknown:
            raise CollectorError(
                f"unknown Alibaba Cloud region {unknown[0]!r}; "
                f"regions this account can see: {', '.join(visible)}"
            )
    regions = wanted or visible or []
    jobs = [job for region in regions for job in regional_jobs(clients, region)]
    jobs += global_jobs(clients, home, set(wanted) if wanted else None)
    run_jobs(jobs, request.max_workers, request.progress, into=collected, call_limits=bounds)
    now = datetime.now(UTC)
    account = (
        (request.accounts[0] if request.accounts else None) or translate.account_id(collected) or "unknown"
    )
    resources: list[Resource] = []
    for region in regions:
        resources += translate.regional(collected, account, region, now)
    resources += translate.buckets(collected, account)
    resources += translate.trails(collected, account)
    resources += translate.account_record(collected, account)
    resources += translate.ram(collected, account, now)
    return Snapshot(
        created_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        resources=tuple(resources),  # type: ignore[arg-type]
        errors=_errors(collected.failures, account),
    )
