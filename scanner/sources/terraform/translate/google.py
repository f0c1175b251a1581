"""Google (``google_*``) resource types -> inventory records.

Field meanings follow the live GCP adapter so one policy judges code and cloud
alike. Defaults for values left out come from the provider documentation
(``hashicorp/terraform-provider-google`` ``website/docs/r/*.html.markdown``):

* ``google_compute_network.auto_create_subnetworks``: "Defaults to true".
* ``google_storage_bucket.uniform_bucket_level_access``: "(Optional, Default: false)".
* ``google_compute_firewall.direction``: the Compute API's default is ``INGRESS``
  (Compute v1 ``Firewall.direction``: "The default is INGRESS"); ``disabled``
  is false unless set ("If this is unspecified, the firewall rule will be enabled").
* ``google_compute_firewall.priority``: 1000. Provider schema
  (``google/services/compute/resource_compute_firewall.go``: ``Default: 1000``,
  "When not specified, the value assumed is 1000") and Compute v1
  ``Firewall.priority`` ("The default value is 1000").
* ``google_compute_firewall`` INGRESS rule whose ``source_ranges``,
  ``source_tags`` and ``source_service_accounts`` are all absent or empty: the
  API applies its default source range ``0.0.0.0/0``. The Compute reference does
  not say so; the provider does: ``diffSuppressSourceRanges`` in
  ``resource_compute_firewall.go`` suppresses the diff from ``["0.0.0.0/0"]`` to
  ``[]`` as "the default range", and hashicorp/terraform-provider-google issues
  #4031 and #6789 show ``source_ranges = []`` becoming ``0.0.0.0/0``. (Current
  providers reject the rule at plan time when none of the three is *written*
  at all; an empty list, often from a variable, passes and opens the rule.)
* ``google_sql_database_instance`` ``ip_configuration.ipv4_enabled``: true.
  Provider schema (``google/services/sql/resource_sql_database_instance.go``:
  ``ipv4_enabled`` ``Optional``, ``Default: true``, "Whether this Cloud SQL
  instance should be assigned a public IPV4 address"). Without an
  ``ip_configuration`` block the provider sends none (the block is
  ``Optional``/``Computed``) and Cloud SQL assigns a public IPv4 address by
  default (Cloud SQL "Configure public IP": instances get a static IPv4 address
  automatically; CIS GCP 6.6 "Default Value": instances have a public IP). So an
  instance without ``ip_configuration`` is public too.
* ``google_compute_subnetwork``: flow logs are on exactly when a ``log_config``
  block is present; ``private_ip_google_access`` is off unless set.

Derived facts:

* subnet ``routes_to_internet``: a new GCP network gets a default route to the
  internet gateway unless ``delete_default_routes_on_create = true``; then only a
  ``google_compute_route`` for ``0.0.0.0/0`` (or ``::/0``) to
  ``default-internet-gateway`` without tags on that network gives one back.
  Unknown when the network is outside the scanned code.
* bucket ``public_read``/``public_write``: ``allUsers``/``allAuthenticatedUsers``
  in the bucket's IAM member/binding/policy resources (write: on a role that
  can change objects), or in its ACL resources by the live rule
  (``scanner.providers.gcp.link.bucket_acl_public``): with
  ``uniform_bucket_level_access`` on, ACLs are ignored; otherwise a public entry
  in the bucket ACL or the default object ACL reads (``READER:allUsers``,
  ``predefined_acl = "publicRead"``) and only a bucket ACL ``WRITER``/``OWNER``
  entry writes. All of it is void with ``public_access_prevention =
  "enforced"``. An unknown member makes the value unknown unless a known public
  grant already decides it.
* instance ``public_ips``: one entry per ``access_config`` (IPv4) and
  ``ipv6_access_config`` (IPv6) block, as the live adapter counts ``natIP`` and
  ``externalIpv6``; ``ephemeral`` when the block names no address.
* firewall ``protocol``: a protocol number is read as its name
  (``scanner.providers.gcp.link.firewall_protocol``: ``"6"`` is ``tcp``), so a
  rule for ``"6"`` without ports allows every tcp port, as live.
* database ``public_endpoint`` = ``ipv4_enabled``; repository ``public`` from its
  IAM resources, ``pushers`` = members of the writing roles.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Bucket,
    Database,
    FirewallRule,
    IamBinding,
    Instance,
    Network,
    Repository,
    Resource,
    Subnet,
)
from scanner.providers.gcp.link import (
    BASIC_ROLES,
    BUCKET_WRITE_ROLES,
    PORTED_PROTOCOLS,
    PUBLIC_MEMBERS,
    REPOSITORY_WRITE_ROLES,
    bucket_acl_public,
    firewall_protocol,
)
from scanner.providers.gcp.translate.common import zone_region
from scanner.providers.gcp.translate.data import SSL_ENFORCED_MODES, engine_and_version
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    ALL_PORTS,
    Fields,
    as_bool,
    known_list,
    parse_ports,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext, Translator
from scanner.sources.terraform.translate.google_facts import grants, policy_bindings

# Predefined bucket ACLs as the entries they grant to the public (Cloud Storage JSON API,
# PredefinedBucketAcl: "all users get reader access", "all users get writer access",
# "all authenticated users get reader access"); the owner's entry is not public.
PREDEFINED_ACL_ENTRIES = {
    "publicRead": ({"entity": "allUsers", "role": "READER"},),
    "publicReadWrite": ({"entity": "allUsers", "role": "WRITER"},),
    "authenticatedRead": ({"entity": "allAuthenticatedUsers", "role": "READER"},),
}
INTERNET_GATEWAY = "default-internet-gateway"
DEFAULT_PRIORITY = 1000
DEFAULT_SOURCE_RANGE = "0.0.0.0/0"


def _account(res: TfResource, ctx: TfContext) -> Any:
    return value(res, "project", ctx.providers.get("google", "project"))


def _region(res: TfResource, ctx: TfContext, key: str = "region") -> Any:
    return value(res, key, ctx.providers.get("google", "region"))


def network(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("auto_subnets", value(res, "auto_create_subnetworks", True))
    name = res.get("name")
    f.set("is_default", name, lambda n: n == "default")
    yield record(Network, res, provider="gcp", account=_account(res, ctx), name=name, fields=f)


def _routes_to_internet(net: TfResource | None, ctx: TfContext) -> Any:
    if net is None:
        return UNKNOWN
    deleted = as_bool(value(net, "delete_default_routes_on_create", False))
    if is_unknown(deleted):
        return UNKNOWN
    if not deleted:
        return True
    for route in ctx.of_type("google_compute_route"):
        if ctx.target(route.get("network"), "google_compute_network") != net.address:
            continue
        hop, dest = route.get("next_hop_gateway"), route.get("dest_range")
        if has_unknown(hop) or has_unknown(dest):
            return UNKNOWN
        if dest in ("0.0.0.0/0", "::/0") and str(hop).endswith(INTERNET_GATEWAY) and not route.get("tags"):
            return True
    return False


def subnetwork(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    net_address = ctx.target(res.get("network"), "google_compute_network")
    f = Fields()
    f.set("cidr", res.get("ip_cidr_range"))
    f.set("private_api_access", as_bool(value(res, "private_ip_google_access", False)))
    f.set("flow_logs", UNKNOWN if is_unknown(res.get("log_config")) else bool(res.blocks("log_config")))
    f.set("routes_to_internet", _routes_to_internet(ctx.get(net_address) if net_address else None, ctx))
    nats = [
        nat.get("name")
        for nat in ctx.of_type("google_compute_router_nat")
        if _nat_covers(nat, res, net_address, ctx) and isinstance(nat.get("name"), str)
    ]
    yield record(
        Subnet,
        res,
        provider="gcp",
        account=_account(res, ctx),
        region=_region(res, ctx),
        name=res.get("name"),
        fields=f,
        relations={"network": [net_address]},
        extra_native={"cloud_nat": sorted(nats)} if nats else None,
    )


def _nat_covers(nat: TfResource, subnet: TfResource, net_address: str | None, ctx: TfContext) -> bool:
    mode = nat.get("source_subnetwork_ip_ranges_to_nat")
    if isinstance(mode, str) and mode.startswith("ALL_SUBNETWORKS"):
        router = ctx.get(ctx.target(nat.get("router"), "google_compute_router") or "")
        return (
            router is not None and ctx.target(router.get("network"), "google_compute_network") == net_address
        )
    return any(
        ctx.target(block.get("name"), "google_compute_subnetwork") == subnet.address
        for block in nat.blocks("subnetwork")
    )


def _ports(protocol: str, ports: Any) -> Any:
    if is_unknown(ports) or has_unknown(ports):
        return UNKNOWN
    if not ports:
        return ALL_PORTS if protocol in PORTED_PROTOCOLS else ()
    return tuple(parse_ports(p) for p in ports)


def _source_ranges(res: TfResource, direction: Any) -> Any:
    """The rule's source ranges, with the API's ``0.0.0.0/0`` when an ingress rule names no source."""
    ranges = res.get("source_ranges")
    if ranges or has_unknown(ranges) or str(direction).upper() == "EGRESS":
        return ranges
    others = [res.get("source_tags"), res.get("source_service_accounts")]
    if is_unknown(direction) or any(has_unknown(o) for o in others):
        return UNKNOWN  # whether the default applies is not known before apply
    return ranges if any(others) else [DEFAULT_SOURCE_RANGE]


def _joined(res: TfResource, *keys: str) -> Any:
    """Several list attributes as one list; unknown when any of them is (an unknown list is falsy)."""
    lists = [res.get(k) for k in keys]
    if any(is_unknown(v) for v in lists):
        return UNKNOWN
    return [item for v in lists for item in (v or [])]


def firewall(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """One record per ``allow``/``deny`` block: each has its own protocol and ports."""
    entries = [("allow", b) for b in res.blocks("allow")] + [("deny", b) for b in res.blocks("deny")]
    direction = value(res, "direction", "INGRESS")
    net_address = ctx.target(res.get("network"), "google_compute_network")
    sources = _source_ranges(res, direction)
    for index, (action, entry) in enumerate(entries):
        protocol = entry.get("protocol")
        if isinstance(protocol, str | int) and not isinstance(protocol, bool):
            protocol = firewall_protocol(protocol)  # "6" is tcp, as the live adapter reads it
        f = Fields()
        f.set("direction", direction, lambda d: "egress" if str(d).upper() == "EGRESS" else "ingress")
        f.set("action", action)
        f.set("protocol", protocol)
        if not is_unknown(protocol):
            f.set("ports", _ports(str(protocol), entry.get("ports")))
        else:
            f.mark_unknown("ports")
        f.set("source_ranges", sources, tuple)
        f.set("destination_ranges", res.get("destination_ranges"), tuple)
        f.set("source_groups", _joined(res, "source_tags", "source_service_accounts"), tuple)
        f.set("targets", _joined(res, "target_tags", "target_service_accounts"), tuple)
        f.set("priority", value(res, "priority", DEFAULT_PRIORITY), int)
        f.set("disabled", as_bool(value(res, "disabled", False)))
        f.set("group", res.address)
        if direction is UNKNOWN or is_unknown(direction):
            f.values["direction"] = "ingress"  # a required field; marked unknown above
        yield record(
            FirewallRule,
            res,
            provider="gcp",
            account=_account(res, ctx),
            name=res.get("name"),
            fields=f,
            relations={"network": [net_address]},
            suffix=str(index) if len(entries) > 1 else "",
        )


def _public_ips(interfaces: list[dict[str, Any]]) -> Any:
    """External addresses of the interfaces, as the live adapter counts them (``natIP`` and ``externalIpv6``).

    An ``access_config`` block gives the VM an external IPv4 address and an
    ``ipv6_access_config`` block an external IPv6 one; either is ``ephemeral``
    when its address (``nat_ip``, ``external_ipv6``) is left out. Unknown when a
    ``dynamic`` block's count of them is.
    """
    public: list[str] = []
    for nic in interfaces:
        for key, address in (("access_config", "nat_ip"), ("ipv6_access_config", "external_ipv6")):
            configs = nic.get(key)
            if is_unknown(configs):
                return UNKNOWN
            for access in configs or []:
                ip = access.get(address) if isinstance(access, dict) else None
                public.append(ip if isinstance(ip, str) and ip else "ephemeral")
    return tuple(public)


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    interfaces = res.blocks("network_interface")
    f = Fields()
    f.set("public_ips", UNKNOWN if is_unknown(res.get("network_interface")) else _public_ips(interfaces))
    f.set("private_ips", [n.get("network_ip") for n in interfaces if n.get("network_ip")], tuple)
    f.set("network_tags", res.get("tags"), tuple)
    account = res.block("service_account").get("email")
    f.set("service_account", account)
    subnets = [ctx.target(n.get("subnetwork"), "google_compute_subnetwork") for n in interfaces]
    networks = [ctx.target(n.get("network"), "google_compute_network") for n in interfaces]
    yield record(
        Instance,
        res,
        provider="gcp",
        account=_account(res, ctx),
        region=_zone_region(value(res, "zone", ctx.providers.get("google", "zone"))),
        name=res.get("name"),
        fields=f,
        relations={"subnet": subnets, "network": networks},
    )


def _zone_region(zone: Any) -> Any:
    """The live rule (``us-central1-a`` -> ``us-central1``) for a known zone; unknown stays unknown."""
    return zone_region(zone) if isinstance(zone, str) else zone


def _engine(version: Any) -> tuple[Any, Any]:
    """The live rule (``POSTGRES_15`` -> postgres, 15) for a known ``database_version``."""
    if is_unknown(version):
        return UNKNOWN, UNKNOWN
    if not isinstance(version, str):
        return None, None
    return engine_and_version(version)


def _ssl(ip: dict[str, Any]) -> Any:
    mode = ip.get("ssl_mode")
    if is_unknown(mode):
        return UNKNOWN
    if mode:
        return mode in SSL_ENFORCED_MODES
    return as_bool(value(ip, "require_ssl", False))


def sql_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    settings_list = res.get("settings")
    settings = res.block("settings")
    ip_list = settings.get("ip_configuration")
    ip = ip_list[0] if isinstance(ip_list, list) and ip_list and isinstance(ip_list[0], dict) else {}
    f = Fields()
    engine, version = _engine(res.get("database_version"))
    f.set("engine", engine)
    f.set("engine_version", version)
    if is_unknown(settings_list) or is_unknown(ip_list):
        for name in ("public_endpoint", "allowed_networks", "ssl_required"):
            f.mark_unknown(name)
    else:
        f.set("public_endpoint", as_bool(value(ip, "ipv4_enabled", True)))
        networks = ip.get("authorized_networks")
        if is_unknown(networks) or any(has_unknown(n.get("value")) for n in known_list(networks) or []):
            f.mark_unknown("allowed_networks")
        else:
            f.set("allowed_networks", tuple(n["value"] for n in networks or [] if n.get("value")))
        f.set("ssl_required", _ssl(ip))
    backup = settings.get("backup_configuration")
    if is_unknown(settings_list) or is_unknown(backup):
        f.mark_unknown("backups")
    else:
        # Backups are off unless a backup_configuration block enables them (live: enabled, default false).
        first = backup[0] if isinstance(backup, list) and backup and isinstance(backup[0], dict) else {}
        f.set("backups", as_bool(value(first, "enabled", False)))
    f.set("encrypted", True)  # Cloud SQL always encrypts data at rest.
    net = ctx.target(ip.get("private_network"), "google_compute_network")
    yield record(
        Database,
        res,
        provider="gcp",
        account=_account(res, ctx),
        region=_region(res, ctx),
        name=res.get("name"),
        fields=f,
        relations={"network": [net]},
    )


def _acl_entries(acl: TfResource) -> tuple[list[dict[str, str]], bool]:
    """The entries an ACL resource sets (``predefined_acl``, ``role_entity``); whether any is unknown."""
    predefined, role_entity = acl.get("predefined_acl"), acl.get("role_entity")
    entries = (
        [dict(e) for e in PREDEFINED_ACL_ENTRIES.get(predefined, ())] if isinstance(predefined, str) else []
    )
    for item in known_list(role_entity):
        role, _, entity = str(item).partition(":")  # "READER:allUsers"
        entries.append({"role": role.upper(), "entity": entity})
    return entries, is_unknown(predefined) or has_unknown(role_entity)


def _acl_public(ctx: TfContext, res: TfResource, uniform: Any) -> tuple[bool, bool, bool]:
    """(read, write, unknown) granted to the public by the bucket's ACL resources.

    The live rule (``scanner.providers.gcp.link.bucket_acl_public``) decides: ACLs
    have no effect with uniform bucket-level access; a public entry in the bucket
    ACL or the default object ACL reads; only a bucket ACL ``WRITER``/``OWNER``
    writes. When uniform access is unknown, a public ACL makes the answer unknown.
    """
    found: dict[str, list[dict[str, str]]] = {"acl": [], "defaultObjectAcl": []}
    unknown = False
    for key, kind in (
        ("acl", "google_storage_bucket_acl"),
        ("defaultObjectAcl", "google_storage_default_object_acl"),
    ):
        for acl in ctx.companions(res.address, kind, via="bucket"):
            entries, unsure = _acl_entries(acl)
            found[key] += entries
            unknown = unknown or unsure
    enabled = uniform is True
    read, write = bucket_acl_public(
        {**found, "iamConfiguration": {"uniformBucketLevelAccess": {"enabled": enabled}}}
    )
    if is_unknown(uniform):
        return False, False, unknown or read or write
    return read, write, unknown and not enabled


def bucket(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    found = grants(ctx, res, "google_storage_bucket", via="bucket")
    uniform = as_bool(value(res, "uniform_bucket_level_access", False))
    acl_read, acl_write, acl_unknown = _acl_public(ctx, res, uniform)
    prevention = res.get("public_access_prevention")
    f = Fields()
    if prevention == "enforced":
        f.set("public_read", False).set("public_write", False)
    else:
        read, write = found.public() or acl_read, found.public(BUCKET_WRITE_ROLES) or acl_write
        unsure = found.unknown or acl_unknown or is_unknown(prevention)
        f.set("public_read", UNKNOWN if unsure and not read else read)
        f.set("public_write", UNKNOWN if unsure and not write else write)
    f.set("public_access_blocked", prevention, lambda p: p == "enforced")
    kms = (
        UNKNOWN if is_unknown(res.get("encryption")) else res.block("encryption").get("default_kms_key_name")
    )
    f.set("kms_key", kms)
    f.set("encryption", kms, lambda k: "customer_key" if k else "provider")
    if kms is None:
        f.set("encryption", "provider")
    versioning = res.get("versioning")
    f.set(
        "versioning",
        versioning if is_unknown(versioning) else as_bool(value(res.block("versioning"), "enabled", False)),
    )
    logging = res.get("logging")
    f.set("access_logging", logging if is_unknown(logging) else res.block("logging").get("log_bucket"), bool)
    if logging is None or logging == []:
        f.set("access_logging", False)
    f.set("uniform_access", uniform)
    location = res.get("location")
    yield record(
        Bucket,
        res,
        provider="gcp",
        account=_account(res, ctx),
        region=location.lower() if isinstance(location, str) else location,
        name=res.get("name"),
        fields=f,
        tags=res.get("labels"),
    )


def repository(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    found = grants(ctx, res, "google_artifact_registry_repository", via="repository")
    f = Fields()
    f.set("format", res.get("format"), lambda v: str(v).lower())
    public, anonymous = found.public(), "allUsers" in found.members()
    f.set("public", UNKNOWN if found.unknown and not public else public)
    f.set("anonymous_pull", UNKNOWN if found.unknown and not anonymous else anonymous)
    if found.unknown:
        f.mark_unknown("pushers")
    else:
        f.set("pushers", tuple(sorted(found.members(REPOSITORY_WRITE_ROLES))))
    kms = res.get("kms_key_name")
    f.set("kms_key", kms)
    f.set(
        "encryption", "provider" if kms is None else kms, lambda k: "customer_key" if k != "provider" else k
    )
    docker = res.block("docker_config")
    if str(res.get("format", "")).upper() == "DOCKER":
        f.set("tag_immutability", as_bool(value(docker, "immutable_tags", False)))
    yield record(
        Repository,
        res,
        provider="gcp",
        account=_account(res, ctx),
        region=value(res, "location", ctx.providers.get("google", "region")),
        name=res.get("repository_id"),
        fields=f,
        tags=res.get("labels"),
    )


def _binding(res: TfResource, ctx: TfContext, role: Any, members: Any, suffix: str = "") -> Resource:
    project = _account(res, ctx)
    f = Fields()
    f.set("role", role)
    if is_unknown(role) or role is None:
        f.values["role"] = ""  # a required field: unknown, or left out of an invalid configuration
    f.set("members", members, tuple)
    f.set("scope", project, lambda p: f"projects/{p}")
    f.set("primitive", role, lambda r: r in BASIC_ROLES)
    known = known_list(members)
    is_public = any(m in PUBLIC_MEMBERS for m in known)
    f.set("public", UNKNOWN if has_unknown(members) and not is_public else is_public)
    return record(IamBinding, res, provider="gcp", account=project, name=role, fields=f, suffix=suffix)


def project_iam_member(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield _binding(res, ctx, res.get("role"), [res.get("member")])


def project_iam_binding(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    members = res.get("members")
    yield _binding(res, ctx, res.get("role"), UNKNOWN if is_unknown(members) else members or [])


def project_iam_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    bindings = policy_bindings(res.get("policy_data"))
    if bindings is None:
        yield _binding(res, ctx, UNKNOWN, UNKNOWN)
        return
    for index, item in enumerate(bindings):
        yield _binding(res, ctx, item.get("role"), item.get("members") or [], str(index))


TRANSLATORS: dict[str, Translator] = {
    "google_compute_network": network,
    "google_compute_subnetwork": subnetwork,
    "google_compute_firewall": firewall,
    "google_compute_instance": instance,
    "google_sql_database_instance": sql_instance,
    "google_storage_bucket": bucket,
    "google_artifact_registry_repository": repository,
    "google_project_iam_member": project_iam_member,
    "google_project_iam_binding": project_iam_binding,
    "google_project_iam_policy": project_iam_policy,
}
COMPANIONS: frozenset[str] = frozenset(
    {
        "google_compute_router_nat",  # joined to the subnetworks it serves (native "cloud_nat")
        "google_compute_router",
        "google_compute_route",  # read by the subnetwork's routes_to_internet
        "google_storage_bucket_iam_member",
        "google_storage_bucket_iam_binding",
        "google_storage_bucket_iam_policy",
        "google_storage_bucket_acl",
        "google_storage_default_object_acl",
        "google_artifact_registry_repository_iam_member",
        "google_artifact_registry_repository_iam_binding",
        "google_artifact_registry_repository_iam_policy",
    }
)
