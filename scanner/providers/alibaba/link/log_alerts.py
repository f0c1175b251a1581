"""Which CIS change class a Log Service alert rule watches: the ``account.alerted_changes`` fact.

CIS Alibaba Cloud 2.0 sections 2.10-2.22 each ask for an enabled Log Service alert rule
on the ActionTrail (2.14: OSS) log with a given query. The queries below are the
benchmark's own (its audit procedures, as quoted in prowler's
``prowler/compliance/alibabacloud/cis_2.0_alibabacloud.json``).

The rule, written down before the code:

* an alert rule counts when its ``status`` is not ``DISABLED`` (the API answers
  ``ENABLED``/``DISABLED``);
* one of its queries (``configuration.queryList[].query``) is read up to its first ``|``
  (the search statement; the analytic SQL after it does not change what is matched) as
  ``field: value`` terms (also ``field = "value"``, quoted fields and curly quotes), field names and
  values compared without regard to case;
* the query watches a class when it has every term the benchmark's query for that class
  has. Where the benchmark's query lists a wildcard or a misspelt variant of a code beside
  the plain one (``NoPermission.*``, ``Forbbiden``), only the plain one is required; the
  benchmark's ``event_name`` (2.22) and ``addionalEventData`` (2.17) are read as the fields
  they mean, ``event.eventName`` and ``additionalEventData``, either spelling accepted.

An equivalent query written differently (other operators, a subset of the event names)
does not count: the benchmark names the query to have, and a narrower one misses changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_EVENT = "event.eventname"
_SERVICE = "event.servicename"


def _events(*names: str) -> list[tuple[str, str]]:
    return [(_EVENT, n) for n in names]


def _services(*names: str) -> list[tuple[str, str]]:
    return [(_SERVICE, n) for n in names]


# class -> the terms the benchmark's query has (section in the comment)
CIS_QUERY_TERMS: dict[str, list[tuple[str, str]]] = {
    "ram_role": _services("ResourceManager", "Ram")  # 2.10
    + _events(
        "CreatePolicy",
        "DeletePolicy",
        "CreatePolicyVersion",
        "UpdatePolicyVersion",
        "SetDefaultPolicyVersion",
        "DeletePolicyVersion",
    ),
    "cloud_firewall": _services("Cloudfw")  # 2.11
    + _events(
        "CreateVpcFirewallControlPolicy", "DeleteVpcFirewallControlPolicy", "ModifyVpcFirewallControlPolicy"
    ),
    "network_route": _services("Ecs", "Vpc")  # 2.12
    + _events(
        "CreateRouteEntry",
        "DeleteRouteEntry",
        "ModifyRouteEntry",
        "AssociateRouteTable",
        "UnassociateRouteTable",
    ),
    "network": _services("Ecs", "Vpc")  # 2.13
    + _events(
        "CreateVpc",
        "DeleteVpc",
        "DisableVpcClassicLink",
        "EnableVpcClassicLink",
        "DeletionProtection",
        "AssociateVpcCidrBlock",
        "UnassociateVpcCidrBlock",
        "RevokeInstanceFromCen",
        "CreateVSwitch",
        "DeleteVSwitch",
    ),
    "bucket_permission": [
        ("operation", "PutBucket"),
        ("request_uri", "acl"),
        ("operation", "PutObjectAcl"),
    ],  # 2.14
    "database_configuration": _services("rds")  # 2.15
    + _events(
        "ModifyHASwitchConfig",
        "ModifyDBInstanceHAConfig",
        "SwitchDBInstanceHA",
        "ModifyDBInstanceSpec",
        "MigrateSecurityIPMode",
        "ModifySecurityIps",
        "ModifyDBInstanceSSL",
        "MigrateToOtherZone",
        "UpgradeDBInstanceKernelVersion",
        "UpgradeDBInstanceEngineVersion",
        "ModifyDBInstanceMaintainTime",
        "ModifyDBInstanceAutoUpgradeMinorVersion",
        "AllocateInstancePublicConnection",
        "ModifyDBInstanceConnectionString",
        "ModifyDBInstanceNetworkExpireTime",
        "ReleaseInstancePublicConnection",
        "SwitchDBInstanceNetType",
        "ModifyDBInstanceNetworkType",
        "ModifyDTCSecurityIpHostsForSQLServer",
        "ModifySecurityGroupConfiguration",
        "CreateBackup",
        "ModifyBackupPolicy",
        "DeleteBackup",
        "CreateDdrInstance",
        "ModifyInstanceCrossBackupPolicy",
    ),
    "unauthorized_api_call": [("event.eventType", "ApiCall")]  # 2.16
    + [
        ("event.errorCode", code)
        for code in (
            "NoPermission",
            "Forbidden",
            "InvalidAccessKeyId",
            "InvalidSecurityToken",
            "SignatureDoesNotMatch",
            "InvalidAuthorization",
            "AccessForbidden",
            "NotAuthorized",
        )
    ],
    "console_signin_without_mfa": [
        *_events("ConsoleSignin"),
        ("additionalEventData.loginAccount", "false"),
    ],  # 2.17
    "root_usage": [*_events("ConsoleSignin"), ("event.userIdentity.type", "root-account")],  # 2.18
    "console_authentication_failure": [*_events("ConsoleSignin"), ("event.errorCode", "*")],  # 2.19
    "kms_key_deletion": _services("Kms")
    + _events("DisableKey", "ScheduleKeyDeletion", "DeleteKeyMaterial"),  # 2.20
    "bucket_policy": _events(  # 2.21
        "PutBucketLifecycle",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketEncryption",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketEncryption",
        "DeleteBucketReplication",
    ),
    "firewall_rule": _events(  # 2.22
        "CreateSecurityGroup",
        "AuthorizeSecurityGroup",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroup",
        "RevokeSecurityGroupEgress",
        "JoinSecurityGroup",
        "LeaveSecurityGroup",
        "DeleteSecurityGroup",
        "ModifySecurityGroupPolicy",
    ),
}
# fields the benchmark spells otherwise, read as the field they mean
_ALIASES = {"event_name": _EVENT, "addionaleventdata.loginaccount": "additionaleventdata.loginaccount"}
_TERM = re.compile(r'"?([A-Za-z_][\w.]*)"?\s*[:=]\s*"?([^\s"()|]+)"?')
_REQUIRED = {c: frozenset((f.lower(), v.lower()) for f, v in terms) for c, terms in CIS_QUERY_TERMS.items()}


def query_terms(query: str) -> frozenset[tuple[str, str]]:
    """The ``(field, value)`` terms of a query's search statement, lower case, aliases resolved."""
    search = query.split("|", 1)[0].replace("\u201c", '"').replace("\u201d", '"')  # curly quotes too
    found = set()
    for field, term in _TERM.findall(search):
        name = field.lower()
        found.add((_ALIASES.get(name, name), term.lower()))
    return frozenset(found)


def change_classes(query: str) -> tuple[str, ...]:
    """The CIS change classes whose every benchmark term the query has."""
    terms = query_terms(query or "")
    return tuple(sorted(c for c, needed in _REQUIRED.items() if needed <= terms))


def queries(alert: Mapping[str, Any]) -> list[str]:
    listed = (alert.get("configuration") or {}).get("queryList") or []
    return [str(q.get("query") or "") for q in listed if isinstance(q, Mapping)]


def alerted_changes(alerts: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """The change classes some enabled alert rule watches."""
    classes = {
        cls
        for alert in alerts
        if str(alert.get("status") or "").upper() != "DISABLED"
        for query in queries(alert)
        for cls in change_classes(query)
    }
    return tuple(sorted(classes))
