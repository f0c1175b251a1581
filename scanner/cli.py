"""The ``cloudscan`` command: wires sources, the engine and reporters together.

Exit codes: 0 no active finding at or above ``--fail-on``; 1 such findings
exist; 2 usage or input error (bad policy, bad snapshot, unwritable output).
Nothing imports this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from scanner import __version__
from scanner.atomic import write_atomic
from scanner.builtin import builtin_policy_dir
from scanner.config import ConfigError, load_config
from scanner.engine import evaluate
from scanner.findings import ScanError, ScanResult, Severity
from scanner.inventory import Inventory, Snapshot, SnapshotError, dump_snapshot, load_snapshot
from scanner.inventory.snapshot import snapshot_json_schema
from scanner.outputs import OutputError, Target, plan_outputs
from scanner.policy import Policy, PolicyError, load_policies
from scanner.policy.schema import render_schema
from scanner.policy.testing import run_policy_tests
from scanner.progress import TerminalProgress, wants_progress
from scanner.reporters import REPORTERS, ReportOptions
from scanner.reporters.sarif import SarifLimitError
from scanner.reporters.table import summary_line
from scanner.sources.live import (
    DEFAULT_MAX_WORKERS,
    CollectorError,
    CollectRequest,
    NullProgress,
    get_collector,
)
from scanner.sources.terraform.source import NotTerraformJson, TerraformScan, live_to_code, scan_terraform
from scanner.waivers import apply_waivers, load_waivers

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 2, 3
BUILTIN = "builtin"
F = TypeVar("F", bound=Callable[..., Any])


class InputError(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def _fail(message: str) -> NoReturn:
    click.echo(f"cloudscan: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def handles_input_errors(func: F) -> F:
    """Turn the library's input errors into one clear line and exit code 2, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (
            PolicyError,
            SnapshotError,
            OutputError,
            InputError,
            ConfigError,
            CollectorError,
            SarifLimitError,
            NotTerraformJson,
        ) as exc:
            _fail(str(exc))

    return wrapper  # type: ignore[return-value]


def _policy_paths(values: Sequence[str]) -> list[Path]:
    if not values:
        return [builtin_policy_dir()]
    return [builtin_policy_dir() if value == BUILTIN else Path(value) for value in values]


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _by_extension() -> dict[str, str]:
    return {ext: name for name, reporter in REPORTERS.items() for ext in reporter.extensions}


def _scan_errors(snapshot: Snapshot, source: str) -> list[ScanError]:
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


def _collect(
    provider: str, request_args: dict[str, object], config_path: str | None, quiet: bool
) -> Snapshot:
    """Run one live adapter, with a progress bar when a person is watching."""
    collector = get_collector(provider)
    config = load_config(config_path).get(provider, {})
    progress_cm = TerminalProgress(f"collecting {provider}") if wants_progress(quiet) else None
    with progress_cm or contextlib.nullcontext():
        request = CollectRequest(
            provider=provider,
            config=config,
            env=dict(os.environ),
            progress=progress_cm or NullProgress(),
            **request_args,  # type: ignore[arg-type]
        )
        return collector(request)


def _gather(
    inventories: Sequence[str],
    providers: Sequence[str],
    request_args: dict[str, object],
    config_path: str | None,
    quiet: bool,
    terraform: TerraformScan | None = None,
) -> tuple[Inventory, list[ScanError]]:
    """Every source of this run merged into one inventory, with their errors.

    Live and snapshot records are placed at their Terraform code when a state is
    given (``terraform.place``); Terraform code records are added as they are.
    """
    resources = []
    errors: list[ScanError] = []
    for path in inventories:
        snapshot = load_snapshot(path)
        resources.extend(snapshot.resources)
        errors.extend(_scan_errors(snapshot, f"snapshot {path}"))
    for provider in providers:
        snapshot = _collect(provider, request_args, config_path, quiet)
        resources.extend(snapshot.resources)
        errors.extend(_scan_errors(snapshot, f"{provider} collection"))
    if terraform is not None:
        resources = [*terraform.place(resources), *terraform.records]
        errors.extend(terraform.errors)
    try:
        return Inventory(resources), errors
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _terraform(paths: Sequence[str], source: str | None, state: str | None) -> TerraformScan | None:
    """The Terraform part of a scan: code to evaluate, or a state to trace live findings to code."""
    for path in paths:
        if not Path(path).exists():
            raise InputError(f"{path}: no such file or directory")
    try:
        if state:
            return live_to_code(Path(state), [Path(p) for p in paths if Path(p).is_dir()])
        if paths:
            return scan_terraform([Path(p) for p in paths], Path(source) if source else None)
    except OSError as exc:
        raise InputError(f"{exc.filename}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError("a Terraform JSON file is not UTF-8 text") from None
    return None


TERMINAL_ROWS_WITH_REPORT = 50


def _write_reports(result: ScanResult, targets: list[Target], quiet: bool) -> None:
    """Render every format first, then write files atomically, so a failure loses nothing.

    The terminal table is cut to its first rows per severity when a report file
    holds every finding: rendering tens of thousands of rows takes longer than
    the scan itself and nobody reads them on a terminal.
    """
    stdout_is_machine = any(t.path is None and t.format != "table" for t in targets)
    has_file = any(t.path is not None for t in targets)
    rendered: list[tuple[Target, bytes]] = []
    for target in targets:
        if target.path is None and target.format == "table" and quiet and not stdout_is_machine:
            rendered.append((target, (summary_line(result) + "\n").encode()))
            continue
        to_terminal = target.path is None
        options = ReportOptions(
            tool_version=__version__,
            color=to_terminal and sys.stdout.isatty(),
            max_rows=TERMINAL_ROWS_WITH_REPORT if to_terminal and has_file else None,
        )
        rendered.append((target, REPORTERS[target.format].render(result, options)))
    for target, data in rendered:
        if target.path is None:
            continue
        try:
            write_atomic(target.path, data)
        except OSError as exc:
            raise InputError(f"{target.path}: cannot write report: {exc.strerror}") from None
    for target, data in rendered:
        if target.path is not None:
            continue
        if target.format == "table":
            click.echo(data.decode(), nl=False, err=stdout_is_machine)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="cloudscan")
def cli() -> None:
    """Check cloud accounts and Terraform against guardrail policies."""


severity_choice = click.Choice([*(s.value for s in Severity), "none"], case_sensitive=False)
policies_option = click.option(
    "--policies",
    "-p",
    "policy_paths",
    multiple=True,
    metavar="PATH",
    help=f"Policy file or directory (repeatable). Default: the built-in pack; '{BUILTIN}' names it.",
)


def live_source_options(func: F) -> F:
    """The options that pick what a live adapter collects (shared by scan and collect)."""
    options = [
        click.option(
            "--provider",
            "providers",
            multiple=True,
            metavar="NAME",
            help="Collect this cloud live (repeatable).",
        ),
        click.option(
            "--project", "accounts", multiple=True, metavar="ID", help="GCP project to collect (repeatable)."
        ),
        click.option(
            "--folder",
            "folders",
            multiple=True,
            metavar="ID",
            help="GCP folder: collect its active projects.",
        ),
        click.option(
            "--organization",
            "organizations",
            multiple=True,
            metavar="ID",
            help="GCP organization: collect its active projects.",
        ),
        click.option(
            "--region",
            "regions",
            multiple=True,
            metavar="NAME",
            help="Only these regions (repeatable; default: all).",
        ),
        click.option(
            "--max-workers",
            type=click.IntRange(1, 256),
            default=DEFAULT_MAX_WORKERS,
            show_default=True,
            help="Concurrent API workers.",
        ),
        click.option(
            "--config",
            "config_path",
            type=click.Path(dir_okay=False),
            help="Config file (endpoints per provider and service).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _request_args(
    accounts: tuple[str, ...],
    folders: tuple[str, ...],
    organizations: tuple[str, ...],
    regions: tuple[str, ...],
    max_workers: int,
) -> dict[str, object]:
    return {
        "accounts": accounts,
        "folders": folders,
        "organizations": organizations,
        "regions": regions,
        "max_workers": max_workers,
    }


@cli.command()
@click.option(
    "--inventory",
    "-i",
    "inventories",
    multiple=True,
    metavar="SNAPSHOT",
    help="Inventory snapshot (JSON) to evaluate (repeatable).",
)
@click.option(
    "--terraform",
    "terraform_paths",
    multiple=True,
    metavar="PATH",
    help="Terraform directory of .tf files, or plan/state JSON from `terraform show -json` (repeatable). "
    "With --terraform-state: the code that live resources are traced back to.",
)
@click.option(
    "--terraform-source",
    metavar="DIR",
    type=click.Path(file_okay=False, exists=True),
    help="Source directory of a plan/state given to --terraform: findings point at its .tf lines.",
)
@click.option(
    "--terraform-state",
    metavar="STATE",
    type=click.Path(dir_okay=False, exists=True),
    help="Terraform state JSON: place live (--provider/--inventory) findings at the .tf line "
    "that manages them.",
)
@live_source_options
@policies_option
@click.option(
    "--format",
    "-f",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help=f"Report format: {', '.join(REPORTERS)} (repeatable or comma-separated).",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    multiple=True,
    metavar="PATH",
    help="Report file; its extension picks the format (.sarif, .json, .txt).",
)
@click.option(
    "--fail-on",
    type=severity_choice,
    default="low",
    show_default=True,
    help="Exit 1 when an active finding at or above this severity remains ('none': never).",
)
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(dir_okay=False),
    help="YAML file of accepted risks: matching findings are reported as suppressed.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line instead of the table.")
@handles_input_errors
def scan(
    inventories: tuple[str, ...],
    terraform_paths: tuple[str, ...],
    terraform_source: str | None,
    terraform_state: str | None,
    providers: tuple[str, ...],
    accounts: tuple[str, ...],
    folders: tuple[str, ...],
    organizations: tuple[str, ...],
    regions: tuple[str, ...],
    max_workers: int,
    config_path: str | None,
    policy_paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str,
    waivers_path: str | None,
    quiet: bool,
) -> None:
    """Evaluate policies against live accounts, saved inventories or Terraform and report the findings."""
    if not inventories and not providers and not terraform_paths:
        raise click.UsageError(
            "nothing to scan: give --inventory SNAPSHOT, --provider NAME or --terraform PATH"
        )
    if terraform_state and not (inventories or providers):
        raise click.UsageError("--terraform-state places live findings: give --provider or --inventory too")
    chosen = _split(formats)
    unknown = [f for f in chosen if f not in REPORTERS]
    if unknown:
        raise click.UsageError(f"unknown format {unknown[0]!r}; choose from {', '.join(REPORTERS)}")
    targets = plan_outputs(chosen, list(outputs), _by_extension())
    policies = load_policies(_policy_paths(policy_paths))
    waivers = load_waivers(waivers_path) if waivers_path else []
    request_args = _request_args(accounts, folders, organizations, regions, max_workers)
    terraform = _terraform(terraform_paths, terraform_source, terraform_state)
    inventory, errors = _gather(inventories, providers, request_args, config_path, quiet, terraform)
    result = evaluate(policies, inventory, errors)
    if terraform is not None:
        result.unsupported = terraform.unsupported
    result.findings = apply_waivers(result.findings, waivers, dt.datetime.now(dt.UTC).date())
    _write_reports(result, targets, quiet)
    threshold = None if fail_on.lower() == "none" else Severity(fail_on.lower())
    if result.fails(threshold):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_PARTIAL if result.errors else EXIT_OK)


@cli.command()
@live_source_options
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    metavar="FILE",
    help="Where to write the inventory snapshot (JSON).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@handles_input_errors
def collect(
    providers: tuple[str, ...],
    accounts: tuple[str, ...],
    folders: tuple[str, ...],
    organizations: tuple[str, ...],
    regions: tuple[str, ...],
    max_workers: int,
    config_path: str | None,
    output: str,
    quiet: bool,
) -> None:
    """Save a live inventory snapshot without evaluating it (read it back with scan --inventory)."""
    if not providers:
        raise click.UsageError("give --provider NAME")
    request_args = _request_args(accounts, folders, organizations, regions, max_workers)
    resources = []
    errors = []
    for provider in providers:
        snapshot = _collect(provider, request_args, config_path, quiet)
        resources.extend(snapshot.resources)
        errors.extend(snapshot.errors)
    merged = Snapshot(resources=tuple(resources), errors=tuple(errors), created_at=snapshot.created_at)
    try:
        dump_snapshot(merged, output)
    except OSError as exc:
        raise InputError(f"{output}: cannot write snapshot: {exc.strerror}") from None
    for error in errors:
        where = f"{error.provider}/{error.account} {error.service}.{error.operation}"
        click.echo(f"cloudscan: collection error: {where}: {error.code}: {error.message}", err=True)
    click.echo(f"{len(resources)} resources, {len(errors)} collection error(s) written to {output}", err=True)
    sys.exit(EXIT_PARTIAL if errors else EXIT_OK)


@cli.group()
def policy() -> None:
    """List, validate and test policies."""


def _load(paths: Sequence[str]) -> list[Policy]:
    return load_policies(_policy_paths(paths))


@policy.command("list")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@handles_input_errors
def policy_list(paths: tuple[str, ...]) -> None:
    """List policies (default: the built-in pack) with severity, kind and frameworks."""
    for item in sorted(_load(paths), key=lambda p: (p.severity.rank, p.id)):
        frameworks = "; ".join(f"{k} {', '.join(v)}" for k, v in sorted(item.frameworks.items()))
        click.echo(f"{item.severity.value:<8} {item.kind:<15} {item.id:<45} {frameworks}")


@policy.command("validate")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@handles_input_errors
def policy_validate(paths: tuple[str, ...]) -> None:
    """Check policy files against the schema and the inventory kinds."""
    loaded = _load(paths)
    click.echo(f"{len(loaded)} policies valid")


@policy.command("test")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "--require-cases/--no-require-cases",
    default=True,
    show_default=True,
    help="Fail a policy that has no pass or no fail case.",
)
@handles_input_errors
def policy_test(paths: tuple[str, ...], require_cases: bool) -> None:
    """Run every policy's own pass and fail cases."""
    failures = 0
    total = 0
    for item in _load(paths):
        results = run_policy_tests(item)
        for case in results:
            total += 1
            if not case.ok:
                failures += 1
                where = f"{case.file}:{case.line}" if case.line else case.file
                click.echo(f"FAIL {item.id} [{case.expect}] {case.name}: {case.detail} ({where})")
        if require_cases:
            for expect in ("pass", "fail"):
                if not any(c.expect == expect for c in results):
                    failures += 1
                    click.echo(f"FAIL {item.id}: no '{expect}' test case ({item.source})")
    click.echo(f"{total - failures if failures <= total else 0} passed, {failures} failed")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


@cli.command("schema")
@click.argument("which", type=click.Choice(["policy", "snapshot"]))
def schema(which: str) -> None:
    """Print the JSON Schema of policy files or of inventory snapshots."""
    if which == "policy":
        click.echo(render_schema(), nl=False)
    else:
        click.echo(json.dumps(snapshot_json_schema(), indent=2))


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("cloudscan: aborted", err=True)
        sys.exit(130)
