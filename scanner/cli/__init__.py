"""The ``cloudscan`` command: wires sources, the engine and reporters together.

Exit codes: 0 no active finding at or above ``--fail-on``; 1 such findings
exist; 2 usage or input error (bad policy, snapshot, Terraform JSON or option;
unwritable output); 3 the scan is partial (collection or parse errors) and no
finding reached the threshold; 4 an internal error (a bug). ``--fail-on none``
always exits 0 after writing its reports. Nothing imports this package.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click

from scanner import __version__
from scanner.cli.exits import EXIT_ERROR, EXIT_INTERNAL
from scanner.textsafe import safe_text

# name -> (module, attribute, the one-line help ``cloudscan --help`` lists). A command's
# module, and everything it imports, loads only when that command runs or shows its own
# help: ``cloudscan --help`` needs none of them. tests/test_startup.py checks that each
# line here is the command's own short help.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "collect": (
        "scanner.cli.scan",
        "collect",
        "Save a live inventory snapshot without evaluating it (read it back with scan --inventory).",
    ),
    "config": (
        "scanner.cli.config",
        "config",
        "The config file (.cloudscan.yaml): scan defaults that flags override.",
    ),
    "policy": ("scanner.cli.policy", "policy", "List, validate and test policies."),
    "scan": (
        "scanner.cli.scan",
        "scan",
        "Evaluate policies against live accounts, saved inventories or Terraform and report the findings.",
    ),
    "schema": (
        "scanner.cli.policy",
        "schema",
        "Print the JSON Schema of policy files or snapshots, or the fields of an inventory KIND.",
    ),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when used, listed from :data:`COMMANDS` without importing."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute, _short = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)  # as click.Group lays it out
        # A stand-in command per name shortens each line exactly as click would, without the import.
        rows = [
            (name, click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)) for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="cloudscan")
def cli() -> None:
    """Check cloud accounts and Terraform against guardrail policies."""


def main() -> None:
    # The Alibaba credential chain logs a traceback per provider it tries; our own
    # one-line error says what is missing.
    logging.getLogger("credentials").setLevel(logging.CRITICAL)
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("cloudscan: aborted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("CLOUDSCAN_DEBUG"):
            raise
        click.echo(
            f"cloudscan: internal error: {type(exc).__name__}: {safe_text(str(exc))} "
            "(a bug: please report it; CLOUDSCAN_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
