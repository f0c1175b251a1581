"""The ``cloudscan`` command: wires sources, the engine and reporters together.

Exit codes: 0 no active finding at or above ``--fail-on``; 1 such findings
exist; 2 usage or input error (bad policy, snapshot, Terraform JSON or option;
unwritable output); 3 the scan is partial (collection or parse errors) and no
finding reached the threshold; 4 an internal error (a bug). ``--fail-on none``
always exits 0 after writing its reports. Nothing imports this package.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from scanner import __version__
from scanner.cli.common import EXIT_ERROR, EXIT_INTERNAL
from scanner.cli.config import config
from scanner.cli.policy import policy, schema
from scanner.cli.scan import collect, scan
from scanner.textsafe import safe_text


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="cloudscan")
def cli() -> None:
    """Check cloud accounts and Terraform against guardrail policies."""


for command in (scan, collect, policy, schema, config):
    cli.add_command(command)


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
