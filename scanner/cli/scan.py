"""``cloudscan scan`` and ``cloudscan collect``: read sources, evaluate, report."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from scanner.baseline import apply_baseline, load_baseline
from scanner.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_PARTIAL,
    ConfigDefaults,
    InputError,
    handles_input_errors,
    live_source_options,
    policies_option,
    progress_for,
    resolve_policy_paths,
    selection_options,
    severity_choice,
)
from scanner.cli.reports import report_targets, write_baseline, write_reports
from scanner.cli.scope import aws_options, live_scope
from scanner.engine import evaluate
from scanner.findings import NOT_IN_USE, Severity, WaiverOutcome
from scanner.inventory import dump_snapshot
from scanner.policy import load_policies
from scanner.policy.compliance import compliance_report, section_policies
from scanner.policy.frameworks import Framework, builtin_frameworks
from scanner.policy.parameters import parse_overrides
from scanner.policy.select import Selection, SelectionError, check_framework, select_policies, split_values
from scanner.reporters import REPORTERS
from scanner.sources.gather import collect_live, gather, merge_snapshots, read_terraform
from scanner.suppressions import apply_inline
from scanner.textsafe import safe_text
from scanner.waivers import apply_waivers, check_policies, load_waivers


def compliance_framework(name: str) -> Framework:
    """``--compliance NAME``: a framework of ``frameworks.yaml`` that lists its sections."""
    check_framework(name, "--compliance")
    framework = builtin_frameworks()[name]
    if not framework.sections:
        raise SelectionError(
            f"--compliance: {name} lists no sections in frameworks.yaml, so a per-section view cannot be "
            "measured; use --framework to run its policies"
        )
    return framework


def warn_waivers(outcomes: list[WaiverOutcome]) -> None:
    """One warning line per expired or stale waiver on stderr; waiver files are user text, hence safe_text."""
    for outcome in outcomes:
        where = f"{outcome.file}:{outcome.line}: " if outcome.line else ""
        if outcome.status == "expired":
            text = (
                f"waiver ({outcome.selector}) expired on {outcome.expires}: "
                f"{outcome.count} finding(s) it matches are active again"
            )
        elif outcome.status == "stale":
            text = f"waiver ({outcome.selector}) matched no finding: remove it, or fix its selectors"
        else:
            continue
        click.echo(safe_text(f"cloudscan: warning: {where}{text}"), err=True)


@click.command(cls=ConfigDefaults)
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
    "--repo-root",
    metavar="DIR",
    type=click.Path(file_okay=False, exists=True),
    help="Show Terraform files relative to DIR (default: the git work tree holding the scanned path).",
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
    help="Report file; its extension picks the format (.sarif, .json, .txt, .xml, .md, .csv, "
    "gl-sast-report.json).",
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
@click.option(
    "--sarif-suppressed",
    type=click.Choice(["include", "omit"]),
    default="include",
    show_default=True,
    help="Waived findings in SARIF: 'include' with suppressions, or 'omit' them from the file.",
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    metavar="REPORT",
    help="An earlier cloudscan JSON or SARIF report: mark findings new, unchanged or absent.",
)
@click.option(
    "--fail-on-new",
    is_flag=True,
    help="With --baseline: exit 1 only for new findings at or above --fail-on.",
)
@click.option(
    "--create-baseline",
    "create_baseline",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Write this scan's findings as a baseline (a cloudscan JSON report) for later --baseline.",
)
@click.option(
    "--fail-on-expired-waivers",
    is_flag=True,
    help="Exit 1 when a waiver has expired, even if its findings are below --fail-on.",
)
@click.option("--hide-waived", is_flag=True, help="Leave waived findings out of the terminal table.")
@click.option("--no-color", is_flag=True, help="No colour in the table (NO_COLOR=1 does the same).")
@selection_options
@click.option(
    "--compliance",
    "compliance",
    multiple=True,
    metavar="FRAMEWORK",
    help="Add a per-section view of this framework, e.g. cis-gcp-3.0 (repeatable).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line instead of the table.")
@handles_input_errors
def scan(
    inventories: tuple[str, ...],
    terraform_paths: tuple[str, ...],
    terraform_source: str | None,
    repo_root: str | None,
    terraform_state: str | None,
    providers: tuple[str, ...],
    accounts: tuple[str, ...],
    folders: tuple[str, ...],
    organizations: tuple[str, ...],
    aws_accounts: tuple[str, ...],
    profile: str | None,
    member_role: str | None,
    resource_directory: bool,
    regions: tuple[str, ...],
    max_workers: int,
    timeout: float,
    config_path: str | None,
    policy_paths: tuple[str, ...],
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str,
    waivers_path: str | None,
    sarif_suppressed: str,
    baseline_path: str | None,
    fail_on_new: bool,
    create_baseline: str | None,
    fail_on_expired_waivers: bool,
    hide_waived: bool,
    no_color: bool,
    checks: tuple[str, ...],
    skip_checks: tuple[str, ...],
    params: tuple[str, ...],
    severities: tuple[str, ...],
    frameworks: tuple[str, ...],
    compliance: tuple[str, ...],
    quiet: bool,
) -> None:
    """Evaluate policies against live accounts, saved inventories or Terraform and report the findings."""
    if not inventories and not providers and not terraform_paths:
        raise click.UsageError(
            "nothing to scan: give --inventory SNAPSHOT, --provider NAME or --terraform PATH"
        )
    if terraform_state and not (inventories or providers):
        raise click.UsageError("--terraform-state places live findings: give --provider or --inventory too")
    if fail_on_new and not baseline_path:
        raise click.UsageError("--fail-on-new compares with a baseline: add --baseline REPORT")
    started = dt.datetime.now(dt.UTC)
    targets = report_targets(formats, outputs)
    baseline = load_baseline(baseline_path) if baseline_path else None
    loaded = load_policies(resolve_policy_paths(policy_paths), parse_overrides(params))
    selection = Selection(
        split_values(checks), split_values(skip_checks), split_values(severities), split_values(frameworks)
    )
    policies = select_policies(loaded, selection)
    benchmarks = [compliance_framework(name) for name in split_values(compliance)]
    waivers = load_waivers(waivers_path) if waivers_path else []
    check_policies(waivers, (p.id for p in loaded))
    scope = live_scope(
        providers,
        accounts,
        folders,
        organizations,
        regions,
        max_workers,
        config_path,
        timeout=timeout,
        aws=aws_options(aws_accounts, profile, member_role),
        resource_directory=resource_directory,
    )
    terraform = read_terraform(terraform_paths, terraform_source, terraform_state, repo_root)
    gathered = gather(inventories, scope, terraform, progress_for(quiet))
    junit = any(t.format == "junit" for t in targets)
    result = evaluate(policies, gathered.inventory, gathered.errors, record_checks=junit or bool(benchmarks))
    result.unsupported = gathered.unsupported
    inventory = gathered.inventory

    def tags_of(resource_id: str) -> dict[str, str]:
        resource = inventory.get(resource_id)
        return resource.tags if resource is not None else {}

    today = dt.datetime.now(dt.UTC).date()
    result.findings, result.waivers = apply_waivers(result.findings, waivers, today, tags_of)
    if terraform_paths or terraform_source:  # cloudscan:ignore comments in the .tf blocks
        roots = (repo_root or "", *terraform_paths, terraform_source or "")
        bases = [Path.cwd(), *(Path(p) for p in roots if p)]
        bases = [b if b.is_dir() else b.parent for b in bases]
        result.findings, inline = apply_inline(result.findings, bases, (p.id for p in loaded), today)
        result.waivers = [*result.waivers, *inline]
    warn_waivers(result.waivers)
    mappings = [(p.id, p.frameworks) for p in loaded]
    result.compliance = [
        compliance_report(benchmark, section_policies(benchmark.key, mappings), result)
        for benchmark in benchmarks
    ]
    if benchmarks and not junit:  # recorded for the compliance view only: keep reports as without it
        result.passed = result.undecided = None
    if create_baseline:
        write_baseline(result, create_baseline)
    if baseline is not None:
        apply_baseline(result, baseline)
    write_reports(
        result,
        targets,
        quiet,
        sarif_suppressed=sarif_suppressed,
        started=started,
        hide_waived=hide_waived,
        no_color=no_color,
    )
    if fail_on_expired_waivers and any(w.status == "expired" for w in result.waivers):
        sys.exit(EXIT_FINDINGS)  # asked for explicitly, so it gates even a report-only --fail-on none
    if fail_on.lower() == "none":  # report only: the build decides nothing on this scan
        sys.exit(EXIT_OK)
    if result.fails(Severity(fail_on.lower()), new_only=fail_on_new):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_PARTIAL if _partial(result.errors) else EXIT_OK)


@click.command(cls=ConfigDefaults)
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
    aws_accounts: tuple[str, ...],
    profile: str | None,
    member_role: str | None,
    resource_directory: bool,
    regions: tuple[str, ...],
    max_workers: int,
    timeout: float,
    config_path: str | None,
    output: str,
    quiet: bool,
) -> None:
    """Save a live inventory snapshot without evaluating it (read it back with scan --inventory)."""
    if not providers:
        raise click.UsageError("give --provider NAME")
    scope = live_scope(
        providers,
        accounts,
        folders,
        organizations,
        regions,
        max_workers,
        config_path,
        timeout=timeout,
        aws=aws_options(aws_accounts, profile, member_role),
        resource_directory=resource_directory,
    )
    snapshot = merge_snapshots(collect_live(scope, progress_for(quiet)))
    try:
        dump_snapshot(snapshot, output)
    except OSError as exc:
        raise InputError(f"{output}: cannot write snapshot: {exc.strerror}") from None
    for error in snapshot.errors:
        where = f"{error.provider}/{error.account} {error.service}.{error.operation}"
        line = f"cloudscan: collection error: {where}: {error.code}: {error.message}"
        click.echo(safe_text(line), err=True)
    counts = f"{len(snapshot.resources)} resources, {len(snapshot.errors)} collection error(s)"
    click.echo(safe_text(f"{counts} written to {output}"), err=True)
    sys.exit(EXIT_PARTIAL if _partial(snapshot.errors) else EXIT_OK)


# A source's answer that a service is not enabled in an account (GCP ``SERVICE_DISABLED``): nothing of
# it exists, so the scan saw all there is. Reported like other errors, but it does not make the scan partial.
def _partial(errors: Sequence[object]) -> bool:
    return any(getattr(e, "code", None) != NOT_IN_USE for e in errors)
