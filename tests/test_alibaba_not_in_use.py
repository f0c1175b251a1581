"""A product the account does not use: "service not in use" only on a confirmed code, else an error.

Log Service is the one product with a public code for "not activated" (``ServiceNotOpen``,
``ServiceNotEnabled``: ``docs/alibaba.md``). For Security Center, ACK, Container Registry EE and
PolarDB no such code is confirmed, so the same answer from them stays an error (the scan is
partial), as an access denial does; a product with nothing in it is simply empty. In every case
the other products are still collected and nothing crashes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.alibaba_support import by_id, collect
from tests.fakes.alibaba_coverage import cs_error
from tests.fakes.alibaba_landing_zone import ACCOUNT, landing_zone
from tests.fakes.alibaba_server import FakeAlibaba, api_error, sls_error
from tests.fakes.faults import Fault

KEYS = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIfake", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "fake-secret"}
ACCOUNT_ID = f"acs:account::{ACCOUNT}"
NOT_OPEN = "ServiceNotOpen"  # Log Service's code for "not activated"

# product -> its listing call, and how that API shapes an error body
LISTINGS: dict[str, tuple[str, Callable[[int, str, str], tuple[int, bytes, str]]]] = {
    "sls": ("ListProject", sls_error),
    "sas": ("DescribeVersionConfig", api_error),
    "cs": ("DescribeClustersV1", cs_error),  # ROA: lower-case names
    "cr": ("ListInstance", api_error),
    "polardb": ("DescribeDBClusters", api_error),
}
# the records a failed listing leaves out (the account record stays: its other calls answered)
LISTED = {
    "sls": lambda r: r["kind"] == "log_store",
    "sas": lambda r: False,  # Security Center makes no record of its own: see ACCOUNT_FIELD
    "cs": lambda r: r["kind"] in ("kubernetes_cluster", "node_pool"),
    "cr": lambda r: r["kind"] == "registry" or r["id"].startswith("crr-"),
    "polardb": lambda r: r["id"].startswith("pc-"),
}
# the account fact a failed listing leaves unknown (a product not in use has none: a known "none")
ACCOUNT_FIELD = {"sls": "alerted_changes", "sas": "security_center_edition"}


def _collect(tmp_path: Path, fake: FakeAlibaba) -> tuple[int, dict[str, Any]]:
    result, snapshot = collect(tmp_path, fake.url, "--region", "cn-hangzhou", env=KEYS)
    assert "Traceback" not in result.output
    return result.exit_code, snapshot


def _still_collected(snapshot: dict[str, Any]) -> None:
    """What every case keeps: the network, an RDS instance and the account record."""
    assert {"vpc-lz0001", "rm-lz0001", ACCOUNT_ID} <= set(by_id(snapshot))


@pytest.mark.parametrize(
    ("product", "fault", "expected"),
    [
        pytest.param("sls", "not-open", "SERVICE_NOT_IN_USE", id="sls-not-activated"),
        *(
            pytest.param(product, "not-open", NOT_OPEN, id=f"{product}-unconfirmed-code")
            for product in ("sas", "cs", "cr", "polardb")
        ),
        *(
            pytest.param(product, "denied", None, id=f"{product}-denied")
            for product in ("sls", "sas", "cs", "cr", "polardb")
        ),
    ],
)
def test_not_in_use_only_on_a_confirmed_code(
    tmp_path: Path, product: str, fault: str, expected: str | None
) -> None:
    action, shape = LISTINGS[product]
    with FakeAlibaba(landing_zone()) as fake:
        if fault == "denied":
            fake.faults.deny.add(product)
        else:
            answer = shape(403, NOT_OPEN, f"{product} is not opened")
            fake.injected.add(f"{product}.{action}", Fault.answer(*answer), times=None)
        code, snapshot = _collect(tmp_path, fake)
    errors = [(e["service"], e["operation"], e["code"]) for e in snapshot["errors"]]
    assert errors, "the failed listing is recorded"
    assert {service for service, _, _ in errors} <= {product, "cr-personal"}
    if expected == "SERVICE_NOT_IN_USE":
        assert code == 0, errors  # a service not in use leaves the scan complete
        assert errors == [(product, action, expected)]
    else:
        assert code == 3, errors  # an error: the scan is partial
        assert "SERVICE_NOT_IN_USE" not in {c for _, _, c in errors}
        if expected is not None:
            assert errors == [(product, action, expected)]
    assert not [r for r in snapshot["resources"] if LISTED[product](r)]
    _still_collected(snapshot)
    unknown = set(by_id(snapshot)[ACCOUNT_ID].get("unknown", []))
    if product in ACCOUNT_FIELD:
        assert (ACCOUNT_FIELD[product] in unknown) == (expected != "SERVICE_NOT_IN_USE")


def _without(key: str) -> Callable[[dict[str, Any]], None]:
    def empty(account: dict[str, Any]) -> None:
        for region in account["regions"].values():
            region[key] = []

    return empty


def _no_log_projects(account: dict[str, Any]) -> None:
    account["sls"]["projects"] = []


# An account that uses none of a product: an empty listing (Security Center always answers, with
# the free edition when nothing was bought: DescribeVersionConfig ``Version`` 1, as the landing zone)
EMPTY = {
    "sls": _no_log_projects,
    "sas": lambda account: None,
    "cs": _without("ack_clusters"),
    "cr": _without("cr_instances"),
    "polardb": _without("polardb"),
}
# calls only made for an item of the listing (none when it is empty)
FOLLOW_UPS = {
    "sls": {"ListLogStores", "ListAlerts", "GetLogStore"},
    "sas": set(),
    "cs": {"DescribeClusterDetail", "DescribeClusterNodePools", "DescribeKubernetesVersionMetadata"},
    "cr": {"ListInstanceEndpoint", "ListNamespace", "ListRepository", "ListScanRule", "ListChain"},
    "polardb": {"DescribeDBClusterAccessWhitelist", "DescribeDBClusterEndpoints"},
}


@pytest.mark.parametrize("product", sorted(EMPTY))
def test_a_product_with_nothing_in_it_is_empty_not_an_error(tmp_path: Path, product: str) -> None:
    account = landing_zone()
    EMPTY[product](account)
    with FakeAlibaba(account) as fake:
        code, snapshot = _collect(tmp_path, fake)
        calls = {a for p, a in fake.actions() if p == product}
    assert code == 0 and snapshot["errors"] == []
    assert LISTINGS[product][0] in calls and not calls & FOLLOW_UPS[product]
    assert not [r for r in snapshot["resources"] if LISTED[product](r)]
    _still_collected(snapshot)
    acct = by_id(snapshot)[ACCOUNT_ID]
    assert acct["security_center_edition"] == "basic"  # the free edition, read, not an error
    assert not set(ACCOUNT_FIELD.values()) & set(acct.get("unknown", []))
    if product == "sls":
        assert acct.get("alerted_changes", []) == []
