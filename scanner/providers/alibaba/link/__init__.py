"""Derived facts that need several resources: vSwitch internet reachability, flow-log coverage.

(The account's ``alerted_changes``, from every Log Service alert rule, is in :mod:`.log_alerts`.)

**The vSwitch rule.** In an Alibaba Cloud VPC, a public address (an ECS public IP,
an EIP) works without any route: the VPC's router carries its traffic. So a
vSwitch is ``routes_to_internet = true`` (resources in it can be reached *from*
the internet) when, in its **effective route table** -- the custom table bound
to the vSwitch, else the VPC's system table -- or on its resources:

1. the table has a ``::/0`` route whose next hop is an ``IPv6Gateway``
   (IPv6 addresses in the vSwitch are then reachable); or
2. something in the vSwitch holds a public IPv4 address: an ECS instance with a
   public IP or an EIP, or a NAT gateway with an EIP (the public tier where
   DNAT can forward inbound traffic). EIPs are read from the instance and NAT
   gateway answers and from DescribeEipAddresses, whose ``InstanceType``/``InstanceId``
   name what the EIP is bound to: an ``EcsInstance`` is placed in its instance's
   vSwitch, a ``Nat`` in its NAT gateway's. EIPs bound to a secondary ENI
   (``NetworkInterface``), a HaVip, an SLB instance or a private address
   (``IpAddress``) are not placed: the adapter does not list those resources, and
   DescribeEipAddresses names no vSwitch.

A ``0.0.0.0/0`` route to a ``NatGateway``, or an SNAT entry that covers the
vSwitch, gives **outbound-only** access: ``routes_to_internet`` stays false and
``native.internet_egress`` says ``nat``. A vSwitch with none of these is
private. When the route tables, the instances or the NAT gateways could not be
read and nothing public was seen, the value is unknown rather than false. ``native.internet_reasons`` lists
why a vSwitch was judged public.

Flow logs: a VPC counts as logged when an ``Active`` flow log has it as
``ResourceType`` ``VPC``; a vSwitch when one covers it or its VPC.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import msgspec

from scanner.inventory.model import Instance, Network, Subnet
from scanner.rules.network import INTERNET_V4, INTERNET_V6

DEFAULT_V4, DEFAULT_V6 = INTERNET_V4, INTERNET_V6


def _hops(entry: dict[str, Any]) -> list[str]:
    hops = [h.get("NextHopType") for h in (entry.get("NextHops") or {}).get("NextHop", [])]
    return [str(h) for h in hops if h]


def effective_tables(vswitches: list[dict[str, Any]], tables: list[dict[str, Any]]) -> dict[str, str | None]:
    """vSwitch id -> id of the route table that decides its routes."""
    bound = {
        vsw: t["RouteTableId"] for t in tables for vsw in (t.get("VSwitchIds") or {}).get("VSwitchId", [])
    }
    system = {t.get("VpcId"): t["RouteTableId"] for t in tables if t.get("RouteTableType") == "System"}
    out: dict[str, str | None] = {}
    for vsw in vswitches:
        own = (vsw.get("RouteTable") or {}).get("RouteTableId")
        custom = own if (vsw.get("RouteTable") or {}).get("RouteTableType") == "Custom" else None
        out[vsw["VSwitchId"]] = custom or bound.get(vsw["VSwitchId"]) or system.get(vsw.get("VpcId")) or own
    return out


def _covered(cidr: str | None, source: str | None) -> bool:
    if not cidr or not source:
        return False
    try:
        return ipaddress.ip_network(cidr, strict=False).subnet_of(ipaddress.ip_network(source, strict=False))  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False


def _public_addresses(
    instances: list[Instance], nat_gateways: list[dict[str, Any]], eips: list[dict[str, Any]]
) -> dict[str, list[str]]:
    """vSwitch id -> why something in it holds a public IPv4 address (instances, NAT gateways, EIPs)."""
    reasons: dict[str, list[str]] = {}
    seen: dict[str, set[str]] = {}

    def add(vsw: str | None, address: str, why: str) -> None:
        if vsw and address not in seen.setdefault(vsw, set()):
            seen[vsw].add(address)
            reasons.setdefault(vsw, []).append(why)

    instance_vsw: dict[str, str] = {}
    for inst in instances:
        for vsw in inst.related("subnet"):
            instance_vsw.setdefault(inst.id, vsw)
            if inst.public_ips:
                add(vsw, inst.public_ips[0], f"instance {inst.id} has public IP {inst.public_ips[0]}")
    nat_vsw: dict[str, str] = {}
    for nat in nat_gateways:
        vsw = (nat.get("NatGatewayPrivateInfo") or {}).get("VswitchId")
        if vsw and nat.get("NatGatewayId"):
            nat_vsw[str(nat["NatGatewayId"])] = vsw
        ips = [
            ip.get("IpAddress") for ip in (nat.get("IpLists") or {}).get("IpList", []) if ip.get("IpAddress")
        ]
        if ips:
            add(vsw, ips[0], f"NAT gateway {nat.get('NatGatewayId')} has EIP {ips[0]}")
    # DescribeEipAddresses: the binding as the EIP service records it. Only the bound instance types
    # whose vSwitch is known from the other lists are placed (EcsInstance, Nat); see the module doc.
    placed = {"EcsInstance": instance_vsw, "Nat": nat_vsw}
    for eip in eips:
        where = placed.get(str(eip.get("InstanceType") or ""), {})
        address, bound = eip.get("IpAddress"), str(eip.get("InstanceId") or "")
        if address and bound in where:
            add(
                where[bound],
                address,
                f"EIP {address} ({eip.get('AllocationId')}) is bound to {eip.get('InstanceType')} {bound}",
            )
    return reasons


def link_subnets(
    subnets: list[Subnet],
    *,
    tables: list[dict[str, Any]] | None,
    entries: dict[str, list[dict[str, Any]]],
    nat_gateways: list[dict[str, Any]] | None,
    snat_entries: list[dict[str, Any]],
    instances: list[Instance] | None,
    flow_logs: list[dict[str, Any]] | None,
    eips: list[dict[str, Any]] | None = None,
) -> list[Subnet]:
    """Each list is ``None`` when the call that lists it failed (DescribeRouteTableList,
    DescribeNatGateways, DescribeInstances, DescribeFlowLogs, DescribeEipAddresses).

    Without the instances or the NAT gateways a public address may have been missed, so a
    vSwitch with no reason found is then *unknown*, not private. Without the EIP list nothing
    is lost that could be placed: the EIPs of instances and NAT gateways are also in their own
    answers (``EipAddress``, ``IpLists``).
    """
    table_of = effective_tables([s.native for s in subnets], tables or [])
    public_by_vsw = _public_addresses(instances or [], nat_gateways or [], eips or [])
    blind = instances is None or nat_gateways is None
    logged = _flow_logged(flow_logs or [])
    out = []
    for sub in subnets:
        table = table_of.get(sub.id)
        reasons = list(public_by_vsw.get(sub.id, []))
        egress = None
        for entry in entries.get(table or "", []):
            destination, hops = entry.get("DestinationCidrBlock"), _hops(entry)
            if destination == DEFAULT_V6 and "IPv6Gateway" in hops:
                reasons.append(f"route table {table} sends ::/0 to an IPv6 gateway")
            if destination == DEFAULT_V4 and "NatGateway" in hops:
                egress = "nat"
        if any(
            e.get("SourceVSwitchId") == sub.id or _covered(sub.cidr, e.get("SourceCIDR"))
            for e in snat_entries
        ):
            egress = "nat"
        unknown = set(sub.unknown)
        routes: bool | None = bool(reasons)
        if not reasons and (blind or tables is None or (table and table not in entries)):
            routes = None
            unknown.add("routes_to_internet")
        flow = None
        if flow_logs is None:
            unknown.add("flow_logs")
        else:
            flow = sub.id in logged or any(n in logged for n in sub.related("network"))
        native = {**sub.native, "route_table": table, "internet_reasons": reasons, "internet_egress": egress}
        out.append(
            msgspec.structs.replace(
                sub, routes_to_internet=routes, flow_logs=flow, native=native, unknown=frozenset(unknown)
            )
        )
    return out


def _flow_logged(flow_logs: list[dict[str, Any]]) -> set[str]:
    return {
        str(f.get("ResourceId"))
        for f in flow_logs
        if str(f.get("Status", "")).lower() == "active" and f.get("ResourceType") in ("VPC", "VSwitch")
    }


def link_networks(networks: list[Network], flow_logs: list[dict[str, Any]] | None) -> list[Network]:
    if flow_logs is None:
        return [msgspec.structs.replace(n, unknown=n.unknown | {"flow_logs"}) for n in networks]
    logged = _flow_logged(flow_logs)
    return [msgspec.structs.replace(n, flow_logs=n.id in logged) for n in networks]


def public_auto_create(namespaces: list[dict[str, Any]]) -> list[str]:
    """Container Registry namespaces that publish on the first push to a new name.

    Rule: ``AutoCreateRepo`` is true and ``DefaultRepoType`` is ``PUBLIC`` (the
    ``cr-namespace-auto-creates-public-repositories`` policy's condition). Kept as
    ``native.public_auto_create_namespaces`` so that the finding names only these
    namespaces, not the compliant private ones beside them.
    """
    return [
        str(n.get("NamespaceName"))
        for n in namespaces
        if n.get("AutoCreateRepo") is True and n.get("DefaultRepoType") == "PUBLIC"
    ]
