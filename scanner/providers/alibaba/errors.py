"""How Alibaba Cloud errors are read: retryable or not, and the code and message to record.

The Tea SDK raises ``AlibabaCloudException`` subclasses (``ClientException``,
``ServerException``, ``ThrottlingException``) with ``.code`` and ``.status_code`` and
never retries; the OSS SDK raises ``OperationError`` wrapping a ``ServiceError``.
Retried: the throttling codes ``Throttling``, ``Throttling.User``, ``Throttling.Api``
(any ``Throttling*``), ``ServiceUnavailable`` and every 5xx. Network and framing
failures are named and retried by :mod:`scanner.sources.transport`, the same way
for every cloud (``Timeout``, ``ConnectionReset``, ``MalformedResponse``,
``DeadlineExceeded``), rather than shown as the SDK's wrapper
(``UnretryableException``) or an XML parser's numeric code. Everything else
(denied, not found, bad keys, unreachable endpoint) fails at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from scanner.findings import NOT_IN_USE
from scanner.sources.retry import Retry
from scanner.sources.transport import transport_fault

INVALID_KEY_CODES = frozenset({"InvalidAccessKeyId.NotFound", "InvalidAccessKeyId", "SignatureDoesNotMatch"})
DENIED_CODES = frozenset({"Forbidden.RAM", "NoPermission", "NoPrivilege", "AccessDenied", "Forbidden"})
# Codes with which a product says it is not activated in the account: nothing of it exists, so the
# failed call is recorded as "service not in use" (a note), not as a gap. Only codes a public source
# confirms: Log Service's, from terraform-provider-alicloud ``alicloud/data_source_alicloud_log_service.go``
# (ListProject failing with ``ServiceNotEnabled`` or ``ServiceNotOpen`` means "not opened").
# Searched and not found (terraform-provider-alicloud at 81c43b6, whose only other "not opened"
# codes are the CEN transit router's; the API references of DescribeVersionConfig,
# DescribeClustersV1, ListInstance and DescribeDBClusters, which name none): no code for Security
# Center, ACK, Container Registry EE or PolarDB, so any error of theirs stays an error. Security
# Center needs none: DescribeVersionConfig answers ``Version`` 1 (the free edition) for an account
# that bought nothing; an account without ACK clusters, EE instances or PolarDB clusters lists none.
NOT_ACTIVATED_CODES: dict[str, frozenset[str]] = {"sls": frozenset({"ServiceNotEnabled", "ServiceNotOpen"})}


@dataclass(frozen=True)
class ErrorInfo:
    code: str
    message: str
    status: int | None = None
    retry_after: float | None = None
    service_error: bool = False  # an answer from the API, not a network or client failure


def _unwrap(exc: BaseException) -> BaseException:
    seen = 0
    while hasattr(exc, "unwrap") and seen < 5:
        inner = exc.unwrap()
        if inner is None or inner is exc:
            break
        exc = inner
        seen += 1
    return exc


def error_info(exc: BaseException) -> ErrorInfo:
    """The code and message of any SDK exception, in one shape."""
    inner = _unwrap(exc)
    code = getattr(inner, "code", None)  # an API error code is text; xml's ParseError has a number
    status = getattr(inner, "status_code", None)
    if status is None:  # the Log Service gateway's TeaException names it statusCode
        status = getattr(inner, "statusCode", None)
    if isinstance(code, str) and code and code != "None":
        message = str(getattr(inner, "message", "") or code)
        retry_after = getattr(inner, "retry_after", None)
        after = float(retry_after) / 1000 if retry_after else None
        return ErrorInfo(str(code), _short(message), status, after, service_error=True)
    fault = transport_fault(exc)
    if fault is not None:
        return ErrorInfo(fault.code, _short(fault.message))
    name = type(inner).__name__
    text = str(inner) or name
    if "Connection refused" in text or "Max retries exceeded" in text or "NewConnectionError" in text:
        return ErrorInfo("EndpointUnreachable", _short(text))
    return ErrorInfo(name, _short(text), status if isinstance(status, int) else None)


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def classify(exc: BaseException) -> Retry | None:
    """The retry classifier for :func:`scanner.sources.retry.call_with_retry`."""
    info = error_info(exc)
    if not info.service_error:
        fault = transport_fault(exc)
        return None if fault is None else fault.retry
    if info.code.startswith("Throttling") or info.code == "ServiceUnavailable":
        return Retry(after=info.retry_after)
    if info.status is not None and 500 <= info.status < 600:
        return Retry(after=info.retry_after)
    return None


def is_invalid_key(info: ErrorInfo) -> bool:
    return info.code in INVALID_KEY_CODES


def not_in_use(product: str, info: ErrorInfo) -> ErrorInfo | None:
    """The ``SERVICE_NOT_IN_USE`` note for an error that says ``product`` is not activated, else ``None``."""
    if info.code not in NOT_ACTIVATED_CODES.get(product, frozenset()):
        return None
    message = f"{product} is not activated in this account, so nothing of it exists to judge ({info.code})"
    return ErrorInfo(NOT_IN_USE, _short(message), info.status, service_error=True)
