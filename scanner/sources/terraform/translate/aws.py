"""AWS (``aws_*``) resource types -> inventory records.

Defaults where the configuration is silent come from the provider docs or the AWS
API reference (cited beside the code); values known only after apply are named in
the record's ``unknown`` set.

Derived facts, computed here once:

* **Subnet** ``routes_to_internet``: the subnet's route table (the one an
  ``aws_route_table_association`` gives it, else the VPC's main table set with
  ``aws_main_route_table_association`` / ``aws_default_route_table``) has a
  ``0.0.0.0/0`` or ``::/0`` route (inline ``route`` block or ``aws_route``) whose
  ``gateway_id`` is an ``aws_internet_gateway`` or a literal ``igw-...``. NAT
  gateways and egress-only gateways are outbound only. A route whose gateway is
  unknown before apply makes the value unknown, unless another route decides it.
* **S3 bucket** ``public_read``/``public_write`` combine the ACL (``aws_s3_bucket_acl``
  canned ACL or AllUsers/AuthenticatedUsers grants, or the legacy inline ``acl``)
  and the bucket policy (an ``Allow`` for principal ``*`` without condition), and
  are cancelled by the code's own ``aws_s3_bucket_public_access_block``
  (``ignore_public_acls``/``block_public_acls`` for ACLs,
  ``restrict_public_buckets``/``block_public_policy`` for policies). Code states
  intent: S3 turns Block Public Access on for new buckets since April 2023, so a
  public grant in code only applies with the block off, and the bucket is then
  reported public and ``public_access_blocked`` false.
* **S3 encryption**: without an encryption configuration the bucket is ``provider``
  encrypted: "Amazon S3 now applies server-side encryption with Amazon S3 managed
  keys (SSE-S3) as the base level of encryption for every bucket" since
  January 5, 2023 (S3 User Guide, UsingServerSideEncryption).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    AccessKey,
    Bucket,
    Database,
    FirewallRule,
    IamBinding,
    IamPrincipal,
    Instance,
    Network,
    PasswordPolicy,
    Repository,
    Resource,
    Subnet,
)
from scanner.providers.alibaba.translate.iam import grants_everything
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    ALL_PORTS,
    Fields,
    as_bool,
    known_list,
    policy_document,
    port_range,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext, Translator

PROVIDER = "aws"
DEFAULT_ROUTES = ("0.0.0.0/0", "::/0")
ADMIN_POLICY_ARNS = frozenset({"arn:aws:iam::aws:policy/AdministratorAccess"})
PROTOCOLS = {"-1": "all", "all": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)
S3_READ = ("s3:*", "s3:getobject", "*", "s3:listbucket")
S3_WRITE = ("s3:*", "s3:putobject", "s3:deleteobject", "*")
ECR_PULL = ("ecr:*", "*", "ecr:batchgetimage", "ecr:getdownloadurlforlayer")
ECR_PUSH = ("ecr:*", "*", "ecr:putimage", "ecr:initiatelayerupload", "ecr:uploadlayerpart")


# ---------------------------------------------------------------- helpers


def _common(ctx: TfContext) -> dict[str, Any]:
    return {"provider": PROVIDER, "account": None, "region": ctx.providers.get("aws", "region")}


def _as_list(val: Any) -> list[Any]:
    if val is None:
        return []
    return list(val) if isinstance(val, list | tuple) else [val]


def _principals(statement: dict[str, Any]) -> list[str]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        return [str(p) for v in principal.values() for p in _as_list(v)]
    return [str(p) for p in _as_list(principal)]


def _open_statements(doc: Any, actions: tuple[str, ...]) -> bool:
    """An ``Allow`` for everyone (``*``) on one of ``actions`` without condition."""
    if not isinstance(doc, dict):
        return False
    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and "*" in _principals(s)
        and not s.get("Condition")
        and any(str(a).lower() in actions for a in _as_list(s.get("Action")))
        for s in _as_list(doc.get("Statement"))
    )


def _grantees(doc: Any, actions: tuple[str, ...]) -> list[str]:
    if not isinstance(doc, dict):
        return []
    return [
        p
        for s in _as_list(doc.get("Statement"))
        if isinstance(s, dict) and s.get("Effect") == "Allow"
        if any(str(a).lower() in actions for a in _as_list(s.get("Action")))
        for p in _principals(s)
    ]


def _one(ctx: TfContext, res: TfResource, companion: str, via: str) -> TfResource | None:
    found = ctx.companions(res.address, companion, via=via)
    return found[0] if found else None


def _name(ctx: TfContext, val: Any) -> Any:
    """The ``name`` of a referenced resource, or the literal."""
    target = ctx.target(val)
    if target is not None:
        res = ctx.get(target)
        found = res.get("name") if res is not None else None
        return found if isinstance(found, str) else UNKNOWN
    return val


# ---------------------------------------------------------------- network


def vpc(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    cidrs = [res.get("cidr_block"), res.get("ipv6_cidr_block")]
    if any(is_unknown(c) for c in cidrs):
        f.mark_unknown("cidrs")
    f.set("cidrs", tuple(c for c in cidrs if isinstance(c, str) and c))
    f.set("is_default", False)  # aws_vpc creates a new VPC; the default VPC is aws_default_vpc
    f.set("auto_subnets", False)
    f.set("flow_logs", bool(ctx.companions(res.address, "aws_flow_log", via="vpc_id")))
    yield record(Network, res, **_common(ctx), fields=f, tags=res.get("tags"))


def _main_table(ctx: TfContext, vpc_address: str | None) -> str | None:
    if vpc_address is None:
        return None
    for assoc in ctx.companions(vpc_address, "aws_main_route_table_association", via="vpc_id"):
        return reference(ctx, assoc.get("route_table_id"), "aws_route_table")
    for table in ctx.of_type("aws_default_route_table"):
        ref = table.get("default_route_table_id")
        if isinstance(ref, Ref) and ref.address == vpc_address:
            return table.address
    return None


def _routes(ctx: TfContext, table: str) -> list[dict[str, Any]]:
    res = ctx.get(table)
    routes = [dict(r) for r in res.blocks("route")] if res is not None else []
    for route in ctx.companions(table, "aws_route", via="route_table_id"):
        routes.append(
            {
                "cidr_block": route.get("destination_cidr_block"),
                "ipv6_cidr_block": route.get("destination_ipv6_cidr_block"),
                "gateway_id": route.get("gateway_id"),
                "address": route.address,
            }
        )
    return routes


def _internet_route(ctx: TfContext, route: dict[str, Any]) -> Any:
    """True / False / ``UNKNOWN``: a default route to an internet gateway."""
    destinations = [route.get("cidr_block"), route.get("ipv6_cidr_block")]
    if not any(d in DEFAULT_ROUTES for d in destinations):
        return UNKNOWN if any(is_unknown(d) for d in destinations) else False
    gateway = route.get("gateway_id")
    if isinstance(gateway, Ref):
        target = ctx.get(gateway.address)
        if target is None:
            return UNKNOWN
        return target.type == "aws_internet_gateway"
    if is_unknown(gateway):
        return UNKNOWN
    return isinstance(gateway, str) and gateway.startswith("igw-")


def subnet(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("cidr", res.get("cidr_block"))
    vpc_address = reference(ctx, res.get("vpc_id"), "aws_vpc")
    assoc = _one(ctx, res, "aws_route_table_association", "subnet_id")
    table = (
        reference(ctx, assoc.get("route_table_id"), "aws_route_table")
        if assoc
        else _main_table(ctx, vpc_address)
    )
    verdicts = [_internet_route(ctx, r) for r in _routes(ctx, table)] if table else []
    if any(v is True for v in verdicts):
        f.set("routes_to_internet", True)
    elif any(v is UNKNOWN for v in verdicts) or (assoc is not None and table is None):
        f.mark_unknown("routes_to_internet")
    else:
        f.set("routes_to_internet", False)
    # map_public_ip_on_launch: "Default is `false`" (aws_subnet docs).
    public_ip = as_bool(value(res, "map_public_ip_on_launch", False))
    yield record(
        Subnet,
        res,
        **_common(ctx),
        fields=f,
        relations={"network": [vpc_address]},
        tags=res.get("tags"),
        extra_native={
            "route_table": table,
            "map_public_ip_on_launch": None if is_unknown(public_ip) else public_ip,
        },
    )


# ---------------------------------------------------------------- security groups


def _rule(
    res: TfResource,
    ctx: TfContext,
    *,
    direction: Any,
    rule: dict[str, Any],
    group: str | None,
    suffix: str = "",
    v2: bool = False,
) -> FirewallRule:
    """One permission; ``v2`` is the ``aws_vpc_security_group_*_rule`` shape (one source each)."""
    f = Fields()
    if is_unknown(direction) or direction not in ("ingress", "egress"):
        f.mark_unknown("direction")
        direction = "ingress"
    f.set("direction", direction)
    f.set("action", "allow")  # security groups only allow
    raw = rule.get("ip_protocol" if v2 else "protocol")
    low, high = rule.get("from_port"), rule.get("to_port")
    if is_unknown(raw) or raw is None:
        f.mark_unknown("protocol").mark_unknown("ports")
    else:
        protocol = PROTOCOLS.get(str(raw).lower(), str(raw).lower())
        f.set("protocol", protocol)
        if protocol == "all":
            f.set("ports", ALL_PORTS)  # protocol -1: every protocol and port, from/to ignored
        elif protocol in ("icmp", "icmpv6"):
            f.set("ports", ())
        elif is_unknown(low) or is_unknown(high):
            f.mark_unknown("ports")
        elif low is None and high is None:
            f.set("ports", ALL_PORTS)  # tcp/udp without ports (v2 rules) = every port
        else:
            f.set("ports", (port_range(low if low is not None else high, high),))
    side = "source_ranges" if direction == "ingress" else "destination_ranges"
    keys = ("cidr_ipv4", "cidr_ipv6") if v2 else ("cidr_blocks", "ipv6_cidr_blocks")
    ranges = [r for k in keys for r in _as_list(rule.get(k))]
    if any(is_unknown(r) for r in ranges) or any(is_unknown(rule.get(k)) for k in keys):
        f.mark_unknown(side)
    known = tuple(r for r in ranges if isinstance(r, str) and r)
    f.set(side, known)
    group_keys = ("referenced_security_group_id",) if v2 else ("security_groups", "source_security_group_id")
    peers = [p for k in group_keys for p in _as_list(rule.get(k))]
    if as_bool(rule.get("self")) is True and group:
        peers.append(group)
    if any(is_unknown(p) and not isinstance(p, Ref) for p in peers):
        f.mark_unknown("source_groups")
    f.set("source_groups", tuple(p for p in (reference(ctx, p, "aws_security_group") for p in peers) if p))
    prefix = rule.get("prefix_list_id" if v2 else "prefix_list_ids")
    if prefix and not known and not peers:
        f.mark_unknown(side)  # a prefix list's entries are not part of this resource
    f.set("group", group)
    f.set("targets", (group,) if group else ())
    sg = ctx.get(group) if group else None
    network = reference(ctx, sg.get("vpc_id"), "aws_vpc") if sg is not None else None
    return record(
        FirewallRule,
        res,
        **_common(ctx),
        fields=f,
        suffix=suffix,
        relations={"network": [network]},
        extra_native={"rule": {k: v for k, v in rule.items() if not has_unknown(v)}} if suffix else None,
    )


def security_group(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Inline ``ingress``/``egress`` blocks. Terraform removes AWS's default allow-all egress
    rule from groups it creates (aws_security_group docs), so none is invented here."""
    for direction in ("ingress", "egress"):
        for index, block in enumerate(res.blocks(direction)):
            yield _rule(
                res, ctx, direction=direction, rule=block, group=res.address, suffix=f"{direction}-{index}"
            )


def security_group_rule(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    group = reference(ctx, res.get("security_group_id"), "aws_security_group")
    yield _rule(res, ctx, direction=res.get("type"), rule=res.values, group=group)


def _vpc_rule(direction: str) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        group = reference(ctx, res.get("security_group_id"), "aws_security_group")
        yield _rule(res, ctx, direction=direction, rule=res.values, group=group, v2=True)

    return translate


# ---------------------------------------------------------------- compute


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    subnet_address = reference(ctx, res.get("subnet_id"), "aws_subnet")
    sub = ctx.get(subnet_address) if subnet_address else None
    # associate_public_ip_address: when unset, the subnet's map_public_ip_on_launch decides (default false).
    public = as_bool(res.get("associate_public_ip_address"))
    if public is None and sub is not None:
        public = as_bool(value(sub, "map_public_ip_on_launch", False))
    if public is True or ctx.companions(res.address, "aws_eip", via="instance"):
        f.set("public_ips", ("assigned",))  # assigned; the address is known only after apply
    elif is_unknown(public):
        f.mark_unknown("public_ips")
    private = res.get("private_ip")
    f.set("private_ips", (private,) if isinstance(private, str) and private else None)
    groups = _as_list(res.get("vpc_security_group_ids")) + _as_list(res.get("security_groups"))
    if is_unknown(res.get("vpc_security_group_ids")) or any(
        is_unknown(g) and not isinstance(g, Ref) for g in groups
    ):
        f.mark_unknown("security_groups")
    f.set("security_groups", tuple(g for g in (reference(ctx, g, "aws_security_group") for g in groups) if g))
    network = reference(ctx, sub.get("vpc_id"), "aws_vpc") if sub is not None else None
    yield record(
        Instance,
        res,
        **_common(ctx),
        fields=f,
        relations={"subnet": [subnet_address], "network": [network]},
        tags=res.get("tags"),
    )


# ---------------------------------------------------------------- RDS


def db_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Defaults from the aws_db_instance docs: ``publicly_accessible`` "Default is `false`",
    ``storage_encrypted`` "The default is `false` if not specified"."""
    f = Fields()
    f.set("engine", res.get("engine"), lambda e: str(e).lower())
    f.set("engine_version", res.get("engine_version"), str)
    f.set("public_endpoint", as_bool(value(res, "publicly_accessible", False)))
    f.set("encrypted", as_bool(value(res, "storage_encrypted", False)))
    retention = res.get("backup_retention_period")
    f.set("backups", retention, lambda r: int(r) > 0)
    group_name = res.get("db_subnet_group_name")
    group = ctx.target(group_name, "aws_db_subnet_group")
    if group is None and isinstance(group_name, str):
        group = next(
            (g.address for g in ctx.of_type("aws_db_subnet_group") if g.get("name") == group_name), None
        )
    subnets: list[str | None] = []
    network = None
    if group is not None and (sg := ctx.get(group)) is not None:
        subnets = [
            reference(ctx, s, "aws_subnet")
            for s in known_list(sg.get("subnet_ids")) + _refs(sg.get("subnet_ids"))
        ]
        first = ctx.get(subnets[0]) if subnets and subnets[0] else None
        network = reference(ctx, first.get("vpc_id"), "aws_vpc") if first is not None else None
    yield record(
        Database,
        res,
        **_common(ctx),
        name=res.get("identifier"),
        fields=f,
        relations={"subnet": subnets, "network": [network]},
        tags=res.get("tags"),
    )


def _refs(val: Any) -> list[Ref]:
    return [v for v in _as_list(val) if isinstance(v, Ref)]


# ---------------------------------------------------------------- S3


def _acl_public(ctx: TfContext, res: TfResource) -> tuple[Any, Any]:
    """(read, write) granted to everyone by the bucket's ACL; ``UNKNOWN`` where not literal."""
    acl_res = _one(ctx, res, "aws_s3_bucket_acl", "bucket")
    canned = acl_res.get("acl") if acl_res is not None else res.get("acl")
    if is_unknown(canned):
        return UNKNOWN, UNKNOWN
    read = canned in ("public-read", "public-read-write", "authenticated-read")
    write = canned == "public-read-write"
    policy = acl_res.block("access_control_policy") if acl_res is not None else {}
    for grant in policy.get("grant") or []:
        grantee = (grant.get("grantee") or [{}])[0] if isinstance(grant.get("grantee"), list) else {}
        uri, permission = grantee.get("uri"), grant.get("permission")
        if is_unknown(uri) or is_unknown(permission):
            return UNKNOWN, UNKNOWN
        if uri in PUBLIC_GRANTEES:
            read = read or permission in ("READ", "FULL_CONTROL")
            write = write or permission in ("WRITE", "FULL_CONTROL")
    return read, write


def _block(ctx: TfContext, res: TfResource) -> dict[str, Any] | None:
    """The four Block Public Access settings from the code (each "Defaults to `false`"), or ``None``."""
    found = _one(ctx, res, "aws_s3_bucket_public_access_block", "bucket")
    if found is None:
        return None
    keys = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
    return {k: as_bool(value(found, k, False)) for k in keys}


def s3_bucket(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    acl_read, acl_write = _acl_public(ctx, res)
    policy_res = _one(ctx, res, "aws_s3_bucket_policy", "bucket")
    doc = policy_document(policy_res.get("policy") if policy_res is not None else res.get("policy"))
    block = _block(ctx, res)
    acls_blocked = block is not None and (
        block["ignore_public_acls"] is True or block["block_public_acls"] is True
    )
    policy_blocked = block is not None and (
        block["restrict_public_buckets"] is True or block["block_public_policy"] is True
    )
    declared = False
    for field, acl, actions in (("public_read", acl_read, S3_READ), ("public_write", acl_write, S3_WRITE)):
        acl_part = False if acls_blocked else acl
        policy_part = (
            False if policy_blocked else (UNKNOWN if doc is UNKNOWN else _open_statements(doc, actions))
        )
        if acl_part is True or policy_part is True:
            f.set(field, True)
            declared = True
        elif acl_part is UNKNOWN or policy_part is UNKNOWN or (block is not None and has_unknown(block)):
            f.mark_unknown(field)
        else:
            f.set(field, False)
    if block is None:
        # New buckets have all four Block Public Access settings on since April 2023
        # (S3 User Guide, "Blocking public access to your Amazon S3 storage"); a public
        # grant in the code can only be applied with them off.
        f.set("public_access_blocked", not declared)
    elif has_unknown(block):
        f.mark_unknown("public_access_blocked")
    else:
        f.set("public_access_blocked", all(v is True for v in block.values()))
    _s3_encryption(ctx, res, f)
    versioning = _one(ctx, res, "aws_s3_bucket_versioning", "bucket")
    status = versioning.block("versioning_configuration").get("status") if versioning is not None else None
    if versioning is None and res.block("versioning"):
        inline = as_bool(res.block("versioning").get("enabled"))
        status = inline if is_unknown(inline) else ("Enabled" if inline is True else "Suspended")
    if is_unknown(status):
        f.mark_unknown("versioning")
    else:
        f.set("versioning", status == "Enabled")  # new buckets are unversioned until enabled
    logging = _one(ctx, res, "aws_s3_bucket_logging", "bucket")
    # Server access logging "is disabled by default" (S3 User Guide, ServerLogs).
    f.set("access_logging", logging is not None or bool(res.block("logging")))
    yield record(
        Bucket,
        res,
        **_common(ctx),
        name=res.get("bucket"),
        fields=f,
        tags=res.get("tags"),
        extra_native={"public_access_block": None if block is None else dict(block)},
    )


def _s3_encryption(ctx: TfContext, res: TfResource, f: Fields) -> None:
    found = _one(ctx, res, "aws_s3_bucket_server_side_encryption_configuration", "bucket")
    config = found.values if found is not None else res.block("server_side_encryption_configuration")
    rule = (config.get("rule") or [{}])[0] if isinstance(config.get("rule"), list) else {}
    default = (rule.get("apply_server_side_encryption_by_default") or [{}])[0] if rule else {}
    algorithm, key = default.get("sse_algorithm"), default.get("kms_master_key_id")
    if is_unknown(algorithm):
        f.mark_unknown("encryption")
    elif str(algorithm or "").startswith("aws:kms") and key is not None:
        f.set("encryption", "customer_key")
        f.set("kms_key", key, str)
    else:
        f.set("encryption", "provider")  # SSE-S3 base level for every bucket (see module docstring)


# ---------------------------------------------------------------- IAM


def _policy_admin(ctx: TfContext, arn: Any) -> Any:
    target = ctx.target(arn, "aws_iam_policy")
    if target is not None:
        policy = ctx.get(target)
        doc = policy_document(policy.get("policy")) if policy is not None else UNKNOWN
        return UNKNOWN if doc is UNKNOWN else grants_everything(doc)
    if is_unknown(arn):
        return UNKNOWN
    if arn in ADMIN_POLICY_ARNS:
        return True
    if isinstance(arn, str) and arn.startswith("arn:aws:iam::aws:policy/"):
        return False  # AWS managed policies other than AdministratorAccess
    return UNKNOWN


def _verdict(verdicts: list[Any], f: Fields) -> None:
    if any(v is True for v in verdicts):
        f.set("admin", True)
    elif any(v is UNKNOWN for v in verdicts):
        f.mark_unknown("admin")
    else:
        f.set("admin", False)


def iam_user(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    f.set("principal_type", "user")
    f.set("console_access", bool(ctx.companions(res.address, "aws_iam_user_login_profile", via="user")))
    f.mark_unknown("mfa")  # MFA devices are enrolled by the user, rarely in Terraform
    verdicts = [
        _policy_admin(ctx, a.get("policy_arn"))
        for a in ctx.companions(res.address, "aws_iam_user_policy_attachment", via="user")
    ]
    verdicts += [
        UNKNOWN if (d := policy_document(p.get("policy"))) is UNKNOWN else grants_everything(d)
        for p in ctx.companions(res.address, "aws_iam_user_policy", via="user")
    ]
    for shared in ctx.of_type("aws_iam_policy_attachment"):
        users = _as_list(shared.get("users"))
        if any(reference(ctx, u, "aws_iam_user") in (res.address, res.get("name")) for u in users):
            verdicts.append(_policy_admin(ctx, shared.get("policy_arn")))
    _verdict(verdicts, f)
    keys = [
        # status: "Defaults to `Active`" (aws_iam_access_key docs)
        AccessKey(id=k.address, active=value(k, "status", "Active") != "Inactive")
        for k in ctx.companions(res.address, "aws_iam_access_key", via="user")
    ]
    f.set("access_keys", tuple(keys))
    yield record(IamPrincipal, res, **_common(ctx), fields=f, tags=res.get("tags"))


def _attachment(kind: str, key: str, inline: bool = False) -> Translator:
    def translate(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
        f = Fields()
        member = _name(ctx, res.get(key))
        if is_unknown(member) or member is None:
            f.mark_unknown("members")
        else:
            f.set("members", (f"{kind}:{member}",))
        if inline:
            doc = policy_document(res.get("policy"))
            f.set("role", res.get("name") if isinstance(res.get("name"), str) else res.name)
            f.set("admin", None if doc is UNKNOWN else grants_everything(doc))
            if doc is UNKNOWN:
                f.mark_unknown("admin")
        else:
            arn = res.get("policy_arn")
            f.set(
                "role", arn if isinstance(arn, str) else (reference(ctx, arn, "aws_iam_policy") or "unknown")
            )
            admin = _policy_admin(ctx, arn)
            f.set("admin", admin)
        f.set("public", False)
        f.set("scope", "account")
        yield record(IamBinding, res, **_common(ctx), fields=f)

    return translate


def iam_policy_attachment(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """``aws_iam_policy_attachment`` grants one policy to lists of users, roles and groups."""
    f = Fields()
    members: list[str] = []
    for kind, key in (("user", "users"), ("role", "roles"), ("group", "groups")):
        val = res.get(key)
        if is_unknown(val):
            f.mark_unknown("members")
        for item in _as_list(val):
            name = _name(ctx, item)
            if is_unknown(name):
                f.mark_unknown("members")
            elif isinstance(name, str):
                members.append(f"{kind}:{name}")
    if "members" not in f.unknown:
        f.set("members", tuple(members))
    arn = res.get("policy_arn")
    f.set("role", arn if isinstance(arn, str) else (reference(ctx, arn, "aws_iam_policy") or "unknown"))
    f.set("admin", _policy_admin(ctx, arn))
    f.set("public", False)
    f.set("scope", "account")
    yield record(IamBinding, res, **_common(ctx), fields=f)


def iam_account_password_policy(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """The provider documents no defaults; unset fields take the IAM API's
    (UpdateAccountPasswordPolicy reference): minimum length 6, character classes not
    required, no expiry (0), no reuse prevention (0)."""
    f = Fields()
    for field, key, default in (
        ("min_length", "minimum_password_length", 6),
        ("max_age_days", "max_password_age", 0),
        ("reuse_prevention", "password_reuse_prevention", 0),
    ):
        f.set(field, value(res, key, default), int)
    for field, key in (
        ("require_uppercase", "require_uppercase_characters"),
        ("require_lowercase", "require_lowercase_characters"),
        ("require_numbers", "require_numbers"),
        ("require_symbols", "require_symbols"),
    ):
        f.set(field, as_bool(value(res, key, False)))
    yield record(PasswordPolicy, res, **_common(ctx), name="IAM password policy", fields=f)


# ---------------------------------------------------------------- ECR


def ecr_repository(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Defaults (aws_ecr_repository docs): ``image_tag_mutability`` "Defaults to `MUTABLE`";
    scanning "By default, image scanning must be manually triggered"; encryption_type
    "Defaults to `AES256`" (provider-managed)."""
    f = Fields()
    f.set("format", "docker")
    f.set(
        "tag_immutability",
        value(res, "image_tag_mutability", "MUTABLE"),
        lambda m: str(m).startswith("IMMUTABLE"),
    )
    f.set("scan_on_push", as_bool(value(res.block("image_scanning_configuration"), "scan_on_push", False)))
    encryption = res.block("encryption_configuration")
    kind = value(encryption, "encryption_type", "AES256")
    if is_unknown(kind):
        f.mark_unknown("encryption")
    elif str(kind).upper().startswith("KMS"):
        f.set("encryption", "customer_key")
        f.set("kms_key", encryption.get("kms_key"), str)
    else:
        f.set("encryption", "provider")
    policy = _one(ctx, res, "aws_ecr_repository_policy", "repository")
    doc = policy_document(policy.get("policy")) if policy is not None else None
    if doc is UNKNOWN:
        f.mark_unknown("public").mark_unknown("anonymous_pull").mark_unknown("pushers")
    else:
        public = _open_statements(doc, ECR_PULL)
        f.set("public", public)
        f.set("anonymous_pull", public)
        f.set("pushers", tuple(dict.fromkeys(_grantees(doc, ECR_PUSH))))
    yield record(Repository, res, **_common(ctx), fields=f, tags=res.get("tags"))


TRANSLATORS: dict[str, Translator] = {
    "aws_vpc": vpc,
    "aws_subnet": subnet,
    "aws_security_group": security_group,
    "aws_security_group_rule": security_group_rule,
    "aws_vpc_security_group_ingress_rule": _vpc_rule("ingress"),
    "aws_vpc_security_group_egress_rule": _vpc_rule("egress"),
    "aws_instance": instance,
    "aws_db_instance": db_instance,
    "aws_s3_bucket": s3_bucket,
    "aws_iam_user": iam_user,
    "aws_iam_user_policy_attachment": _attachment("user", "user"),
    "aws_iam_role_policy_attachment": _attachment("role", "role"),
    "aws_iam_group_policy_attachment": _attachment("group", "group"),
    "aws_iam_user_policy": _attachment("user", "user", inline=True),
    "aws_iam_role_policy": _attachment("role", "role", inline=True),
    "aws_iam_group_policy": _attachment("group", "group", inline=True),
    "aws_iam_policy_attachment": iam_policy_attachment,
    "aws_iam_account_password_policy": iam_account_password_policy,
    "aws_ecr_repository": ecr_repository,
}
COMPANIONS: frozenset[str] = frozenset(
    {
        "aws_route_table",
        "aws_route",
        "aws_route_table_association",
        "aws_main_route_table_association",
        "aws_default_route_table",
        "aws_internet_gateway",
        "aws_flow_log",
        "aws_eip",
        "aws_db_subnet_group",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_logging",
        "aws_iam_policy",
        "aws_iam_user_login_profile",
        "aws_iam_access_key",
        "aws_ecr_repository_policy",
    }
)
