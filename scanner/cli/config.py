"""``cloudscan config init``: write a commented starter ``.cloudscan.yaml``."""

from __future__ import annotations

from pathlib import Path

import click

from scanner.atomic import write_atomic
from scanner.cli.common import InputError, handles_input_errors
from scanner.config import CONFIG_NAME, STARTER


@click.group("config")
def config() -> None:
    """The config file (.cloudscan.yaml): scan defaults that flags override."""


@config.command("init")
@click.argument("path", required=False, default=CONFIG_NAME, metavar="[PATH]")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@handles_input_errors
def config_init(path: str, force: bool) -> None:
    """Write a commented starter config file (default: ./.cloudscan.yaml)."""
    if Path(path).exists() and not force:
        raise InputError(f"{path}: already exists (add --force to overwrite it)")
    try:
        write_atomic(path, STARTER.encode())
    except OSError as exc:
        raise InputError(f"{path}: cannot write config file: {exc.strerror or exc}") from None
    click.echo(f"wrote {path}: edit it, then run `cloudscan scan`")
