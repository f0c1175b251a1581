"""boto3 sessions and clients: one place that knows the endpoints, retries and timeouts.

A boto3 ``Session`` is not thread-safe, a client is: each account gets one
session, and its clients are built under a lock and then shared by every worker
(one connection pool per client, sized to the worker count).

Retries: botocore's ``adaptive`` mode (client-side rate limiting on throttling,
3 attempts), then :mod:`scanner.sources.retry` around the whole call for what
is still throttled (see :mod:`.services`).

S3 on a custom endpoint uses path-style addressing (``http://host/bucket``), and
S3 Control's endpoint rules put the account id in front of the host
(``123456789012.s3-control...``), which a local endpoint cannot serve: with an
endpoint override the request is sent to the override's host as given.
"""

from __future__ import annotations

import threading
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import boto3
from botocore.config import Config

from scanner.providers.aws.settings import Settings

CONNECT_TIMEOUT = 10
READ_TIMEOUT = 60
USER_AGENT = "cloudscan"


class AccountClients:
    """The clients of one account (the caller's own credentials, or an assumed member role)."""

    def __init__(self, settings: Settings, session: Any, pool_size: int) -> None:
        self.settings = settings
        self.session = session
        self.pool_size = max(10, pool_size)
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def client(self, service: str, region: str) -> Any:
        key = (service, region)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._build(service, region)
            return self._clients[key]

    def _build(self, service: str, region: str) -> Any:
        endpoint = self.settings.endpoint(service)
        options: dict[str, Any] = {}
        if endpoint and service == "s3":
            options["s3"] = {"addressing_style": "path"}
        config = Config(
            retries={"mode": "adaptive", "max_attempts": 3},
            connect_timeout=CONNECT_TIMEOUT,
            read_timeout=READ_TIMEOUT,
            max_pool_connections=self.pool_size,
            user_agent_extra=USER_AGENT,
            **options,
        )
        name = "s3control" if service == "s3control" else service
        client = self.session.client(name, region_name=region, endpoint_url=endpoint, config=config)
        if endpoint and service == "s3control":
            client.meta.events.register("before-sign.s3-control.*", _to_endpoint_host(endpoint))
        return client


def _to_endpoint_host(endpoint: str) -> Any:
    """A handler that sends an S3 Control request to ``endpoint``'s host, without the account prefix."""
    netloc = urlsplit(endpoint).netloc

    def rewrite(request: Any, **_: Any) -> None:
        parts = urlsplit(request.url)
        request.url = urlunsplit(parts._replace(netloc=netloc))

    return rewrite


def base_session(settings: Settings) -> Any:
    """The caller's session: boto3's credential chain, with the named profile if one was given."""
    return boto3.Session(profile_name=settings.profile) if settings.profile else boto3.Session()


def assumed_session(credentials: dict[str, Any]) -> Any:
    """A session on temporary credentials from ``sts:AssumeRole``."""
    return boto3.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
