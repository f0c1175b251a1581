"""Translate and link steps of the Google Cloud adapter, from canned REST responses (no server)."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

from scanner.inventory.model import (
    Bucket,
    Database,
    FirewallRule,
    IamBinding,
    IamPrincipal,
    Instance,
    PortRange,
    Repository,
    Subnet,
)
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate import common, project_records
from tests.fakes.gcp_landing_zone import PROD, as_raw, prod_project

NOW = datetime.now(UTC)


def by_kind(raw: ProjectRaw, kind: str) -> dict[str, object]:
    found: dict[str, object] = {}
    for record in project_records(raw, NOW):
        if record.kind == kind:
            found.setdefault(record.name, record)
    return found


def prod() -> ProjectRaw:
    return as_raw(PROD, prod_project())


def test_auto_mode_network_and_its_subnets_route_to_the_internet() -> None:
    networks = by_kind(prod(), "network")
    assert networks["my-vpc"].auto_subnets is True
    assert networks["my-vpc"].is_default is False
    subnets = [r for r in project_records(prod(), NOW) if isinstance(r, Subnet)]
    routes = {(s.name, s.region): s.routes_to_internet for s in subnets}
    assert routes == {
        ("my-vpc", "us-central1"): True,
        ("my-vpc", "europe-west1"): True,
        ("prod-app", "europe-west1"): False,
    }
    app = next(s for s in subnets if s.name == "prod-app")
    assert app.private_api_access is True and app.flow_logs is True
    assert app.relations["network"] == (
        f"https://www.googleapis.com/compute/v1/projects/{PROD}/global/networks/prod-vpc",
    )


def test_cloud_nat_is_noted_but_does_not_make_a_subnet_public() -> None:
    subnet = next(
        s for s in project_records(prod(), NOW) if isinstance(s, Subnet) and s.region == "us-central1"
    )
    assert subnet.native["cloud_nat"] == ["nat-router/nat-us"]


def test_unknown_routes_make_routes_to_internet_unknown() -> None:
    raw = prod()
    raw.routes = None
    subnet = next(s for s in project_records(raw, NOW) if isinstance(s, Subnet))
    assert subnet.routes_to_internet is None and "routes_to_internet" in subnet.unknown


def test_tagged_default_route_does_not_count() -> None:
    route = {
        "destRange": "0.0.0.0/0",
        "network": "n",
        "tags": ["egress"],
        "nextHopGateway": "https://x/projects/p/global/gateways/default-internet-gateway",
    }
    assert link.networks_with_internet_route([route]) == frozenset()
    assert link.networks_with_internet_route([{**route, "tags": []}]) == frozenset({"n"})


def test_firewall_entries_become_one_rule_each_with_explicit_ports() -> None:
    rules = [r for r in project_records(prod(), NOW) if isinstance(r, FirewallRule)]
    ssh = next(r for r in rules if r.name == "allow-ssh")
    assert (ssh.direction, ssh.action, ssh.protocol, ssh.ports, ssh.source_ranges) == (
        "ingress",
        "allow",
        "tcp",
        (PortRange(22, 22),),
        ("0.0.0.0/0",),
    )
    internal = [r for r in rules if r.name == "allow-internal"]
    assert [(r.protocol, r.ports) for r in internal] == [
        ("tcp", (PortRange(0, 65535),)),
        ("udp", (PortRange(0, 65535),)),
        ("icmp", ()),
    ]
    assert len({r.id for r in internal}) == 3
    deny = next(r for r in rules if r.name == "deny-telnet")
    assert deny.action == "deny" and deny.priority == 900
    https = next(r for r in rules if r.name == "allow-https-web")
    assert https.targets == ("web",)


def test_instance_public_ip_subnet_and_region() -> None:
    bastion = by_kind(prod(), "instance")["bastion-1"]
    assert isinstance(bastion, Instance)
    assert bastion.public_ips == ("198.51.100.23",) and bastion.private_ips == ("10.128.0.2",)
    assert bastion.region == "us-central1" and bastion.network_tags == ("ssh",)
    assert bastion.relations["subnet"][0].endswith("/regions/us-central1/subnetworks/my-vpc")


def test_cloud_sql_public_and_private_instances() -> None:
    dbs = by_kind(prod(), "database")
    orders, billing = dbs["orders-db"], dbs["billing-db"]
    assert isinstance(orders, Database) and isinstance(billing, Database)
    assert (orders.engine, orders.engine_version, orders.public_endpoint, orders.allowed_networks) == (
        "postgres",
        "15",
        True,
        ("0.0.0.0/0",),
    )
    assert orders.ssl_required is False and orders.backups is True
    assert (billing.engine, billing.engine_version, billing.public_endpoint, billing.ssl_required) == (
        "mysql",
        "8.0",
        False,
        True,
    )
    assert billing.relations["network"] == (
        f"https://www.googleapis.com/compute/v1/projects/{PROD}/global/networks/prod-vpc",
    )


def test_require_ssl_is_used_when_ssl_mode_is_absent() -> None:
    data = prod_project()
    ip = data["sql_instances"][0]["settings"]["ipConfiguration"]
    del ip["sslMode"]
    ip["requireSsl"] = True
    assert by_kind(as_raw(PROD, data), "database")["orders-db"].ssl_required is True


def test_buckets_public_from_iam_and_settings() -> None:
    buckets = by_kind(prod(), "bucket")
    public, audit, legacy = (
        buckets[n] for n in ("lz-public-assets-7f3a", "lz-audit-logs-7f3a", "lz-legacy-uploads-7f3a")
    )
    assert isinstance(public, Bucket)
    assert (public.public_read, public.public_write, public.uniform_access) == (True, False, True)
    assert (audit.public_read, audit.encryption, audit.versioning, audit.access_logging) == (
        False,
        "customer_key",
        True,
        True,
    )
    assert audit.public_access_blocked is True
    # Its IAM policy is private, but its legacy bucket ACL gives allUsers READER.
    assert (legacy.uniform_access, legacy.public_read, legacy.public_write, legacy.region) == (
        False,
        True,
        False,
        "us",
    )
    assert public.tags == {"team": "web"} and public.region == "us-central1"


def test_public_access_prevention_overrides_a_public_binding() -> None:
    bucket = {"iamConfiguration": {"publicAccessPrevention": "enforced"}}
    policy = {"bindings": [{"role": "roles/storage.objectAdmin", "members": ["allUsers"]}]}
    assert link.bucket_public(bucket, policy) == (False, False)
    assert link.bucket_public({}, policy) == (True, True)


def test_bucket_without_iam_policy_is_unknown_not_private() -> None:
    raw = prod()
    raw.bucket_iam = {}
    bucket = by_kind(raw, "bucket")["lz-public-assets-7f3a"]
    assert bucket.public_read is None and {"public_read", "public_write"} <= bucket.unknown


def test_repositories_public_pushers_and_encryption() -> None:
    repos = by_kind(prod(), "repository")
    containers, python = repos["containers"], repos["python-internal"]
    assert isinstance(containers, Repository)
    assert (containers.format, containers.public, containers.anonymous_pull, containers.region) == (
        "docker",
        True,
        True,
        "us-central1",
    )
    ci = "serviceAccount:ci@lz-prod-7f3a.iam.gserviceaccount.com"
    assert containers.pushers == (
        "group:platform@example.com",
        "group:release@example.com",
        ci,
        f"{ci} (via project)",
    )
    assert containers.deleters == ("group:platform@example.com", "group:release@example.com")
    assert containers.admins == ("group:platform@example.com",)
    assert (python.public, python.encryption) == (False, "customer_key")


def test_project_iam_bindings() -> None:
    bindings = {b.role: b for b in project_records(prod(), NOW) if isinstance(b, IamBinding)}
    owner = bindings["roles/owner"]
    assert (owner.members, owner.primitive, owner.admin, owner.public) == (
        ("user:alice@example.com",),
        True,
        None,
        False,
    )
    assert bindings["roles/compute.networkViewer"].primitive is False


def test_region_filter_keeps_global_and_multi_region_resources() -> None:
    kept = project_records(prod(), NOW, ("europe-west1",))
    regions = {r.region for r in kept}
    # us: the lz-legacy-uploads bucket (location US); eu: the BigQuery datasets (multi-region EU)
    assert regions == {"global", "europe-west1", "us", "eu"}
    assert any(r.kind == "firewall_rule" for r in kept)


def test_only_hyphenated_locations_are_regions() -> None:
    regions = frozenset({"europe-west1"})
    for location in ("US", "EU", "ASIA", "NAM4", "EUR4", "ASIA1", "us", "europe", "asia", "global", ""):
        assert common.location_wanted(location, regions), location
    assert common.location_wanted("EUROPE-WEST1", regions)
    assert not common.location_wanted("US-CENTRAL1", regions)
    assert not common.location_wanted("us-central1", regions)


def test_access_config_without_nat_ip_is_an_ephemeral_public_address() -> None:
    raw = prod()
    bastion = next(i for i in raw.instances or [] if i["name"] == "bastion-1")
    bastion["status"] = "TERMINATED"
    del bastion["networkInterfaces"][0]["accessConfigs"][0]["natIP"]
    instance = by_kind(raw, "instance")["bastion-1"]
    assert isinstance(instance, Instance) and instance.public_ips == ("ephemeral",)


def test_public_access_prevention_decides_even_without_the_iam_policy() -> None:
    raw = prod()
    raw.bucket_iam = {}
    audit = by_kind(raw, "bucket")["lz-audit-logs-7f3a"]  # publicAccessPrevention: enforced
    assert isinstance(audit, Bucket)
    assert (audit.public_read, audit.public_write, audit.unknown) == (False, False, frozenset())


def test_translate_does_not_change_its_input() -> None:
    data = prod_project()
    before = copy.deepcopy(data)
    project_records(as_raw(PROD, data), NOW)
    assert data == before


def service_accounts(raw: ProjectRaw, now: datetime = NOW) -> dict[str, IamPrincipal]:
    return {r.name: r for r in project_records(raw, now) if isinstance(r, IamPrincipal)}


def test_service_accounts_carry_their_user_managed_keys_with_ages() -> None:
    accounts = service_accounts(prod())
    uploader = accounts[f"uploader@{PROD}.iam.gserviceaccount.com"]
    assert uploader.principal_type == "service_account"
    assert (
        uploader.id
        == f"//iam.googleapis.com/projects/{PROD}/serviceAccounts/uploader@{PROD}.iam.gserviceaccount.com"
    )
    [key] = uploader.access_keys  # the Google-managed key is left out
    assert (key.id, key.active, key.created_at) == (
        "3f1c9a0e5b7d2c4e6a8f0b1d3c5e7a9b1d3f5a7c",
        True,
        "2023-02-14T09:30:00Z",
    )
    assert key.age_days == (NOW - datetime(2023, 2, 14, 9, 30, tzinfo=UTC)).days
    ci = accounts[f"ci@{PROD}.iam.gserviceaccount.com"]
    assert sorted((k.active, k.age_days is not None and k.age_days > 90) for k in ci.access_keys) == [
        (False, True),  # disabled old key
        (True, False),  # current key, 12 days old
    ]
    assert accounts["418276350912-compute@developer.gserviceaccount.com"].access_keys == ()


def test_key_age_is_counted_to_the_collection_time() -> None:
    created = datetime(2023, 2, 14, 9, 30, tzinfo=UTC)
    uploader = f"uploader@{PROD}.iam.gserviceaccount.com"
    [key] = service_accounts(prod(), datetime(2023, 5, 15, 9, 30, tzinfo=UTC))[uploader].access_keys
    assert key.age_days == 90
    [key] = service_accounts(prod(), created)[uploader].access_keys
    assert key.age_days == 0


def test_keys_of_a_disabled_service_account_are_inactive() -> None:
    raw = prod()
    assert raw.service_accounts is not None
    raw.service_accounts = [{**a, "disabled": True} for a in raw.service_accounts]
    uploader = service_accounts(raw)[f"uploader@{PROD}.iam.gserviceaccount.com"]
    assert [k.active for k in uploader.access_keys] == [False]


def test_unlisted_keys_are_unknown_not_empty() -> None:
    raw = prod()
    raw.service_account_keys = {}
    uploader = service_accounts(raw)[f"uploader@{PROD}.iam.gserviceaccount.com"]
    assert uploader.access_keys == () and "access_keys" in uploader.unknown


def acl_bucket(role: str, uniform: bool = False, prevention: str = "inherited", key: str = "acl") -> dict:
    return {
        "iamConfiguration": {
            "uniformBucketLevelAccess": {"enabled": uniform},
            "publicAccessPrevention": prevention,
        },
        key: [{"entity": "project-owners-1", "role": "OWNER"}, {"entity": "allUsers", "role": role}],
    }


def test_legacy_bucket_acls_make_a_bucket_public_unless_uniform_access_or_prevention() -> None:
    private = {"bindings": []}
    assert link.bucket_public(acl_bucket("READER"), private) == (True, False)
    assert link.bucket_public(acl_bucket("WRITER"), private) == (True, True)
    assert link.bucket_public(acl_bucket("READER", key="defaultObjectAcl"), private) == (True, False)
    assert link.bucket_public(acl_bucket("WRITER", uniform=True), private) == (False, False)
    assert link.bucket_public(acl_bucket("WRITER", prevention="enforced"), private) == (False, False)


def test_a_public_acl_is_known_even_when_the_iam_policy_is_not() -> None:
    raw = prod()
    raw.bucket_iam = {}
    legacy = by_kind(raw, "bucket")["lz-legacy-uploads-7f3a"]
    assert isinstance(legacy, Bucket)
    assert (legacy.public_read, legacy.public_write) == (True, None)
    assert legacy.unknown == frozenset({"public_write"})


def test_database_without_the_ipv4_flag_is_judged_by_its_addresses() -> None:
    public = {
        "settings": {"ipConfiguration": {}},
        "ipAddresses": [{"type": "PRIMARY", "ipAddress": "203.0.113.9"}],
    }
    private = {
        "settings": {"ipConfiguration": {}},
        "ipAddresses": [{"type": "PRIVATE", "ipAddress": "10.1.0.3"}],
    }
    assert link.database_public(public) is True
    assert link.database_public(private) is False
    assert link.database_public({"settings": {"ipConfiguration": {"ipv4Enabled": False}}}) is False


def test_firewall_protocol_numbers_are_names() -> None:
    assert link.firewall_protocol("6") == "tcp"
    assert link.firewall_protocol("TCP") == "tcp"
    assert link.firewall_protocol(None) == "all"
    assert link.firewall_protocol("132") == "sctp"


def test_repository_deleters_and_admins_come_from_the_repository_iam_roles() -> None:
    raw = prod()
    name = next(n for n in raw.repository_iam if n.endswith("/containers"))
    raw.repository_iam[name] = {
        "bindings": [
            {"role": "roles/artifactregistry.writer", "members": ["user:dev@example.com"]},
            {"role": "roles/artifactregistry.repoAdmin", "members": ["group:release@example.com"]},
            {"role": "roles/artifactregistry.admin", "members": ["user:owner@example.com"]},
        ]
    }
    repo = by_kind(raw, "repository")["containers"]
    assert isinstance(repo, Repository)
    ci = "serviceAccount:ci@lz-prod-7f3a.iam.gserviceaccount.com (via project)"
    assert repo.pushers == ("group:release@example.com", "user:dev@example.com", "user:owner@example.com", ci)
    assert repo.deleters == ("group:release@example.com", "user:owner@example.com")
    assert repo.admins == ("user:owner@example.com",)
    raw.repository_iam.pop(name)
    assert {"deleters", "admins"} <= by_kind(raw, "repository")["containers"].unknown
