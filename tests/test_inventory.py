"""The snapshot format: lossless round trips, a published schema, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import msgspec
import pytest

from scanner.inventory import (
    KINDS,
    AccessKey,
    Bucket,
    CollectionError,
    Database,
    FirewallRule,
    IamBinding,
    IamPrincipal,
    Instance,
    Network,
    Origin,
    PasswordPolicy,
    PortRange,
    Registry,
    Repository,
    Snapshot,
    SnapshotError,
    Subnet,
    dump_snapshot,
    load_snapshot,
    snapshot_json_schema,
)
from tests.inventory_kinds import coverage_kinds

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "scanner" / "inventory" / "snapshot.schema.json"


def every_kind() -> list:
    common = {"provider": "alibaba", "account": "1234567890123456", "region": "cn-hangzhou"}
    origin = Origin(source="terraform", call=None, file="main.tf", line=12, address="alicloud_vpc.main")
    return [
        Network(
            **common,
            id="vpc-1",
            name="core",
            origin=origin,
            cidrs=("10.0.0.0/8",),
            flow_logs=True,
            is_default=False,
            auto_subnets=False,
            legacy=False,
            dns_logging=False,
            tags={"env": "prod"},
            native={"VpcId": "vpc-1"},
        ),
        Subnet(
            **common,
            id="vsw-1",
            name="pub",
            origin=origin,
            cidr="10.0.1.0/24",
            routes_to_internet=True,
            private_api_access=False,
            flow_logs=None,
            relations={"network": ("vpc-1",)},
        ),
        FirewallRule(
            **common,
            id="sg-1/0",
            name="rdp",
            origin=origin,
            direction="ingress",
            action="allow",
            protocol="tcp",
            ports=(PortRange(3389, 3389),),
            source_ranges=("0.0.0.0/0",),
            destination_ranges=(),
            source_groups=("sg-2",),
            targets=("sg-1",),
            priority=1,
            disabled=False,
            group="sg-1",
            unknown=frozenset({"priority"}),
        ),
        Bucket(
            **common,
            id="acs:oss:::b",
            name="b",
            origin=origin,
            public_read=True,
            public_write=False,
            encryption="none",
            kms_key=None,
            versioning=False,
            access_logging=True,
            uniform_access=None,
            public_access_blocked=False,
            https_only=False,
            retention_days=365,
            retention_locked=False,
            log_destination=True,
        ),
        Database(
            **common,
            id="rm-1",
            name="db",
            origin=origin,
            engine="MySQL",
            engine_version="8.0",
            public_endpoint=True,
            allowed_networks=("0.0.0.0/0",),
            ssl_required=False,
            backups=True,
            encrypted=False,
            flags={"log_connections": "off"},
            tde=True,
            tde_key="key-1",
            audit_log=False,
            audit_retention_days=30,
            relations={"subnet": ("vsw-1",)},
        ),
        Registry(
            **common,
            id="cri-1",
            name="reg",
            origin=origin,
            public_endpoint=True,
            endpoint_allowed_ranges=("0.0.0.0/0",),
            anonymous_pull=False,
            scan_on_push=None,
            scan_rule=False,
        ),
        Repository(
            **common,
            id="crr-1",
            name="app",
            origin=origin,
            format="docker",
            public=True,
            anonymous_pull=True,
            pushers=("*",),
            scan_on_push=False,
            tag_immutability=False,
            vulnerability_scanning=False,
            cleanup_policy=False,
            encryption="provider",
            kms_key=None,
            relations={"registry": ("cri-1",)},
        ),
        IamPrincipal(
            **common,
            id="acs:ram::1:user/alice",
            name="alice",
            origin=origin,
            principal_type="user",
            console_access=True,
            mfa=False,
            admin=False,
            password_last_used_days=3,
            roles=("AdministratorAccess",),
            access_keys=(
                AccessKey(
                    id="LTAI-test",
                    active=True,
                    created_at="2024-01-01T00:00:00Z",
                    last_used_at=None,
                    age_days=400,
                    unused_days=None,
                ),
            ),
        ),
        IamBinding(
            **common,
            id="b-1",
            name="AdministratorAccess",
            origin=origin,
            role="AdministratorAccess",
            members=("alice",),
            scope="account",
            primitive=False,
            admin=True,
            public=False,
        ),
        PasswordPolicy(
            **common,
            id="pp",
            name="password policy",
            origin=origin,
            min_length=8,
            require_uppercase=True,
            require_lowercase=True,
            require_numbers=False,
            require_symbols=False,
            max_age_days=0,
            reuse_prevention=0,
            max_login_attempts=5,
        ),
        Instance(
            **common,
            id="i-1",
            name="bastion",
            origin=origin,
            public_ips=("47.0.0.1",),
            private_ips=("10.0.1.5",),
            network_tags=(),
            security_groups=("sg-1",),
            service_account=None,
            default_service_account=True,
            full_api_access=True,
            state="stopped",
            stopped_days=12,
            billed_while_stopped=True,
            charge_type="postpaid",
            running_days=300,
            serial_port=True,
            ip_forwarding=True,
            block_project_ssh_keys=False,
            os_login=False,
            shielded_vm=False,
            confidential_computing=False,
            legacy_network=True,
            security_agent=False,
            relations={"subnet": ("vsw-1",)},
        ),
        *coverage_kinds(common, origin),
    ]


def test_every_kind_round_trips_losslessly(tmp_path: Path) -> None:
    resources = every_kind()
    assert {r.kind for r in resources} == set(KINDS)
    snapshot = Snapshot(
        created_at="2026-11-27T00:00:00Z",
        resources=tuple(resources),
        errors=(
            CollectionError(
                provider="alibaba",
                account="1",
                service="ram",
                operation="ListUsers",
                code="NoPermission",
                message="denied",
                region=None,
            ),
        ),
    )
    path = tmp_path / "inventory.json"
    dump_snapshot(snapshot, path)
    loaded = load_snapshot(path)
    assert loaded == snapshot
    dump_snapshot(loaded, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == path.read_bytes()


def test_records_are_immutable() -> None:
    network = every_kind()[0]
    with pytest.raises(AttributeError):
        network.name = "other"  # type: ignore[misc]


def test_published_schema_is_current_and_validates_snapshots(tmp_path: Path) -> None:
    generated = snapshot_json_schema()
    assert json.loads(SCHEMA_FILE.read_text()) == generated, (
        "regenerate with: cloudscan schema snapshot > scanner/inventory/snapshot.schema.json"
    )
    dump_snapshot(Snapshot(resources=tuple(every_kind())), tmp_path / "s.json")
    document = json.loads((tmp_path / "s.json").read_text())
    jsonschema.Draft202012Validator(generated).validate(document)
    document["resources"][0]["flow_logs"] = "yes"
    assert not jsonschema.Draft202012Validator(generated).is_valid(document)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(schema_version=2), "schema_version 2 is not supported"),
        (lambda d: d["resources"][0].update(name=3), "Expected `str`, got `int` - at `$.resources[0].name`"),
        (lambda d: d["resources"][0].update(kind="vm"), "at `$.resources[0].kind`"),
        (lambda d: d["resources"][0].update(flow_log=True), "unknown field `flow_log`"),
        (lambda d: d["resources"].append(dict(d["resources"][0])), "duplicate resource id 'vpc-1'"),
    ],
)
def test_bad_snapshots_name_file_and_place(tmp_path: Path, mutate, expected: str) -> None:
    document = json.loads(msgspec.json.encode(Snapshot(resources=(every_kind()[0],))))
    mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(SnapshotError) as info:
        load_snapshot(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def test_missing_and_non_json_files(tmp_path: Path) -> None:
    with pytest.raises(SnapshotError, match="cannot read inventory snapshot"):
        load_snapshot(tmp_path / "nope.json")
    (tmp_path / "x.json").write_text("{not json")
    with pytest.raises(SnapshotError, match="not a cloudscan inventory snapshot"):
        load_snapshot(tmp_path / "x.json")


def test_snapshot_bytes_do_not_depend_on_set_or_dict_order(tmp_path: Path) -> None:
    origin = Origin(source="api")
    ident = {"provider": "gcp", "account": "p", "id": "n", "name": "n", "origin": origin}
    one = Network(**ident, unknown=frozenset({"flow_logs", "cidrs", "is_default"}), native={"b": 1, "a": 2})
    two = Network(**ident, unknown=frozenset({"is_default", "flow_logs", "cidrs"}), native={"a": 2, "b": 1})
    dump_snapshot(Snapshot(resources=(one,)), tmp_path / "1.json")
    dump_snapshot(Snapshot(resources=(two,)), tmp_path / "2.json")
    assert (tmp_path / "1.json").read_bytes() == (tmp_path / "2.json").read_bytes()
    assert b'"unknown":["cidrs","flow_logs","is_default"]' in (tmp_path / "1.json").read_bytes()
