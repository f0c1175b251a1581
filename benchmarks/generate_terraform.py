"""Generate seeded Terraform corpora (HCL and the equivalent plan JSON) with known violations.

Why: issue #5 compares ``cloudscan scan --terraform`` with Checkov on the same files, and a
comparison of "violations caught" needs ground truth. Each corpus is built from one in-memory
model, so the ``.tf`` directory and ``plan.json`` describe exactly the same resources, and a
``manifest.json`` lists every planted violation (address + violation kind) and every decoy
(a resource that only looks bad and must not be flagged).

Layout of ``OUT/terraform-N-seedS/``::

    hcl/providers.tf, hcl/variables.tf, hcl/main.tf     root module: providers, variables, module calls
    hcl/modules/gcp-00/*.tf, hcl/modules/alicloud-01/*.tf ...   about 250 resources per local module
    plan.json       ``terraform show -json`` shape (format_version, planned_values.root_module.child_modules,
                    resource_changes[].change.after / after_unknown, configuration with expressions)
    manifest.json   {"violations": [...], "decoys": [...], "counts": {...}}

The same ``--resources`` and ``--seed`` always give byte-identical files.

What is planted (kinds are cloudscan rule ids, so the benchmark can score both tools the same way):
- firewall rules open to 0.0.0.0/0 on SSH, RDP and database ports, including the tricky forms:
  protocol ``all`` (GCP) and ``all`` + ``-1/-1`` (Alibaba), tcp without ports, a port range that
  contains the port, ``::/0`` (Alibaba ``ipv6_cidr_ip``), the internet split into 0.0.0.0/1 +
  128.0.0.0/1, and 0.0.0.0/0 listed next to a private range;
- buckets readable or writable by anyone (GCS IAM ``allUsers``, GCS ``predefined_acl``, OSS
  ``alicloud_oss_bucket_acl`` companion resource or the bucket's own ``acl``), OSS buckets without
  server-side encryption;
- databases with a public endpoint (Cloud SQL ``ipv4_enabled``, left out = provider default true;
  RDS with an ``alicloud_db_connection``) and whitelists open to 0.0.0.0/0;
- public repositories (Artifact Registry IAM ``allUsers``, ACR EE ``repo_type = "PUBLIC"``);
- primitive project roles, RAM users with console login and no MFA, a weak RAM password policy.

Decoys: deny (GCP ``deny`` block) and drop (Alibaba ``policy = "drop"``) rules, disabled GCP rules,
egress rules, udp on 22, 0.0.0.0/0 on 443, 22 from private ranges, buckets encrypted through the
separate ``alicloud_oss_bucket_server_side_encryption`` resource, private ACLs, private databases,
private repositories, MFA-bound users, non-primitive roles.

A violation relying on a provider default that ``terraform plan`` reports as "known after apply"
(Cloud SQL without an ``ip_configuration`` block) is marked ``"inputs": ["hcl"]``: the plan JSON
cannot show it, so it is not expected there.

    python benchmarks/generate_terraform.py --resources 1000 --seed 1 -o benchmarks/out
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import Any

GOOGLE = "registry.terraform.io/hashicorp/google"
ALICLOUD = "registry.terraform.io/aliyun/alicloud"
RESOURCES_PER_MODULE = 250
TERRAFORM_VERSION = "1.9.8"

SSH = "firewall.ssh-open-to-internet"
RDP = "firewall.rdp-open-to-internet"
DBPORT = "firewall.database-port-open-to-internet"
FIREWALL_KINDS = (SSH, RDP, DBPORT)
PUBLIC_READ = "bucket.public-read"
PUBLIC_WRITE = "bucket.public-write"
UNENCRYPTED = "bucket.encryption-disabled"
BUCKET_KINDS = (PUBLIC_READ, PUBLIC_WRITE, UNENCRYPTED)
DB_PUBLIC = "database.public-endpoint"
DB_ALL_NETWORKS = "database.allows-all-networks"
DB_KINDS = (DB_PUBLIC, DB_ALL_NETWORKS)
DB_OUTSIDE = "database.outside-private-network"
REPO_PUBLIC = "registry.repository-public"
PRIMITIVE_ROLE = "iam.primitive-role-binding"
NO_MFA = "iam.user-without-mfa"
PASSWORD_LENGTH = "password-policy.min-length"
TRACKED_KINDS = (
    *FIREWALL_KINDS,
    *BUCKET_KINDS,
    *DB_KINDS,
    DB_OUTSIDE,
    REPO_PUBLIC,
    PRIMITIVE_ROLE,
    NO_MFA,
    PASSWORD_LENGTH,
)

ALL_OPEN = (SSH, RDP, DBPORT)


# ---------------------------------------------------------------- model


@dataclass(frozen=True)
class Ref:
    """A reference expression; ``known`` is its plan-time value, None when "known after apply"."""

    expr: str
    known: Any = None


@dataclass(frozen=True)
class Expr:
    """An HCL expression Terraform evaluates before apply (``for``, operators, functions); ``known`` is
    its value, which the plan JSON holds as a constant."""

    expr: str
    known: Any


@dataclass(frozen=True)
class Block:
    """A nested block (``allow { ... }``); a list of Blocks is a repeated block."""

    attrs: dict[str, Any]


@dataclass
class Res:
    """One managed resource of the model, rendered both as HCL and as plan JSON."""

    type: str
    name: str
    attrs: dict[str, Any]
    sensitive: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.type}.{self.name}"


@dataclass
class Module:
    """A local module: its resources grouped by file name."""

    name: str
    provider: str
    files: dict[str, list[Res]] = field(default_factory=dict)

    def add(self, file: str, res: Res) -> Res:
        self.files.setdefault(file, []).append(res)
        return res

    def resources(self) -> Iterator[Res]:
        for items in self.files.values():
            yield from items


@dataclass
class Corpus:
    """The whole generated configuration plus its ground truth."""

    modules: list[Module] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    decoys: list[dict[str, Any]] = field(default_factory=list)
    count: int = 0

    def address(self, module: Module, res: Res) -> str:
        return f"module.{module.name}.{res.key}"

    def violate(self, module: Module, res: Res, kinds: tuple[str, ...], form: str, **extra: Any) -> None:
        also = [self.address(module, r) for r in extra.pop("also", ())]
        for kind in kinds:
            self.violations.append(
                {
                    "address": self.address(module, res),
                    "also": also,
                    "kind": kind,
                    "form": form,
                    "inputs": extra.get("inputs", ["hcl", "plan"]),
                }
            )

    def decoy(
        self, module: Module, res: Res, kinds: tuple[str, ...], form: str, also: tuple[Res, ...] = ()
    ) -> None:
        self.decoys.append(
            {
                "address": self.address(module, res),
                "also": [self.address(module, r) for r in also],
                "must_not": list(kinds),
                "form": form,
            }
        )


# ---------------------------------------------------------------- generators


class Builder:
    """Fills modules with realistic resource groups; a third of the groups violate or decoy."""

    def __init__(self, corpus: Corpus, seed: int) -> None:
        self.corpus = corpus
        self.rng = random.Random(seed)
        self.serial = 0
        self.gcp_fw_forms = cycle(GCP_FIREWALL_FORMS)
        self.ali_rule_forms = cycle(ALI_RULE_FORMS)
        self.cycles: dict[str, Iterator[str]] = {}
        self.seen: Counter[str] = Counter()

    def new_name(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}_{self.serial:05d}"

    def pick(self, kind: str, options: tuple[str, ...]) -> str:
        """Cycle deterministically over the forms of one family so every form appears early."""
        if kind not in self.cycles:
            self.cycles[kind] = cycle(options)
        return next(self.cycles[kind])

    def bad_or_decoy(self, family: str = "", forms: int = 0) -> str:
        """Violation / decoy / clean: the first ``2 * forms`` groups of a family alternate violation and
        decoy so that even the 100-resource corpus holds every tricky form; then 20 % / 20 % / 60 %."""
        seen = self.seen[family]
        self.seen[family] += 1
        if seen < 2 * forms:
            return "violation" if seen % 2 == 0 else "decoy"
        roll = self.rng.random()
        return "violation" if roll < 0.2 else "decoy" if roll < 0.4 else "clean"


def gcp_network(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    net = m.add(
        "network.tf",
        Res(
            "google_compute_network",
            b.new_name("net"),
            {"name": None, "project": Ref("var.project", ctx["project"]), "auto_create_subnetworks": False},
        ),
    )
    net.attrs["name"] = net.name.replace("_", "-")
    ctx.setdefault("networks", []).append(net)
    for _ in range(2):
        octet = b.rng.randrange(0, 250)
        sub = m.add(
            "network.tf",
            Res(
                "google_compute_subnetwork",
                b.new_name("subnet"),
                {
                    "name": None,
                    "project": Ref("var.project", ctx["project"]),
                    "region": Ref("var.region", ctx["region"]),
                    "network": Ref(f"google_compute_network.{net.name}.id"),
                    "ip_cidr_range": f"10.{octet}.{b.serial % 250}.0/24",
                    "private_ip_google_access": True,
                    "log_config": Block({"aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": 0.5}),
                },
            ),
        )
        sub.attrs["name"] = sub.name.replace("_", "-")
        ctx.setdefault("subnets", []).append(sub)
    return 3


# Each GCP firewall form: (label, allow/deny blocks, extra attrs, kinds violated or None for a decoy)
GCP_FIREWALL_FORMS: tuple[tuple[str, str, dict[str, Any], tuple[str, ...]], ...] = (
    ("tcp/22 from 0.0.0.0/0", "allow", {"protocol": "tcp", "ports": ["22"]}, (SSH,)),
    ("protocol all, no ports", "allow", {"protocol": "all"}, ALL_OPEN),
    ("tcp with no ports", "allow", {"protocol": "tcp"}, ALL_OPEN),
    (
        "range 20-3400 contains 22 and 3389 and 3306",
        "allow",
        {"protocol": "tcp", "ports": ["20-3400"]},
        ALL_OPEN,
    ),
    ("tcp/3389", "allow", {"protocol": "tcp", "ports": ["3389"]}, (RDP,)),
    ("tcp/5432 and 6379", "allow", {"protocol": "tcp", "ports": ["5432", "6379"]}, (DBPORT,)),
    ("tcp/3306", "allow", {"protocol": "tcp", "ports": ["3306"]}, (DBPORT,)),
    ("tcp/27017", "allow", {"protocol": "tcp", "ports": ["27017"]}, (DBPORT,)),
)
GCP_SPLIT = ["0.0.0.0/1", "128.0.0.0/1"]


def gcp_firewall(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    net = b.rng.choice(ctx["networks"])
    name = b.new_name("fw")
    attrs: dict[str, Any] = {
        "name": name.replace("_", "-"),
        "project": Ref("var.project", ctx["project"]),
        "network": Ref(f"google_compute_network.{net.name}.name", net.attrs["name"]),
        "direction": "INGRESS",
        "priority": 1000,
    }
    res = Res("google_compute_firewall", name, attrs)
    mode = b.bad_or_decoy("gcp-fw", len(GCP_FIREWALL_FORMS))
    if mode == "violation":
        label, verb, block, kinds = next(b.gcp_fw_forms)
        sources = ["0.0.0.0/0"]
        variant = b.pick("gcp-src", ("plain", "split", "mixed"))
        if variant == "split":
            sources, label = GCP_SPLIT, f"{label} (as 0.0.0.0/1 + 128.0.0.0/1)"
        elif variant == "mixed":
            sources, label = ["10.0.0.0/8", "0.0.0.0/0"], label + " (0.0.0.0/0 next to 10.0.0.0/8)"
        attrs[verb] = Block(block)
        attrs["source_ranges"] = sources
        b.corpus.violate(m, m.add("firewall.tf", res), kinds, f"gcp firewall: {label}")
        return 1
    if mode == "decoy":
        form = b.pick(
            "gcp-fw-decoy",
            ("deny", "disabled", "egress", "udp/22", "https", "private-source", "tag-source"),
        )
        if form == "deny":
            attrs["deny"] = Block({"protocol": "tcp", "ports": ["22", "3389"]})
            attrs["source_ranges"] = ["0.0.0.0/0"]
            attrs["priority"] = 100
        elif form == "disabled":
            attrs["allow"] = Block({"protocol": "tcp", "ports": ["22"]})
            attrs["source_ranges"] = ["0.0.0.0/0"]
            attrs["disabled"] = True
        elif form == "egress":
            attrs["direction"] = "EGRESS"
            attrs["allow"] = Block({"protocol": "tcp", "ports": ["22", "5432"]})
            attrs["destination_ranges"] = ["0.0.0.0/0"]
        elif form == "udp/22":
            attrs["allow"] = Block({"protocol": "udp", "ports": ["22", "3389"]})
            attrs["source_ranges"] = ["0.0.0.0/0"]
        elif form == "https":
            attrs["allow"] = Block({"protocol": "tcp", "ports": ["443", "80"]})
            attrs["source_ranges"] = ["0.0.0.0/0"]
        elif form == "private-source":
            attrs["allow"] = Block({"protocol": "tcp", "ports": ["22", "3306"]})
            attrs["source_ranges"] = ["10.0.0.0/8", "192.168.0.0/16"]
        else:
            attrs["allow"] = Block({"protocol": "all"})
            attrs["source_tags"] = ["bastion"]
        b.corpus.decoy(m, m.add("firewall.tf", res), FIREWALL_KINDS, f"gcp firewall: {form}")
        return 1
    port = b.rng.choice(["443", "8080", "8443"])
    attrs["allow"] = Block({"protocol": "tcp", "ports": [port]})
    attrs["source_ranges"] = [f"10.{b.rng.randrange(256)}.0.0/16"]
    attrs["target_tags"] = ["web"]
    m.add("firewall.tf", res)
    return 1


# Firewall rules written with expressions Terraform evaluates before apply (issue #12): label, the
# attributes (an Expr renders as the expression in HCL and as its value in the plan), kinds or None.
EXPRESSION_FORMS: tuple[tuple[str, dict[str, Any], tuple[str, ...] | None], ...] = (
    (
        "for expression with if builds 0.0.0.0/0",
        {
            "allow": Block({"protocol": "tcp", "ports": ["22"]}),
            "source_ranges": Expr(
                '[for r in [{ cidr = "0.0.0.0/0", on = true }, { cidr = "10.0.0.0/8", on = false }] : '
                "r.cidr if r.on]",
                ["0.0.0.0/0"],
            ),
        },
        (SSH,),
    ),
    (
        "concat + cidrsubnet give 0.0.0.0/0",
        {
            "allow": Block({"protocol": "tcp", "ports": ["3389"]}),
            "source_ranges": Expr(
                'concat(["10.0.0.0/8"], [cidrsubnet("0.0.0.0/0", 0, 0)])', ["10.0.0.0/8", "0.0.0.0/0"]
            ),
        },
        (RDP,),
    ),
    (
        "ports from split(), protocol from lookup()",
        {
            "allow": Block(
                {
                    "protocol": Expr('lookup({ ssh = "tcp" }, "ssh", "udp")', "tcp"),
                    "ports": Expr('split(",", "22,3389")', ["22", "3389"]),
                }
            ),
            "source_ranges": ["0.0.0.0/0"],
        },
        (SSH, RDP),
    ),
    (
        "disabled = !false && true",
        {
            "allow": Block({"protocol": "tcp", "ports": ["22"]}),
            "source_ranges": ["0.0.0.0/0"],
            "disabled": Expr("!false && true", True),
        },
        None,
    ),
    (
        "for expression filters 0.0.0.0/0 out",
        {
            "allow": Block({"protocol": "tcp", "ports": ["22", "3306"]}),
            "source_ranges": Expr(
                '[for r in ["10.0.0.0/8", "0.0.0.0/0"] : r if r != "0.0.0.0/0"]', ["10.0.0.0/8"]
            ),
        },
        None,
    ),
    (
        "direction by a comparison: EGRESS",
        {
            "direction": Expr('1 + 1 == 2 ? "EGRESS" : "INGRESS"', "EGRESS"),
            "allow": Block({"protocol": "tcp", "ports": ["22"]}),
            "destination_ranges": ["0.0.0.0/0"],
        },
        None,
    ),
)


def gcp_expression_firewall(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    """A firewall rule whose decisive values are expressions: violations and decoys alternate."""
    net = b.rng.choice(ctx["networks"])
    name = b.new_name("fwx")
    label, extra, kinds = EXPRESSION_FORMS[b.seen["gcp-fw-expr"] % len(EXPRESSION_FORMS)]
    b.seen["gcp-fw-expr"] += 1
    attrs: dict[str, Any] = {
        "name": name.replace("_", "-"),
        "project": Ref("var.project", ctx["project"]),
        "network": Ref(f"google_compute_network.{net.name}.name", net.attrs["name"]),
        "direction": "INGRESS",
        "priority": 1000,
        **extra,
    }
    res = m.add("firewall.tf", Res("google_compute_firewall", name, attrs))
    if kinds is None:
        b.corpus.decoy(m, res, FIREWALL_KINDS, f"gcp firewall expression: {label}")
    else:
        b.corpus.violate(m, res, kinds, f"gcp firewall expression: {label}")
    return 1


def gcp_instance(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    sub = b.rng.choice(ctx["subnets"])
    name = b.new_name("vm")
    nic: dict[str, Any] = {"subnetwork": Ref(f"google_compute_subnetwork.{sub.name}.name", sub.attrs["name"])}
    if b.rng.random() < 0.3:
        nic["access_config"] = Block({"network_tier": "PREMIUM"})
    m.add(
        "compute.tf",
        Res(
            "google_compute_instance",
            name,
            {
                "name": name.replace("_", "-"),
                "project": Ref("var.project", ctx["project"]),
                "zone": f"{ctx['region']}-b",
                "machine_type": b.rng.choice(["e2-small", "e2-medium", "n2-standard-2"]),
                "tags": ["web"],
                "boot_disk": Block({"initialize_params": Block({"image": "debian-cloud/debian-12"})}),
                "network_interface": Block(nic),
                "labels": {"env": b.rng.choice(["dev", "prod"]), "team": "platform"},
            },
        ),
    )
    return 1


def gcp_sql(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    net = b.rng.choice(ctx["networks"])
    name = b.new_name("sql")
    settings: dict[str, Any] = {"tier": "db-custom-2-7680", "availability_type": "REGIONAL"}
    res = Res(
        "google_sql_database_instance",
        name,
        {
            "name": name.replace("_", "-"),
            "project": Ref("var.project", ctx["project"]),
            "region": Ref("var.region", ctx["region"]),
            "database_version": b.rng.choice(["POSTGRES_15", "MYSQL_8_0"]),
            "deletion_protection": True,
            "settings": Block(settings),
        },
    )
    private = {
        "ipv4_enabled": False,
        "private_network": Ref(f"google_compute_network.{net.name}.id"),
        "ssl_mode": "ENCRYPTED_ONLY",
    }
    mode = b.bad_or_decoy("gcp_sql", 3)
    if mode == "violation":
        form = b.pick("gcp-sql", ("open", "public-ip", "default-public"))
        if form == "open":
            settings["ip_configuration"] = Block(
                {
                    "ipv4_enabled": True,
                    "authorized_networks": Block({"name": "anywhere", "value": "0.0.0.0/0"}),
                }
            )
            kinds = (*DB_KINDS, DB_OUTSIDE)
            b.corpus.violate(m, m.add("data.tf", res), kinds, "cloud sql: public IP, authorized 0.0.0.0/0")
        elif form == "public-ip":
            settings["ip_configuration"] = Block(
                {
                    "ipv4_enabled": True,
                    "authorized_networks": Block({"name": "office", "value": "203.0.113.0/24"}),
                }
            )
            kinds = (DB_PUBLIC, DB_OUTSIDE)
            b.corpus.violate(m, m.add("data.tf", res), kinds, "cloud sql: public IP, office range")
        else:
            b.corpus.violate(
                m,
                m.add("data.tf", res),
                (DB_PUBLIC, DB_OUTSIDE),
                "cloud sql: no ip_configuration (ipv4_enabled defaults to true)",
                inputs=["hcl"],
            )
        return 1
    settings["ip_configuration"] = Block(private)
    if mode == "decoy":
        b.corpus.decoy(m, m.add("data.tf", res), (*DB_KINDS, DB_OUTSIDE), "cloud sql: private IP only")
    else:
        m.add("data.tf", res)
    return 1


def gcp_bucket(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    name = b.new_name("gcs")
    bucket = Res(
        "google_storage_bucket",
        name,
        {
            "name": f"{ctx['project']}-{name.replace('_', '-')}",
            "project": Ref("var.project", ctx["project"]),
            "location": "EU",
            "uniform_bucket_level_access": True,
            "versioning": Block({"enabled": True}),
        },
    )
    bucket_ref = Ref(f"google_storage_bucket.{name}.name", bucket.attrs["name"])
    m.add("storage.tf", bucket)
    mode = b.bad_or_decoy("gcp_bucket", 4)
    if mode == "violation":
        form = b.pick(
            "gcs", ("iam-allUsers", "acl-publicRead", "iam-allAuthenticated", "acl-publicReadWrite")
        )
        if form.startswith("iam"):
            member = "allUsers" if form == "iam-allUsers" else "allAuthenticatedUsers"
            comp = Res(
                "google_storage_bucket_iam_member",
                f"{name}_public",
                {"bucket": bucket_ref, "role": "roles/storage.objectViewer", "member": member},
            )
            kinds: tuple[str, ...] = (PUBLIC_READ,)
        else:
            bucket.attrs["uniform_bucket_level_access"] = False
            acl = "publicRead" if form == "acl-publicRead" else "publicReadWrite"
            comp = Res(
                "google_storage_bucket_acl", f"{name}_acl", {"bucket": bucket_ref, "predefined_acl": acl}
            )
            kinds = (PUBLIC_READ,) if acl == "publicRead" else (PUBLIC_READ, PUBLIC_WRITE)
        m.add("storage.tf", comp)
        b.corpus.violate(m, bucket, kinds, f"gcs bucket: {form}", also=(comp,))
        return 2
    if mode == "decoy":
        form = b.pick("gcs-decoy", ("iam-group", "acl-private"))
        if form == "iam-group":
            comp = Res(
                "google_storage_bucket_iam_member",
                f"{name}_readers",
                {
                    "bucket": bucket_ref,
                    "role": "roles/storage.objectViewer",
                    "member": "group:data-readers@example.com",
                },
            )
        else:
            bucket.attrs["uniform_bucket_level_access"] = False
            comp = Res(
                "google_storage_bucket_acl",
                f"{name}_acl",
                {"bucket": bucket_ref, "predefined_acl": "private"},
            )
        m.add("storage.tf", comp)
        b.corpus.decoy(m, bucket, BUCKET_KINDS, f"gcs bucket: {form}", also=(comp,))
        return 2
    return 1


def gcp_registry(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    name = b.new_name("repo")
    repo = m.add(
        "registry.tf",
        Res(
            "google_artifact_registry_repository",
            name,
            {
                "project": Ref("var.project", ctx["project"]),
                "location": Ref("var.region", ctx["region"]),
                "repository_id": name.replace("_", "-"),
                "format": "DOCKER",
                "description": "container images",
            },
        ),
    )
    mode = b.bad_or_decoy("gcp_registry", 1)
    if mode == "clean":
        return 1
    member = "allUsers" if mode == "violation" else "serviceAccount:ci@example.iam.gserviceaccount.com"
    comp = m.add(
        "registry.tf",
        Res(
            "google_artifact_registry_repository_iam_member",
            f"{name}_reader",
            {
                "project": Ref("var.project", ctx["project"]),
                "location": Ref("var.region", ctx["region"]),
                "repository": Ref(f"google_artifact_registry_repository.{name}.name"),
                "role": "roles/artifactregistry.reader",
                "member": member,
            },
        ),
    )
    if mode == "violation":
        b.corpus.violate(m, repo, (REPO_PUBLIC,), "artifact registry: allUsers reader", also=(comp,))
    else:
        b.corpus.decoy(m, repo, (REPO_PUBLIC,), "artifact registry: service account reader", also=(comp,))
    return 2


def gcp_iam(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    name = b.new_name("iam")
    mode = b.bad_or_decoy("gcp_iam", 2)
    role = {"violation": "roles/editor", "decoy": "roles/compute.networkViewer"}.get(
        mode, "roles/logging.viewer"
    )
    if mode == "violation" and b.pick("gcp-iam", ("owner", "editor")) == "owner":
        role = "roles/owner"
    res = m.add(
        "iam.tf",
        Res(
            "google_project_iam_member",
            name,
            {
                "project": Ref("var.project", ctx["project"]),
                "role": role,
                "member": f"user:{name}@example.com",
            },
        ),
    )
    if mode == "violation":
        b.corpus.violate(m, res, (PRIMITIVE_ROLE,), f"project iam: {role}")
    elif mode == "decoy":
        b.corpus.decoy(m, res, (PRIMITIVE_ROLE,), f"project iam: {role}")
    return 1


def ali_network(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    vpc = m.add(
        "network.tf",
        Res("alicloud_vpc", b.new_name("vpc"), {"vpc_name": None, "cidr_block": "172.16.0.0/12"}),
    )
    vpc.attrs["vpc_name"] = vpc.name.replace("_", "-")
    for i in range(2):
        vsw = m.add(
            "network.tf",
            Res(
                "alicloud_vswitch",
                b.new_name("vsw"),
                {
                    "vpc_id": Ref(f"alicloud_vpc.{vpc.name}.id"),
                    "cidr_block": f"172.16.{i}.0/24",
                    "zone_id": f"{ctx['region']}-{'hi'[i]}",
                    "vswitch_name": None,
                },
            ),
        )
        vsw.attrs["vswitch_name"] = vsw.name.replace("_", "-")
        ctx.setdefault("vswitches", []).append(vsw)
    sg = m.add(
        "network.tf",
        Res(
            "alicloud_security_group",
            b.new_name("sg"),
            {
                "security_group_name": None,
                "vpc_id": Ref(f"alicloud_vpc.{vpc.name}.id"),
                "description": "app tier",
            },
        ),
    )
    sg.attrs["security_group_name"] = sg.name.replace("_", "-")
    ctx.setdefault("groups", []).append(sg)
    return 4


# Alibaba rule forms: (label, attrs, kinds)
ALI_RULE_FORMS: tuple[tuple[str, dict[str, Any], tuple[str, ...]], ...] = (
    (
        "tcp 22/22 from 0.0.0.0/0",
        {"ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0"},
        (SSH,),
    ),
    (
        "all -1/-1 from 0.0.0.0/0",
        {"ip_protocol": "all", "port_range": "-1/-1", "cidr_ip": "0.0.0.0/0"},
        ALL_OPEN,
    ),
    (
        "tcp 3389/3389 from 0.0.0.0/0",
        {"ip_protocol": "tcp", "port_range": "3389/3389", "cidr_ip": "0.0.0.0/0"},
        (RDP,),
    ),
    ("tcp 22/22 from ::/0", {"ip_protocol": "tcp", "port_range": "22/22", "ipv6_cidr_ip": "::/0"}, (SSH,)),
    (
        "tcp 1/65535 from 0.0.0.0/0",
        {"ip_protocol": "tcp", "port_range": "1/65535", "cidr_ip": "0.0.0.0/0"},
        ALL_OPEN,
    ),
    (
        "tcp 3306/3306 from 0.0.0.0/0",
        {"ip_protocol": "tcp", "port_range": "3306/3306", "cidr_ip": "0.0.0.0/0"},
        (DBPORT,),
    ),
    (
        "tcp 6379/6379 from ::/0",
        {"ip_protocol": "tcp", "port_range": "6379/6379", "ipv6_cidr_ip": "::/0"},
        (DBPORT,),
    ),
    (
        "tcp 3389/3389 from ::/0",
        {"ip_protocol": "tcp", "port_range": "3389/3389", "ipv6_cidr_ip": "::/0"},
        (RDP,),
    ),
)


def ali_rule(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    sg = b.rng.choice(ctx["groups"])
    attrs: dict[str, Any] = {
        "type": "ingress",
        "nic_type": "intranet",
        "policy": "accept",
        "priority": 1,
        "security_group_id": Ref(f"alicloud_security_group.{sg.name}.id"),
    }
    res = Res("alicloud_security_group_rule", b.new_name("rule"), attrs)
    mode = b.bad_or_decoy("ali-rule", len(ALI_RULE_FORMS))
    if mode == "violation":
        label, form, kinds = next(b.ali_rule_forms)
        attrs.update(form)
        b.corpus.violate(m, m.add("security.tf", res), kinds, f"alicloud rule: {label}")
        return 1
    if mode == "decoy":
        form = b.pick("ali-decoy", ("drop", "egress", "udp/22", "https", "private-source", "drop-ipv6"))
        if form == "drop":
            attrs.update(
                {"policy": "drop", "ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0"}
            )
        elif form == "drop-ipv6":
            attrs.update(
                {"policy": "drop", "ip_protocol": "all", "port_range": "-1/-1", "ipv6_cidr_ip": "::/0"}
            )
        elif form == "egress":
            attrs.update(
                {"type": "egress", "ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0"}
            )
        elif form == "udp/22":
            attrs.update({"ip_protocol": "udp", "port_range": "22/22", "cidr_ip": "0.0.0.0/0"})
        elif form == "https":
            attrs.update({"ip_protocol": "tcp", "port_range": "443/443", "cidr_ip": "0.0.0.0/0"})
        else:
            attrs.update({"ip_protocol": "tcp", "port_range": "22/22", "cidr_ip": "192.168.0.0/16"})
        b.corpus.decoy(m, m.add("security.tf", res), FIREWALL_KINDS, f"alicloud rule: {form}")
        return 1
    attrs.update({"ip_protocol": "tcp", "port_range": "8080/8080", "cidr_ip": "172.16.0.0/12"})
    m.add("security.tf", res)
    return 1


def ali_instance(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    vsw = b.rng.choice(ctx["vswitches"])
    sg = b.rng.choice(ctx["groups"])
    name = b.new_name("ecs")
    m.add(
        "compute.tf",
        Res(
            "alicloud_instance",
            name,
            {
                "instance_name": name.replace("_", "-"),
                "image_id": "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
                "instance_type": b.rng.choice(["ecs.g7.large", "ecs.c7.xlarge", "ecs.t6-c1m2.large"]),
                "vswitch_id": Ref(f"alicloud_vswitch.{vsw.name}.id"),
                "security_groups": [Ref(f"alicloud_security_group.{sg.name}.id")],
                "internet_max_bandwidth_out": b.rng.choice([0, 0, 5]),
                "tags": {"env": b.rng.choice(["dev", "prod"]), "team": "platform"},
            },
        ),
    )
    return 1


def ali_rds(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    vsw = b.rng.choice(ctx["vswitches"])
    name = b.new_name("rds")
    attrs: dict[str, Any] = {
        "engine": "MySQL",
        "engine_version": "8.0",
        "instance_type": "mysql.n2.medium.1",
        "instance_storage": 20,
        "instance_charge_type": "Postpaid",
        "db_instance_storage_type": "cloud_essd",
        "instance_name": name.replace("_", "-"),
        "vswitch_id": Ref(f"alicloud_vswitch.{vsw.name}.id"),
        "security_ips": ["172.16.0.0/12"],
    }
    res = m.add("data.tf", Res("alicloud_db_instance", name, attrs))
    mode = b.bad_or_decoy("ali_rds", 3)
    if mode == "violation":
        form = b.pick("rds", ("public-open", "whitelist-open", "public-office"))
        comp = ()
        if form in ("public-open", "public-office"):
            comp = (
                m.add(
                    "data.tf",
                    Res(
                        "alicloud_db_connection",
                        f"{name}_public",
                        {
                            "instance_id": Ref(f"alicloud_db_instance.{name}.id"),
                            "connection_prefix": name.replace("_", "-") + "-pub",
                            "port": "3306",
                        },
                    ),
                ),
            )
        if form == "public-office":
            attrs["security_ips"] = ["203.0.113.0/24"]
            kinds: tuple[str, ...] = (DB_PUBLIC,)
        else:
            attrs["security_ips"] = ["0.0.0.0/0"]
            kinds = DB_KINDS if form == "public-open" else (DB_ALL_NETWORKS,)
        b.corpus.violate(m, res, kinds, f"rds: {form}", also=comp)
        return 1 + len(comp)
    if mode == "decoy":
        b.corpus.decoy(m, res, DB_KINDS, "rds: private whitelist, no public connection")
    return 1


def ali_oss(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    name = b.new_name("oss")
    bucket = Res("alicloud_oss_bucket", name, {"bucket": f"{ctx['project']}-{name.replace('_', '-')}"})
    bucket.attrs["storage_class"] = "Standard"
    bucket.attrs["versioning"] = Block({"status": "Enabled"})
    m.add("storage.tf", bucket)
    ref = Ref(f"alicloud_oss_bucket.{name}.bucket", bucket.attrs["bucket"])
    mode = b.bad_or_decoy("ali_oss", 3)
    extra: list[Res] = []
    if mode == "violation":
        form = b.pick("oss", ("acl-resource-public-read", "no-encryption", "inline-acl-public-read-write"))
        kinds: tuple[str, ...]
        if form == "acl-resource-public-read":
            extra.append(Res("alicloud_oss_bucket_acl", f"{name}_acl", {"bucket": ref, "acl": "public-read"}))
            bucket.attrs["server_side_encryption_rule"] = Block({"sse_algorithm": "AES256"})
            kinds = (PUBLIC_READ,)
        elif form == "no-encryption":
            extra.append(Res("alicloud_oss_bucket_acl", f"{name}_acl", {"bucket": ref, "acl": "private"}))
            kinds = (UNENCRYPTED,)
        else:
            bucket.attrs["acl"] = "public-read-write"
            kinds = (PUBLIC_READ, PUBLIC_WRITE, UNENCRYPTED)
        for r in extra:
            m.add("storage.tf", r)
        b.corpus.violate(m, bucket, kinds, f"oss bucket: {form}", also=tuple(extra))
        return 1 + len(extra)
    if mode == "decoy":
        form = b.pick("oss-decoy", ("sse-resource-aes256", "sse-resource-kms"))
        sse: dict[str, Any] = {"bucket": ref, "sse_algorithm": "AES256"}
        if form == "sse-resource-kms":
            sse = {
                "bucket": ref,
                "sse_algorithm": "KMS",
                "kms_master_key_id": "0e5b2c3a-1111-2222-3333-444455556666",
            }
        extra.append(Res("alicloud_oss_bucket_acl", f"{name}_acl", {"bucket": ref, "acl": "private"}))
        extra.append(Res("alicloud_oss_bucket_server_side_encryption", f"{name}_sse", sse))
        for r in extra:
            m.add("storage.tf", r)
        b.corpus.decoy(m, bucket, BUCKET_KINDS, f"oss bucket: private ACL + {form}", also=tuple(extra))
        return 3
    bucket.attrs["server_side_encryption_rule"] = Block({"sse_algorithm": "KMS"})
    extra.append(Res("alicloud_oss_bucket_acl", f"{name}_acl", {"bucket": ref, "acl": "private"}))
    m.add("storage.tf", extra[0])
    return 2


def ali_registry(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    added = 0
    if "cr" not in ctx:
        inst = m.add(
            "registry.tf",
            Res(
                "alicloud_cr_ee_instance",
                b.new_name("cr"),
                {
                    "payment_type": "Subscription",
                    "period": 1,
                    "renew_period": 0,
                    "renewal_status": "ManualRenewal",
                    "instance_type": "Advanced",
                    "instance_name": ctx["project"] + "-registry",
                },
            ),
        )
        ns = m.add(
            "registry.tf",
            Res(
                "alicloud_cr_ee_namespace",
                b.new_name("crns"),
                {
                    "instance_id": Ref(f"alicloud_cr_ee_instance.{inst.name}.id"),
                    "name": "apps",
                    "auto_create": False,
                    "default_visibility": "PRIVATE",
                },
            ),
        )
        ctx["cr"] = (inst, ns)
        added = 2
    inst, ns = ctx["cr"]
    name = b.new_name("crrepo")
    mode = b.bad_or_decoy("ali_registry", 1)
    res = m.add(
        "registry.tf",
        Res(
            "alicloud_cr_ee_repo",
            name,
            {
                "instance_id": Ref(f"alicloud_cr_ee_instance.{inst.name}.id"),
                "namespace": Ref(f"alicloud_cr_ee_namespace.{ns.name}.name", "apps"),
                "name": name.replace("_", "-"),
                "summary": "service image",
                "repo_type": "PUBLIC" if mode == "violation" else "PRIVATE",
            },
        ),
    )
    if mode == "violation":
        b.corpus.violate(m, res, (REPO_PUBLIC,), "acr ee repo: repo_type PUBLIC")
    elif mode == "decoy":
        b.corpus.decoy(m, res, (REPO_PUBLIC,), "acr ee repo: repo_type PRIVATE")
    return added + 1


def ali_password_policy(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    """One account-wide RAM password policy, weak (minimum length 8), in the first Alibaba module."""
    pol = m.add(
        "iam.tf",
        Res(
            "alicloud_ram_account_password_policy",
            "corporate",
            {
                "minimum_password_length": 8,
                "require_lowercase_characters": True,
                "require_uppercase_characters": True,
                "require_numbers": True,
                "require_symbols": False,
                "max_password_age": 90,
                "password_reuse_prevention": 5,
                "max_login_attempts": 5,
            },
        ),
    )
    b.corpus.violate(m, pol, (PASSWORD_LENGTH,), "ram password policy: minimum length 8")
    return 1


def ali_ram(b: Builder, m: Module, ctx: dict[str, Any]) -> int:
    added = 0
    name = b.new_name("user")
    user = m.add("iam.tf", Res("alicloud_ram_user", name, {"name": name.replace("_", "-"), "force": True}))
    mode = b.bad_or_decoy("ali_ram", 1)
    if mode == "clean":
        return added + 1
    profile = m.add(
        "iam.tf",
        Res(
            "alicloud_ram_login_profile",
            f"{name}_login",
            {
                "user_name": Ref(f"alicloud_ram_user.{name}.name", user.attrs["name"]),
                "password": Ref("var.initial_password", "Change-me-0n-first-login!"),
                "password_reset_required": True,
                "mfa_bind_required": mode != "violation",
            },
            sensitive=("password",),
        ),
    )
    if mode == "violation":
        b.corpus.violate(
            m, user, (NO_MFA,), "ram user: console login, mfa_bind_required false", also=(profile,)
        )
    else:
        b.corpus.decoy(m, user, (NO_MFA,), "ram user: console login with mfa_bind_required", also=(profile,))
    return added + 2


Unit = Callable[[Builder, Module, dict[str, Any]], int]
GCP_UNITS: tuple[tuple[Unit, float], ...] = (
    (gcp_firewall, 0.36),
    (gcp_expression_firewall, 0.04),
    (gcp_instance, 0.22),
    (gcp_bucket, 0.12),
    (gcp_sql, 0.07),
    (gcp_registry, 0.06),
    (gcp_iam, 0.07),
    (gcp_network, 0.06),
)
ALI_UNITS: tuple[tuple[Unit, float], ...] = (
    (ali_rule, 0.40),
    (ali_instance, 0.20),
    (ali_oss, 0.12),
    (ali_rds, 0.07),
    (ali_registry, 0.06),
    (ali_ram, 0.09),
    (ali_network, 0.06),
)


def build(total: int, seed: int) -> Corpus:
    """Fill ``total`` resources into alternating google / alicloud modules of ~250 resources."""
    corpus = Corpus()
    b = Builder(corpus, seed)
    n_modules = max(2, round(total / RESOURCES_PER_MODULE))
    n_modules += n_modules % 2
    left = total
    for i in range(n_modules):
        share = left // (n_modules - i)
        left -= share
        provider = "google" if i % 2 == 0 else "alicloud"
        m = Module(f"{'gcp' if provider == 'google' else 'alicloud'}_{i:02d}", provider)
        corpus.modules.append(m)
        ctx: dict[str, Any] = {
            "project": f"acme-{i:02d}",
            "region": "europe-west1" if provider == "google" else "cn-hangzhou",
        }
        units = GCP_UNITS if provider == "google" else ALI_UNITS
        made = (gcp_network if provider == "google" else ali_network)(b, m, ctx)
        if i == 1:
            made += ali_password_policy(b, m, ctx)
        funcs = [u for u, _ in units]
        weights = [w for _, w in units]
        while made < share:
            unit = b.rng.choices(funcs, weights)[0]
            if share - made < 4:  # finish the module with single, clean resources
                unit = gcp_instance if provider == "google" else ali_instance
            made += unit(b, m, ctx)
        corpus.count += made
    return corpus


# ---------------------------------------------------------------- HCL rendering


def hcl_value(value: Any) -> str:
    if isinstance(value, Ref | Expr):
        return value.expr
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(hcl_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {hcl_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot render {value!r}")


def hcl_body(attrs: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    width = max((len(k) for k, v in attrs.items() if not isinstance(v, Block)), default=0)
    for key, value in attrs.items():
        if isinstance(value, Block):
            lines.append(f"{indent}{key} {{")
            lines.extend(hcl_body(value.attrs, indent + "  "))
            lines.append(f"{indent}}}")
        elif value is not None:
            lines.append(f"{indent}{key.ljust(width)} = {hcl_value(value)}")
    return lines


def render_resource(res: Res) -> str:
    return "\n".join([f'resource "{res.type}" "{res.name}" {{', *hcl_body(res.attrs, "  "), "}", ""])


def module_variables(provider: str) -> str:
    if provider == "google":
        return (
            'variable "project" {\n  type = string\n}\n\n'
            'variable "region" {\n  type    = string\n  default = "europe-west1"\n}\n'
        )
    return (
        'variable "project" {\n  type = string\n}\n\n'
        'variable "region" {\n  type    = string\n  default = "cn-hangzhou"\n}\n\n'
        'variable "initial_password" {\n  type      = string\n  sensitive = true\n'
        '  default   = "Change-me-0n-first-login!"\n}\n'
    )


REQUIRED_PROVIDER = (
    'terraform {{\n  required_providers {{\n    {0} = {{\n      source = "{1}"\n    }}\n  }}\n}}\n'
)
REQUIRED = {
    "google": REQUIRED_PROVIDER.format("google", "hashicorp/google"),
    "alicloud": REQUIRED_PROVIDER.format("alicloud", "aliyun/alicloud"),
}


def write_hcl(corpus: Corpus, root: Path) -> None:
    root.mkdir(parents=True)
    (root / "providers.tf").write_text(
        "terraform {\n  required_providers {\n"
        '    google = {\n      source  = "hashicorp/google"\n      version = ">= 5.0"\n    }\n'
        '    alicloud = {\n      source  = "aliyun/alicloud"\n      version = ">= 1.222.0"\n    }\n'
        "  }\n}\n\n"
        'provider "google" {\n  region = "europe-west1"\n}\n\n'
        'provider "alicloud" {\n  region = "cn-hangzhou"\n}\n'
    )
    (root / "variables.tf").write_text('variable "org" {\n  type    = string\n  default = "acme"\n}\n')
    calls = []
    for m in corpus.modules:
        src = m.name.replace("_", "-")
        project = m.name.split("_")[1]
        calls.append(
            f'module "{m.name}" {{\n  source  = "./modules/{src}"\n  project = "${{var.org}}-{project}"\n}}\n'
        )
        mdir = root / "modules" / src
        mdir.mkdir(parents=True)
        (mdir / "variables.tf").write_text(module_variables(m.provider))
        (mdir / "versions.tf").write_text(REQUIRED[m.provider])
        for file, items in m.files.items():
            (mdir / file).write_text("\n".join(render_resource(r) for r in items))
    (root / "main.tf").write_text("\n".join(calls))


# ---------------------------------------------------------------- plan JSON rendering


def plan_values(attrs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Values as ``terraform show -json`` writes them, and the matching ``after_unknown`` tree."""
    values: dict[str, Any] = {}
    unknown: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        v, u = plan_value(value)
        values[key] = v
        if u is not None:
            unknown[key] = u
    return values, unknown


def plan_value(value: Any) -> tuple[Any, Any]:
    if isinstance(value, Expr):
        return value.known, None
    if isinstance(value, Ref):
        return (value.known, None) if value.known is not None else (None, True)
    if isinstance(value, Block):  # nested blocks are lists of objects in the JSON format
        v, u = plan_values(value.attrs)
        return [v], ([u] if u else None)
    if isinstance(value, list):
        pairs = [plan_value(x) for x in value]
        unknown = [u if u is not None else False for _, u in pairs]
        return [v for v, _ in pairs], (unknown if any(unknown) else None)
    return value, None


def config_expressions(attrs: dict[str, Any]) -> dict[str, Any]:
    """The ``configuration`` section: constant values and the references each expression makes."""
    out: dict[str, Any] = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, Block):
            out[key] = [config_expressions(value.attrs)]
        else:
            refs = references(value)
            constant = value.known if isinstance(value, Expr) else value
            out[key] = {"references": refs} if refs else {"constant_value": constant}
    return out


def references(value: Any) -> list[str]:
    if isinstance(value, Ref):
        parts = value.expr.split(".")
        if parts[0] == "var":
            return [value.expr]
        return [value.expr, ".".join(parts[:2])]
    if isinstance(value, list):
        return [r for v in value for r in references(v)]
    return []


def plan_document(corpus: Corpus) -> dict[str, Any]:
    child_modules = []
    changes = []
    module_calls = {}
    for m in corpus.modules:
        provider_name = GOOGLE if m.provider == "google" else ALICLOUD
        planned = []
        config_resources = []
        for res in m.resources():
            values, unknown = plan_values(res.attrs)
            unknown["id"] = True
            sensitive = dict.fromkeys(res.sensitive, True)
            address = corpus.address(m, res)
            planned.append(
                {
                    "address": address,
                    "mode": "managed",
                    "type": res.type,
                    "name": res.name,
                    "provider_name": provider_name,
                    "schema_version": 0,
                    "values": values,
                    "sensitive_values": sensitive,
                }
            )
            changes.append(
                {
                    "address": address,
                    "module_address": f"module.{m.name}",
                    "mode": "managed",
                    "type": res.type,
                    "name": res.name,
                    "provider_name": provider_name,
                    "change": {
                        "actions": ["create"],
                        "before": None,
                        "after": values,
                        "after_unknown": unknown,
                        "before_sensitive": False,
                        "after_sensitive": sensitive,
                    },
                }
            )
            config_resources.append(
                {
                    "address": res.key,
                    "mode": "managed",
                    "type": res.type,
                    "name": res.name,
                    "provider_config_key": m.provider,
                    "expressions": config_expressions(res.attrs),
                    "schema_version": 0,
                }
            )
        child_modules.append({"resources": planned, "address": f"module.{m.name}"})
        module_calls[m.name] = {
            "source": f"./modules/{m.name.replace('_', '-')}",
            "expressions": {"project": {"references": ["var.org"]}},
            "module": {
                "resources": config_resources,
                "variables": {
                    "project": {},
                    "region": {"default": "europe-west1" if m.provider == "google" else "cn-hangzhou"},
                },
            },
        }
    return {
        "format_version": "1.2",
        "terraform_version": TERRAFORM_VERSION,
        "variables": {"org": {"value": "acme"}},
        "planned_values": {"root_module": {"child_modules": child_modules}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {
                "google": {
                    "name": "google",
                    "full_name": GOOGLE,
                    "version_constraint": ">= 5.0",
                    "expressions": {"region": {"constant_value": "europe-west1"}},
                },
                "alicloud": {
                    "name": "alicloud",
                    "full_name": ALICLOUD,
                    "version_constraint": ">= 1.222.0",
                    "expressions": {"region": {"constant_value": "cn-hangzhou"}},
                },
            },
            "root_module": {
                "module_calls": module_calls,
                "variables": {"org": {"default": "acme"}},
            },
        },
        "applyable": True,
        "complete": True,
        "errored": False,
    }


# ---------------------------------------------------------------- entry points


def generate(total: int, seed: int, out: Path) -> Path:
    """Write ``OUT/terraform-N-seedS/{hcl/,plan.json,manifest.json}`` and return that directory."""
    corpus = build(total, seed)
    target = out / f"terraform-{total}-seed{seed}"
    if target.exists():
        shutil.rmtree(target)
    write_hcl(corpus, target / "hcl")
    (target / "plan.json").write_text(json.dumps(plan_document(corpus), indent=1) + "\n")
    types = Counter(r.type for m in corpus.modules for r in m.resources())
    manifest = {
        "resources": corpus.count,
        "seed": seed,
        "tracked_kinds": list(TRACKED_KINDS),
        "counts": {
            "violations": len(corpus.violations),
            "violations_by_kind": dict(sorted(Counter(v["kind"] for v in corpus.violations).items())),
            "decoys": len(corpus.decoys),
            "resource_types": dict(sorted(types.items())),
        },
        "violations": corpus.violations,
        "decoys": corpus.decoys,
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    target = generate(args.resources, args.seed, args.out)
    manifest = json.loads((target / "manifest.json").read_text())
    print(
        f"{target}: {manifest['resources']} resources, "
        f"{manifest['counts']['violations']} planted violations, {manifest['counts']['decoys']} decoys"
    )


if __name__ == "__main__":
    main()
