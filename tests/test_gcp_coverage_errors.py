"""Each coverage API disabled (not in use) or denied (partial scan) in a project, against the fake server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.gcp_landing_zone import PROD, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env
from tests.helpers import run

# API host -> (service name in errors, kinds that then have no record)
APIS = {
    "container.googleapis.com": ("container", {"kubernetes_cluster", "node_pool"}),
    "cloudkms.googleapis.com": ("cloudkms", {"kms_key"}),
    "dns.googleapis.com": ("dns", {"dns_zone"}),
    "bigquery.googleapis.com": ("bigquery", {"dataset"}),
    "apikeys.googleapis.com": ("apikeys", {"api_key"}),
    "logging.googleapis.com": ("logging", {"log_sink", "log_store", "log_metric_alert"}),
    "monitoring.googleapis.com": ("monitoring", set()),
    "accessapproval.googleapis.com": ("accessapproval", set()),
    "serviceusage.googleapis.com": ("serviceusage", set()),
    "essentialcontacts.googleapis.com": ("essentialcontacts", set()),
    "dataproc.googleapis.com": ("dataproc", {"data_cluster"}),
}
# Disabled, these say nothing about their facts: the facts stay unknown and the call is an error.
STAY_UNKNOWN = {
    "serviceusage.googleapis.com": "enabled_services",
    "essentialcontacts.googleapis.com": "essential_contacts",
}


def collect(tmp_path: Path, disabled: set[str] = frozenset(), denied: set[str] = frozenset()) -> dict:
    """The prod project's snapshot; exit 0 when the only errors are services not in use, else 3 (partial)."""
    world = landing_zone()
    world.disabled[PROD] = set(disabled)
    world.denied[PROD] = set(denied)
    out = tmp_path / "inventory.json"
    with FakeGoogle(world) as fake:
        result = run("collect", "--provider", "gcp", "--project", PROD, "-o", str(out), env=gcp_env(fake.url))
    partial = bool(denied) or bool(disabled & set(STAY_UNKNOWN))
    assert result.exit_code == (3 if partial else 0), result.output
    assert "Traceback" not in result.output
    return json.loads(out.read_text())


def account(snapshot: dict) -> dict:
    return next(r for r in snapshot["resources"] if r["kind"] == "account")


@pytest.mark.parametrize("api", sorted(APIS))
def test_a_disabled_api_is_a_service_not_in_use(tmp_path: Path, api: str) -> None:
    service, kinds = APIS[api]
    snapshot = collect(tmp_path, disabled={api})
    codes = {e["code"] for e in snapshot["errors"] if e["service"] == service}
    assert codes == ({"SERVICE_DISABLED"} if api in STAY_UNKNOWN else {"SERVICE_NOT_IN_USE"})
    assert not {r["kind"] for r in snapshot["resources"]} & kinds
    unknown = set(account(snapshot).get("unknown", []))
    assert unknown == ({STAY_UNKNOWN[api]} if api in STAY_UNKNOWN else set())
    if api == "monitoring.googleapis.com":  # no Monitoring: no alert at all, which is a fact
        assert account(snapshot).get("alerted_changes", []) == []
    if api == "accessapproval.googleapis.com":
        assert account(snapshot)["access_approval"] is False


@pytest.mark.parametrize("api", sorted(APIS))
def test_a_denied_api_leaves_its_facts_unknown(tmp_path: Path, api: str) -> None:
    service, kinds = APIS[api]
    snapshot = collect(tmp_path, denied={api})
    assert {e["code"] for e in snapshot["errors"] if e["service"] == service} == {"PERMISSION_DENIED"}
    assert not {r["kind"] for r in snapshot["resources"]} & kinds
    expected_unknown = {
        "serviceusage.googleapis.com": {"enabled_services"},
        "essentialcontacts.googleapis.com": {"essential_contacts"},
        "logging.googleapis.com": {"log_sink_all_entries", "alerted_changes"},
        "monitoring.googleapis.com": {"alerted_changes"},
    }.get(api, set())
    acct = account(snapshot)
    assert set(acct.get("unknown", [])) == expected_unknown
    if api == "accessapproval.googleapis.com":
        assert "access_approval" not in acct  # not read: not reported
    if api == "dns.googleapis.com":  # which networks log DNS queries is unknown too
        networks = [r for r in snapshot["resources"] if r["kind"] == "network"]
        assert networks and all("dns_logging" in r["unknown"] for r in networks)


def test_the_table_keeps_services_not_in_use_apart_from_partial_errors(tmp_path: Path) -> None:
    """A disabled DNS API is a note under its own heading; the scan is complete (not 'partial')."""
    snapshot = collect(tmp_path, disabled={"dns.googleapis.com"})
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps(snapshot))
    sarif = tmp_path / "r.sarif"
    result = run("scan", "-i", str(inventory), "-o", str(sarif), "--format", "table", "--fail-on", "none")
    assert result.exit_code == 0, result.output
    (invocation,) = json.loads(sarif.read_text())["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is True
    assert {n["level"] for n in invocation["toolExecutionNotifications"]} == {"note"}
    assert "Services not in use" in result.output
    assert "Source errors (the scan is partial)" not in result.output
    assert "1 service(s) not in use" in result.output
    assert "results are partial" not in result.output


def test_without_compute_engine_dataproc_has_nothing_to_list(tmp_path: Path) -> None:
    """Dataproc clusters are Compute Engine VMs: a disabled Compute API is not in use, not a partial scan."""
    snapshot = collect(tmp_path, disabled={"compute.googleapis.com"})
    codes = {(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]}
    assert ("compute", "regions.list", "SERVICE_NOT_IN_USE") in codes
    assert not [e for e in snapshot["errors"] if e["service"] == "dataproc"]
    assert not [r for r in snapshot["resources"] if r["kind"] == "data_cluster"]
