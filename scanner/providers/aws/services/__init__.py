"""Thin boto3 calls, one module per AWS service, each returning the API's own dicts.

Nothing here interprets an answer: that is the translate step's job. Every call
goes through :func:`call` (the project's backoff on top of botocore's adaptive
retries); listings go through the SDK's paginators. An error code that means
"not configured" (no bucket policy, no password policy) is an answer, not a
failure: :func:`absent_on` turns it into ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from botocore.exceptions import ClientError

from scanner.providers.aws.errors import classify
from scanner.sources.retry import RetryPolicy, call_with_retry

T = TypeVar("T")
RETRY_POLICY = RetryPolicy(attempts=4)


def call(fn: Callable[[], T]) -> T:
    """Run one API call (or one whole paged listing) with backoff on throttling and 5xx."""
    return call_with_retry(fn, classify, RETRY_POLICY)


def absent_on(codes: frozenset[str], fn: Callable[[], T]) -> T | None:
    """``fn()``, or ``None`` when AWS answers with one of ``codes`` (the thing is not configured)."""
    try:
        return call(fn)
    except ClientError as exc:
        if (exc.response.get("Error") or {}).get("Code") in codes:
            return None
        raise


def pages(client: Any, operation: str, key: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged listing, through the SDK's paginator."""

    def listing() -> list[dict[str, Any]]:
        result = client.get_paginator(operation).paginate(**params).build_full_result()
        return list(result.get(key, []) or [])

    return call(listing)


def strip(answer: dict[str, Any]) -> dict[str, Any]:
    """An answer without botocore's ``ResponseMetadata`` (request ids are not inventory)."""
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}
