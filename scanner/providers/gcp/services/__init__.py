"""Thin SDK calls, one module per Google Cloud service, each returning raw REST-shaped dicts.

Nothing here interprets a response: that is the translate step's job. Every call
goes through :func:`call`, which applies the shared retry rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from google.protobuf.json_format import MessageToDict

from scanner.providers.gcp.errors import classify
from scanner.sources.retry import RetryPolicy, call_with_retry

T = TypeVar("T")
TIMEOUT = 60.0
RETRY_POLICY = RetryPolicy()


def call(fn: Callable[[], T], policy: RetryPolicy | None = None) -> T:
    """Run one API call (or one whole paged listing) with backoff on throttling and 5xx."""
    return call_with_retry(fn, classify, policy or RETRY_POLICY)


def as_dict(message: Any) -> dict[str, Any]:
    """A proto-plus or protobuf message as the REST JSON the API returned (camelCase names)."""
    pb = type(message).pb(message) if hasattr(type(message), "pb") else message
    return MessageToDict(pb)
