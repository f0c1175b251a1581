"""Endpoint overrides shared by the live adapters: one variable for every API, the config file per API.

Private endpoints, VPC endpoints, emulators and the test fakes all need the same
thing: ``CLOUDSCAN_<PROVIDER>_ENDPOINT`` sends every API of a provider to one base
URL, and the config file's ``<provider>.endpoints`` map overrides it per API. Each
adapter only says which API names it knows and how one value is parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from scanner.sources.live import CollectorError

T = TypeVar("T")


def resolve_endpoints(
    provider: str,
    names: Sequence[str],
    env_var: str,
    env: Mapping[str, str],
    config: Mapping[str, Any],
    parse: Callable[[str, str], T],
) -> dict[str, T]:
    """API name -> parsed endpoint; ``parse(value, where)`` raises :class:`CollectorError` on a bad one."""
    endpoints: dict[str, T] = {}
    base = env.get(env_var, "").strip()
    if base:
        endpoints = dict.fromkeys(names, parse(base, env_var))
    configured = config.get("endpoints") or {}
    if not isinstance(configured, Mapping):
        raise CollectorError(f"config {provider}.endpoints: expected a mapping of API name to endpoint")
    for name, value in configured.items():
        if name not in names:
            raise CollectorError(
                f"config {provider}.endpoints: unknown API {name!r} (known: {', '.join(names)})"
            )
        endpoints[name] = parse(str(value), f"config {provider}.endpoints.{name}")
    return endpoints
