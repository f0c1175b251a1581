"""botocore errors as data: what to retry, and the code and message a user sees.

Every AWS API answers an error with a code (``AccessDenied``, ``Throttling``,
``UnauthorizedOperation`` ...) that botocore puts in ``ClientError.response``.
Retried here, after botocore's own adaptive retries gave up: throttling codes
and 5xx. Not retried: a refused connection (the endpoint is wrong or down) and
every credential problem.
"""

from __future__ import annotations

from dataclasses import dataclass

from botocore import exceptions as boto

from scanner.sources.retry import Retry

UNREACHABLE = "UNREACHABLE"
NO_CREDENTIALS = "NoCredentials"
THROTTLING = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
        "RequestThrottled",
        "PriorRequestNotComplete",
        "ProvisionedThroughputExceededException",
        "BandwidthLimitExceeded",
        "EC2ThrottledException",
    }
)
# The credentials themselves are bad: every other call will fail the same way.
CREDENTIAL_CODES = frozenset(
    {
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "SignatureDoesNotMatch",
        "AuthFailure",
        "InvalidAccessKeyId",
        "RequestExpired",
        NO_CREDENTIALS,
    }
)
DENIED = frozenset({"AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError"})


@dataclass(frozen=True)
class ApiFailure:
    http_status: int | None
    code: str
    message: str

    @property
    def retryable(self) -> bool:
        if self.code in THROTTLING:
            return True
        return self.http_status is not None and self.http_status >= 500


def failure(exc: BaseException) -> ApiFailure | None:
    """The API failure behind ``exc``, or ``None`` when it is not an API or network error (a bug)."""
    if isinstance(exc, boto.ClientError):
        error = exc.response.get("Error", {}) or {}
        status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
        code = str(error.get("Code") or f"HTTP_{status}")
        message = str(error.get("Message") or exc).strip()
        return ApiFailure(status, code, message)
    if isinstance(exc, boto.NoCredentialsError | boto.PartialCredentialsError):
        return ApiFailure(None, NO_CREDENTIALS, str(exc))
    if isinstance(exc, boto.TokenRetrievalError | boto.SSOTokenLoadError | boto.UnauthorizedSSOTokenError):
        return ApiFailure(None, "ExpiredToken", str(exc))
    if isinstance(exc, boto.ReadTimeoutError | boto.ConnectTimeoutError):
        return ApiFailure(None, "TIMEOUT", f"request timed out: {exc}")
    if isinstance(exc, boto.EndpointConnectionError | boto.ConnectionClosedError | boto.HTTPClientError):
        return ApiFailure(None, UNREACHABLE, f"cannot connect: {exc}")
    return None


def classify(exc: BaseException) -> Retry | None:
    """The :func:`scanner.sources.retry.call_with_retry` classifier for AWS APIs."""
    found = failure(exc)
    if found is None or not found.retryable:
        return None
    return Retry()


def setup_problem(exc: BaseException, profile: str | None) -> str | None:
    """The one line to show when the credentials cannot be used at all, or ``None`` for other errors."""
    if isinstance(exc, boto.ProfileNotFound):
        return f"AWS profile {profile!r} is not in the AWS config or credentials file (~/.aws/config)"
    if isinstance(exc, boto.InvalidConfigError | boto.ConfigParseError):
        return f"the AWS config file cannot be used: {exc}"
    found = failure(exc)
    if found is None:
        return None
    if found.code == NO_CREDENTIALS:
        return (
            "no AWS credentials found: set AWS_PROFILE or --profile, run 'aws sso login', export "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an attached role"
        )
    if found.code in CREDENTIAL_CODES:
        return (
            f"AWS rejected the credentials ({found.code}: {found.message}); they may have expired: renew them"
        )
    if found.code == UNREACHABLE:
        return (
            f"cannot reach AWS STS ({found.message}); check CLOUDSCAN_AWS_ENDPOINT, "
            "the config file's aws.endpoints, or the network"
        )
    return None
