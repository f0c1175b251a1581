"""The collection plan: which API calls to make for each account and region, and where answers go.

An account task (the caller's own account, or a member reached through
``sts:AssumeRole``) reads the account's regions and yields one task per
(region, listing) and per global call; listings that need follow-ups (a DB
instance's parameter group, a bucket's settings, a repository's policy) yield
them as they finish, so every worker of the shared pool stays busy. A failed
call is recorded as a :class:`CollectionError` and the other tasks go on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from scanner.inventory.snapshot import CollectionError
from scanner.providers.aws.clients import AccountClients, assumed_session
from scanner.providers.aws.errors import failure
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.services import ec2, ecr, iam, rds, s3, sts
from scanner.providers.aws.settings import Settings
from scanner.sources.live import Progress
from scanner.sources.pool import Task

T = TypeVar("T")
MISSING: Any = object()
ENABLED = frozenset({"opt-in-not-required", "opted-in"})


class Collection:
    """Shared state of one collection run; tasks may call it from any thread."""

    def __init__(self, settings: Settings, progress: Progress, pool_size: int, home_region: str) -> None:
        self.settings = settings
        self.progress = progress
        self.pool_size = pool_size
        self.home_region = home_region
        self.accounts: dict[str, AccountRaw] = {}
        self.errors: list[CollectionError] = []
        self._lock = threading.Lock()

    # -- bookkeeping -------------------------------------------------------------------------
    def record_error(
        self, account: str, service: str, operation: str, code: str, message: str, region: str | None = None
    ) -> None:
        with self._lock:
            self.errors.append(
                CollectionError(
                    provider="aws",
                    account=account,
                    service=service,
                    operation=operation,
                    code=code,
                    message=message,
                    region=region,
                )
            )

    def attempt(
        self, account: str, service: str, operation: str, fn: Callable[[], T], region: str | None = None
    ) -> Any:
        """Run one call; an API failure becomes a collection error and :data:`MISSING` is returned."""
        try:
            return fn()
        except Exception as exc:
            found = failure(exc)
            if found is None:
                raise
            self.record_error(account, service, operation, found.code, found.message, region)
            return MISSING
        finally:
            self.progress.advance(f"{account} {service}.{operation}")

    # -- accounts ----------------------------------------------------------------------------
    def own_account_task(self, account: str, partition: str, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            return self._account(account, partition, clients)

        return run

    def member_task(self, account: str, partition: str, base: AccountClients) -> Task:
        """Assume the member role in ``account``; a refusal is that account's error, not the scan's."""

        def run() -> list[Task]:
            role = f"arn:{partition}:iam::{account}:role/{self.settings.member_role}"
            client = base.client("sts", self.home_region)
            found = self.attempt(account, "sts", "AssumeRole", lambda: sts.assume(client, role))
            if found is MISSING:
                return []
            clients = AccountClients(self.settings, assumed_session(found), self.pool_size)
            return self._account(account, partition, clients)

        return run

    def _account(self, account: str, partition: str, clients: AccountClients) -> list[Task]:
        """The account's regions (enabled ones, or the requested ones if enabled), then its tasks."""
        found = self.attempt(
            account,
            "ec2",
            "DescribeRegions",
            lambda: ec2.regions(clients.client("ec2", self.home_region), all_regions=True),
        )
        if found is MISSING:
            return []
        status = {r["RegionName"]: r.get("OptInStatus", "opt-in-not-required") for r in found}
        wanted = self.settings.regions or tuple(sorted(n for n, s in status.items() if s in ENABLED))
        raw = AccountRaw(account, partition)
        regions = []
        for region in wanted:
            if status.get(region) not in ENABLED:
                why = "is not a region of this partition" if region not in status else "is not enabled"
                self.record_error(
                    account,
                    "ec2",
                    "DescribeRegions",
                    "RegionNotEnabled",
                    f"region {region} {why} for account {account} (opt-in status: "
                    f"{status.get(region, 'unknown')}); not collected",
                    region,
                )
                continue
            regions.append(raw.region(region))
        with self._lock:
            self.accounts[account] = raw
        tasks: list[Task] = []
        for region_raw in regions:
            tasks += self._region_tasks(raw, region_raw, clients)
        tasks += self._global_tasks(raw, clients)
        return tasks

    # -- regional ----------------------------------------------------------------------------
    def _region_tasks(self, raw: AccountRaw, region: RegionRaw, clients: AccountClients) -> list[Task]:
        tasks: list[Task] = [self._ec2_listing(raw, region, clients, f) for f in ec2.LISTINGS]
        tasks.append(
            self._store(
                raw, region, "ec2", "DescribeInstances", "instances", lambda c: ec2.instances(c), clients
            )
        )
        tasks += [self._db_instances(raw, region, clients), self._db_clusters(raw, region, clients)]
        tasks += [self._repositories(raw, region, clients)]
        tasks.append(
            self._store(
                raw,
                region,
                "ecr",
                "GetRegistryScanningConfiguration",
                "registry_scanning",
                ecr.registry_scanning,
                clients,
            )
        )
        return tasks

    def _store(
        self,
        raw: AccountRaw,
        region: RegionRaw,
        service: str,
        operation: str,
        field: str,
        fn: Callable[[Any], Any],
        clients: AccountClients,
    ) -> Task:
        def run() -> list[Task]:
            client = clients.client(service, region.region)
            found = self.attempt(raw.account, service, operation, lambda: fn(client), region.region)
            if found is not MISSING:
                setattr(region, field, found)
            return []

        return run

    def _ec2_listing(self, raw: AccountRaw, region: RegionRaw, clients: AccountClients, field: str) -> Task:
        operation = "".join(p.capitalize() for p in ec2.LISTINGS[field][0].split("_"))
        return self._store(raw, region, "ec2", operation, field, lambda c: ec2.listing(c, field), clients)

    def _db_instances(self, raw: AccountRaw, region: RegionRaw, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            client = clients.client("rds", region.region)
            found = self.attempt(
                raw.account, "rds", "DescribeDBInstances", lambda: rds.db_instances(client), region.region
            )
            if found is MISSING:
                return []
            region.db_instances = found
            groups = {
                g["DBParameterGroupName"]
                for item in found
                for g in item.get("DBParameterGroups", []) or []
                if g.get("DBParameterGroupName")
            }
            return [self._parameters(raw, region, client, g, cluster=False) for g in sorted(groups)]

        return run

    def _db_clusters(self, raw: AccountRaw, region: RegionRaw, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            client = clients.client("rds", region.region)
            found = self.attempt(
                raw.account, "rds", "DescribeDBClusters", lambda: rds.db_clusters(client), region.region
            )
            if found is MISSING:
                return []
            region.db_clusters = found
            groups = {c["DBClusterParameterGroup"] for c in found if c.get("DBClusterParameterGroup")}
            return [self._parameters(raw, region, client, g, cluster=True) for g in sorted(groups)]

        return run

    def _parameters(self, raw: AccountRaw, region: RegionRaw, client: Any, group: str, cluster: bool) -> Task:
        def run() -> list[Task]:
            if cluster:
                operation, fn, target = (
                    "DescribeDBClusterParameters",
                    rds.cluster_parameters,
                    region.cluster_parameters,
                )
            else:
                operation, fn, target = "DescribeDBParameters", rds.parameters, region.db_parameters
            found = self.attempt(raw.account, "rds", operation, lambda: fn(client, group), region.region)
            if found is not MISSING:
                with self._lock:
                    target[group] = found
            return []

        return run

    def _repositories(self, raw: AccountRaw, region: RegionRaw, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            client = clients.client("ecr", region.region)
            found = self.attempt(
                raw.account, "ecr", "DescribeRepositories", lambda: ecr.repositories(client), region.region
            )
            if found is MISSING:
                return []
            region.repositories = found
            names = [r["repositoryName"] for r in found]
            return [self._repository(raw, region, client, n) for n in names]

        return run

    def _repository(self, raw: AccountRaw, region: RegionRaw, client: Any, name: str) -> Task:
        def run() -> list[Task]:
            for operation, fn, target in (
                ("GetRepositoryPolicy", ecr.repository_policy, region.repository_policies),
                ("GetLifecyclePolicy", ecr.lifecycle_policy, region.lifecycle_policies),
            ):
                found = self.attempt(
                    raw.account, "ecr", operation, lambda f=fn: f(client, name), region.region
                )
                if found is not MISSING:
                    with self._lock:
                        target[name] = found
            return []

        return run

    # -- global: IAM, S3 ---------------------------------------------------------------------
    def _global_tasks(self, raw: AccountRaw, clients: AccountClients) -> list[Task]:
        home = self.home_region

        def iam_call(operation: str, fn: Callable[[Any], Any], store: Callable[[Any], None]) -> Task:
            def run() -> list[Task]:
                client = clients.client("iam", home)
                found = self.attempt(raw.account, "iam", operation, lambda: fn(client))
                if found is not MISSING:
                    store(found)
                return []

            return run

        def setting(name: str) -> Callable[[Any], None]:
            def store(value: Any) -> None:
                with self._lock:
                    raw.account_settings[name] = value

            return store

        def report() -> list[Task]:
            """The credential report; only without it (or its root row) is the account summary read."""
            client = clients.client("iam", home)
            found = self.attempt(
                raw.account, "iam", "GetCredentialReport", lambda: iam.credential_report(client)
            )
            if found is not MISSING:
                raw.credential_report = found
                if any(row.get("user") == "<root_account>" for row in found):
                    return []
            return [
                iam_call(
                    "GetAccountSummary", iam.account_summary, lambda v: setattr(raw, "account_summary", v)
                )
            ]

        return [
            report,
            iam_call("GetAccountPasswordPolicy", iam.password_policy, setting("password_policy")),
            iam_call(
                "GetAccountAuthorizationDetails",
                iam.authorization_details,
                lambda v: setattr(raw, "authorization", v),
            ),
            self._account_block(raw, clients),
            self._buckets(raw, clients),
        ]

    def _account_block(self, raw: AccountRaw, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            client = clients.client("s3control", self.home_region)
            found = self.attempt(
                raw.account,
                "s3control",
                "GetPublicAccessBlock",
                lambda: s3.account_public_access_block(client, raw.account),
            )
            if found is not MISSING:
                with self._lock:
                    raw.account_settings["public_access_block"] = found
            return []

        return run

    def _buckets(self, raw: AccountRaw, clients: AccountClients) -> Task:
        def run() -> list[Task]:
            client = clients.client("s3", self.home_region)
            found = self.attempt(raw.account, "s3", "ListBuckets", lambda: s3.buckets(client))
            if found is MISSING:
                return []
            raw.buckets = found
            return [self._bucket(raw, clients, b["Name"], b.get("BucketRegion")) for b in found]

        return run

    def _bucket(self, raw: AccountRaw, clients: AccountClients, name: str, region: str | None) -> Task:
        def run() -> list[Task]:
            where = region
            if not where:
                client = clients.client("s3", self.home_region)
                found = self.attempt(
                    raw.account, "s3", "GetBucketLocation", lambda: s3.location(client, name)
                )
                if found is MISSING:
                    return []
                where = found
            with self._lock:
                raw.bucket_regions[name] = where
                raw.bucket_details[name] = {}
            if self.settings.regions and where not in self.settings.regions:
                return []
            return [
                self._bucket_detail(raw, clients, name, where, d) for d in s3.DETAILS if d != "policy_status"
            ]

        return run

    def _bucket_detail(
        self, raw: AccountRaw, clients: AccountClients, name: str, region: str, detail: str
    ) -> Task:
        operation = "Get" + "".join(p.capitalize() for p in s3.DETAILS[detail][0].split("_")[1:])

        def run() -> list[Task]:
            client = clients.client("s3", region)
            found = self.attempt(
                raw.account, "s3", operation, lambda: s3.detail(client, name, detail), region
            )
            if found is MISSING:
                return []
            with self._lock:
                raw.bucket_details[name][detail] = found
            if detail == "policy":
                if found is None:  # no policy, so nothing for the policy status to judge
                    with self._lock:
                        raw.bucket_details[name]["policy_status"] = None
                    return []
                return [self._bucket_detail(raw, clients, name, region, "policy_status")]
            return []

        return run


def accounts_in(found: Iterable[dict[str, Any]]) -> list[str]:
    """The ids of the Organization's active accounts."""
    return [a["Id"] for a in found if a.get("Status", "ACTIVE") == "ACTIVE" and a.get("Id")]
