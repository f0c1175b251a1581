"""Google API errors as data: what to retry, and the code and message a user sees.

The libraries raise different exception types (``google.api_core`` exceptions
for the GAPIC and storage clients, ``googleapiclient.errors.HttpError`` for
Cloud SQL, ``requests``/``httplib2`` errors for the network), but every Google
API answers an error with the same JSON body (``{"error": {"code", "message",
"status", "errors": [{"reason"}], "details": [{"@type": ErrorInfo, "reason"}]}}``),
so both are read from that body.

Retried: HTTP 429, ``RESOURCE_EXHAUSTED``, the legacy ``rateLimitExceeded`` /
``userRateLimitExceeded`` reasons, 5xx; ``Retry-After`` (seconds or an HTTP date)
is honoured. Network and framing failures (``Timeout``, ``ConnectionReset``,
``MalformedResponse``: a truncated or non-JSON answer, ``DeadlineExceeded``) are
named and retried as :mod:`scanner.sources.transport` says, the same way for
every cloud. A refused connection is not retried: the endpoint is wrong or down,
and waiting will not fix it.
"""

from __future__ import annotations

import email.utils
import json
import time
from dataclasses import dataclass
from typing import Any

import google.auth.exceptions
import httplib2
import requests
from google.api_core import exceptions as core
from googleapiclient.errors import HttpError

from scanner.sources.retry import Retry
from scanner.sources.transport import transport_fault

_STATUS_BY_HTTP = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}
_RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})
_DISABLED_REASONS = frozenset({"SERVICE_DISABLED", "accessNotConfigured"})
UNREACHABLE = "UNREACHABLE"
UNAUTHENTICATED = "UNAUTHENTICATED"
MALFORMED = "MalformedResponse"


class MalformedResponse(Exception):
    """An answer that parsed but has not the documented shape (a list page that is not an object)."""


@dataclass(frozen=True)
class ApiFailure:
    """One failed call, reduced to what the retry loop and the report need."""

    http_status: int | None
    code: str
    message: str
    reasons: frozenset[str]
    retry_after: float | None = None
    transport: Retry | None = None  # how a network or framing failure is retried (None: not at all)

    @property
    def retryable(self) -> bool:
        if self.http_status is None:
            return self.transport is not None
        return (
            self.http_status == 429
            or self.http_status >= 500
            or self.code == "RESOURCE_EXHAUSTED"
            or bool(self.reasons & _RATE_REASONS)
        )


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _from_body(status: int, body: Any, headers: Any, fallback: str) -> ApiFailure:
    error: dict[str, Any] = {}
    try:
        parsed = json.loads(body) if isinstance(body, bytes | str) and body else {}
        if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict):
            error = parsed["error"]
    except ValueError:
        pass
    reasons = {str(e.get("reason")) for e in error.get("errors") or [] if isinstance(e, dict)}
    reasons |= {str(d.get("reason")) for d in error.get("details") or [] if isinstance(d, dict)}
    reasons.discard("None")
    code = str(error.get("status") or _STATUS_BY_HTTP.get(status, f"HTTP_{status}"))
    if reasons & _DISABLED_REASONS:
        code = "SERVICE_DISABLED"
    message = str(error.get("message") or fallback).strip()
    retry_after = _retry_after(headers.get("retry-after") if headers is not None else None)
    return ApiFailure(status, code, message, frozenset(reasons), retry_after)


def failure(exc: BaseException) -> ApiFailure | None:
    """The API failure behind ``exc``, or ``None`` when it is not an API or network error (a bug)."""
    if isinstance(exc, HttpError):
        return _from_body(exc.resp.status, exc.content, exc.resp, str(exc))
    if isinstance(exc, core.GoogleAPICallError):
        response = getattr(exc, "response", None)
        status = exc.code if isinstance(exc.code, int) else getattr(response, "status_code", 0)
        if response is not None and hasattr(response, "content"):
            return _from_body(status, response.content, response.headers, exc.message)
        code = _STATUS_BY_HTTP.get(status, f"HTTP_{status}")
        reasons = frozenset(r for r in [getattr(exc, "reason", None)] if r)
        if reasons & _DISABLED_REASONS:
            code = "SERVICE_DISABLED"
        return ApiFailure(status, code, exc.message, reasons)
    if isinstance(exc, google.auth.exceptions.RefreshError):
        return ApiFailure(None, UNAUTHENTICATED, f"credentials rejected: {exc}", frozenset())
    fault = transport_fault(exc)
    if fault is not None:
        return ApiFailure(None, fault.code, fault.message, frozenset(), transport=fault.retry)
    if isinstance(exc, MalformedResponse):
        return ApiFailure(None, MALFORMED, str(exc), frozenset(), transport=Retry(attempts=2))
    if isinstance(
        exc,
        requests.ConnectionError | google.auth.exceptions.TransportError | OSError | httplib2.HttpLib2Error,
    ):
        return ApiFailure(None, UNREACHABLE, f"cannot connect: {_root(exc)}", frozenset())
    return None


def _root(exc: BaseException) -> str:
    """The innermost cause, which names the refused address rather than urllib3's wrapper."""
    while exc.__cause__ is not None or exc.__context__ is not None:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return str(exc) or type(exc).__name__


def classify(exc: BaseException) -> Retry | None:
    """The :func:`scanner.sources.retry.call_with_retry` classifier for Google APIs."""
    found = failure(exc)
    if found is None or not found.retryable:
        return None
    if found.transport is not None:
        return found.transport
    return Retry(after=found.retry_after)
