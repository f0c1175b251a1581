"""What every ``cloudscan`` command shares: exit codes, input errors, shared options."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from scanner.baseline import BaselineError
from scanner.builtin import builtin_policy_dir
from scanner.cli.exits import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_PARTIAL
from scanner.config import ConfigError, find_config, scan_defaults
from scanner.findings import Severity
from scanner.inventory import SnapshotError
from scanner.outputs import OutputError
from scanner.policy import PolicyError
from scanner.policy.select import SelectionError
from scanner.progress import TerminalProgress, wants_progress
from scanner.reporters.sarif import SarifLimitError
from scanner.sources.gather import SourceError, no_progress
from scanner.sources.live import DEFAULT_MAX_WORKERS, DEFAULT_SCAN_TIMEOUT, CollectorError, Progress
from scanner.textsafe import safe_text

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_PARTIAL"]
BUILTIN = "builtin"
F = TypeVar("F", bound=Callable[..., Any])

# Every error that means "the user's input cannot be used": one line, exit code 2.
INPUT_ERRORS = (
    PolicyError,
    SnapshotError,
    OutputError,
    ConfigError,
    CollectorError,
    SarifLimitError,
    SourceError,
    BaselineError,
    SelectionError,
)


class InputError(Exception):
    """Bad input found by the CLI itself (an unwritable output path)."""


def fail(message: str) -> NoReturn:
    """One error line on stderr; messages quote file paths and values, so they are made terminal-safe."""
    click.echo(f"cloudscan: error: {safe_text(message)}", err=True)
    sys.exit(EXIT_ERROR)


class OneLineError(click.ClickException):
    """An input error found while click parses options (the config file): one line, exit code 2."""

    exit_code = EXIT_ERROR

    def show(self, file: Any = None) -> None:
        click.echo(f"cloudscan: error: {safe_text(self.message)}", err=True)


def _config_argument(args: Sequence[str]) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--config" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--config="):
            return arg.split("=", 1)[1]
    return None


class ConfigDefaults(click.Command):
    """A command whose option defaults come from the config file (``--config FILE`` or ``.cloudscan.yaml``).

    The file is read before the options are parsed, as click's ``default_map``,
    so anything given on the command line still wins over the file.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        explicit = _config_argument(args)
        path = Path(explicit) if explicit else find_config()
        if path is not None:
            try:
                defaults = scan_defaults(path)
            except ConfigError as exc:
                raise OneLineError(str(exc)) from None
            ctx.default_map = {**(ctx.default_map or {}), **defaults}
        return super().parse_args(ctx, args)


def handles_input_errors(func: F) -> F:
    """Turn input errors into one clear line and exit code 2, no traceback."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (*INPUT_ERRORS, InputError) as exc:
            fail(str(exc))
        except ValueError as exc:
            if not _is_terraform_input_error(exc):
                raise
            fail(str(exc))

    return wrapper  # type: ignore[return-value]


def _is_terraform_input_error(exc: Exception) -> bool:
    """A Terraform JSON file that is not a plan or state (only a run that read Terraform can raise it).

    Looked up in ``sys.modules`` so that commands that read no Terraform never import its reader.
    """
    plan = sys.modules.get("scanner.sources.terraform.plan")
    return plan is not None and isinstance(exc, plan.NotTerraformJson)


def resolve_policy_paths(values: Sequence[str]) -> list[Path]:
    """``--policies`` values as paths; none means the built-in pack, and ``builtin`` names it."""
    if not values:
        return [builtin_policy_dir()]
    paths = [builtin_policy_dir() if value == BUILTIN else Path(value) for value in values]
    return list(dict.fromkeys(paths))  # the same directory named twice is read once


def progress_for(quiet: bool) -> Callable[[str], AbstractContextManager[Progress]]:
    """A progress bar per provider when a person is watching; nothing in CI or with --quiet."""
    if wants_progress(quiet):
        return TerminalProgress
    return no_progress


severity_choice = click.Choice([*(s.value for s in Severity), "none"], case_sensitive=False)

policies_option = click.option(
    "--policies",
    "-p",
    "policy_paths",
    multiple=True,
    metavar="PATH",
    help=f"Policy file or directory (repeatable). Default: the built-in pack; '{BUILTIN}' names it.",
)

_LIVE_OPTIONS = [
    click.option(
        "--provider", "providers", multiple=True, metavar="NAME", help="Collect this cloud live (repeatable)."
    ),
    click.option(
        "--project", "accounts", multiple=True, metavar="ID", help="GCP project to collect (repeatable)."
    ),
    click.option(
        "--folder", "folders", multiple=True, metavar="ID", help="GCP folder: collect its active projects."
    ),
    click.option(
        "--organization",
        "organizations",
        multiple=True,
        is_flag=False,
        flag_value="",
        metavar="[ID]",
        help="GCP organization ID: collect its active projects. AWS (ID optional): collect the "
        "Organization's active accounts through --member-role.",
    ),
    click.option(
        "--account",
        "aws_accounts",
        multiple=True,
        metavar="ID",
        help="AWS account to collect (repeatable): through --member-role, or among --organization's.",
    ),
    click.option("--profile", metavar="NAME", help="AWS profile (from ~/.aws/config) to start from."),
    click.option(
        "--member-role",
        metavar="NAME",
        help="Role to assume in each member account: AWS --account/--organization accounts "
        "(default: OrganizationAccountAccessRole); Alibaba Cloud --resource-directory members (required).",
    ),
    click.option(
        "--resource-directory",
        is_flag=True,
        default=False,
        help="Alibaba Cloud: collect every member account of the Resource Directory these credentials "
        "manage, each through --member-role.",
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
        "--timeout",
        "timeout",
        type=click.FloatRange(min=0),
        default=DEFAULT_SCAN_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Deadline for live collection, all providers together: calls still outstanding then are "
        "recorded as errors and everything collected is reported. 0: none. Each API call also has its "
        "own timeout (CLOUDSCAN_CALL_TIMEOUT, default 30 s).",
    ),
    click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        help="Config file: scan defaults and endpoints (default: .cloudscan.yaml here or at the git root).",
    ),
]


def live_source_options(func: F) -> F:
    """The options that pick what a live adapter collects (shared by scan and collect)."""
    for option in reversed(_LIVE_OPTIONS):
        func = option(func)
    return func


_SELECTION_OPTIONS = [
    click.option(
        "--check",
        "checks",
        multiple=True,
        metavar="ID|GLOB",
        help="Run only these policies (repeatable or comma-separated; * and ? wildcards).",
    ),
    click.option(
        "--skip-check",
        "skip_checks",
        multiple=True,
        metavar="ID|GLOB",
        help="Do not run these policies (repeatable or comma-separated; wins over --check).",
    ),
    click.option(
        "--severity",
        "severities",
        multiple=True,
        metavar="LEVEL[,LEVEL]",
        help="Run only policies of these severities (critical, high, medium, low, info).",
    ),
    click.option(
        "--framework",
        "frameworks",
        multiple=True,
        metavar="KEY",
        help="Run only policies mapped to this framework, e.g. cis-gcp-3.0 (repeatable).",
    ),
    click.option(
        "--param",
        "params",
        multiple=True,
        metavar="POLICY_ID.NAME=VALUE",
        help="Set a policy parameter, e.g. disk-snapshot.older-than-90-days.max_age_days=30 (repeatable).",
    ),
]


def selection_options(func: F) -> F:
    """The options that choose which policies a scan runs (see :mod:`scanner.policy.select`)."""
    for option in reversed(_SELECTION_OPTIONS):
        func = option(func)
    return func
