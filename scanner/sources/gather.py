"""One run's sources merged into one inventory: snapshots, live collection and Terraform.

The CLI decides *what* to read; this module reads it, so that any other front
end (a scheduled job, a sharded Kubernetes job) gets the same merge rules:
ids stay unique across sources, every source's failures become
:class:`~scanner.findings.ScanError` records, and with a Terraform state live
records are placed at the code that manages them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.findings import ScanError
from scanner.inventory import Inventory, Snapshot, load_snapshot
from scanner.inventory.model import Resource
from scanner.sources.live import (
    DEFAULT_MAX_WORKERS,
    CollectRequest,
    NullProgress,
    Progress,
    deadline_after,
    get_collector,
)

if TYPE_CHECKING:
    from scanner.sources.terraform.source import TerraformScan


class SourceError(ValueError):
    """A source that cannot be read at all; the message names it."""


ProgressFor = Callable[[str], AbstractContextManager[Progress]]


def no_progress(_label: str) -> AbstractContextManager[Progress]:
    return contextlib.nullcontext(NullProgress())


@dataclass(frozen=True)
class LiveScope:
    """What to collect live: the providers and the request fields they share."""

    providers: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    max_workers: int = DEFAULT_MAX_WORKERS
    config: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    timeout: float | None = None  # seconds for the whole live collection (--timeout); None: no deadline


@dataclass
class Gathered:
    inventory: Inventory
    errors: list[ScanError]
    unsupported: dict[str, int]


def scan_errors(snapshot: Snapshot, source: str) -> list[ScanError]:
    return [
        ScanError(
            source=source,
            message=e.message,
            provider=e.provider,
            account=e.account,
            region=e.region,
            service=e.service,
            operation=e.operation,
            code=e.code,
        )
        for e in snapshot.errors
    ]


def collect_live(scope: LiveScope, progress_for: ProgressFor = no_progress) -> list[Snapshot]:
    """Run each provider's adapter in turn, each with its own progress display, within one deadline."""
    deadline = deadline_after(scope.timeout)
    snapshots = []
    for provider in scope.providers:
        collector = get_collector(provider)
        with progress_for(f"collecting {provider}") as progress:
            request = CollectRequest(
                provider=provider,
                accounts=scope.accounts,
                folders=scope.folders,
                organizations=scope.organizations,
                regions=scope.regions,
                max_workers=scope.max_workers,
                config=scope.config.get(provider, {}),
                env=scope.env,
                progress=progress,
                deadline=deadline,
            )
            snapshots.append(collector(request))
    return snapshots


def merge_snapshots(snapshots: Sequence[Snapshot]) -> Snapshot:
    """One snapshot of several (``cloudscan collect`` with more than one provider)."""
    created = max((s.created_at for s in snapshots if s.created_at), default=None)
    return Snapshot(
        resources=tuple(r for s in snapshots for r in s.resources),
        errors=tuple(e for s in snapshots for e in s.errors),
        created_at=created,
    )


def read_terraform(
    paths: Sequence[str], source: str | None, state: str | None, repo_root: str | None = None
) -> TerraformScan | None:
    """The Terraform part of a scan: code to evaluate, or a state to trace live findings to code.

    ``repo_root`` is what file paths are shown relative to (default: the git work tree).
    """
    for path in paths:
        if not Path(path).exists():
            raise SourceError(f"{path}: no such file or directory")
    if not paths and not state:
        return None
    # Imported only for a Terraform scan: a snapshot or live scan never loads the Terraform reader.
    from scanner.sources.terraform.source import live_to_code, scan_terraform  # noqa: PLC0415

    root = Path(repo_root) if repo_root else None
    try:
        if state:
            files = [p for p in paths if not Path(p).is_dir()]
            if files:
                raise SourceError(
                    f"{files[0]}: with --terraform-state, --terraform names the source directories "
                    "that the state's resources are traced to"
                )
            return live_to_code(Path(state), [Path(p) for p in paths], root)
        if paths:
            return scan_terraform([Path(p) for p in paths], Path(source) if source else None, root)
    except OSError as exc:
        raise SourceError(f"{exc.filename}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise SourceError("a Terraform JSON file is not UTF-8 text") from None
    return None


def gather(
    inventories: Sequence[str],
    scope: LiveScope,
    terraform: TerraformScan | None = None,
    progress_for: ProgressFor = no_progress,
) -> Gathered:
    """Every source of this run merged into one inventory, with their errors.

    Live and snapshot records are placed at their Terraform code when a state is
    given (``terraform.place``); Terraform code records are added as they are.
    """
    resources: list[Resource] = []
    errors: list[ScanError] = []
    for path in inventories:
        snapshot = load_snapshot(path)
        resources.extend(snapshot.resources)
        errors.extend(scan_errors(snapshot, f"snapshot {path}"))
    for provider, snapshot in zip(scope.providers, collect_live(scope, progress_for), strict=True):
        resources.extend(snapshot.resources)
        errors.extend(scan_errors(snapshot, f"{provider} collection"))
    unsupported: dict[str, int] = {}
    if terraform is not None:
        resources = [*terraform.place(resources), *terraform.records]
        errors.extend(terraform.errors)
        unsupported = terraform.unsupported
    try:
        return Gathered(Inventory(resources), errors, unsupported)
    except ValueError as exc:
        raise SourceError(str(exc)) from None
