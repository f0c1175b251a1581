"""Fault injection shared by the fake cloud servers: what a flaky network or API does to one request.

A test picks a route (the fake's own name for an API operation: ``compute.networks.list``
on the Google fake, ``DescribeVpcs`` or ``oss.acl`` on the Alibaba fake), optionally the
query parameters that must match (``{"pageToken": "page-3"}`` fails only the third page),
and how often (``times=2`` fails twice and then answers normally; ``times=None`` fails
every time)::

    fake.injected.add("compute.networks.list", Fault.reset(), times=1)

Fault kinds, each at the HTTP level a real client can meet:

* ``answer``: a canned error answer (throttling, 5xx, 403, API disabled: the clouds'
  own bodies are built by each fake's helpers);
* ``hang``: read the request, answer nothing until the fake stops (or ``seconds``
  pass), so the client's timeout fires;
* ``truncate``: the real answer's headers (full ``Content-Length``) and half of its
  body, then the connection closes;
* ``cut``: the first half of the real answer, framed as if complete (its own
  ``Content-Length``): a document that ends in the middle;
* ``garbage``: ``200 OK`` with a body that is not JSON (nor XML): an HTML error page
  from a proxy;
* ``reset``: the connection is closed with a TCP RST before any answer.

The table counts what it served, so tests assert outcomes, never timings.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GARBAGE = b"<html><head><title>502 Bad Gateway</title></head><body>upstream closed</body></html>"


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that does not print a client hanging up (a timeout, an injected fault)."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@dataclass(frozen=True)
class Fault:
    kind: str  # answer | hang | truncate | cut | garbage | reset
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: Mapping[str, str] = field(default_factory=dict)
    seconds: float = 60.0

    @staticmethod
    def answer(
        status: int, body: bytes, content_type: str, headers: Mapping[str, str] | None = None
    ) -> Fault:
        return Fault("answer", status, body, content_type, dict(headers or {}))

    @staticmethod
    def hang(seconds: float = 60.0) -> Fault:
        return Fault("hang", seconds=seconds)

    @staticmethod
    def truncate() -> Fault:
        return Fault("truncate")

    @staticmethod
    def cut() -> Fault:
        return Fault("cut")

    @staticmethod
    def garbage() -> Fault:
        return Fault("garbage", 200, GARBAGE, "text/html")

    @staticmethod
    def reset() -> Fault:
        return Fault("reset")


@dataclass
class _Rule:
    routes: frozenset[str]
    fault: Fault
    remaining: int | None
    where: Mapping[str, str]


class FaultTable:
    """Faults queued per route; :meth:`take` is called once per request by the fake."""

    def __init__(self) -> None:
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self.served: list[tuple[str, str]] = []  # (route, fault kind), in order
        self.released = threading.Event()  # set when the fake stops: hanging answers end

    def add(
        self, route: str, fault: Fault, times: int | None = 1, where: Mapping[str, str] | None = None
    ) -> None:
        """Fail the next ``times`` requests to ``route`` (all when ``None``) whose query has ``where``."""
        with self._lock:
            self._rules.append(_Rule(frozenset([route]), fault, times, dict(where or {})))

    def take(self, names: tuple[str, ...], query: Mapping[str, str]) -> Fault | None:
        """The fault for a request known by ``names`` (its route names) with ``query``, if one is due."""
        with self._lock:
            for rule in self._rules:
                if rule.remaining == 0 or not rule.routes & set(names):
                    continue
                if any(query.get(k) != v for k, v in rule.where.items()):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                self.served.append((names[0], rule.fault.kind))
                return rule.fault
        return None


def deliver(
    handler: BaseHTTPRequestHandler,
    fault: Fault | None,
    status: int,
    payload: bytes,
    content_type: str,
    headers: Mapping[str, str],
    release: threading.Event,
) -> None:
    """Write the answer, or what ``fault`` makes of it."""
    if fault is not None and fault.kind == "answer":
        status, payload, content_type, headers = fault.status, fault.body, fault.content_type, fault.headers
    elif fault is not None and fault.kind == "garbage":
        status, payload, content_type = fault.status, fault.body, fault.content_type
    elif fault is not None and fault.kind == "cut":
        payload = payload[: len(payload) // 2]
    elif fault is not None and fault.kind == "hang":
        release.wait(fault.seconds)
        _drop(handler, rst=False)
        return
    elif fault is not None and fault.kind == "reset":
        _drop(handler, rst=True)
        return
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(payload)))
    for key, value in headers.items():
        handler.send_header(key, value)
    if fault is not None and fault.kind == "truncate":
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(payload[: len(payload) // 2])
        handler.wfile.flush()
        time.sleep(0.01)  # let the half body leave before the close
        _drop(handler, rst=False)
        return
    handler.end_headers()
    handler.wfile.write(payload)


def _drop(handler: BaseHTTPRequestHandler, rst: bool) -> None:
    """Close the connection: with SO_LINGER 0 the kernel sends RST instead of FIN."""
    handler.close_connection = True
    conn = handler.connection
    try:
        if rst:
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            conn.shutdown(socket.SHUT_RDWR)
        conn.close()
    except OSError:
        pass
