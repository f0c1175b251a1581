"""Where the Alibaba Cloud adapter sends requests and with which credentials.

Endpoints, most specific first:

1. the config file, ``alibaba: {endpoints: {ecs: ..., ram: ..., ims: ..., oss: ...}}`` (any of ``PRODUCTS``)
   (VPC-internal endpoints and finance-cloud regions need one endpoint per product);
2. ``CLOUDSCAN_ALIBABA_ENDPOINT=http://HOST:PORT``: one base URL for every product,
   OpenAPI and OSS alike (emulators and the test fake);
3. nothing: the SDK's own regional endpoint for each product.

An endpoint given with ``http://`` is used over plain HTTP; a bare ``host[:port]`` means HTTPS.
Log Service (``sls``) names the project in the host (``<project>.<endpoint>``): an endpoint
whose host is an IP address or ``localhost`` is therefore reached as the SDK's HTTP proxy,
so that each request keeps its project host (see :mod:`.clients`).

Several accounts: ``alibaba: {resource_directory: true, member_role: NAME}`` (the CLI's
``--resource-directory`` and ``--member-role`` write the same keys) scans every member of the
Resource Directory the credentials manage through the RAM role ``NAME`` in each member
(:mod:`.accounts`). There is no default role: the role Resource Directory creates in every
member, ``ResourceDirectoryAccountAccessRole``, is an administrator role, so the name must be
given (docs/alibaba.md describes a read-only one).

Credentials: ``ALIBABA_CLOUD_ACCESS_KEY_ID``/``ALIBABA_CLOUD_ACCESS_KEY_SECRET`` (and
``ALIBABA_CLOUD_SECURITY_TOKEN``) from the request's environment first, so that what
the CLI was given is what is used; otherwise the alibabacloud-credentials default
chain (OIDC role for CI, CLI and credentials-file profiles, ECS RAM role, credentials URI).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from scanner.sources.endpoints import resolve_endpoints as shared_endpoints
from scanner.sources.live import CollectorError

PRODUCTS: tuple[str, ...] = (
    "ecs",
    "vpc",
    "rds",
    "ram",
    "ims",
    "cr",
    "oss",
    "actiontrail",
    "cs",
    "sas",
    "polardb",
    "kvstore",
    "dds",
    "sls",
    "kms",
    "slb",
    "resourcemanager",
    "sts",
)
ENDPOINT_ENV = "CLOUDSCAN_ALIBABA_ENDPOINT"
# RAM role names: 1 to 64 characters, letters, digits, periods and hyphens (RAM CreateRole).
ROLE_NAME = re.compile(r"[A-Za-z0-9.-]{1,64}")


@dataclass(frozen=True)
class Endpoint:
    """A product's endpoint split the way the Tea SDK wants it: ``host[:port]`` and a protocol."""

    host: str
    protocol: str = "https"

    @property
    def url(self) -> str:
        return f"{self.protocol}://{self.host}"


@dataclass(frozen=True)
class StaticKeys:
    """An access key pair (and STS token); the secret parts never appear in a repr or a message."""

    access_key_id: str
    access_key_secret: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    """Everything the adapter reads from outside, resolved once before the first call."""

    endpoints: Mapping[str, Endpoint] = field(default_factory=dict)
    keys: StaticKeys | None = None
    resource_directory: bool = False
    member_role: str | None = None

    def endpoint(self, product: str) -> Endpoint | None:
        return self.endpoints.get(product)


def parse_endpoint(value: str, where: str) -> Endpoint:
    text = value.strip()
    if "://" not in text:
        if not text or "/" in text:
            raise CollectorError(f"{where}: invalid endpoint {value!r} (expected http://HOST:PORT or HOST)")
        return Endpoint(host=text)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CollectorError(f"{where}: invalid endpoint {value!r} (expected http://HOST:PORT or HOST)")
    return Endpoint(host=parts.netloc, protocol=parts.scheme)


def resolve_endpoints(config: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Endpoint]:
    return shared_endpoints("alibaba", PRODUCTS, ENDPOINT_ENV, env, config, parse_endpoint)


def resolve_keys(env: Mapping[str, str]) -> StaticKeys | None:
    key_id = env.get("ALIBABA_CLOUD_ACCESS_KEY_ID", "").strip()
    secret = env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "").strip()
    if key_id and secret:
        token = env.get("ALIBABA_CLOUD_SECURITY_TOKEN", "").strip() or None
        return StaticKeys(key_id, secret, token)
    return None


def _directory(config: Mapping[str, Any]) -> tuple[bool, str | None]:
    """``resource_directory`` and ``member_role`` from the config section, checked."""
    enabled = config.get("resource_directory", False)
    if not isinstance(enabled, bool):
        raise CollectorError("config alibaba.resource_directory: expected true or false")
    role = config.get("member_role")
    if role in (None, ""):
        role = None
    elif not isinstance(role, str) or not ROLE_NAME.fullmatch(role):
        raise CollectorError(
            f"--member-role {str(role)[:80]!r} is malformed: a RAM role name is 1 to 64 letters, digits, "
            "periods and hyphens"
        )
    if enabled and role is None:
        raise CollectorError(
            "--resource-directory needs --member-role NAME: the RAM role to assume in each member account "
            "(a read-only role; docs/alibaba.md shows one)"
        )
    if role is not None and not enabled:
        raise CollectorError("--member-role for Alibaba Cloud is the role of --resource-directory: add it")
    return enabled, role


def load_settings(config: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    enabled, role = _directory(config)
    return Settings(
        endpoints=resolve_endpoints(config, env),
        keys=resolve_keys(env),
        resource_directory=enabled,
        member_role=role,
    )
