"""One Alibaba Cloud account, end to end: settings, region discovery, the jobs, the records.

Collection stops with :class:`CollectorError` only when nothing can run: no
credentials, keys the API rejects on the first call (``InvalidAccessKeyId.NotFound``),
a single shared endpoint that cannot be reached, or a ``--region`` the account
cannot see. Every other failure is recorded in ``Snapshot.errors`` and the rest
of the account is still collected.

With ``--resource-directory`` every member of the Resource Directory is collected in turn,
each as its own account (:mod:`.accounts`); what would stop a one-account scan stops only
that member, and is recorded for it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from scanner.inventory.model import Resource
from scanner.inventory.snapshot import CollectionError, Snapshot
from scanner.providers.alibaba import accounts, translate
from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.errors import error_info, is_invalid_key
from scanner.providers.alibaba.plan import global_jobs, regional_jobs
from scanner.providers.alibaba.raw import GLOBAL, Collected, Failure
from scanner.providers.alibaba.runner import run_jobs
from scanner.providers.alibaba.services import ecs
from scanner.providers.alibaba.settings import PRODUCTS, Settings, load_settings
from scanner.providers.alibaba.translate import registry_access
from scanner.sources.live import CollectorError, CollectRequest, call_limits
from scanner.sources.retry import limits
from scanner.sources.transport import DEADLINE

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


def _home(request: CollectRequest) -> str:
    wanted = list(dict.fromkeys(request.regions))
    return wanted[0] if wanted else request.env.get("ALIBABA_CLOUD_REGION_ID") or DEFAULT_HOME_REGION


def collect_account(
    clients: Clients, settings: Settings, request: CollectRequest, account: str | None, now: datetime
) -> tuple[list[Resource], list[CollectionError]]:
    """One account's records and recorded errors; ``account`` ``None``: read it from the answers."""
    bounds = call_limits(request)
    wanted = list(dict.fromkeys(request.regions))
    home = _home(request)
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
    account = account or translate.account_id(collected) or "unknown"
    resources: list[Resource] = []
    for region in regions:
        resources += translate.regional(collected, account, region, now)
    resources += translate.buckets(collected, account)
    resources += translate.trails(collected, account)
    resources += translate.account_record(collected, account)
    resources += translate.ram(collected, account, now)
    resources = registry_access.link(resources, collected)  # who may push, delete, administer
    return resources, list(_errors(collected.failures, account))


def _directory(
    clients: Clients, settings: Settings, request: CollectRequest, now: datetime
) -> tuple[list[Resource], list[CollectionError]]:
    """Every member of the Resource Directory (:mod:`.accounts` states the rules)."""
    home = _home(request)
    bounds = call_limits(request)
    with limits(bounds):
        found = accounts.discover(clients, home)
    resources: list[Resource] = []
    errors = list(found.errors)
    for account in found.members:
        left = bounds.remaining()
        if left is not None and left <= 0:
            late = bounds.expired_message()
            errors.append(_member_error(account, "ecs", "DescribeRegions", DEADLINE, late))
            continue
        member = clients
        if account != found.own:
            try:
                with limits(bounds):
                    member_settings = accounts.member_settings(clients, settings, home, account)
            except Exception as exc:  # denied, no such role: this account is not collected
                errors.append(accounts.assume_failed(account, settings.member_role or "", exc))
                continue
            member = Clients(member_settings, bounds)
        try:
            found_resources, found_errors = collect_account(member, settings, request, account, now)
        except CollectorError as exc:  # the member's keys rejected, its endpoint or --region unusable
            errors.append(_member_error(account, "ecs", "DescribeRegions", "CollectionFailed", str(exc)))
            continue
        resources += found_resources
        errors += found_errors
    return resources, errors


def _member_error(account: str, service: str, operation: str, code: str, message: str) -> CollectionError:
    return CollectionError(
        provider="alibaba", account=account, service=service, operation=operation, code=code, message=message
    )


def collect(request: CollectRequest) -> Snapshot:
    settings = load_settings(request.config, request.env)
    clients = Clients(settings, call_limits(request))
    clients.check_credentials()
    now = datetime.now(UTC)
    if settings.resource_directory:
        resources, errors = _directory(clients, settings, request, now)
    else:
        account = request.accounts[0] if request.accounts else None
        resources, errors = collect_account(clients, settings, request, account, now)
    return Snapshot(
        created_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        resources=tuple(resources),  # type: ignore[arg-type]
        errors=tuple(errors),
    )
