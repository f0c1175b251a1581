"""Generate a synthetic, seeded inventory snapshot for benchmarks.

Why synthetic: benchmarks need inventories of 1,000 to 100,000 resources with a
known shape, and no real account of that size can be shipped. The generator
imitates what the live adapters produce: a mix of kinds dominated by firewall
rules and instances, the clouds' own id formats (GCP self links, Alibaba
``sg-``/``vpc-``/``vsw-``/``rm-`` ids, AWS ARNs), relations (database -> subnet,
subnet -> network ...), some ``native`` data and tags, and about one resource in
three violating a typical guardrail (0.0.0.0/0 on 22/3389, public buckets, no
encryption, public databases, users without MFA ...).

The same ``--resources`` and ``--seed`` always give byte-identical output, so
figures from two machines or two commits compare like with like.

    python benchmarks/generate_inventory.py --resources 10000 --seed 1 -o inv.json
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.inventory import (
    AccessKey,
    Bucket,
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
    Resource,
    Snapshot,
    Subnet,
    dump_snapshot,
)

# Share of the resources per kind (password policies come on top: one per Alibaba/AWS account).
WEIGHTS: dict[str, float] = {
    "firewall_rule": 0.38,
    "instance": 0.24,
    "bucket": 0.07,
    "subnet": 0.06,
    "iam_principal": 0.06,
    "iam_binding": 0.05,
    "database": 0.045,
    "repository": 0.04,
    "network": 0.02,
    "registry": 0.002,
}
# Generation order: relation targets (network, subnet, registry) before the kinds pointing at them.
ORDER = ("network", "subnet", "registry", *sorted(set(WEIGHTS) - {"network", "subnet", "registry"}))
RESOURCES_PER_ACCOUNT = 5000
# One SARIF file holds at most 20 runs (one per provider/account), so the default stays below that.
MAX_DEFAULT_ACCOUNTS = 18
VIOLATING_SHARE = 1 / 3
MIN_RESOURCES = 30
CREATED_AT = "2025-01-01T00:00:00Z"  # fixed, so output is reproducible

REGIONS = {
    "alibaba": ("cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1"),
    "gcp": ("us-central1", "europe-west1", "asia-east1"),
    "aws": ("us-east-1", "eu-west-1", "ap-northeast-1"),
}
# An AWS account has one private ECR registry per region, so AWS registries spread over these.
ECR_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "eu-north-1",
    "ap-northeast-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "sa-east-1",
)
INTERNET = ("0.0.0.0/0", "::/0")
OFFICE = "203.0.113.0/24"  # TEST-NET-3, stands in for an office range
ENVS = ("prod", "staging", "dev")
TEAMS = ("payments", "search", "platform", "data", "identity", "web")
GCP = "https://www.googleapis.com/compute/v1/projects"
LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789"
HEX = "0123456789abcdef"


@dataclass
class Account:
    """One account and the relation targets generated in it so far."""

    provider: str
    id: str
    number: str  # GCP project number (default service account); unused elsewhere
    networks: list[Network] = field(default_factory=list)
    public_subnets: list[Subnet] = field(default_factory=list)
    private_subnets: list[Subnet] = field(default_factory=list)
    registries: list[Registry] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    counter: Counter[str] = field(default_factory=Counter)


@dataclass
class Generated:
    """The snapshot plus, for checking the generator, which resources violate what."""

    snapshot: Snapshot
    violations: dict[str, str]  # resource id -> short name of the violation


class Generator:
    """Builds resources kind by kind; every random choice comes from one seeded ``Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids: set[str] = set()
        self.violations: dict[str, str] = {}

    # -- ids ---------------------------------------------------------------------------------
    def token(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choices(alphabet, k=length))

    def unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self.ids:
                self.ids.add(value)
                return value

    def ali(self, prefix: str) -> str:
        return self.unique(lambda: f"{prefix}-bp1{self.token(LOWER_DIGITS, 17)}")

    def aws(self, prefix: str) -> str:
        return self.unique(lambda: f"{prefix}-{self.token(HEX, 17)}")

    def name(self, acct: Account, stem: str) -> str:
        acct.counter[stem] += 1
        return f"{stem}-{acct.counter[stem]:05d}"

    # -- accounts ----------------------------------------------------------------------------
    def accounts(self, total: int, count: int | None) -> list[Account]:
        if count is None:
            count = min(MAX_DEFAULT_ACCOUNTS, max(3, round(total / RESOURCES_PER_ACCOUNT)))
        out = []
        for i in range(count):
            provider = ("alibaba", "gcp", "aws")[i % 3]
            if provider == "alibaba":
                ident = self.token("0123456789", 16)
            elif provider == "gcp":
                ident = f"acme-{ENVS[i // 3 % 3]}-{TEAMS[i // 3 % len(TEAMS)]}-{i:03d}"
            else:
                ident = self.token("0123456789", 12)
            out.append(Account(provider, ident, self.token("0123456789", 12)))
        return out

    def common(self, acct: Account, call: str, *, region: str | None = None) -> dict[str, Any]:
        rng = self.rng
        tags = {"env": rng.choice(ENVS), "team": rng.choice(TEAMS)}
        if rng.random() < 0.5:
            tags["owner"] = f"{rng.choice(TEAMS)}-oncall"
        return {
            "provider": acct.provider,
            "account": acct.id,
            "region": region or rng.choice(REGIONS[acct.provider]),
            "origin": Origin(source="api", call=call),
            "tags": tags,
        }

    def pick(self, options: tuple[str, ...]) -> str:
        return self.rng.choice(options)

    # -- kinds ---------------------------------------------------------------------------------
    def network(self, acct: Account, bad: bool) -> Network:
        name = self.name(acct, "vpc")
        kw = self.common(
            acct, {"alibaba": "DescribeVpcs", "gcp": "networks.list", "aws": "DescribeVpcs"}[acct.provider]
        )
        cidr = f"10.{len(acct.networks) % 250}.0.0/16"
        violation = self.pick(("no-flow-logs", "default-network")) if bad else None
        if acct.provider == "gcp":
            kw["region"] = "global"
            ident = f"{GCP}/{acct.id}/global/networks/{name}"
        elif acct.provider == "alibaba":
            ident = self.ali("vpc")
        else:
            ident = f"arn:aws:ec2:{kw['region']}:{acct.id}:vpc/{self.aws('vpc')}"
        res = Network(
            **kw,
            id=ident,
            name="default" if violation == "default-network" and acct.provider == "gcp" else name,
            cidrs=() if acct.provider == "gcp" else (cidr,),
            flow_logs=violation != "no-flow-logs",
            is_default=violation == "default-network",
            auto_subnets=(violation == "default-network") if acct.provider == "gcp" else None,
        )
        acct.networks.append(res)
        return self.mark(res, violation)

    def subnet(self, acct: Account, bad: bool) -> Subnet:
        net = acct.networks[len(acct.public_subnets + acct.private_subnets) % len(acct.networks)]
        name = self.name(acct, "subnet")
        call = {"alibaba": "DescribeVSwitches", "gcp": "subnetworks.aggregatedList", "aws": "DescribeSubnets"}
        kw = self.common(acct, call[acct.provider], region=None if net.region == "global" else net.region)
        index = len(acct.public_subnets) + len(acct.private_subnets)
        public = not acct.public_subnets or (bool(acct.private_subnets) and self.rng.random() < 0.4)
        if acct.provider == "gcp":
            ident = f"{GCP}/{acct.id}/regions/{kw['region']}/subnetworks/{name}"
        elif acct.provider == "alibaba":
            ident = self.ali("vsw")
        else:
            ident = f"arn:aws:ec2:{kw['region']}:{acct.id}:subnet/{self.aws('subnet')}"
        res = Subnet(
            **kw,
            id=ident,
            name=name,
            relations={"network": (net.id,)},
            cidr=f"10.{index // 250 % 250}.{index % 250}.0/24",
            routes_to_internet=public,
            private_api_access=(not bad) if acct.provider == "gcp" else None,
            flow_logs=not bad,
        )
        (acct.public_subnets if public else acct.private_subnets).append(res)
        return self.mark(res, "no-flow-logs" if bad else None)

    def registry(self, acct: Account, bad: bool) -> Registry:
        kw = self.common(acct, {"alibaba": "ListInstance", "aws": "DescribeRegistry"}[acct.provider])
        if acct.provider == "alibaba":
            ident, name = self.ali("cri"), self.name(acct, "acr")
        else:
            kw["region"] = ECR_REGIONS[len(acct.registries)]
            name = ident = f"{acct.id}.dkr.ecr.{kw['region']}.amazonaws.com"
        violation = self.pick(("public-endpoint", "anonymous-pull", "no-scan-on-push")) if bad else None
        res = Registry(
            **kw,
            id=ident,
            name=name,
            public_endpoint=violation == "public-endpoint",
            endpoint_allowed_ranges=("0.0.0.0/0",) if violation == "public-endpoint" else (),
            anonymous_pull=violation == "anonymous-pull",
            scan_on_push=violation != "no-scan-on-push",
        )
        acct.registries.append(res)
        return self.mark(res, violation)

    def firewall_rule(self, acct: Account, bad: bool) -> FirewallRule:
        net = self.rng.choice(acct.networks)
        if not acct.groups or self.rng.random() < 0.18:
            acct.groups.append(self.ali("sg") if acct.provider == "alibaba" else self.aws("sg"))
        group = self.rng.choice(acct.groups)
        if bad:
            violation = self.pick(("ssh-open", "ssh-open", "rdp-open", "all-open", "ssh-open-ipv6"))
            port, protocol, source = {
                "ssh-open": (22, "tcp", INTERNET[0]),
                "ssh-open-ipv6": (22, "tcp", INTERNET[1]),
                "rdp-open": (3389, "tcp", INTERNET[0]),
                "all-open": (None, "all", INTERNET[0]),
            }[violation]
            direction, action, disabled = "ingress", "allow", False
        else:
            violation = None
            choice = self.rng.random()
            direction, action, disabled = "ingress", "allow", False
            if choice < 0.3:
                port, protocol, source = self.rng.choice((443, 80)), "tcp", INTERNET[0]
            elif choice < 0.55:
                port, protocol, source = 22, "tcp", self.pick((OFFICE, "10.0.0.0/8"))
            elif choice < 0.75:
                port, protocol, source = self.rng.choice((5432, 3306, 6379, 8080)), "tcp", "10.0.0.0/8"
            elif choice < 0.9:
                direction, port, protocol, source = "egress", None, "all", INTERNET[0]
            else:  # looks bad, is not: a deny rule (or a disabled GCP rule)
                port, protocol, source = 22, "tcp", INTERNET[0]
                if acct.provider == "gcp":
                    disabled = True
                elif acct.provider == "alibaba":
                    action = "deny"
                else:
                    source = OFFICE  # AWS security groups have no deny rules
        ports = (PortRange(0, 65535),) if port is None else (PortRange(port, port),)
        ingress = direction == "ingress"
        ranges = {"source_ranges": (source,)} if ingress else {"destination_ranges": (source,)}
        if acct.provider == "gcp":
            name = self.name(acct, "fw")
            call, region, priority = "firewalls.list", "global", 1000
            ident = f"{GCP}/{acct.id}/global/firewalls/{name}"
            targets, group_id = ((self.pick(("web", "ssh", "db", "internal")),), None)
            native = {
                "kind": "compute#firewall",
                "id": self.token("0123456789", 19),
                "creationTimestamp": "2024-05-14T09:12:44.512-07:00",
                "logConfig": {"enable": self.rng.random() < 0.5},
            }
        elif acct.provider == "alibaba":
            rule_id = self.ali("sgr")
            call, region, priority = "DescribeSecurityGroupAttribute", None, 1
            name, ident, targets, group_id = rule_id, rule_id, (), group
            native = {
                "SecurityGroupRuleId": rule_id,
                "Policy": "Accept" if action == "allow" else "Drop",
                "NicType": "intranet",
                "PortRange": "-1/-1" if port is None else f"{port}/{port}",
                "CreateTime": "2024-05-14T16:12:44Z",
            }
        else:
            rule_id = self.aws("sgr")
            call, region, priority = "DescribeSecurityGroupRules", self.pick(REGIONS["aws"]), None
            name, targets, group_id = rule_id, (), group
            ident = f"arn:aws:ec2:{region}:{acct.id}:security-group-rule/{rule_id}"
            native = {
                "SecurityGroupRuleId": rule_id,
                "GroupId": group,
                "GroupOwnerId": acct.id,
                "IsEgress": not ingress,
                "IpProtocol": "-1" if protocol == "all" else protocol,
            }
        kw = self.common(acct, call, region=region)
        res = FirewallRule(
            **kw,
            id=ident,
            name=name,
            relations={"network": (net.id,)},
            direction=direction,  # type: ignore[arg-type]
            action=action,  # type: ignore[arg-type]
            protocol=protocol,
            ports=ports,
            **ranges,
            targets=targets,
            priority=priority,
            disabled=disabled,
            group=group_id,
            native=native,
        )
        return self.mark(res, violation)

    def instance(self, acct: Account, bad: bool) -> Instance:
        subnet = self.rng.choice(acct.public_subnets + acct.private_subnets)
        violation = None
        if bad:
            violation = "public-ip"
            if acct.provider == "gcp" and self.rng.random() < 0.4:
                violation = "default-service-account"
        public_ips = (f"198.51.100.{self.rng.randrange(1, 255)}",) if violation == "public-ip" else ()
        private_ips = (
            f"10.{self.rng.randrange(256)}.{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}",
        )
        net = subnet.related("network")
        name = self.name(acct, "vm")
        kw = self.common(
            acct,
            {"alibaba": "DescribeInstances", "gcp": "instances.aggregatedList", "aws": "DescribeInstances"}[
                acct.provider
            ],
            region=subnet.region,
        )
        extra: dict[str, Any] = {}
        if acct.provider == "gcp":
            zone = f"{subnet.region}-{self.pick(('a', 'b', 'c'))}"
            ident = f"{GCP}/{acct.id}/zones/{zone}/instances/{name}"
            default_sa = f"{acct.number}-compute@developer.gserviceaccount.com"
            custom_sa = f"app-{self.rng.randrange(20)}@{acct.id}.iam.gserviceaccount.com"
            extra["service_account"] = default_sa if violation == "default-service-account" else custom_sa
            extra["network_tags"] = (self.pick(("web", "ssh", "db", "internal")),)
            native = {
                "machineType": f"{GCP}/{acct.id}/zones/{zone}/machineTypes/e2-standard-2",
                "status": "RUNNING",
                "shieldedInstanceConfig": {"enableSecureBoot": not bad},
            }
        elif acct.provider == "alibaba":
            ident = self.ali("i")
            extra["security_groups"] = tuple(self.rng.sample(acct.groups, min(2, len(acct.groups))))
            native = {
                "InstanceType": "ecs.g7.large",
                "Status": "Running",
                "CreationTime": "2024-05-14T16:12Z",
            }
        else:
            ident = f"arn:aws:ec2:{subnet.region}:{acct.id}:instance/{self.aws('i')}"
            extra["security_groups"] = tuple(self.rng.sample(acct.groups, min(2, len(acct.groups))))
            native = {
                "InstanceType": "m5.large",
                "State": {"Name": "running"},
                "MetadataOptions": {"HttpTokens": "required"},
            }
        res = Instance(
            **kw,
            id=ident,
            name=name,
            relations={"subnet": (subnet.id,), "network": net},
            public_ips=public_ips,
            private_ips=private_ips,
            native=native,
            **extra,
        )
        return self.mark(res, violation)

    def bucket(self, acct: Account, bad: bool) -> Bucket:
        violation = self.pick(("public-read", "public-write", "no-encryption", "no-logging")) if bad else None
        name = f"{acct.provider}-{self.pick(TEAMS)}-{self.token(LOWER_DIGITS, 10)}"
        call = {"alibaba": "ListBuckets", "gcp": "buckets.list", "aws": "ListBuckets"}[acct.provider]
        kw = self.common(acct, call)
        ident = self.unique(
            lambda: {
                "alibaba": f"acs:oss:*:{acct.id}:{name}",
                "gcp": f"https://www.googleapis.com/storage/v1/b/{name}",
                "aws": f"arn:aws:s3:::{name}",
            }[acct.provider]
        )
        customer_key = not bad and self.rng.random() < 0.3
        unknown: frozenset[str] = frozenset()  # passed only when set: an explicit empty one is written out
        encryption: str | None = (
            "none" if violation == "no-encryption" else ("customer_key" if customer_key else "provider")
        )
        if not bad and self.rng.random() < 0.02:  # the encryption call was denied
            unknown, encryption = frozenset({"encryption"}), None
        res = Bucket(
            **kw,
            id=ident,
            name=name,
            public_read=violation in ("public-read", "public-write"),
            public_write=violation == "public-write",
            encryption=encryption,  # type: ignore[arg-type]
            kms_key=f"{acct.provider}-kms/{self.token(HEX, 8)}" if customer_key else None,
            versioning=self.rng.random() < 0.7,
            access_logging=violation != "no-logging",
            uniform_access=(violation is None) if acct.provider == "gcp" else None,
            public_access_blocked=(violation is None) if acct.provider == "aws" else None,
            **({"unknown": unknown} if unknown else {}),
        )
        return self.mark(res, violation)

    def database(self, acct: Account, bad: bool) -> Database:
        violation = self.pick(("public-endpoint", "not-encrypted", "no-ssl", "no-backups")) if bad else None
        subnets = acct.public_subnets if violation == "public-endpoint" else acct.private_subnets
        subnet = self.rng.choice(subnets or acct.public_subnets)
        name = self.name(acct, "db")
        call = {"alibaba": "DescribeDBInstances", "gcp": "instances.list", "aws": "DescribeDBInstances"}
        kw = self.common(acct, call[acct.provider], region=subnet.region)
        if acct.provider == "gcp":
            ident = f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{acct.id}/instances/{name}"
            engine = self.pick(("POSTGRES_15", "MYSQL_8_0"))
        elif acct.provider == "alibaba":
            ident, engine = self.ali("rm"), self.pick(("MySQL", "PostgreSQL"))
        else:
            ident, engine = (
                f"arn:aws:rds:{subnet.region}:{acct.id}:db:{name}",
                self.pick(("postgres", "mysql")),
            )
        res = Database(
            **kw,
            id=ident,
            name=name,
            relations={"subnet": (subnet.id,), "network": subnet.related("network")},
            engine=engine,
            public_endpoint=violation == "public-endpoint",
            allowed_networks=("0.0.0.0/0",) if violation == "public-endpoint" else ("10.0.0.0/8",),
            ssl_required=violation != "no-ssl",
            backups=violation != "no-backups",
            encrypted=violation != "not-encrypted",
        )
        return self.mark(res, violation)

    def repository(self, acct: Account, bad: bool) -> Repository:
        violation = (
            self.pick(("public", "anyone-can-push", "mutable-tags", "no-scan-on-push")) if bad else None
        )
        name = self.name(acct, "repo")
        call = {"alibaba": "ListRepository", "gcp": "repositories.list", "aws": "DescribeRepositories"}
        kw = self.common(acct, call[acct.provider])
        relations: dict[str, tuple[str, ...]] = {}
        if acct.registries:
            registry = self.rng.choice(acct.registries)
            kw["region"] = registry.region
            relations = {"registry": (registry.id,)}
        if acct.provider == "gcp":
            ident = f"projects/{acct.id}/locations/{kw['region']}/repositories/{name}"
            anyone, pusher = "allUsers", f"serviceAccount:ci@{acct.id}.iam.gserviceaccount.com"
        elif acct.provider == "alibaba":
            ident, anyone, pusher = self.ali("crr"), "*", f"acs:ram::{acct.id}:role/ci-push"
        else:
            ident = f"arn:aws:ecr:{kw['region']}:{acct.id}:repository/{name}"
            anyone, pusher = "*", f"arn:aws:iam::{acct.id}:role/ci-push"
        res = Repository(
            **kw,
            id=ident,
            name=name,
            relations=relations,
            format="docker",
            public=violation == "public",
            anonymous_pull=violation == "public",
            pushers=(pusher, anyone) if violation == "anyone-can-push" else (pusher,),
            scan_on_push=violation != "no-scan-on-push",
            tag_immutability=violation != "mutable-tags",
            encryption="provider",
        )
        return self.mark(res, violation)

    def iam_principal(self, acct: Account, bad: bool) -> IamPrincipal:
        gcp = acct.provider == "gcp"
        options = ("old-access-key", "admin") if gcp else ("no-mfa", "no-mfa", "old-access-key", "admin")
        violation = self.pick(options) if bad else None
        name = self.name(acct, "sa" if gcp else "user")
        kw = self.common(
            acct,
            {"alibaba": "ListUsers", "gcp": "serviceAccounts.list", "aws": "ListUsers"}[acct.provider],
            region="global",
        )
        if gcp:
            ident = f"projects/{acct.id}/serviceAccounts/{name}@{acct.id}.iam.gserviceaccount.com"
        elif acct.provider == "alibaba":
            ident = f"acs:ram::{acct.id}:user/{name}"
        else:
            ident = f"arn:aws:iam::{acct.id}:user/{name}"
        age = self.rng.randrange(120, 900) if violation == "old-access-key" else self.rng.randrange(1, 80)
        key_id = self.token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
        keys = (
            (AccessKey(id=key_id, age_days=age, unused_days=min(age, 3)),) if self.rng.random() < 0.6 else ()
        )
        if violation == "old-access-key" and not keys:
            keys = (AccessKey(id=key_id, age_days=age, unused_days=1),)
        res = IamPrincipal(
            **kw,
            id=ident,
            name=name,
            principal_type="service_account" if gcp else "user",
            console_access=None if gcp else True,
            mfa=None if gcp else violation != "no-mfa",
            admin=violation == "admin",
            access_keys=keys,
        )
        return self.mark(res, violation)

    def iam_binding(self, acct: Account, bad: bool) -> IamBinding:
        gcp = acct.provider == "gcp"
        violation = (
            self.pick(("public-member", "primitive-role", "admin") if gcp else ("public-member", "admin"))
            if bad
            else None
        )
        n = acct.counter["binding"] = acct.counter["binding"] + 1
        member = f"user:dev{n}@example.com" if gcp else f"user/dev{n}"
        if gcp:
            scope = f"//cloudresourcemanager.googleapis.com/projects/{acct.id}"
            role = {"primitive-role": "roles/editor", "admin": "roles/owner"}.get(
                violation or "", self.pick(("roles/storage.objectViewer", "roles/compute.viewer"))
            )
            members = ("allUsers",) if violation == "public-member" else (member,)
        else:
            scope = (
                f"acs:ram::{acct.id}:root" if acct.provider == "alibaba" else f"arn:aws:iam::{acct.id}:root"
            )
            role = "AdministratorAccess" if violation == "admin" else self.pick(("ReadOnlyAccess",))
            members = ("*",) if violation == "public-member" else (member,)
        kw = self.common(
            acct,
            {
                "alibaba": "ListPolicyAttachments",
                "gcp": "projects.getIamPolicy",
                "aws": "ListEntitiesForPolicy",
            }[acct.provider],
            region="global",
        )
        res = IamBinding(
            **kw,
            id=f"{scope}/bindings/{n:05d}",  # bindings have no cloud id: scope + a sequence number
            name=f"{role} -> {members[0]}",
            role=role,
            members=members,
            scope=scope,
            primitive=role in ("roles/owner", "roles/editor", "roles/viewer") if gcp else None,
            admin=violation == "admin",
            public=violation == "public-member",
        )
        return self.mark(res, violation)

    def password_policy(self, acct: Account, bad: bool) -> PasswordPolicy:
        kw = self.common(
            acct,
            {"alibaba": "GetPasswordPolicy", "aws": "GetAccountPasswordPolicy"}[acct.provider],
            region="global",
        )
        prefix = f"acs:ram::{acct.id}" if acct.provider == "alibaba" else f"arn:aws:iam::{acct.id}"
        res = PasswordPolicy(
            **kw,
            id=f"{prefix}:password-policy",  # one per account; no cloud id, so a fixed suffix
            name="password policy",
            min_length=8 if bad else 14,
            require_uppercase=True,
            require_lowercase=True,
            require_numbers=True,
            require_symbols=not bad,
            max_age_days=0 if bad else 90,
            reuse_prevention=0 if bad else 24,
            max_login_attempts=5 if acct.provider == "alibaba" else None,
        )
        return self.mark(res, "weak-password-policy" if bad else None)

    def mark(self, resource: Resource, violation: str | None) -> Any:
        self.ids.add(resource.id)
        if violation is not None:
            self.violations[resource.id] = violation
        return resource


def kind_counts(total: int, accounts: list[Account]) -> dict[str, int]:
    """Split ``total`` over the kinds by ``WEIGHTS`` (largest remainder), at least two subnets per account."""
    policies = sum(1 for a in accounts if a.provider != "gcp")
    rest = total - policies
    scale = sum(WEIGHTS.values())
    exact = {kind: rest * weight / scale for kind, weight in WEIGHTS.items()}
    counts = {kind: int(value) for kind, value in exact.items()}
    for kind in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[
        : rest - sum(counts.values())
    ]:
        counts[kind] += 1
    minimum = {
        "network": len(accounts),
        "subnet": 2 * len(accounts),
        "firewall_rule": len(accounts),
        "instance": len(accounts),
    }
    for kind, floor in minimum.items():
        while counts[kind] < floor:
            donor = max(counts, key=lambda k: counts[k])
            counts[donor] -= 1
            counts[kind] += 1
    counts["password_policy"] = policies
    return counts


def owners(kind: str, count: int, accounts: list[Account]) -> list[Account]:
    """The account of each of ``count`` resources of ``kind``: round robin over the accounts that have it.

    GCP has neither an account password policy nor a registry separate from its
    repositories; an AWS account has at most one registry per region.
    """
    if kind not in ("registry", "password_policy"):
        return [accounts[i % len(accounts)] for i in range(count)]
    eligible = [a for a in accounts if a.provider != "gcp"]
    out: list[Account] = []
    used: Counter[str] = Counter()
    i = 0
    while len(out) < count:
        acct = eligible[i % len(eligible)]
        i += 1
        if kind == "registry" and acct.provider == "aws" and used[acct.id] >= len(ECR_REGIONS):
            continue
        used[acct.id] += 1
        out.append(acct)
    return out


def generate(resources: int, seed: int, accounts_count: int | None = None) -> Generated:
    """Build a snapshot of exactly ``resources`` records; the same arguments give the same snapshot.

    ``accounts_count`` defaults to one account per ~5,000 resources, 3 to 18 of
    them, spread round robin over Alibaba, GCP and AWS.
    """
    if resources < MIN_RESOURCES:
        raise ValueError(f"need at least {MIN_RESOURCES} resources, got {resources}")
    if accounts_count is not None and not 1 <= accounts_count <= resources // 10:
        raise ValueError(f"--accounts must be between 1 and resources/10, got {accounts_count}")
    gen = Generator(seed)
    accounts = gen.accounts(resources, accounts_count)
    counts = kind_counts(resources, accounts)
    out: list[Resource] = []
    for kind in (*ORDER, "password_policy"):
        count = counts[kind]
        bad = set(gen.rng.sample(range(count), round(count * VIOLATING_SHARE)))
        build = getattr(gen, kind)
        out.extend(build(acct, i in bad) for i, acct in enumerate(owners(kind, count, accounts)))
    snapshot = Snapshot(
        generator=f"cloudscan-benchmark seed={seed}", created_at=CREATED_AT, resources=tuple(out)
    )
    return Generated(snapshot, dict(gen.violations))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", "-n", type=int, required=True, help="number of resources")
    parser.add_argument("--seed", "-s", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--output", "-o", type=Path, required=True, help="snapshot file to write")
    parser.add_argument(
        "--accounts",
        type=int,
        default=None,
        help="number of accounts/projects (default: one per 5,000 resources, 3 to 18)",
    )
    args = parser.parse_args(argv)
    try:
        result = generate(args.resources, args.seed, args.accounts)
    except ValueError as exc:
        parser.error(str(exc))
    dump_snapshot(result.snapshot, args.output)
    kinds = Counter(r.kind for r in result.snapshot.resources)
    share = len(result.violations) / len(result.snapshot.resources)
    print(
        f"wrote {args.output}: {len(result.snapshot.resources)} resources "
        f"({', '.join(f'{k} {v}' for k, v in kinds.most_common())}); {share:.0%} violating"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
