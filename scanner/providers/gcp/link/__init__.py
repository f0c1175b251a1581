"""Derived facts, computed once from raw API answers so that policies never have to.

Rules (each is what the matching inventory field means for Google Cloud):

* **subnet routes_to_internet**: the subnet's VPC network has a route for
  ``0.0.0.0/0`` (or ``::/0``) whose next hop is the default internet gateway
  (``nextHopGateway`` ending in ``/global/gateways/default-internet-gateway``)
  and that applies to every instance (no ``tags``). GCP routes belong to the
  network, not to the subnet, so every subnet of such a network routes to the
  internet. Cloud NAT gives outbound access only and does not count. When the
  route listing failed the value is unknown.
* **subnet private_api_access**: ``privateIpGoogleAccess`` on the subnetwork.
* **database public_endpoint**: Cloud SQL ``settings.ipConfiguration.ipv4Enabled``
  (the instance has a public IPv4 address; authorized networks decide who may
  connect, reported separately as ``allowed_networks``).
* **bucket public_read / public_write**: ``allUsers`` or
  ``allAuthenticatedUsers`` in a binding of the bucket's IAM policy (write: on a
  role that can create or change objects), or, on a bucket without uniform
  bucket-level access, in its legacy bucket ACL (``acl``: ``READER`` lists and
  reads, ``WRITER``/``OWNER`` also create and delete objects) or default object
  ACL (``defaultObjectAcl``: new objects are readable); unless public access
  prevention is ``enforced``. With uniform bucket-level access ACLs have no
  effect and are ignored. Per-object ACLs are not read.
* **repository public / anonymous_pull**: ``allUsers`` or
  ``allAuthenticatedUsers`` in the repository's IAM policy (``anonymous_pull``:
  ``allUsers``, which needs no Google identity at all).

The project-wide logging facts (a sink for every entry, alerts per CIS change
class) are in :mod:`.logs`, the GKE facts in :mod:`.kubernetes`; both are
imported from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from scanner.rules import network

PUBLIC_MEMBERS = frozenset({"allUsers", "allAuthenticatedUsers"})
# GCP's basic (primitive) roles.
BASIC_ROLES = frozenset({"roles/owner", "roles/editor", "roles/viewer"})
INTERNET_GATEWAY_SUFFIX = "/global/gateways/default-internet-gateway"
DEFAULT_ROUTES = frozenset(network.DEFAULT_ROUTES)
# Firewall protocols that carry ports; a rule for one of them without ports allows every port.
PORTED_PROTOCOLS = frozenset({"tcp", "udp", "sctp", "all"})
# GCP firewalls accept an IANA protocol number in place of the name ("6" for tcp).
PROTOCOL_NAMES = network.protocol_names("1", "4", "6", "17", "50", "51", "132")


def firewall_protocol(value: object) -> str:
    """A firewall ``IPProtocol`` as a lower-case name: numbers become names, missing is ``all``."""
    text = str(value if value is not None else "all").strip().lower()
    return PROTOCOL_NAMES.get(text, text)


# Predefined Cloud Storage roles that let a member create, replace or delete objects or change the bucket.
BUCKET_WRITE_ROLES = frozenset(
    {
        "roles/storage.admin",
        "roles/storage.objectAdmin",
        "roles/storage.objectCreator",
        "roles/storage.objectUser",
        "roles/storage.legacyBucketOwner",
        "roles/storage.legacyBucketWriter",
        "roles/storage.legacyObjectOwner",
    }
)
# Bucket ACL roles that can insert and delete objects (an OWNER is also a WRITER).
BUCKET_ACL_WRITE_ROLES = frozenset({"WRITER", "OWNER"})

# Predefined Artifact Registry roles that can push images.
REPOSITORY_WRITE_ROLES = frozenset(
    {
        "roles/artifactregistry.writer",
        "roles/artifactregistry.createOnPushWriter",
        "roles/artifactregistry.repoAdmin",
        "roles/artifactregistry.createOnPushRepoAdmin",
        "roles/artifactregistry.admin",
    }
)
# the roles that may also delete artifacts, and the one with every artifactregistry.* permission
# (https://cloud.google.com/iam/docs/roles-permissions/artifactregistry)
DELETE_ROLES = frozenset(
    {
        "roles/artifactregistry.repoAdmin",
        "roles/artifactregistry.createOnPushRepoAdmin",
        "roles/artifactregistry.admin",
    }
)
ADMIN_ROLES = frozenset({"roles/artifactregistry.admin"})
# Each repository access field and the roles that put a member in it (live and Terraform alike).
REPOSITORY_ACCESS_FIELDS = (
    ("pushers", REPOSITORY_WRITE_ROLES),
    ("deleters", DELETE_ROLES),
    ("admins", ADMIN_ROLES),
)


def via_project(members: Iterable[str]) -> tuple[str, ...]:
    """Members granted a role on the project, which holds on each of its repositories, marked so
    they read apart from the repository's own grants."""
    return tuple(f"{m} (via project)" for m in sorted(members))


def networks_with_internet_route(routes: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """Network URLs that have an untagged default route to the default internet gateway."""
    found = set()
    for route in routes:
        if route.get("destRange") not in DEFAULT_ROUTES or route.get("tags"):
            continue
        if str(route.get("nextHopGateway", "")).endswith(INTERNET_GATEWAY_SUFFIX):
            found.add(str(route.get("network", "")))
    return frozenset(found)


def private_api_access(subnetwork: Mapping[str, Any]) -> bool:
    return bool(subnetwork.get("privateIpGoogleAccess", False))


def database_public(instance: Mapping[str, Any]) -> bool:
    """``ipConfiguration.ipv4Enabled``; when the answer leaves it out, whether a PRIMARY address exists.

    Cloud SQL assigns a public IPv4 address unless told otherwise, so a missing
    flag must not read as "private": the ``ipAddresses`` list says what the
    instance really has (type ``PRIMARY`` is the public address clients connect
    to, ``PRIVATE`` the peered one; Cloud SQL Admin API v1 ``IpMapping``).
    """
    ip = instance.get("settings", {}).get("ipConfiguration", {})
    if "ipv4Enabled" in ip:
        return bool(ip["ipv4Enabled"])
    return any(a.get("type") == "PRIMARY" for a in instance.get("ipAddresses", []) or [])


def public_members(policy: Mapping[str, Any], roles: frozenset[str] | None = None) -> tuple[str, ...]:
    """The public members of an IAM policy, optionally only in bindings of ``roles``."""
    members = []
    for binding in policy.get("bindings", []) or []:
        if roles is not None and binding.get("role") not in roles:
            continue
        members.extend(m for m in binding.get("members", []) if m in PUBLIC_MEMBERS)
    return tuple(sorted(set(members)))


def public_access_prevented(bucket: Mapping[str, Any]) -> bool:
    return (bucket.get("iamConfiguration") or {}).get("publicAccessPrevention") == "enforced"


def bucket_acl_public(bucket: Mapping[str, Any]) -> tuple[bool, bool]:
    """(read, write) granted to the public by the bucket's legacy ACLs (``projection=full`` listing)."""
    iam_config = bucket.get("iamConfiguration") or {}
    if (iam_config.get("uniformBucketLevelAccess") or {}).get("enabled") or public_access_prevented(bucket):
        return False, False
    acl = [e for e in bucket.get("acl") or [] if e.get("entity") in PUBLIC_MEMBERS]
    default = [e for e in bucket.get("defaultObjectAcl") or [] if e.get("entity") in PUBLIC_MEMBERS]
    return bool(acl or default), any(e.get("role") in BUCKET_ACL_WRITE_ROLES for e in acl)


def bucket_public(bucket: Mapping[str, Any], policy: Mapping[str, Any]) -> tuple[bool, bool]:
    """(public_read, public_write) from the bucket's IAM policy, legacy ACLs and public access prevention."""
    if public_access_prevented(bucket):
        return False, False
    acl_read, acl_write = bucket_acl_public(bucket)
    read = bool(public_members(policy)) or acl_read
    return read, bool(public_members(policy, BUCKET_WRITE_ROLES)) or acl_write


def repository_public(policy: Mapping[str, Any]) -> tuple[bool, bool]:
    """(public, anonymous_pull) from an Artifact Registry repository's IAM policy."""
    members = public_members(policy)
    return bool(members), "allUsers" in members


# -- Compute Engine instance facts (shared by the live adapter and the Terraform translator) ---------
#
# * **instance default_service_account**: the VM runs as the project's Compute Engine
#   default service account (``PROJECT_NUMBER-compute@developer.gserviceaccount.com``;
#   compute ``projects.get`` reports it as ``defaultServiceAccount``).
# * **instance full_api_access**: that account's scopes include ``cloud-platform``,
#   the scope that covers every Google API.
# * **instance serial_port / os_login**: metadata ``serial-port-enable`` /
#   ``enable-oslogin`` on the instance, else on the project (``commonInstanceMetadata``:
#   instance values override project values); ``resourceStatus.effectiveInstanceMetadata``
#   already holds that combination when the API returns it. **block_project_ssh_keys**
#   is an instance key only. A key that is absent is false.
# * **instance shielded_vm**: Secure Boot, vTPM and integrity monitoring all on; absent
#   values take the API defaults (Compute v1 ``ShieldedInstanceConfig``: Secure Boot
#   "Disabled by default", vTPM and integrity monitoring "Enabled by default").
# * **instance confidential_computing**: ``confidentialInstanceConfig.enableConfidentialCompute``
#   or a ``confidentialInstanceType`` other than unspecified.

DEFAULT_COMPUTE_ACCOUNT = re.compile(r"^\d+-compute@developer\.gserviceaccount\.com$")
CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform"
# Metadata values read as true ("TRUE" in the console and gcloud examples; "1" for serial ports).
_TRUE_WORDS = frozenset({"true", "1"})


def metadata_items(metadata: Mapping[str, Any] | None) -> dict[str, str]:
    """Compute ``Metadata`` (``{"items": [{"key", "value"}]}``) as a key -> value map."""
    return {
        str(i.get("key")): str(i.get("value", ""))
        for i in (metadata or {}).get("items", []) or []
        if isinstance(i, Mapping) and i.get("key")
    }


def metadata_true(value: str | None) -> bool | None:
    return None if value is None else value.strip().lower() in _TRUE_WORDS


def default_compute_account(email: str | None, project_default: str | None = None) -> bool:
    if not email:
        return False
    return email == project_default or bool(DEFAULT_COMPUTE_ACCOUNT.match(email))


def shielded(config: Mapping[str, Any] | None) -> bool:
    config = config or {}
    return (
        bool(config.get("enableSecureBoot", False))
        and bool(config.get("enableVtpm", True))
        and bool(config.get("enableIntegrityMonitoring", True))
    )


def confidential(config: Mapping[str, Any] | None) -> bool:
    config = config or {}
    kind = str(config.get("confidentialInstanceType") or "")
    return bool(config.get("enableConfidentialCompute")) or (
        bool(kind) and kind != "CONFIDENTIAL_INSTANCE_TYPE_UNSPECIFIED"
    )


# -- IAM facts -----------------------------------------------------------------------------------------
#
# * **audit_trail** (one per project, from the IAM policy's ``auditConfigs``):
#   ``all_services`` when the ``allServices`` config enables ``ADMIN_READ``,
#   ``DATA_READ`` and ``DATA_WRITE``; ``event_types`` of that config (``ADMIN_READ``
#   and ``DATA_READ`` are ``read``, ``DATA_WRITE`` is ``write``); ``exempted_members``
#   from every config and log type.
# * **iam_principal roles**: every role a member holds in the project's policy
#   (conditional grants included: they still grant the role when the condition holds).

AUDIT_LOG_TYPES = frozenset({"ADMIN_READ", "DATA_READ", "DATA_WRITE"})
_EVENT_OF_LOG_TYPE = {"ADMIN_READ": "read", "DATA_READ": "read", "DATA_WRITE": "write"}


def audit_summary(policy: Mapping[str, Any]) -> dict[str, Any]:
    """The audit_trail fields from an IAM policy's ``auditConfigs`` (see the rule above)."""
    configs = [c for c in policy.get("auditConfigs", []) or [] if isinstance(c, Mapping)]
    every = [c for c in configs if c.get("service") == "allServices"]
    types = {
        str(lc.get("logType"))
        for c in every
        for lc in c.get("auditLogConfigs", []) or []
        if lc.get("logType")
    }
    exempted = {
        str(m)
        for c in configs
        for lc in c.get("auditLogConfigs", []) or []
        for m in lc.get("exemptedMembers") or []
    }
    return {
        "enabled": bool(configs),
        "all_services": types >= AUDIT_LOG_TYPES,
        "event_types": tuple(sorted({_EVENT_OF_LOG_TYPE[t] for t in types if t in _EVENT_OF_LOG_TYPE})),
        "exempted_members": tuple(sorted(exempted)),
    }


def member_roles(policy: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """Member (``user:a@example.com``) -> the roles it holds in the policy, sorted."""
    roles: dict[str, set[str]] = {}
    for binding in policy.get("bindings", []) or []:
        for member in binding.get("members", []) or []:
            roles.setdefault(str(member), set()).add(str(binding.get("role")))
    return {m: tuple(sorted(r)) for m, r in sorted(roles.items())}


def network_key(url: str) -> str:
    """A network reference as ``projects/P/global/networks/N`` (full URLs and relative names alike)."""
    return "projects/" + url.split("projects/", 1)[1] if "projects/" in url else url


def dns_logged_networks(policies: Iterable[Mapping[str, Any]]) -> frozenset[str]:
    """Networks (as :func:`network_key`) bound to a Cloud DNS server policy with query logging on."""
    return frozenset(
        network_key(str(n.get("networkUrl", "")))
        for p in policies
        if p.get("enableLogging")
        for n in p.get("networks", []) or []
    )
