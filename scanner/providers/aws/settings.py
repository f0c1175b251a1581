"""What the AWS adapter is told, resolved once per collection: endpoints, profile, accounts, member role.

Inputs are the request's environment and config-file section (``aws:``), never
read from anywhere else, so a collection has no hidden input:

* ``CLOUDSCAN_AWS_ENDPOINT=http://HOST:PORT`` sends every API the adapter uses to
  one URL (moto, LocalStack, a proxy); boto3's own ``AWS_ENDPOINT_URL`` is read
  the same way when the cloudscan variable is absent. The config file's
  ``aws: {endpoints: {SERVICE: URL}}`` sets one URL per service and wins.
* ``aws: {profile, member_role, accounts}`` in the config file, or the CLI's
  ``--profile``, ``--member-role`` and ``--account`` (which the CLI writes into the
  same section, so a front end other than the CLI sets them the same way).
* Credentials come from boto3's standard chain (environment, profile, SSO,
  container and instance roles); this module never sees a secret.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scanner.sources.endpoints import resolve_endpoints as shared_endpoints
from scanner.sources.live import CollectorError

SERVICES: tuple[str, ...] = ("ec2", "rds", "s3", "s3control", "iam", "ecr", "sts", "organizations")
ENDPOINT_ENV = "CLOUDSCAN_AWS_ENDPOINT"
BOTO_ENDPOINT_ENV = "AWS_ENDPOINT_URL"
# The role AWS Organizations creates in every account it creates (an administrator role: see
# docs/aws.md for a read-only role to use with --member-role instead).
DEFAULT_MEMBER_ROLE = "OrganizationAccountAccessRole"
ACCOUNT_ID = re.compile(r"\d{12}")
ORGANIZATION_ID = re.compile(r"o-[a-z0-9]{10,32}")
ROLE_NAME = re.compile(r"[\w+=,.@/-]{1,512}")
REGION_NAME = re.compile(r"[a-z]{2}(-[a-z0-9]+){2,3}")
PROFILE_NAME = re.compile(r"[\w+=,.@:/-]{1,128}")
KNOWN_KEYS = frozenset({"endpoints", "profile", "member_role", "accounts"})


@dataclass(frozen=True)
class Settings:
    """``organization``: ``None`` when no Organization is scanned, ``""`` for the credentials' own."""

    endpoints: Mapping[str, str]
    profile: str | None
    member_role: str
    accounts: tuple[str, ...]
    organization: str | None
    regions: tuple[str, ...]

    def endpoint(self, service: str) -> str | None:
        return self.endpoints.get(service)


def _check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CollectorError(f"{where}: {url!r} is not an http(s) URL such as http://127.0.0.1:5000")
    return url.rstrip("/")


def _text(config: Mapping[str, Any], key: str, pattern: re.Pattern[str], what: str) -> str | None:
    value = config.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise CollectorError(f"aws {what} {str(value)[:80]!r} is malformed")
    return value


def _organization(values: Sequence[str]) -> str | None:
    if not values:
        return None
    wanted = {v.strip() for v in values}
    if len(wanted) > 1:
        raise CollectorError("--organization: AWS credentials reach one Organization; give it once")
    value = wanted.pop()
    if value and not ORGANIZATION_ID.fullmatch(value):
        raise CollectorError(
            f"--organization {value!r} is malformed: for AWS give no value (the Organization of the "
            "credentials' management account) or its id, such as o-a1b2c3d4e5"
        )
    return value


def resolve(
    env: Mapping[str, str], config: Mapping[str, Any], organizations: Sequence[str], regions: Sequence[str]
) -> Settings:
    """Everything but credentials, or a :class:`CollectorError` naming the bad value."""
    unknown = sorted(set(config) - KNOWN_KEYS)
    if unknown:
        raise CollectorError(
            f"config aws: unknown key {unknown[0]!r} (known: {', '.join(sorted(KNOWN_KEYS))})"
        )
    scoped = dict(env)
    if not scoped.get(ENDPOINT_ENV, "").strip() and scoped.get(BOTO_ENDPOINT_ENV, "").strip():
        scoped[ENDPOINT_ENV] = scoped[BOTO_ENDPOINT_ENV]
    endpoints = shared_endpoints("aws", SERVICES, ENDPOINT_ENV, scoped, config, _check_url)
    accounts = config.get("accounts") or ()
    if isinstance(accounts, str) or not all(isinstance(a, str) for a in accounts):
        raise CollectorError("config aws.accounts: expected a list of 12-digit account ids")
    for account in accounts:
        if not ACCOUNT_ID.fullmatch(account.strip()):
            raise CollectorError(f"--account {account[:80]!r} is malformed: expected a 12-digit account id")
    for region in regions:
        if not REGION_NAME.fullmatch(region.strip()):
            raise CollectorError(f"--region {region[:80]!r} is malformed: expected a name such as eu-west-1")
    return Settings(
        endpoints=endpoints,
        profile=_text(config, "profile", PROFILE_NAME, "profile"),
        member_role=_text(config, "member_role", ROLE_NAME, "member role") or DEFAULT_MEMBER_ROLE,
        accounts=tuple(dict.fromkeys(a.strip() for a in accounts)),
        organization=_organization(organizations),
        regions=tuple(dict.fromkeys(r.strip() for r in regions)),
    )
