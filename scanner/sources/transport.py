"""What went wrong on the wire, the same words for every cloud: timeouts, resets, malformed answers.

Each SDK wraps network failures its own way (``requests`` and ``urllib3`` errors,
``httplib2``/``http.client`` errors, the Tea SDK's ``UnretryableException`` around
either, the OSS SDK's ``OperationError`` around ``requests`` errors), but the root
cause is one of a few standard-library or ``requests`` exceptions somewhere down the
exception chain. :func:`transport_fault` walks that chain (``__cause__``,
``__context__``, the wrappers' ``inner_exception``/``reason``/``args``) and names
it, so that a user reads what happened:

* ``Timeout``: no answer within the per-call timeout; retried once (reads are
  idempotent, but a hanging endpoint should not cost the whole retry budget);
* ``ConnectionReset``: the connection was reset or closed before an answer;
  retried like throttling;
* ``MalformedResponse``: the answer was cut short (the connection closed in the
  middle of the body: retried like a reset) or is not the JSON/XML the API speaks
  (a proxy's HTML error page: retried once);
* ``DeadlineExceeded``: the scan's ``--timeout`` passed; never retried.

A refused connection or an unknown host is not named here: each provider already
says "endpoint unreachable" in its own words, and retrying will not fix it.
Nothing here imports an SDK; classes are recognised by type where the standard
library or ``requests`` defines them, and by class name where only an SDK does.
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError as XmlParseError

from scanner.sources.retry import DeadlineExceeded, Retry, current_limits

TIMEOUT, RESET, MALFORMED, DEADLINE = "Timeout", "ConnectionReset", "MalformedResponse", "DeadlineExceeded"
_MAX_CHAIN = 12
# Parse failures that only SDKs define: google.protobuf.json_format.ParseError, the OSS SDK's
# DeserializationError (its XML reader's complaint about the root element).
_PARSE_ERROR_NAMES = frozenset({"ParseError", "DeserializationError", "DecodeError"})
_TRUNCATED_NAMES = frozenset({"IncompleteRead", "ChunkedEncodingError"})
_REFUSED = (ConnectionRefusedError, socket.gaierror)
_REFUSED_NAMES = frozenset({"NewConnectionError", "NameResolutionError", "ServerNotFoundError"})


@dataclass(frozen=True)
class TransportFault:
    code: str
    message: str
    retry: Retry | None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it wraps, outermost first, each once."""
    seen: set[int] = set()
    todo = [exc]
    while todo and len(seen) < _MAX_CHAIN:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for attr in ("inner_exception", "reason", "__cause__", "__context__"):
            inner = getattr(current, attr, None)
            if isinstance(inner, BaseException):
                todo.append(inner)
        todo.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))
        unwrap = getattr(current, "unwrap", None)
        if callable(unwrap):
            try:
                inner = unwrap()
            except Exception:  # an SDK wrapper with nothing inside
                inner = None
            if isinstance(inner, BaseException):
                todo.append(inner)


def _names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _text(exc: BaseException, limit: int = 200) -> str:
    text = " ".join((str(exc) or type(exc).__name__).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def transport_fault(exc: BaseException) -> TransportFault | None:
    """The network or framing failure behind ``exc``, or ``None`` when it is something else."""
    chain = list(_chain(exc))
    for found in chain:
        if isinstance(found, DeadlineExceeded):
            return TransportFault(DEADLINE, str(found), None)
    if any(isinstance(e, _REFUSED) or _names(e) & _REFUSED_NAMES for e in chain):
        return None
    for found in chain:
        names = _names(found)
        if isinstance(found, http.client.IncompleteRead) or names & _TRUNCATED_NAMES:
            return TransportFault(
                MALFORMED,
                f"truncated answer: the connection closed in the middle of the body ({_text(found)})",
                Retry(),
            )
    for found in chain:
        if isinstance(found, TimeoutError) or any("Timeout" in name for name in _names(found)):
            bounds = current_limits()
            left = bounds.remaining()
            if left is not None and left <= 0.01:  # the request's timeout was cut to the deadline
                return TransportFault(DEADLINE, bounds.expired_message(), None)
            return TransportFault(
                TIMEOUT, f"no answer within the per-call timeout of {bounds.timeout:g} s", Retry(attempts=2)
            )
    for found in chain:
        if isinstance(found, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
            return TransportFault(
                RESET, f"the connection was reset or closed before the answer ({_text(found)})", Retry()
            )
    for found in chain:
        if isinstance(found, json.JSONDecodeError | XmlParseError) or _names(found) & _PARSE_ERROR_NAMES:
            return TransportFault(
                MALFORMED, f"the answer is not well-formed JSON or XML ({_text(found)})", Retry(attempts=2)
            )
    return None
