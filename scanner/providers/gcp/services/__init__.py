"""Thin SDK calls, one module per Google Cloud service, each returning raw REST-shaped dicts.

Nothing here interprets a response: that is the translate step's job. Every
request goes through :func:`call`, which applies the shared retry rules; a paged
listing is one retried call per page (:func:`pages`), so a throttled third page
is asked again, not the first two. Every request carries the collection's
per-call timeout (:func:`timeout`), cut to what is left of the scan's deadline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from google.protobuf.json_format import MessageToDict

from scanner.providers.gcp.errors import MalformedResponse, classify
from scanner.sources.retry import RetryPolicy, call_with_retry, current_limits

T = TypeVar("T")
Page = tuple[list[T], str | None]


def call(fn: Callable[[], T], policy: RetryPolicy | None = None) -> T:
    """Run one API request with backoff on throttling, 5xx, resets and truncated answers."""
    return call_with_retry(fn, classify, policy)


def timeout() -> float:
    """This request's timeout in seconds (raises ``DeadlineExceeded`` past the scan's deadline)."""
    return current_limits().call_timeout()


def pages(fetch: Callable[[str | None], Page[T]]) -> list[T]:
    """Every item of a paged listing: ``fetch(token)`` is one page (items, next token), retried alone."""
    items: list[T] = []
    token: str | None = None
    while True:
        batch, token = call(lambda token=token: fetch(token))  # type: ignore[misc]
        items.extend(batch)
        if not token:
            return items


def first_page(pager: Any) -> Any:
    """The response a google-cloud pager already holds, without letting it fetch the next page."""
    return next(iter(pager.pages))


def json_object(response: Any, what: str) -> dict[str, Any]:
    """A discovery client's answer, which must be a JSON object (a proxy's HTML page arrives as text)."""
    if not isinstance(response, dict):
        raise MalformedResponse(f"{what}: the answer is not a JSON object ({type(response).__name__})")
    return response


def as_dict(message: Any) -> dict[str, Any]:
    """A proto-plus or protobuf message as the REST JSON the API returned (camelCase names)."""
    pb = type(message).pb(message) if hasattr(type(message), "pb") else message
    return MessageToDict(pb)
