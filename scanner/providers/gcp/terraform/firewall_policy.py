"""Hierarchical and network firewall policy rules (``google_compute_*firewall_policy_rule``) -> firewall_rule.

Hierarchical (organization/folder) and network firewall policies hold rules of
their own, evaluated before (hierarchical) or beside (network) VPC firewall
rules, so an open rule there exposes every VM it targets. One record per
``match.layer4_configs`` entry (each has its own protocol and ports), as
``firewall.py`` gives one per ``allow``/``deny`` block. From the provider docs:

* ``action``: ``allow``, ``deny``, ``goto_next`` or ``apply_security_profile_group``.
  ``goto_next`` decides nothing (evaluation continues at the next level): no
  record. ``apply_security_profile_group`` lets the traffic through to inspection:
  an ``allow``.
* ``direction`` (``INGRESS``/``EGRESS``) and ``priority`` are required;
  ``disabled`` defaults to false.
* sources are ``match.src_ip_ranges``; a rule that matches its sources only by
  secure tags, address groups, FQDNs or regions has no ranges here, so no
  "open to the internet" verdict is drawn from it.
* ``match.layer4_configs.ip_protocol`` is required; without ``ports`` the rule
  covers every port of tcp/udp/sctp/all, as for VPC firewall rules.

Account: the network policy rule's ``project`` (else the provider's); a
hierarchical rule belongs to an organization or folder the code may not name,
so its account is the root module's (``model.root_account``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import FirewallRule, Resource
from scanner.providers.gcp.link import PORTED_PROTOCOLS, firewall_protocol
from scanner.providers.gcp.terraform.common import account_of
from scanner.rules.network import ALL_PORTS, parse_ports
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import Fields, as_bool, record, value
from scanner.sources.terraform.translate.context import TfContext

ACTIONS = {"allow": "allow", "deny": "deny", "apply_security_profile_group": "allow"}


def _ports(protocol: str, ports: Any) -> Any:
    if has_unknown(ports):
        return UNKNOWN
    if not ports:
        return ALL_PORTS if protocol in PORTED_PROTOCOLS else ()
    return tuple(parse_ports(p) for p in ports)


def _rule(res: TfResource, ctx: TfContext, account: Any) -> Iterator[Resource]:
    action = res.get("action")
    if isinstance(action, str) and action not in ACTIONS:
        return  # goto_next: no decision at this level
    match = res.block("match")
    configs = match.get("layer4_configs")
    entries = [c for c in configs if isinstance(c, dict)] if isinstance(configs, list) else [{}]
    direction = res.get("direction")
    for index, entry in enumerate(entries):
        f = Fields()
        f.set("direction", direction, lambda d: "egress" if str(d).upper() == "EGRESS" else "ingress")
        if is_unknown(direction) or direction is None:
            f.values["direction"] = "ingress"  # required; marked unknown when not known
            f.mark_unknown("direction")
        f.set("action", UNKNOWN if is_unknown(action) else ACTIONS.get(str(action), "deny"))
        protocol = entry.get("ip_protocol") if not is_unknown(configs) else UNKNOWN
        if isinstance(protocol, str | int) and not isinstance(protocol, bool):
            protocol = firewall_protocol(protocol)
        f.set("protocol", protocol)
        if is_unknown(protocol) or protocol is None:
            f.mark_unknown("ports")
        else:
            f.set("ports", _ports(str(protocol), entry.get("ports")))
        f.set("source_ranges", match.get("src_ip_ranges"), tuple)
        f.set("destination_ranges", match.get("dest_ip_ranges"), tuple)
        f.set("targets", res.get("target_service_accounts"), tuple)
        f.set("priority", res.get("priority"), int)
        f.set("disabled", as_bool(value(res, "disabled", False)))
        f.set(
            "group",
            res.get("firewall_policy") if isinstance(res.get("firewall_policy"), str) else res.address,
        )
        yield record(
            FirewallRule,
            res,
            provider="gcp",
            account=account,
            name=res.get("description") or res.name,
            fields=f,
            suffix=str(index) if len(entries) > 1 else "",
        )


def firewall_policy_rule(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield from _rule(res, ctx, None)


def network_firewall_policy_rule(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    yield from _rule(res, ctx, account_of(res, ctx))
