"""Derived facts, computed once from raw AWS answers so that policies never have to.

* **subnet routes_to_internet**: the subnet's route table (its explicit
  association, else the VPC's main table) has an active ``0.0.0.0/0`` or ``::/0``
  route to an internet gateway (``igw-``). A NAT gateway or an egress-only
  internet gateway (``eigw-``, IPv6) lets traffic out but nothing in, so it does
  not count; the subnet's ``native.ipv6_egress_only`` says when one is there.
* **bucket public_read / public_write**: the bucket ACL grants ``AllUsers`` or
  ``AuthenticatedUsers`` (READ or FULL_CONTROL: read; WRITE or FULL_CONTROL:
  write), or the bucket policy is public (S3's own ``GetBucketPolicyStatus``
  ``IsPublic``; when that answer is missing, an ``Allow`` to principal ``*``
  without condition), unless Block Public Access cancels it: ``IgnorePublicAcls``
  for ACLs and ``RestrictPublicBuckets`` for policies, each set on the bucket or
  the account (``BlockPublicAcls``/``BlockPublicPolicy`` only refuse new public
  grants; existing ones stay in force). ``public_access_blocked``: all four
  settings are on, bucket or account.
* **bucket encryption**: no default encryption configuration is ``provider``:
  S3 has encrypted every new object with SSE-S3 since January 5, 2023 and the
  configuration can no longer be removed; ``aws:kms``/``aws:kms:dsse`` with a
  key id is ``customer_key``. ``native.default_encryption_configured`` keeps
  whether the bucket had a configuration at all.
* **repository public**: the ECR repository policy allows principal ``*``
  without condition to pull (``pushers``: to push). ECR always requires an
  authenticated AWS principal, so ``anonymous_pull`` is false.
* **registry scan_on_push**: registry scanning is ENHANCED, or a BASIC rule with
  frequency ``SCAN_ON_PUSH`` covers every repository (filter ``*``); a repository
  scans on push through its own flag or a registry rule whose filter matches it.
* **database ssl_required**: the parameter group's ``rds.force_ssl`` (PostgreSQL,
  SQL Server) or ``require_secure_transport`` (MySQL, MariaDB) is on.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable, Mapping
from typing import Any

from scanner.rules.policy_document import action_matches, as_list, grants_everything

PUBLIC_GRANTEES = frozenset(
    {
        "http://acs.amazonaws.com/groups/global/AllUsers",
        "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
    }
)
BLOCK_KEYS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
S3_WRITE_ACTIONS = ("s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:PutBucketPolicy")
ECR_PULL_ACTIONS = ("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer")
ECR_PUSH_ACTIONS = (
    "ecr:PutImage",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
)
ADMIN_POLICY_ARN_SUFFIX = ":iam::aws:policy/AdministratorAccess"
SSL_PARAMETERS = {
    "postgres": "rds.force_ssl",
    "aurora-postgresql": "rds.force_ssl",
    "sqlserver": "rds.force_ssl",
    "mysql": "require_secure_transport",
    "mariadb": "require_secure_transport",
    "aurora-mysql": "require_secure_transport",
    "aurora": "require_secure_transport",
}
ON = frozenset({"1", "on", "true"})
OFF = frozenset({"0", "off", "false"})


# -- network ---------------------------------------------------------------------------------
def subnet_tables(route_tables: Iterable[Mapping[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(subnet id -> its explicitly associated table, VPC id -> its main table)."""
    by_subnet: dict[str, Any] = {}
    main: dict[str, Any] = {}
    for table in route_tables:
        for assoc in table.get("Associations", []) or []:
            if assoc.get("Main"):
                main[str(table.get("VpcId"))] = table
            elif assoc.get("SubnetId"):
                by_subnet[str(assoc["SubnetId"])] = table
    return by_subnet, main


def _active(route: Mapping[str, Any]) -> bool:
    return route.get("State", "active") == "active"


def routes_to_internet(table: Mapping[str, Any] | None) -> bool:
    """A default route (IPv4 or IPv6) to an internet gateway."""
    for route in (table or {}).get("Routes", []) or []:
        default = (
            route.get("DestinationCidrBlock") == "0.0.0.0/0"
            or route.get("DestinationIpv6CidrBlock") == "::/0"
        )
        if default and _active(route) and str(route.get("GatewayId", "")).startswith("igw-"):
            return True
    return False


def ipv6_egress_only(table: Mapping[str, Any] | None) -> bool:
    return any(
        route.get("DestinationIpv6CidrBlock") == "::/0" and route.get("EgressOnlyInternetGatewayId")
        for route in (table or {}).get("Routes", []) or []
    )


# -- S3 --------------------------------------------------------------------------------------
def effective_block(bucket: Mapping[str, Any] | None, account: Mapping[str, Any] | None) -> dict[str, bool]:
    """Each Block Public Access setting as S3 applies it: on at the bucket or at the account."""
    return {k: bool((bucket or {}).get(k)) or bool((account or {}).get(k)) for k in BLOCK_KEYS}


def acl_public(acl: Mapping[str, Any] | None) -> tuple[bool, bool]:
    read = write = False
    for grant in (acl or {}).get("Grants", []) or []:
        if (grant.get("Grantee") or {}).get("URI") not in PUBLIC_GRANTEES:
            continue
        permission = grant.get("Permission")
        read = read or permission in ("READ", "FULL_CONTROL")
        write = write or permission in ("WRITE", "FULL_CONTROL")
    return read, write


def document(text: Any) -> dict[str, Any]:
    if isinstance(text, dict):
        return text
    try:
        parsed = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def principals(statement: Mapping[str, Any]) -> list[str]:
    principal = statement.get("Principal")
    if isinstance(principal, dict):
        return [str(p) for v in principal.values() for p in as_list(v)]
    return [str(p) for p in as_list(principal)]


def open_statements(doc: Mapping[str, Any], actions: tuple[str, ...]) -> bool:
    """An ``Allow`` to principal ``*`` without condition on one of ``actions`` (wildcards count)."""
    return any(
        isinstance(s, dict)
        and s.get("Effect") == "Allow"
        and "*" in principals(s)
        and not s.get("Condition")
        and any(action_matches(str(a), actions) for a in as_list(s.get("Action")))
        for s in as_list(doc.get("Statement"))
    )


def bucket_public(details: Mapping[str, Any], account_block: Mapping[str, Any] | None) -> tuple[bool, bool]:
    """(public_read, public_write); see the module docstring."""
    block = effective_block(details.get("public_access_block"), account_block)
    acl_read, acl_write = (False, False) if block["IgnorePublicAcls"] else acl_public(details.get("acl"))
    doc = document(details.get("policy"))
    status = details.get("policy_status")
    if block["RestrictPublicBuckets"] or not doc:
        policy_read = policy_write = False
    else:
        policy_read = bool(status.get("IsPublic")) if status else open_statements(doc, ("s3:GetObject",))
        policy_write = policy_read and open_statements(doc, S3_WRITE_ACTIONS)
    return acl_read or policy_read, acl_write or policy_write


def bucket_encryption(config: Mapping[str, Any] | None) -> tuple[str, str | None]:
    """(encryption, kms key) from the default encryption configuration; see the module docstring."""
    for rule in (config or {}).get("Rules", []) or []:
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        algorithm, key = str(default.get("SSEAlgorithm", "")), default.get("KMSMasterKeyID")
        if algorithm.startswith("aws:kms") and key:
            return "customer_key", str(key)
    return "provider", None


# -- ECR -------------------------------------------------------------------------------------
def repository_public(policy: Any) -> tuple[bool, tuple[str, ...]]:
    """(public pull, principals allowed to push) from a repository policy."""
    doc = document(policy)
    public = open_statements(doc, ECR_PULL_ACTIONS)
    pushers: list[str] = []
    for s in as_list(doc.get("Statement")):
        if not isinstance(s, dict) or s.get("Effect") != "Allow" or s.get("Condition"):
            continue
        if any(action_matches(str(a), ECR_PUSH_ACTIONS) for a in as_list(s.get("Action"))):
            pushers.extend(principals(s))
    return public, tuple(sorted(set(pushers)))


def _scan_on_push_rules(scanning: Mapping[str, Any] | None) -> list[str]:
    """Repository filters of the registry's scan-on-push rules (ENHANCED scanning covers every one)."""
    config = (scanning or {}).get("scanningConfiguration") or {}
    if config.get("scanType") == "ENHANCED":
        return ["*"]
    return [
        str(f.get("filter", ""))
        for rule in config.get("rules", []) or []
        if rule.get("scanFrequency") in ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")
        for f in rule.get("repositoryFilters", []) or []
    ]


def registry_scan_on_push(scanning: Mapping[str, Any] | None) -> bool:
    return "*" in _scan_on_push_rules(scanning)


def repository_scan_on_push(repository: Mapping[str, Any], scanning: Mapping[str, Any] | None) -> bool:
    if (repository.get("imageScanningConfiguration") or {}).get("scanOnPush"):
        return True
    name = str(repository.get("repositoryName", ""))
    return any(fnmatch.fnmatchcase(name, f) for f in _scan_on_push_rules(scanning))


# -- RDS -------------------------------------------------------------------------------------
def ssl_required(engine: str, parameters: Iterable[Mapping[str, Any]] | None) -> bool | None:
    """On, off, or ``None`` when the engine has no such parameter or the group did not say."""
    name = SSL_PARAMETERS.get(engine.lower())
    if name is None or parameters is None:
        return None
    for parameter in parameters:
        if parameter.get("ParameterName") == name and parameter.get("ParameterValue") is not None:
            value = str(parameter["ParameterValue"]).strip().lower()
            return True if value in ON else False if value in OFF else None
    return None


# -- IAM -------------------------------------------------------------------------------------
def managed_policy_admin(arn: str, documents: Mapping[str, Any]) -> bool | None:
    """Whether an attached managed policy grants everything; ``None`` when its document is unknown."""
    if arn.endswith(ADMIN_POLICY_ARN_SUFFIX):
        return True
    if arn in documents:
        return grants_everything(documents[arn])
    if ":iam::aws:policy/" in arn:
        return False  # AWS managed policies other than AdministratorAccess
    return None
