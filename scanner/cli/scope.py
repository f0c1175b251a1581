"""The live scope of ``scan`` and ``collect``: which providers, accounts and regions, from the
command line first and the config file after it.

Kept apart from the commands because the rules that tie options to providers (``--project`` needs
``--provider gcp``, ``--member-role`` needs AWS or a Resource Directory) are one decision, shared
by both commands.
"""

from __future__ import annotations

import os

import click

from scanner.config import load_config
from scanner.sources.gather import LiveScope

GCP_SCOPE_OPTIONS = ("--project", "--folder", "--organization")
AWS_ONLY_OPTIONS = ("--account", "--profile")
MEMBER_PROVIDERS = {"aws", "alibaba"}  # the providers whose --member-role reaches member accounts


def live_scope(
    providers: tuple[str, ...],
    accounts: tuple[str, ...],
    folders: tuple[str, ...],
    organizations: tuple[str, ...],
    regions: tuple[str, ...],
    max_workers: int,
    config_path: str | None,
    timeout: float | None = None,
    aws: dict[str, object] | None = None,
    resource_directory: bool = False,
) -> LiveScope:
    # --organization also selects AWS accounts (with --provider aws)
    if ((accounts or folders) and "gcp" not in providers) or (
        organizations and not {"gcp", "aws"} & set(providers)
    ):
        options = ", ".join(GCP_SCOPE_OPTIONS)
        raise click.UsageError(f"{options} select Google Cloud projects: add --provider gcp")
    given = {k: v for k, v in (aws or {}).items() if v}
    member_role = given.pop("member_role", None)
    if given and "aws" not in providers:
        raise click.UsageError(f"{', '.join(AWS_ONLY_OPTIONS)} select AWS accounts: add --provider aws")
    if member_role and not MEMBER_PROVIDERS & set(providers):
        raise click.UsageError(
            "--member-role is assumed in member accounts: add --provider aws, or --provider alibaba "
            "with --resource-directory"
        )
    if resource_directory and "alibaba" not in providers:
        raise click.UsageError("--resource-directory lists Alibaba Cloud accounts: add --provider alibaba")
    config = load_config(config_path) if providers else {}
    directory = resource_directory or config.get("alibaba", {}).get("resource_directory") is True
    if member_role and "alibaba" in providers and "aws" not in providers and not directory:
        raise click.UsageError("--member-role for Alibaba Cloud is the role of --resource-directory: add it")
    if member_role and "aws" in providers:
        given["member_role"] = member_role
    if given:  # the command line wins over the config file's aws section
        config = {**config, "aws": {**config.get("aws", {}), **given}}
    if "alibaba" in providers and directory:  # and over its alibaba section, the same way
        alibaba = {"resource_directory": True, **({"member_role": member_role} if member_role else {})}
        config = {**config, "alibaba": {**config.get("alibaba", {}), **alibaba}}
    return LiveScope(
        providers=providers,
        accounts=accounts,
        folders=folders,
        organizations=organizations,
        regions=regions,
        max_workers=max_workers,
        config=config,
        env=dict(os.environ),
        timeout=timeout,
    )


def aws_options(
    aws_accounts: tuple[str, ...], profile: str | None, member_role: str | None
) -> dict[str, object]:
    """The AWS-only options as the ``aws`` section of the config file spells them."""
    return {"accounts": list(aws_accounts), "profile": profile, "member_role": member_role}
