"""OSS buckets into ``bucket`` records, with ``public_read``/``public_write`` derived once.

A bucket is publicly readable (writable) when its ACL is ``public-read``
(``public-read-write``), or when its bucket policy has an ``Allow`` statement for
the principal ``*`` without a condition whose actions cover ``oss:GetObject``
(``oss:PutObject``), and in either case OSS Block Public Access is not on for the
bucket (it overrides both). Actions are patterns, as in RAM: ``oss:Get*``,
``oss:*Object``, ``oss:*`` and ``*`` all count, in any case. A
statement with any condition (source IP, VPC, referer ...) is not counted as
public: it is kept, parsed, under ``native.policy`` for provider policies.

``https_only`` (CIS Alibaba 5.4): the bucket policy has a ``Deny`` statement for every
principal (``*``) whose actions cover object reads (``oss:GetObject``) and whose condition
is ``Bool`` ``acs:SecureTransport`` ``false``, the statement the OSS documentation gives for
rejecting HTTP requests. No bucket policy means HTTP is allowed.

``allowed_source_ranges`` (CIS Alibaba 5.7, "network access rule ... not set to publicly
accessible"): the addresses named by ``acs:SourceIp`` where the policy limits who gets in: an
``Allow`` whose condition is ``IpAddress`` (only those addresses get the grant) or a ``Deny`` whose
condition is ``NotIpAddress`` (every other address is refused), the two forms of the RAM
documentation's "access OSS through an IP address" examples. The benchmark's default is "Not
set": no bucket policy, or one without such a statement, leaves the bucket reachable from any
network (Alibaba's own rule for this, Cloud Config ``oss-bucket-authorize-specified-ip``, asks
for the same ``acs:SourceIp`` restriction).
"""

from __future__ import annotations

import json
from typing import Any

from scanner.inventory.model import Bucket
from scanner.providers.alibaba.translate.common import MISSING, as_list, origin
from scanner.rules.policy_document import action_matches

# The object actions that make a bucket publicly readable / writable, lower-cased. A statement's
# action is a pattern (``oss:Get*``, ``oss:*Object``, ``oss:*``, ``*``) matched against these.
READ_ACTIONS = ("oss:getobject",)
WRITE_ACTIONS = ("oss:putobject",)


def parse_policy(text: str | None) -> list[dict[str, Any]]:
    """Statements reduced to effect, principals, actions, resources and conditions."""
    if not text:
        return []
    try:
        document = json.loads(text)
    except ValueError:
        return [{"unparsed": text}]
    return [
        {
            "effect": statement.get("Effect"),
            "principals": [str(p) for p in as_list(statement.get("Principal"))],
            "actions": [str(a) for a in as_list(statement.get("Action"))],
            "resources": [str(r) for r in as_list(statement.get("Resource"))],
            "conditions": statement.get("Condition") or {},
        }
        for statement in as_list(document.get("Statement"))
        if isinstance(statement, dict)
    ]


def policy_allows_public(statements: list[dict[str, Any]], actions: tuple[str, ...]) -> bool:
    """An ``Allow`` for principal ``*``, without a condition, whose actions cover one of ``actions``.

    ``statements`` as :func:`parse_policy` returns them; ``actions`` is :data:`READ_ACTIONS` or
    :data:`WRITE_ACTIONS`.
    """
    return any(
        s.get("effect") == "Allow"
        and "*" in s.get("principals", [])
        and not s.get("conditions")
        and any(action_matches(a, actions) for a in s.get("actions", []))
        for s in statements
    )


def _denies_plain_http(statement: dict[str, Any]) -> bool:
    conditions = statement.get("conditions") or {}
    if not isinstance(conditions, dict):
        return False
    for operator, clause in conditions.items():
        if str(operator).lower() != "bool" or not isinstance(clause, dict):
            continue
        for key, value in clause.items():
            if str(key).lower() == "acs:securetransport" and [str(v).lower() for v in as_list(value)] == [
                "false"
            ]:
                return True
    return False


def denies_http(statements: list[dict[str, Any]]) -> bool:
    """A ``Deny`` for principal ``*`` on object reads when ``acs:SecureTransport`` is false."""
    return any(
        s.get("effect") == "Deny"
        and "*" in s.get("principals", [])
        and any(action_matches(a, READ_ACTIONS) for a in s.get("actions", []))
        and _denies_plain_http(s)
        for s in statements
    )


# The condition operator that narrows each effect to listed addresses, lower-cased.
_NARROWING = {"allow": "ipaddress", "deny": "notipaddress"}


def source_ranges(statements: list[dict[str, Any]]) -> tuple[str, ...]:
    """The ``acs:SourceIp`` ranges of the statements that limit access to them, sorted, once each."""
    found: set[str] = set()
    for statement in statements:
        narrowing = _NARROWING.get(str(statement.get("effect")).lower())
        conditions = statement.get("conditions")
        if narrowing is None or not isinstance(conditions, dict):
            continue
        for operator, clause in conditions.items():
            if str(operator).lower() != narrowing or not isinstance(clause, dict):
                continue
            for key, value in clause.items():
                if str(key).lower() == "acs:sourceip":
                    found.update(str(v).strip() for v in as_list(value) if str(v).strip())
    return tuple(sorted(found))


def _encryption(rule: Any) -> tuple[str, str | None]:
    if rule is None:
        return "none", None
    algorithm = str(rule.get("SSEAlgorithm") or "").upper()
    key = rule.get("KMSMasterKeyID") or None
    if algorithm == "KMS" and key:
        return "customer_key", key
    return ("provider", None) if algorithm else ("none", None)


def bucket(
    account: str,
    region: str,
    raw: dict[str, Any],
    acl: Any = MISSING,
    policy: Any = MISSING,
    block: Any = MISSING,
    encryption: Any = MISSING,
    versioning: Any = MISSING,
    logging: Any = MISSING,
) -> Bucket:
    unknown: set[str] = set()
    native: dict[str, Any] = {"bucket": raw}
    grant = None if acl is MISSING else acl.get("Grant")
    statements = [] if policy in (MISSING, None) else parse_policy(policy.get("Policy"))
    blocked = None if block is MISSING else block.get("BlockPublicAccess")
    native.update(acl=grant, policy=statements, block_public_access=blocked)
    read = grant in ("public-read", "public-read-write") or policy_allows_public(statements, READ_ACTIONS)
    write = grant == "public-read-write" or policy_allows_public(statements, WRITE_ACTIONS)
    public_read: bool | None = read and not blocked
    public_write: bool | None = write and not blocked
    for field, found in (("public_read", read), ("public_write", write)):
        # Block Public Access unknown: nothing is certain; ACL or policy unknown: only "public" is
        if block is MISSING or ((acl is MISSING or policy is MISSING) and not found):
            unknown.add(field)
    if "public_read" in unknown:
        public_read = None
    if "public_write" in unknown:
        public_write = None
    kind, key = (None, None)
    if encryption is MISSING:
        unknown.add("encryption")
    else:
        kind, key = _encryption(encryption)
        native["encryption"] = encryption
    versioning_on = None
    if versioning is MISSING:
        unknown.add("versioning")
    else:
        versioning_on = versioning.get("Status") == "Enabled"
    access_logging = None
    if logging is MISSING:
        unknown.add("access_logging")
    else:
        access_logging = logging.get("LoggingEnabled") is not None
        native["logging"] = logging.get("LoggingEnabled")
    https_only, ranges = None, None
    if policy is MISSING:
        unknown.update(("https_only", "allowed_source_ranges"))
    else:
        https_only, ranges = denies_http(statements), source_ranges(statements)
    name = raw["Name"]
    return Bucket(
        provider="alibaba",
        account=account,
        region=region,
        id=f"acs:oss:*:{account}:{name}",
        name=name,
        origin=origin("oss", "ListBuckets"),
        unknown=frozenset(unknown),
        native=native,
        public_read=public_read,
        public_write=public_write,
        encryption=kind,  # type: ignore[arg-type]
        kms_key=key,
        versioning=versioning_on,
        access_logging=access_logging,
        public_access_blocked=blocked,
        https_only=https_only,
        allowed_source_ranges=ranges,
    )
