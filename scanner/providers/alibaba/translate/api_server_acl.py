"""An ACK cluster's API server access control (its CLB listener's ACL) as the kind's authorized networks.

The fields mean what they mean for GKE's authorized networks: ``authorized_networks_enabled``
is true when an allow-list narrows who reaches the API server, ``authorized_networks`` is that
list. From the 6443 listener (SLB DescribeLoadBalancerTCPListenerAttribute) and its ACLs'
entries (DescribeAccessControlListAttribute ``AclEntrys.AclEntry[].AclEntryIP``):

* ``AclStatus`` ``on`` and ``AclType`` ``white`` with at least one entry: enabled, the entries of
  every ACL the listener names (``AclIds.AclId[]``, else ``AclId``) are the networks;
* ``AclStatus`` ``off`` (or absent): not enabled, no networks;
* ``AclType`` ``black``: not enabled. A blacklist only turns listed addresses away, every other
  address on the internet still reaches the API server;
* a whitelist whose ACLs hold no entry: not enabled. SLB forwards every request then (the
  listener's API reference: "If you enable a whitelist but do not add an IP address to the ACL,
  the listener forwards all requests").

Anything else (a listener or ACL call failed, the cluster lists no load balancer, an
``AclType`` of another value) leaves both fields unknown. A cluster without a public API server
needs none of this: its fields stay empty and ``public_endpoint`` already decides.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from scanner.providers.alibaba.translate.common import MISSING

FIELDS = frozenset({"authorized_networks", "authorized_networks_enabled"})


class Access(NamedTuple):
    enabled: bool | None
    networks: tuple[str, ...]
    unknown: frozenset[str]


UNKNOWN = Access(None, (), FIELDS)
NOT_PUBLIC = Access(None, (), frozenset())


def listener_acl_ids(listener: Any) -> list[str]:
    """The ACLs an ``on`` listener applies: ``AclIds.AclId[]`` (up to three), else ``AclId``."""
    if not isinstance(listener, dict) or str(listener.get("AclStatus") or "") != "on":
        return []
    listed = (listener.get("AclIds") or {}).get("AclId") if isinstance(listener.get("AclIds"), dict) else None
    ids = [str(i) for i in listed or [] if i] or ([str(listener["AclId"])] if listener.get("AclId") else [])
    return list(dict.fromkeys(ids))


def access(public: bool, listener: Any, acls: Mapping[str, Any]) -> Access:
    """What the listener lets through; ``listener`` is ``MISSING`` when it was not read."""
    if not public:
        return NOT_PUBLIC
    if listener is MISSING or not isinstance(listener, dict):
        return UNKNOWN
    if str(listener.get("AclStatus") or "off") != "on":
        return Access(False, (), frozenset())
    kind = str(listener.get("AclType") or "")
    if kind == "black":
        return Access(False, (), frozenset())
    if kind != "white":
        return UNKNOWN
    ids = listener_acl_ids(listener)
    entries = [acls.get(i, MISSING) for i in ids]
    if not ids or any(e is MISSING for e in entries):
        return UNKNOWN
    networks = tuple(
        dict.fromkeys(str(e["AclEntryIP"]) for found in entries for e in found or [] if e.get("AclEntryIP"))
    )
    return Access(bool(networks), networks, frozenset())
