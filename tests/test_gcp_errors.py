"""Bad input for the Google Cloud adapter: one clear message, no traceback, the right exit code."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.fakes.gcp_landing_zone import DELETED, PROD, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env, permission_denied
from tests.helpers import run


@pytest.fixture
def fake() -> Iterator[FakeGoogle]:
    with FakeGoogle(landing_zone()) as server:
        yield server


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def no_adc(tmp_path: Path) -> dict[str, str | None]:
    """An environment without any Application Default Credentials to find."""
    return {
        "CLOUDSCAN_GCP_CREDENTIALS": None,
        "GOOGLE_APPLICATION_CREDENTIALS": None,
        "CLOUDSDK_CONFIG": str(tmp_path / "gcloud"),
        "HOME": str(tmp_path),
    }


def test_unknown_project_is_one_error_and_the_known_one_is_still_reported(fake: FakeGoogle) -> None:
    env = gcp_env(fake.url)
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--project",
        "no-such-project-1",
        "--project",
        PROD,
        "-f",
        "json",
        env=env,
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert any(f["resource"]["account"] == PROD for f in report["findings"])
    [error] = report["errors"]
    assert (error["account"], error["operation"], error["code"]) == (
        "no-such-project-1",
        "projects.get",
        "PERMISSION_DENIED",
    )
    assert "does not exist or this identity may not read it" in error["message"]
    assert not any("no-such-project-1" in r.path for r in fake.requests if "compute" in r.path)


def test_only_an_unknown_project_is_a_partial_scan(fake: FakeGoogle) -> None:
    result = run(
        "collect",
        "--provider",
        "gcp",
        "--project",
        "no-such-project-1",
        "-o",
        "/dev/null",
        env=gcp_env(fake.url),
    )
    assert result.exit_code == 3
    assert "no-such-project-1 cloudresourcemanager.projects.get: PERMISSION_DENIED" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["acme-corp", "organizations/", "folders/123"])
def test_malformed_organization(fake: FakeGoogle, value: str) -> None:
    result = run("scan", "--provider", "gcp", "--organization", value, env=gcp_env(fake.url))
    assert result.exit_code == 2
    assert f"--organization {value!r} is malformed" in result.stderr
    assert "Traceback" not in result.output
    assert fake.requests == []


def test_unreachable_endpoint_is_one_message() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    result = run("scan", "--provider", "gcp", "--project", PROD, env=gcp_env(url))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Google Cloud APIs" in lines[0]
    assert "Traceback" not in result.output


def test_one_unreachable_service_leaves_the_others_reported(fake: FakeGoogle, tmp_path: Path) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text(f"gcp:\n  endpoints:\n    storage: http://127.0.0.1:{closed_port()}\n")
    result = run(
        "scan",
        "--provider",
        "gcp",
        "--project",
        PROD,
        "--config",
        str(config),
        "-f",
        "json",
        env=gcp_env(fake.url),
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {(e["service"], e["code"]) for e in report["errors"]} == {("storage", "UNREACHABLE")}
    assert any(f["rule_id"] == "firewall.ssh-open-to-internet" for f in report["findings"])


def test_bad_endpoint_setting(fake: FakeGoogle) -> None:
    result = run("scan", "--provider", "gcp", "--project", PROD, env=gcp_env("127.0.0.1:8080"))
    assert result.exit_code == 2
    assert "CLOUDSCAN_GCP_ENDPOINT: '127.0.0.1:8080' is not an http(s) URL" in result.stderr


def test_no_credentials_found(tmp_path: Path) -> None:
    result = run("scan", "--provider", "gcp", "--project", PROD, env=no_adc(tmp_path))
    assert result.exit_code == 2
    assert "no Google Cloud credentials found" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_credentials_mode(fake: FakeGoogle) -> None:
    env = {**gcp_env(fake.url), "CLOUDSCAN_GCP_CREDENTIALS": "magic"}
    result = run("scan", "--provider", "gcp", "--project", PROD, env=env)
    assert result.exit_code == 2
    assert "the only supported value is 'anonymous'" in result.stderr


def test_expired_credentials_are_one_clear_message(fake: FakeGoogle, tmp_path: Path) -> None:
    """A service-account key whose token endpoint (the fake) answers invalid_grant, as for a revoked key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_file = tmp_path / "key.json"
    key_file.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": PROD,
                "private_key_id": "0f3c2b1a",
                "private_key": pem.decode(),
                "client_email": f"scanner@{PROD}.iam.gserviceaccount.com",
                "client_id": "104729384756102938475",
                "token_uri": f"{fake.url}/token",
            }
        )
    )
    env = {
        **no_adc(tmp_path),
        "GOOGLE_APPLICATION_CREDENTIALS": str(key_file),
        "CLOUDSCAN_GCP_ENDPOINT": fake.url,
    }
    result = run("scan", "--provider", "gcp", "--project", PROD, env=env)
    assert result.exit_code == 2
    assert "Google Cloud credentials were rejected" in result.stderr and "invalid_grant" in result.stderr
    assert "Traceback" not in result.output
    assert "PRIVATE KEY" not in result.output and "0f3c2b1a" not in result.output  # no credential echoed
    assert [r.path for r in fake.requests] == ["/token"]


def test_nothing_to_collect(fake: FakeGoogle) -> None:
    result = run("scan", "--provider", "gcp", env=gcp_env(fake.url))
    assert result.exit_code == 2
    assert "give --project, --folder or --organization" in result.stderr


def test_a_named_project_pending_deletion_is_reported_not_collected(fake: FakeGoogle) -> None:
    result = run("scan", "--provider", "gcp", "--project", DELETED, "-f", "json", env=gcp_env(fake.url))
    assert result.exit_code == 3
    [error] = json.loads(result.stdout)["errors"]
    assert error["code"] == "FAILED_PRECONDITION"
    assert "not active (state DELETE_REQUESTED)" in error["message"]
    assert not any(r.path.startswith("/compute/") for r in fake.requests)


def test_a_denied_key_listing_leaves_that_account_unknown_and_the_rest_reported(fake: FakeGoogle) -> None:
    uploader = f"uploader@{PROD}.iam.gserviceaccount.com"
    path = f"/v1/projects/{PROD}/serviceAccounts/{uploader}/keys"
    fake.fail("GET", path, permission_denied("iam.serviceAccountKeys.list", path.removeprefix("/v1/")))
    result = run("scan", "--provider", "gcp", "--project", PROD, "-f", "json", env=gcp_env(fake.url))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [error] = report["errors"]
    assert (error["service"], error["operation"], error["code"]) == (
        "iam",
        "serviceAccounts.keys.list",
        "PERMISSION_DENIED",
    )
    assert "iam.serviceAccountKeys.list" in error["message"]
    assert not any(f["rule_id"] == "iam.access-key-not-rotated" for f in report["findings"])
    assert any(f["rule_id"] == "firewall.ssh-open-to-internet" for f in report["findings"])
