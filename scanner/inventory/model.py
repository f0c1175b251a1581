"""Typed, immutable records for every normalised resource kind.

One record type per kind, shared by all providers, so that one policy covers every
cloud. Common identity fields live on :class:`Resource`; each kind adds the
normalised facts policies need. Whatever a provider returns beyond that is kept
verbatim under ``native`` so provider-specific policies can still reach it.

Conventions that policies rely on:

* ``None`` means the source did not report the value (not applicable, not returned).
* A field named in ``unknown`` has a value that cannot be known yet (a Terraform
  value known only after apply, an API call that was denied). Policies never fail
  a resource on an unknown value.
* Derived facts (``routes_to_internet``, ``public_read``, ``public_endpoint`` ...)
  are computed once by the source's translate or link step, never inside policies.
* Lists are tuples so records stay hashable and cannot be changed after loading.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import msgspec

Provider = Literal["alibaba", "gcp", "aws"]
PROVIDERS: tuple[str, ...] = ("alibaba", "gcp", "aws")


class Origin(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """Where a record came from, so a finding can point at it.

    ``source`` is one of ``api`` (a live adapter), ``terraform``, ``snapshot`` or
    ``policy-test``. ``call`` names the API operation; ``file``/``line`` locate
    Terraform source; ``address`` is the Terraform resource address.
    """

    source: str
    call: str | None = None
    file: str | None = None
    line: int | None = None
    address: str | None = None


class PortRange(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """An inclusive port range; a single port has ``start == end``."""

    start: int
    end: int


class AccessKey(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True):
    """A long-lived API key of a principal; ages are whole days at collection time."""

    id: str
    active: bool = True
    created_at: str | None = None
    last_used_at: str | None = None
    age_days: int | None = None
    unused_days: int | None = None


class Resource(
    msgspec.Struct,
    frozen=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    tag_field="kind",
):
    """Identity, relations and provenance shared by every kind.

    ``id`` is the cloud's own unique id (ARN, self link, acs id) or a Terraform
    address. ``relations`` maps a relation name (declared per kind in
    ``RELATIONS``) to the ids of related resources.
    """

    RELATIONS: ClassVar[dict[str, str]] = {}

    provider: Provider
    account: str
    id: str
    name: str
    origin: Origin
    region: str = "global"
    relations: dict[str, tuple[str, ...]] = {}
    tags: dict[str, str] = {}
    unknown: frozenset[str] = frozenset()
    native: dict[str, Any] = {}

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]

    def related(self, relation: str) -> tuple[str, ...]:
        return self.relations.get(relation, ())


class Network(Resource, tag="network", kw_only=True):
    """Alibaba VPC, GCP VPC network, AWS VPC."""

    cidrs: tuple[str, ...] = ()
    flow_logs: bool | None = None
    is_default: bool | None = None
    auto_subnets: bool | None = None


class Subnet(Resource, tag="subnet", kw_only=True):
    """Alibaba vSwitch, GCP subnetwork, AWS subnet.

    ``routes_to_internet`` is true when the subnet's route table sends traffic to
    an internet gateway (or its equivalent) so that resources with public
    addresses in it are reachable from the internet.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"network": "network"}

    cidr: str | None = None
    routes_to_internet: bool | None = None
    private_api_access: bool | None = None
    flow_logs: bool | None = None


class FirewallRule(Resource, tag="firewall_rule", kw_only=True):
    """One ingress or egress permission of a security group or firewall.

    ``ports`` is always explicit: "all ports" is ``[0-65535]``, and a protocol
    without ports (ICMP) has none. ``protocol`` is ``all`` when every protocol
    is allowed.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"network": "network"}

    direction: Literal["ingress", "egress"]
    action: Literal["allow", "deny"] = "allow"
    protocol: str = "all"
    ports: tuple[PortRange, ...] = ()
    source_ranges: tuple[str, ...] = ()
    destination_ranges: tuple[str, ...] = ()
    source_groups: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    priority: int | None = None
    disabled: bool = False
    group: str | None = None


class Bucket(Resource, tag="bucket", kw_only=True):
    """OSS, GCS and S3 buckets; ``public_*`` already combine ACL, policy, IAM and blocks."""

    public_read: bool | None = None
    public_write: bool | None = None
    encryption: Literal["none", "provider", "customer_key"] | None = None
    kms_key: str | None = None
    versioning: bool | None = None
    access_logging: bool | None = None
    uniform_access: bool | None = None
    public_access_blocked: bool | None = None


class Database(Resource, tag="database", kw_only=True):
    """Alibaba RDS, AWS RDS, Cloud SQL; place it in a subnet through ``relations``."""

    RELATIONS: ClassVar[dict[str, str]] = {"subnet": "subnet", "network": "network"}

    engine: str | None = None
    engine_version: str | None = None
    public_endpoint: bool | None = None
    allowed_networks: tuple[str, ...] = ()
    ssl_required: bool | None = None
    backups: bool | None = None
    encrypted: bool | None = None


class Registry(Resource, tag="registry", kw_only=True):
    """A container registry: an Alibaba ACR instance, an ECR private registry."""

    public_endpoint: bool | None = None
    endpoint_allowed_ranges: tuple[str, ...] = ()
    anonymous_pull: bool | None = None
    scan_on_push: bool | None = None


class Repository(Resource, tag="repository", kw_only=True):
    """A repository in a registry: ACR repo, Artifact Registry repository, ECR repository.

    ``pushers`` lists the principals that may push; ``*`` or ``allUsers`` there
    means anyone may.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"registry": "registry"}

    format: str | None = None
    public: bool | None = None
    anonymous_pull: bool | None = None
    pushers: tuple[str, ...] = ()
    scan_on_push: bool | None = None
    tag_immutability: bool | None = None
    encryption: Literal["none", "provider", "customer_key"] | None = None
    kms_key: str | None = None


class IamPrincipal(Resource, tag="iam_principal", kw_only=True):
    """A RAM user or role, a GCP service account, an AWS IAM user or role, a root account."""

    principal_type: Literal["user", "role", "service_account", "group", "root"] = "user"
    console_access: bool | None = None
    mfa: bool | None = None
    admin: bool | None = None
    access_keys: tuple[AccessKey, ...] = ()
    password_last_used_days: int | None = None


class IamBinding(Resource, tag="iam_binding", kw_only=True):
    """A grant of a role or policy to members on a scope (project, account, resource).

    ``primitive`` marks GCP basic roles (owner/editor/viewer); ``admin`` marks a
    grant of every action on every resource; ``public`` marks members such as
    ``allUsers``/``allAuthenticatedUsers`` or a ``*`` principal.
    """

    role: str
    members: tuple[str, ...] = ()
    scope: str | None = None
    primitive: bool | None = None
    admin: bool | None = None
    public: bool | None = None


class PasswordPolicy(Resource, tag="password_policy", kw_only=True):
    """The account password policy; ``None`` fields are not set by the provider."""

    min_length: int | None = None
    require_uppercase: bool | None = None
    require_lowercase: bool | None = None
    require_numbers: bool | None = None
    require_symbols: bool | None = None
    max_age_days: int | None = None
    reuse_prevention: int | None = None
    max_login_attempts: int | None = None


class Instance(Resource, tag="instance", kw_only=True):
    """ECS, GCE and EC2 virtual machines."""

    RELATIONS: ClassVar[dict[str, str]] = {"subnet": "subnet", "network": "network"}

    public_ips: tuple[str, ...] = ()
    private_ips: tuple[str, ...] = ()
    network_tags: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    service_account: str | None = None


KINDS: dict[str, type[Resource]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (
        Network,
        Subnet,
        FirewallRule,
        Bucket,
        Database,
        Registry,
        Repository,
        IamPrincipal,
        IamBinding,
        PasswordPolicy,
        Instance,
    )
}

AnyResource = (
    Network
    | Subnet
    | FirewallRule
    | Bucket
    | Database
    | Registry
    | Repository
    | IamPrincipal
    | IamBinding
    | PasswordPolicy
    | Instance
)
