"""Shared helpers for the service modules: one retried call, and the paging loops."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scanner.providers.alibaba.errors import classify
from scanner.sources.retry import call_with_retry

PAGE_SIZE = 50


def call(fn: Callable[[], Any]) -> dict[str, Any]:
    """One API call with backoff on throttling and 5xx; returns the response body as a dict."""
    response = call_with_retry(fn, classify)
    result: dict[str, Any] = response.body.to_map()
    return result


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
