"""The shared fault mechanisms on their own: what is named how, what is retried, what the deadline stops."""

from __future__ import annotations

import threading
import time
from xml.etree.ElementTree import ParseError

import pytest
import requests
from urllib3.exceptions import ProtocolError

from scanner.providers.alibaba.errors import error_info
from scanner.sources.live import CollectorError, CollectRequest, call_limits
from scanner.sources.pool import Task, run_tree
from scanner.sources.retry import CallLimits, DeadlineExceeded, Retry, RetryPolicy, call_with_retry, limits
from scanner.sources.transport import transport_fault


def _reset() -> Exception:
    inner = ConnectionResetError(104, "Connection reset by peer")
    return requests.ConnectionError(ProtocolError("Connection aborted.", inner))


def test_faults_are_named_through_the_sdk_wrappers() -> None:
    reset = transport_fault(_reset())
    assert reset is not None and reset.code == "ConnectionReset" and reset.retry == Retry()
    xml = ParseError("no element found: line 2, column 74")
    xml.code = 3  # what an XML parser puts there: not an API error code
    malformed = transport_fault(RuntimeError("wrapper"))
    assert malformed is None
    try:
        try:
            raise xml
        except ParseError as exc:
            raise RuntimeError("Deserialization raised an exception") from exc
    except RuntimeError as wrapped:
        found = transport_fault(wrapped)
    assert found is not None and found.code == "MalformedResponse" and found.retry == Retry(attempts=2)
    timeout = transport_fault(requests.ReadTimeout("Read timed out. (read timeout=30)"))
    assert timeout is not None and timeout.code == "Timeout" and timeout.retry == Retry(attempts=2)


def test_a_refused_connection_is_left_to_the_provider() -> None:
    refused = requests.ConnectionError(ConnectionRefusedError(111, "Connection refused"))
    assert transport_fault(refused) is None


def test_a_classifier_can_cap_the_tries_below_the_policy() -> None:
    calls: list[int] = []

    def hang() -> None:
        calls.append(1)
        raise TimeoutError("timed out")

    with pytest.raises(TimeoutError):
        call_with_retry(hang, lambda exc: Retry(attempts=2), RetryPolicy(attempts=6), sleep=lambda s: None)
    assert len(calls) == 2


def test_no_call_starts_after_the_deadline() -> None:
    calls: list[int] = []
    with limits(CallLimits(deadline=time.monotonic() - 1)), pytest.raises(DeadlineExceeded):
        call_with_retry(lambda: calls.append(1), lambda exc: Retry())
    assert calls == []


def test_a_backoff_that_would_pass_the_deadline_gives_the_real_failure() -> None:
    slept: list[float] = []

    def throttled() -> None:
        raise ValueError("Throttling.User")

    with limits(CallLimits(deadline=time.monotonic() + 0.5)), pytest.raises(ValueError, match="Throttling"):
        call_with_retry(throttled, lambda exc: Retry(after=3600), sleep=slept.append)
    assert slept == []


def test_the_deadline_abandons_the_calls_on_the_wire_and_runs_the_queue() -> None:
    release = threading.Event()
    ran: list[str] = []

    def stuck() -> list[Task]:
        release.wait(60)
        return []

    def quick() -> list[Task]:
        ran.append("quick")
        return []

    try:
        abandoned = run_tree([stuck, stuck, quick], max_workers=2, deadline=time.monotonic())
    finally:
        release.set()
    assert abandoned == 2
    assert ran == ["quick"]


def test_without_a_deadline_nothing_is_abandoned() -> None:
    assert run_tree([list], max_workers=4) == 0


def test_call_limits_come_from_the_request() -> None:
    request = CollectRequest(
        provider="gcp", env={"CLOUDSCAN_CALL_TIMEOUT": "2.5", "CLOUDSCAN_RETRY_ATTEMPTS": "3"}, deadline=5.0
    )
    assert call_limits(request) == CallLimits(timeout=2.5, policy=RetryPolicy(attempts=3), deadline=5.0)
    with pytest.raises(CollectorError, match="CLOUDSCAN_RETRY_ATTEMPTS='many'"):
        call_limits(CollectRequest(provider="gcp", env={"CLOUDSCAN_RETRY_ATTEMPTS": "many"}))


def test_alibaba_reads_an_xml_parsers_number_as_a_malformed_answer_not_a_code() -> None:
    xml = ParseError("no element found: line 2, column 74")
    xml.code = 3
    info = error_info(xml)
    assert info.code == "MalformedResponse"
    assert "no element found" in info.message
