"""moto in server mode on 127.0.0.1, with a log of every AWS operation it was asked for.

The adapter talks to it over real HTTP through boto3 (``CLOUDSCAN_AWS_ENDPOINT``).
The log is a WSGI layer in front of moto's own application: it names each
request's service (from the SigV4 credential scope) and operation (the
``X-Amz-Target`` header of JSON APIs, the ``Action`` of query APIs, the method,
path and sub-resource of S3's REST API), so the permission test can check
every call is a documented read.
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from moto.server import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    ThreadedMotoServer,
    create_backend_app,
)
from werkzeug.serving import make_server

CREDENTIAL = re.compile(r"Credential=[^/]+/[^/]+/(?P<region>[^/]+)/(?P<service>[^/]+)/")
S3_SUBRESOURCES = {
    "acl": "GetBucketAcl",
    "policy": "GetBucketPolicy",
    "policyStatus": "GetBucketPolicyStatus",
    "publicAccessBlock": "GetPublicAccessBlock",
    "encryption": "GetBucketEncryption",
    "versioning": "GetBucketVersioning",
    "logging": "GetBucketLogging",
    "location": "GetBucketLocation",
}
FAKE_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@dataclass(frozen=True)
class Call:
    service: str
    operation: str
    method: str
    path: str
    access_key: str


def _operation(environ: dict[str, Any], body: bytes, service: str) -> str:
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return str(target).rsplit(".", 1)[-1]
    form = parse_qs(body.decode("utf-8", "replace")) if body else {}
    query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if "Action" in form:
        return form["Action"][0]
    if "Action" in query:
        return query["Action"][0]
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
    if path.startswith("/v20180820/configuration/publicAccessBlock") and method == "GET":
        return "GetPublicAccessBlock"
    for key, name in S3_SUBRESOURCES.items():
        if key in query and method == "GET":
            return name
    if method == "GET" and path in ("", "/"):
        return "ListBuckets"
    return f"{method} {path}"


@dataclass(frozen=True)
class Fault:
    status: int
    body: bytes
    content_type: str = "text/xml"


def query_error(code: str, message: str, status: int = 403) -> Fault:
    """An EC2-style query API error (``Response/Errors/Error``)."""
    body = (
        f"<?xml version='1.0' encoding='UTF-8'?><Response><Errors><Error><Code>{code}</Code>"
        f"<Message>{message}</Message></Error></Errors><RequestID>fault</RequestID></Response>"
    )
    return Fault(status, body.encode())


def iam_error(code: str, message: str, status: int = 403) -> Fault:
    """An IAM/STS/RDS-style query API error (``ErrorResponse/Error``)."""
    body = (
        f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message>"
        "</Error><RequestId>fault</RequestId></ErrorResponse>"
    )
    return Fault(status, body.encode())


def s3_error(code: str, message: str, status: int = 403) -> Fault:
    body = f"<Error><Code>{code}</Code><Message>{message}</Message><RequestId>fault</RequestId></Error>"
    return Fault(status, body.encode(), "application/xml")


def json_error(code: str, message: str, status: int = 400) -> Fault:
    """A JSON-protocol error (ECR, Organizations)."""
    return Fault(
        status, json.dumps({"__type": code, "message": message}).encode(), "application/x-amz-json-1.1"
    )


class Recorder:
    """WSGI middleware: record, then hand the request to moto unchanged."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.latency = 0.0  # seconds added to every answer (the benchmark's stand-in for a real API)
        # (service, operation) -> [answers still to give instead of moto's]: documented AWS error shapes
        self.faults: dict[tuple[str, str], list[Fault]] = {}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        match = CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
        service = match["service"] if match else "unsigned"
        if environ.get("PATH_INFO", "").startswith("/v20180820/"):
            service = "s3control"  # S3 Control signs as s3
        key = (environ.get("HTTP_AUTHORIZATION", "").split("Credential=")[-1].split("/")[0]) if match else ""
        call = Call(
            service,
            _operation(environ, body, service),
            environ["REQUEST_METHOD"],
            environ.get("PATH_INFO", ""),
            key,
        )
        with self.lock:
            self.calls.append(call)
            pending = self.faults.get((call.service, call.operation))
            fault = pending.pop(0) if pending else None
        if fault is not None:
            start_response(f"{fault.status} Error", [("Content-Type", fault.content_type)])
            return [fault.body]
        if self.latency:
            time.sleep(self.latency)
        return self.app(environ, start_response)


class RecordingMotoServer(ThreadedMotoServer):
    """:class:`ThreadedMotoServer` with :class:`Recorder` in front of moto's application."""

    def __init__(self) -> None:
        super().__init__(ip_address="127.0.0.1", port=0, verbose=False)
        self.recorder = Recorder(DomainDispatcherApplication(create_backend_app))

    def _server_entry(self) -> None:
        self._server = make_server(
            self._ip_address, self._port, self.recorder, True, request_handler=MotoRequestHandler
        )
        self._server_ready_event.set()
        self._server.serve_forever()

    @property
    def url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{host}:{port}"


@contextmanager
def moto_server() -> Iterator[RecordingMotoServer]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = RecordingMotoServer()
    server.start()
    # moto keeps its backends per process: start every server from an empty cloud.
    request = urllib.request.Request(server.url + "/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=30).close()
    server.recorder.calls.clear()
    try:
        yield server
    finally:
        server.stop()


def aws_env(url: str, **extra: str | None) -> dict[str, str | None]:
    """The environment for the CLI: moto's URL, fake keys, and no file or metadata lookups."""
    return {
        "CLOUDSCAN_AWS_ENDPOINT": url,
        **FAKE_KEYS,
        "AWS_SESSION_TOKEN": None,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/nonexistent/aws-config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
        "AWS_PROFILE": None,
        "AWS_ENDPOINT_URL": None,
        **extra,
    }


def client(url: str, service: str, region: str = "us-east-1", **credentials: str) -> Any:
    import boto3  # noqa: PLC0415

    keys = credentials or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    return boto3.client(service, endpoint_url=url, region_name=region, **keys)
