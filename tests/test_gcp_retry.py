"""Which Google API errors are retried, how long the server asked us to wait, and what the user sees."""

from __future__ import annotations

import json

import httplib2
import requests
from google.api_core import exceptions as core
from googleapiclient.errors import HttpError

from scanner.providers.gcp.errors import classify, failure
from scanner.sources.retry import RetryPolicy, call_with_retry
from tests.fakes.gcp_server import google_error, service_disabled


def http_error(status: int, body: dict[str, object], **headers: str) -> HttpError:
    """What the Cloud SQL (discovery) client raises for an error answer."""
    return HttpError(httplib2.Response({"status": str(status), **headers}), json.dumps(body).encode())


def api_core_error(status: int, body: dict[str, object], **headers: str) -> core.GoogleAPICallError:
    """What the GAPIC and storage clients raise for an error answer (built the way they build it)."""
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode()
    response.headers.update(headers)
    response.request = requests.Request(
        "GET", "http://127.0.0.1/compute/v1/projects/p/global/networks"
    ).prepare()
    return core.from_http_response(response)


def test_throttling_is_retried_after_the_servers_delay() -> None:
    body = google_error(429, "RESOURCE_EXHAUSTED", "Quota exceeded", "rateLimitExceeded")[1]
    assert classify(http_error(429, body, **{"retry-after": "7"})).after == 7.0
    assert classify(api_core_error(429, body, **{"Retry-After": "3"})).after == 3.0


def test_server_errors_and_legacy_rate_limits_are_retried() -> None:
    assert (
        classify(api_core_error(503, google_error(503, "UNAVAILABLE", "try later", "backendError")[1]))
        is not None
    )
    legacy = google_error(403, "PERMISSION_DENIED", "Rate Limit Exceeded", "userRateLimitExceeded")[1]
    assert classify(http_error(403, legacy)) is not None


def test_denied_disabled_and_unreachable_are_not_retried() -> None:
    denied = google_error(403, "PERMISSION_DENIED", "The caller does not have permission", "forbidden")[1]
    disabled = service_disabled("sqladmin.googleapis.com", "Cloud SQL Admin API", "902184736155")[1]
    assert classify(api_core_error(403, denied)) is None
    assert classify(http_error(403, disabled)) is None
    assert classify(requests.ConnectionError("Connection refused")) is None


def test_codes_and_messages_for_the_report() -> None:
    disabled = service_disabled("sqladmin.googleapis.com", "Cloud SQL Admin API", "902184736155")[1]
    found = failure(http_error(403, disabled))
    assert found is not None and found.code == "SERVICE_DISABLED"
    assert found.message.startswith("Cloud SQL Admin API has not been used in project 902184736155")
    denied = failure(api_core_error(403, google_error(403, "PERMISSION_DENIED", "nope", "forbidden")[1]))
    assert denied is not None and (denied.code, denied.message) == ("PERMISSION_DENIED", "nope")
    assert failure(ValueError("a bug, not an API error")) is None


def test_call_with_retry_waits_at_least_retry_after() -> None:
    body = google_error(429, "RESOURCE_EXHAUSTED", "Quota exceeded", "rateLimitExceeded")[1]
    answers: list[object] = [http_error(429, body, **{"retry-after": "7"}), "ok"]
    slept: list[float] = []

    def call() -> object:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert call_with_retry(call, classify, RetryPolicy(), sleep=slept.append, rng=lambda: 0.0) == "ok"
    assert slept == [7.0]
