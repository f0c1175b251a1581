"""Paged listings through the discovery-based client (``googleapiclient``), shared by the REST-only services.

Each list method answers ``{KEY: [...], "nextPageToken": ...}``; ``list_next``
builds the next request from the previous one and its answer, or ``None`` after
the last page. ``execute(num_retries=0)``: retries are the shared retry rules'
job (:func:`scanner.providers.gcp.services.call`), not the library's.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp.services import call


def pages(collection: Any, key: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of ``collection.list(**params)`` across all pages, under the answer's ``key``."""

    def listing() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        request = collection.list(**params)
        while request is not None:
            response = request.execute(num_retries=0)
            items.extend(response.get(key, []) or [])
            request = collection.list_next(request, response)
        return items

    return call(listing)


def get(request: Any) -> dict[str, Any]:
    """One ``get``-style request's answer."""
    return call(lambda: dict(request.execute(num_retries=0)))
