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

Credentials: ``ALIBABA_CLOUD_ACCESS_KEY_ID``/``ALIBABA_CLOUD_ACCESS_KEY_SECRET`` (and
``ALIBABA_CLOUD_SECURITY_TOKEN``) from the request's environment first, so that what
the CLI was given is what is used; otherwise the alibabacloud-credentials default
chain (OIDC role for CI, CLI and credentials-file profiles, ECS RAM role, credentials URI).
"""

from __future__ import annotations

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
)
ENDPOINT_ENV = "CLOUDSCAN_ALIBABA_ENDPOINT"


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
    access_key_id: str
    access_key_secret: str
    security_token: str | None = None


@dataclass(frozen=True)
class Settings:
    """Everything the adapter reads from outside, resolved once before the first call."""

    endpoints: Mapping[str, Endpoint] = field(default_factory=dict)
    keys: StaticKeys | None = None

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


def load_settings(config: Mapping[str, Any], env: Mapping[str, str]) -> Settings:
    return Settings(endpoints=resolve_endpoints(config, env), keys=resolve_keys(env))
