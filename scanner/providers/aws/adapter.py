"""AWS live adapter: one account, chosen accounts, or an Organization's members into the inventory.

``collect(request)`` resolves the settings (:mod:`.settings`), checks who the
credentials are (``sts:GetCallerIdentity``: a missing, expired or unknown
credential stops here with one line), picks the accounts (the caller's own;
``--account`` ids; with ``--organization`` the active accounts of
``organizations:ListAccounts``, each reached through ``sts:AssumeRole`` into the
member role), runs the plan on the shared bounded pool, and translates the raw
answers. A member that cannot be assumed, a region that is not enabled and a
denied call are ``Snapshot.errors``; the rest is still collected. boto3 is
imported from here down only.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

from scanner.inventory.snapshot import Snapshot
from scanner.providers.aws import translate
from scanner.providers.aws.clients import AccountClients, base_session
from scanner.providers.aws.errors import CREDENTIAL_CODES, NO_CREDENTIALS, UNREACHABLE, failure, setup_problem
from scanner.providers.aws.plan import MISSING, Collection, accounts_in
from scanner.providers.aws.services import ec2, organizations, sts
from scanner.providers.aws.settings import Settings, resolve
from scanner.sources.live import CollectorError, CollectRequest
from scanner.sources.pool import Task, run_tree

DEFAULT_REGION = "us-east-1"
FATAL_CODES = CREDENTIAL_CODES | {UNREACHABLE, NO_CREDENTIALS}


def _start(settings: Settings, pool_size: int) -> tuple[AccountClients, str, dict[str, str]]:
    """The caller's clients, home region and identity, or a :class:`CollectorError` saying why not."""
    try:
        session = base_session(settings)
        home = session.region_name or DEFAULT_REGION
        clients = AccountClients(settings, session, pool_size)
        identity = sts.identity(clients.client("sts", home))
    except Exception as exc:
        problem = setup_problem(exc, settings.profile)
        if problem is None:
            raise
        raise CollectorError(problem) from None
    return clients, home, identity


def _check_regions(settings: Settings, clients: AccountClients, home: str) -> None:
    """A requested name that is no region at all is a typo: exit 2. Not enabled ones are per account."""
    if not settings.regions:
        return
    try:
        known = {r["RegionName"] for r in ec2.regions(clients.client("ec2", home), all_regions=True)}
    except Exception as exc:
        if failure(exc) is None:
            raise
        return  # the account task records the same failure
    unknown = [r for r in settings.regions if r not in known]
    if unknown:
        raise CollectorError(
            f"--region {unknown[0]!r} is not an AWS region (known: {', '.join(sorted(known))})"
        )


def _targets(
    settings: Settings, collection: Collection, clients: AccountClients, home: str, own: str
) -> list[str]:
    if settings.organization is None:
        return list(settings.accounts or (own,))
    client = clients.client("organizations", home)
    hint = " (run from the Organization's management account or a delegated administrator)"
    if settings.organization:
        found = collection.attempt(
            own, "organizations", "DescribeOrganization", lambda: organizations.organization(client)
        )
        if found is not MISSING and found.get("Id") != settings.organization:
            raise CollectorError(
                f"--organization {settings.organization}: these credentials belong to organization "
                f"{found.get('Id')}"
            )
    listed = collection.attempt(own, "organizations", "ListAccounts", lambda: organizations.accounts(client))
    if listed is MISSING:
        error = collection.errors[-1]
        collection.errors[-1] = msgspec.structs.replace(error, message=error.message + hint)
        return list(settings.accounts or (own,))
    members = accounts_in(listed)
    if not members:  # an Organization always holds its management account: an empty answer means none
        collection.record_error(
            own,
            "organizations",
            "ListAccounts",
            "NoAccounts",
            "the Organization listed no active account" + hint,
        )
        return list(settings.accounts or (own,))
    if not settings.accounts:
        return members
    for account in settings.accounts:
        if account not in members:
            collection.record_error(
                account,
                "organizations",
                "ListAccounts",
                "AccountNotFound",
                f"account {account} is not an active account of the Organization; not collected",
            )
    return [a for a in members if a in settings.accounts]


def collect(request: CollectRequest) -> Snapshot:
    """Collect the requested accounts; see the module docstring."""
    settings = resolve(request.env, request.config, request.organizations, request.regions)
    clients, home, identity = _start(settings, request.max_workers)
    own = identity["Account"]
    partition = identity.get("Arn", "arn:aws:").split(":")[1] or "aws"
    _check_regions(settings, clients, home)
    collection = Collection(settings, request.progress, request.max_workers, home)
    targets = _targets(settings, collection, clients, home, own)
    tasks: list[Task] = [
        collection.own_account_task(own, partition, clients)
        if account == own
        else collection.member_task(account, partition, clients)
        for account in dict.fromkeys(targets)
    ]
    run_tree(tasks, request.max_workers, request.progress.add)
    now = datetime.now(UTC)
    resources = [
        record
        for account in sorted(collection.accounts)
        for record in translate.account_records(collection.accounts[account], now)
    ]
    errors = sorted(collection.errors, key=lambda e: (e.account, e.service, e.operation, e.region or ""))
    if not resources and errors and {e.code for e in errors} <= FATAL_CODES:
        raise CollectorError(
            f"AWS collection failed for every account: {errors[0].code}: {errors[0].message}"
        )
    return Snapshot(
        created_at=now.isoformat(timespec="seconds"), resources=tuple(resources), errors=tuple(errors)
    )
