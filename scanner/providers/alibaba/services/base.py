"""Shared helpers for the service modules: one retried call, the paging loops, and the calls built on them.

The service modules describe each API call as ``method`` + request class + where
the items sit in the answer; these helpers make the (retried) calls page by page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from scanner.providers.alibaba.errors import classify, error_info
from scanner.sources.retry import call_with_retry

PAGE_SIZE = 50
T = TypeVar("T")


def retried(fn: Callable[[], T]) -> T:
    """One API call with backoff on throttling and 5xx; returns what the SDK returned."""
    return call_with_retry(fn, classify)


def call(fn: Callable[[], Any]) -> dict[str, Any]:
    """One retried Tea SDK call; returns the response body as a dict."""
    result: dict[str, Any] = retried(fn).body.to_map()
    return result


def single(method: Callable[..., Any], *args: Any) -> dict[str, Any]:
    """``method(*args)`` (usually one request object) as one retried call; the body as a dict."""
    return call(lambda: method(*args))


def absent_as_none(fn: Callable[[], T], code: str) -> T | None:
    """``fn()``, or ``None`` when it fails with the error ``code`` an API uses to say "none configured"."""
    try:
        return fn()
    except Exception as exc:
        if error_info(exc).code == code:
            return None
        raise


def dig(data: Any, *path: str) -> list[dict[str, Any]]:
    """Follow ``path`` (e.g. ``"SecurityGroups", "SecurityGroup"``) to a list; missing parts are empty."""
    for key in path:
        if not isinstance(data, dict):
            return []
        data = data.get(key)
    if isinstance(data, list):
        return data
    return [] if data is None else [data]


def page_numbers(
    fetch: Callable[[int], dict[str, Any]], *path: str, total_key: str = "TotalCount"
) -> list[dict]:
    """PageNumber/PageSize paging: stop when the total is reached or a page comes back short."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = fetch(page)
        batch = dig(body, *path)
        items.extend(batch)
        total = body.get(total_key)
        if not batch:
            return items
        if total is not None and str(total).isdigit():
            if len(items) >= int(total):
                return items
        elif len(batch) < PAGE_SIZE:
            return items
        page += 1


def next_tokens(fetch: Callable[[str | None], dict[str, Any]], *path: str) -> list[dict[str, Any]]:
    """NextToken paging: follow the token until the API returns none."""
    items: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        body = fetch(token)
        items.extend(dig(body, *path))
        token = body.get("NextToken") or None
        if not token:
            return items


def paged(
    method: Callable[[Any], Any],
    request_cls: Callable[..., Any],
    *path: str,
    total_key: str = "TotalCount",
    **params: Any,
) -> list[dict[str, Any]]:
    """Every item of a PageNumber/PageSize list call: ``request_cls(**params)`` plus the page number."""
    return page_numbers(
        lambda n: single(method, request_cls(**params, page_number=n, page_size=PAGE_SIZE)),
        *path,
        total_key=total_key,
    )


def tokened(
    method: Callable[[Any], Any], request_cls: Callable[..., Any], *path: str, **params: Any
) -> list[dict[str, Any]]:
    """Every item of a NextToken list call: ``request_cls(**params)`` plus the token.

    ``params`` carry the page size, since the APIs name it differently (``max_results``, ``max_result``).
    """
    return next_tokens(lambda token: single(method, request_cls(**params, next_token=token)), *path)
