"""Translate and link steps for the coverage facts of issue #15, from canned REST responses (no server)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scanner.inventory.model import Account, AuditTrail, Database, Disk, Instance
from scanner.providers.gcp import link
from scanner.providers.gcp.link import kubernetes as gke_rules
from scanner.providers.gcp.link import logs as log_rules
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate import project_records
from tests.fakes.gcp_landing_zone import PROD, as_raw, prod_project

NOW = datetime.now(UTC)


def records(raw: ProjectRaw, kind: str) -> dict[str, Any]:
    return {r.name: r for r in project_records(raw, NOW) if r.kind == kind}


def prod() -> ProjectRaw:
    return as_raw(PROD, prod_project())


def test_instance_metadata_overrides_the_project_and_unread_project_metadata_is_unknown() -> None:
    raw = prod()
    bastion, app = records(raw, "instance")["bastion-1"], records(raw, "instance")["app-1"]
    assert isinstance(bastion, Instance) and isinstance(app, Instance)
    assert (bastion.os_login, app.os_login) == (False, True)  # FALSE on the instance beats the project's TRUE
    assert (bastion.serial_port, bastion.block_project_ssh_keys, app.block_project_ssh_keys) == (
        True,
        False,
        True,
    )
    assert (bastion.default_service_account, app.default_service_account) == (True, False)
    assert bastion.full_api_access and app.full_api_access
    assert (bastion.shielded_vm, app.shielded_vm, app.confidential_computing) == (False, True, True)
    raw.compute_project = None  # projects.get failed
    bastion, app = records(raw, "instance")["bastion-1"], records(raw, "instance")["app-1"]
    assert bastion.os_login is False  # its own metadata decides
    assert app.os_login is None and "os_login" in app.unknown
    assert records(raw, "account")[PROD].os_login is None


def test_effective_instance_metadata_wins_when_the_api_returns_it() -> None:
    raw = prod()
    assert raw.instances is not None
    raw.instances[0]["resourceStatus"] = {"effectiveInstanceMetadata": {"enableOsloginMetadataValue": True}}
    assert records(raw, "instance")[raw.instances[0]["name"]].os_login is True


def test_audit_configuration_summary() -> None:
    trail = records(prod(), "audit_trail")[PROD]
    assert isinstance(trail, AuditTrail)
    assert (trail.all_services, trail.event_types, trail.exempted_members) == (
        False,
        ("read", "write"),
        ("user:alice@example.com",),
    )
    complete = link.audit_summary(
        {
            "auditConfigs": [
                {"service": "allServices", "auditLogConfigs": [{"logType": t} for t in link.AUDIT_LOG_TYPES]}
            ]
        }
    )
    assert complete == {
        "enabled": True,
        "all_services": True,
        "event_types": ("read", "write"),
        "exempted_members": (),
    }


def test_every_policy_member_is_a_principal_with_its_roles() -> None:
    principals = records(prod(), "iam_principal")
    assert principals["carol@example.com"].roles == (
        "roles/cloudkms.admin",
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    )
    assert principals["kms-admins@example.com"].principal_type == "group"
    assert principals[f"uploader@{PROD}.iam.gserviceaccount.com"].roles == ()  # in the list, no project role
    raw = prod()
    raw.project_iam = None
    assert "roles" in records(raw, "iam_principal")[f"uploader@{PROD}.iam.gserviceaccount.com"].unknown


def test_database_flags_are_named_for_policy_paths_and_empty_when_none_is_set() -> None:
    databases = records(prod(), "database")
    erp, orders = databases["erp-sql"], databases["orders-db"]
    assert isinstance(erp, Database) and isinstance(orders, Database)
    assert erp.flags is not None and erp.flags["cross_db_ownership_chaining"] == "on"
    assert databases["reports-db"].flags["cloudsql_enable_pgaudit"] == "on"
    assert orders.flags == {}


def test_disks_encryption_attachment_and_stopped_instances() -> None:
    raw = prod()
    disks = records(raw, "disk")
    assert {n: (d.attached, d.encryption) for n, d in disks.items()} == {
        "bastion-1": (True, "provider"),
        "old-data": (False, "provider"),
        "app-1": (True, "customer_supplied"),
    }
    assert disks["bastion-1"].boot is True and disks["old-data"].size_gb == 500
    assert raw.instances is not None
    raw.instances[0].update(status="TERMINATED", lastStopTimestamp="2020-01-01T00:00:00.000-08:00")
    stopped = records(raw, "disk")[raw.instances[0]["name"]]
    assert isinstance(stopped, Disk) and stopped.instance_stopped_days is not None
    assert stopped.instance_stopped_days > 30


def test_account_lists_not_read_are_unknown() -> None:
    raw = prod()
    account = records(raw, "account")[PROD]
    assert isinstance(account, Account)
    assert account.os_login is True and account.unknown == frozenset()
    assert account.alerted_changes == ("project_ownership",)
    assert (account.access_approval, account.log_sink_all_entries, account.essential_contacts) == (
        False,
        False,
        (),
    )
    raw.enabled_services = raw.essential_contacts = raw.alert_policies = raw.sinks = None
    account = records(raw, "account")[PROD]
    assert {
        "enabled_services",
        "essential_contacts",
        "alerted_changes",
        "log_sink_all_entries",
    } <= account.unknown


def test_a_metric_matches_a_cis_class_whatever_its_line_breaks() -> None:
    ownership = log_rules.CIS_CHANGE_FILTERS["project_ownership"]
    assert log_rules.change_class(ownership.replace(" ", "\n  ")) == "project_ownership"
    assert log_rules.change_class(ownership.replace("roles/owner", "roles/editor")) is None
    policies = [
        {
            "enabled": True,
            "conditions": [
                {"conditionThreshold": {"filter": 'metric.type="logging.googleapis.com/user/own"'}}
            ],
        }
    ]
    assert log_rules.alerted_changes([{"name": "own", "filter": ownership}], policies) == (
        "project_ownership",
    )
    assert (
        log_rules.alerted_changes([{"name": "own", "filter": ownership}], [{**policies[0], "enabled": False}])
        == ()
    )


def test_gke_reads_both_generations_of_endpoint_fields() -> None:
    clusters = {r.name: r for r in project_records(prod(), NOW) if r.kind == "kubernetes_cluster"}
    legacy, current = clusters["legacy-gke"], clusters["prod-gke"]
    assert (legacy.public_endpoint, legacy.authorized_networks_enabled, legacy.authorized_networks) == (
        True,
        True,
        ("0.0.0.0/0",),
    )
    assert (current.public_endpoint, current.private_nodes, current.network_policy) == (False, True, True)
    assert "password" not in str(legacy.native)  # the basic-auth password is never kept
    older = gke_rules.gke_endpoint(
        {"privateClusterConfig": {"enablePrivateEndpoint": True, "enablePrivateNodes": True}}
    )
    assert older == (False, False, ())


def test_the_dashboard_add_on_is_judged_only_when_the_answer_names_it() -> None:
    assert gke_rules.gke_dashboard({"addonsConfig": {"kubernetesDashboard": {}}}) is True
    assert gke_rules.gke_dashboard({"addonsConfig": {"kubernetesDashboard": {"disabled": True}}}) is False
    assert gke_rules.gke_dashboard({"addonsConfig": {"httpLoadBalancing": {}}}) is None
