"""Live API faults through the CLI: every fault class costs only the call it hits.

The fakes inject each fault (``tests/fakes/faults.py``) into one API call; the
collection must still write a complete inventory of everything else, name the
failed call by provider, account and service with a code that says what
happened, and exit 3. Short per-call timeouts and retry budgets come from the
documented environment settings, so nothing here waits for minutes and nothing
asserts a duration.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.alibaba_support import collect as alibaba_collect
from tests.fakes import alibaba_server as ali
from tests.fakes import gcp_server as gcp
from tests.fakes.alibaba_landing_zone import landing_zone as alibaba_zone
from tests.fakes.faults import Fault
from tests.fakes.gcp_landing_zone import PROD
from tests.fakes.gcp_landing_zone import landing_zone as gcp_zone
from tests.helpers import run

ALIBABA_ACCOUNT = "1234567890123456"
HANGZHOU = "cn-hangzhou"
# a hanging call gives up after two seconds; a failing call is tried three times
FAST = {"CLOUDSCAN_CALL_TIMEOUT": "2", "CLOUDSCAN_RETRY_ATTEMPTS": "3"}
SPARE = {"CLOUDSCAN_RETRY_ATTEMPTS": "4"}  # two injected failures and one spare try


def gcp_collect(fake: gcp.FakeGoogle, tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> Any:
    out = tmp_path / "inventory.json"
    result = run(
        "collect", "--provider", "gcp", "--project", PROD, "-q", "-o", str(out), *extra,
        env={**gcp.gcp_env(fake.url), **FAST, **(env or {})},
    )  # fmt: skip
    return result, json.loads(out.read_text()) if out.exists() else {}


def ali_collect(fake: ali.FakeAlibaba, tmp_path: Path, *extra: str, env: dict[str, str] | None = None) -> Any:
    return alibaba_collect(tmp_path, fake.url, *extra, env={**FAST, **(env or {})})  # type: ignore[dict-item]


def ids(snapshot: dict[str, Any], drop: Callable[[dict[str, Any]], bool] = lambda r: False) -> set[str]:
    return {r["id"] for r in snapshot["resources"] if not drop(r)}


@pytest.fixture(scope="module")
def gcp_baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with gcp.FakeGoogle(gcp_zone()) as fake:
        result, snapshot = gcp_collect(fake, tmp_path_factory.mktemp("gcp"))
    assert result.exit_code == 0 and snapshot["errors"] == []
    return snapshot


@pytest.fixture(scope="module")
def alibaba_baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with ali.FakeAlibaba(alibaba_zone()) as fake:
        result, snapshot = ali_collect(fake, tmp_path_factory.mktemp("alibaba"))
    assert result.exit_code == 0 and snapshot["errors"] == []
    return snapshot


@pytest.fixture
def google() -> Iterator[gcp.FakeGoogle]:
    with gcp.FakeGoogle(gcp_zone()) as server:
        yield server


@pytest.fixture
def alibaba() -> Iterator[ali.FakeAlibaba]:
    with ali.FakeAlibaba(alibaba_zone()) as server:
        yield server


@dataclass(frozen=True)
class FaultClass:
    name: str
    gcp: Callable[[], Fault] | None
    alibaba: Callable[[], Fault] | None
    gcp_code: str
    alibaba_code: str
    words: str = ""  # what the message must say


MALFORMED = "MalformedResponse"
FAULT_CLASSES = [
    FaultClass("throttling", gcp.throttled, ali.throttled, "RESOURCE_EXHAUSTED", "Throttling.User"),
    FaultClass("server-error", gcp.server_error, ali.server_error, "UNAVAILABLE", "ServiceUnavailable"),
    FaultClass("denied", gcp.denied, ali.denied, "PERMISSION_DENIED", "Forbidden.RAM"),
    # a disabled API means the service is not in use: nothing of it exists, the scan is complete
    FaultClass("api-disabled", gcp.disabled, None, "SERVICE_NOT_IN_USE", ""),
    FaultClass("hang", Fault.hang, Fault.hang, "Timeout", "Timeout", "per-call timeout of 2 s"),
    FaultClass("truncated-body", Fault.truncate, Fault.truncate, MALFORMED, MALFORMED, "truncated"),
    FaultClass("cut-document", Fault.cut, Fault.cut, MALFORMED, MALFORMED, "not well-formed"),
    FaultClass("non-json-body", Fault.garbage, Fault.garbage, MALFORMED, MALFORMED, "not well-formed"),
    FaultClass("connection-reset", Fault.reset, Fault.reset, "ConnectionReset", "ConnectionReset", "reset"),
]  # fmt: skip


def _firewalls(resource: dict[str, Any]) -> bool:
    return resource["kind"] == "firewall_rule"


def _hangzhou_firewalls(resource: dict[str, Any]) -> bool:
    return resource["kind"] == "firewall_rule" and resource["region"] == HANGZHOU


@pytest.mark.parametrize("fault", [f for f in FAULT_CLASSES if f.gcp], ids=lambda f: f.name)
def test_gcp_fault_costs_only_the_call_it_hits(
    fault: FaultClass, google: gcp.FakeGoogle, gcp_baseline: dict[str, Any], tmp_path: Path
) -> None:
    assert fault.gcp is not None
    google.injected.add("compute.firewalls.list", fault.gcp(), times=None)
    result, snapshot = gcp_collect(google, tmp_path)
    assert result.exit_code == (0 if fault.name == "api-disabled" else 3), result.output
    assert "Traceback" not in result.output
    [error] = snapshot["errors"]
    assert (error["provider"], error["account"], error["service"], error["operation"], error["code"]) == (
        "gcp",
        PROD,
        "compute",
        "firewalls.list",
        fault.gcp_code,
    )
    assert fault.words in error["message"]
    assert f"gcp/{PROD} compute.firewalls.list: {fault.gcp_code}" in result.stderr
    assert ids(snapshot) == ids(gcp_baseline, drop=_firewalls)


@pytest.mark.parametrize("fault", [f for f in FAULT_CLASSES if f.alibaba], ids=lambda f: f.name)
def test_alibaba_fault_costs_only_the_call_it_hits(
    fault: FaultClass, alibaba: ali.FakeAlibaba, alibaba_baseline: dict[str, Any], tmp_path: Path
) -> None:
    assert fault.alibaba is not None
    alibaba.injected.add("DescribeSecurityGroups", fault.alibaba(), times=None, where={"RegionId": HANGZHOU})
    result, snapshot = ali_collect(alibaba, tmp_path)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    [error] = snapshot["errors"]
    assert (
        error["provider"],
        error["account"],
        error["service"],
        error["operation"],
        error["region"],
        error["code"],
    ) == ("alibaba", ALIBABA_ACCOUNT, "ecs", "DescribeSecurityGroups", HANGZHOU, fault.alibaba_code)
    assert fault.words in error["message"]
    assert "UnretryableException" not in result.output
    assert ids(snapshot) == ids(alibaba_baseline, drop=_hangzhou_firewalls)


FLAKY = [pytest.param(Fault.reset, id="reset"), pytest.param(Fault.truncate, id="truncated")]


@pytest.mark.parametrize("flaky", [*FLAKY, pytest.param(gcp.throttled, id="throttling")])
def test_gcp_fault_that_passes_is_retried_to_a_complete_report(
    flaky: Callable[[], Fault], google: gcp.FakeGoogle, gcp_baseline: dict[str, Any], tmp_path: Path
) -> None:
    google.injected.add("compute.firewalls.list", flaky(), times=2)
    google.injected.add("storage.buckets.list", flaky(), times=2)
    result, snapshot = gcp_collect(google, tmp_path, env=SPARE)
    assert result.exit_code == 0, result.output
    assert snapshot["errors"] == []
    assert ids(snapshot) == ids(gcp_baseline)
    assert len(google.injected.served) == 4


@pytest.mark.parametrize("flaky", [*FLAKY, pytest.param(ali.throttled, id="throttling")])
def test_alibaba_fault_that_passes_is_retried_to_a_complete_report(
    flaky: Callable[[], Fault], alibaba: ali.FakeAlibaba, alibaba_baseline: dict[str, Any], tmp_path: Path
) -> None:
    alibaba.injected.add("DescribeSecurityGroups", flaky(), times=2)
    alibaba.injected.add("ListUsers", flaky(), times=2)
    result, snapshot = ali_collect(alibaba, tmp_path, env=SPARE)
    assert result.exit_code == 0, result.output
    assert snapshot["errors"] == []
    assert ids(snapshot) == ids(alibaba_baseline)
    assert len(alibaba.injected.served) == 4


@pytest.mark.parametrize(
    ("route", "service", "operation", "kind"),
    [
        ("compute.firewalls.list", "compute", "firewalls.list", "firewall_rule"),
        ("compute.instances.aggregatedList", "compute", "instances.aggregatedList", "instance"),
        ("sql.instances.list", "sqladmin", "instances.list", "database"),
    ],
)
@pytest.mark.parametrize(
    "fault", [Fault.truncate, Fault.cut, Fault.garbage], ids=["truncated", "cut", "html"]
)
def test_malformed_compute_or_sql_answer_is_one_failed_call_in_the_scan_report(
    route: str,
    service: str,
    operation: str,
    kind: str,
    fault: Callable[[], Fault],
    google: gcp.FakeGoogle,
    tmp_path: Path,
) -> None:
    google.injected.add(route, fault(), times=None)
    report_path = tmp_path / "report.json"
    result = run(
        "scan", "--provider", "gcp", "--project", PROD, "-q", "-f", "json", "-o", str(report_path),
        env={**gcp.gcp_env(google.url), **FAST},
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # findings in what was collected
    report = json.loads(report_path.read_text())
    [error] = report["errors"]
    assert (error["provider"], error["account"], error["service"], error["operation"]) == (
        "gcp",
        PROD,
        service,
        operation,
    )
    assert error["code"] == "MalformedResponse"
    assert {f["resource"]["kind"] for f in report["findings"]} - {kind}


@pytest.mark.parametrize(
    ("provider", "route", "fault", "service"),
    [
        pytest.param("gcp", "storage.buckets.list", Fault.garbage, "storage", id="gcs-decode-error"),
        pytest.param("gcp", "storage.buckets.getIamPolicy", Fault.cut, "storage", id="gcs-cut-json"),
        pytest.param("alibaba", "oss.acl", Fault.cut, "oss", id="oss-cut-xml"),
        pytest.param("alibaba", "oss.list", Fault.garbage, "oss", id="oss-html"),
    ],
)
def test_error_labels_say_what_happened(
    provider: str,
    route: str,
    fault: Callable[[], Fault],
    service: str,
    google: gcp.FakeGoogle,
    alibaba: ali.FakeAlibaba,
    tmp_path: Path,
) -> None:
    if provider == "gcp":
        google.injected.add(route, fault(), times=None)
        result, snapshot = gcp_collect(google, tmp_path)
    else:
        alibaba.injected.add(route, fault(), times=None)
        result, snapshot = ali_collect(alibaba, tmp_path)
    assert result.exit_code == 3
    assert snapshot["errors"]
    for error in snapshot["errors"]:
        assert (error["provider"], error["service"], error["code"]) == (
            provider,
            service,
            "MalformedResponse",
        )
        assert "cannot connect" not in error["message"]
        assert error["message"] not in ("3", "")


def test_gcp_retries_the_throttled_page_not_the_listing(tmp_path: Path) -> None:
    with gcp.FakeGoogle(gcp_zone(), page_size=1) as google:
        google.injected.add("compute.firewalls.list", gcp.throttled(), times=1, where={"pageToken": "page-3"})
        result, snapshot = gcp_collect(google, tmp_path)
    assert result.exit_code == 0, result.output
    pages = [
        r.query.get("pageToken", "page-1") for r in google.requests if r.operation == "compute.firewalls.list"
    ]
    assert pages == ["page-1", "page-2", "page-3", "page-3", "page-4", "page-5"]
    assert sum(r["kind"] == "firewall_rule" for r in snapshot["resources"]) >= 5


def test_alibaba_retries_the_throttled_page_not_the_listing(tmp_path: Path) -> None:
    with ali.FakeAlibaba(alibaba_zone(), page_cap=1) as alibaba:
        alibaba.injected.add("GetRepoList", ali.throttled(), times=1, where={"Page": "3"})
        result, _ = ali_collect(alibaba, tmp_path, "--region", HANGZHOU)
    assert result.exit_code == 0, result.output
    pages = [r.params.get("Page") for r in alibaba.requests if r.action == "GetRepoList"]
    assert pages[:4] == ["1", "2", "3", "3"]
    assert pages.count("1") == pages.count("2") == 1


@pytest.mark.parametrize(
    ("route", "service", "operation", "kind"),
    [
        # the compute client's timeout is cut to the deadline; Cloud SQL's httplib2 timeout is not,
        # so the pool abandons that call at the deadline
        ("compute.firewalls.list", "compute", "firewalls.list", "firewall_rule"),
        ("sql.instances.list", "sqladmin", "instances.list", "database"),
    ],
)
def test_gcp_deadline_reports_everything_collected(
    route: str,
    service: str,
    operation: str,
    kind: str,
    google: gcp.FakeGoogle,
    gcp_baseline: dict[str, Any],
    tmp_path: Path,
) -> None:
    google.injected.add(route, Fault.hang(), times=None)
    result, snapshot = gcp_collect(google, tmp_path, "--timeout", "4", env={"CLOUDSCAN_CALL_TIMEOUT": "600"})
    assert result.exit_code == 3, result.output
    [error] = snapshot["errors"]
    assert (error["provider"], error["account"], error["service"], error["operation"], error["code"]) == (
        "gcp",
        PROD,
        service,
        operation,
        "DeadlineExceeded",
    )
    assert "--timeout" in error["message"]
    assert ids(snapshot) == ids(gcp_baseline, drop=lambda r: r["kind"] == kind)


def test_alibaba_deadline_reports_everything_collected(
    alibaba: ali.FakeAlibaba, alibaba_baseline: dict[str, Any], tmp_path: Path
) -> None:
    alibaba.injected.add("DescribeSecurityGroups", Fault.hang(), times=None, where={"RegionId": HANGZHOU})
    result, snapshot = ali_collect(alibaba, tmp_path, "--timeout", "4", env={"CLOUDSCAN_CALL_TIMEOUT": "600"})
    assert result.exit_code == 3, result.output
    [error] = snapshot["errors"]
    assert (error["provider"], error["account"], error["service"], error["operation"], error["code"]) == (
        "alibaba",
        ALIBABA_ACCOUNT,
        "ecs",
        "DescribeSecurityGroups",
        "DeadlineExceeded",
    )
    assert ids(snapshot) == ids(alibaba_baseline, drop=_hangzhou_firewalls)


@pytest.mark.parametrize("value", ["soon", "0", "-1"])
def test_bad_call_timeout_setting_is_one_line(value: str, google: gcp.FakeGoogle, tmp_path: Path) -> None:
    result, _ = gcp_collect(google, tmp_path, env={"CLOUDSCAN_CALL_TIMEOUT": value})
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"cloudscan: error: CLOUDSCAN_CALL_TIMEOUT={value!r}: expected a number from 0.05 to 3600"
    )


def test_cr_namespace_finding_names_only_the_offending_namespaces(
    alibaba: ali.FakeAlibaba, tmp_path: Path
) -> None:
    report_path = tmp_path / "report.json"
    run(
        "scan", "--provider", "alibaba", "-q", "-f", "json", "-o", str(report_path),
        env={"CLOUDSCAN_ALIBABA_ENDPOINT": alibaba.url},
    )  # fmt: skip
    report = json.loads(report_path.read_text())
    [finding] = [
        f
        for f in report["findings"]
        if f["rule_id"] == "alibaba.cr-namespace-auto-creates-public-repositories"
    ]
    assert finding["message"].endswith("auto-create PUBLIC repositories: apps.")
    assert "base" not in finding["message"]
