"""ECS instances into ``instance`` records, and EIPs into ``address`` records.

Instances: public IPs (assigned and EIP), vSwitch, security groups, and from the same
DescribeInstances answer:

* ``legacy_network``: ``InstanceNetworkType`` ``classic`` (the classic network; ``vpc`` otherwise).
* ``state``: ``Status`` in lower case (``running``, ``stopped``, ``starting``, ``stopping``, ``pending``).
* ``billed_while_stopped``: a stopped instance whose ``StoppedMode`` is ``KeepCharging``
  (``StopCharging``: economical mode; ``Not-applicable``: not stopped or not eligible).
* ``charge_type``: ``InstanceChargeType`` ``PrePaid`` is ``prepaid``, ``PostPaid`` ``postpaid``.
* ``running_days``: days since ``CreationTime`` (the API reports no last start time).
* ``security_agent``: Security Center reports its agent online (:mod:`.account`).

EIPs (DescribeEipAddresses): ``in_use`` is ``Status`` ``InUse``; ``Available`` is reserved and
unbound (still billed); the transient states (``Associating``, ``Unassociating``) are unknown.
Relation ``attached_to``: ``InstanceId`` when ``InstanceType`` is ``EcsInstance``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Address, Instance
from scanner.providers.alibaba.translate.common import days_between, items, origin, parse_time, tags

_CHARGE = {"prepaid": "prepaid", "postpaid": "postpaid"}
_EIP_IN_USE = {"inuse": True, "available": False}


def instance(
    account: str,
    region: str,
    raw: dict[str, Any],
    now: datetime | None = None,
    agents: dict[str, bool] | None = None,
) -> Instance:
    """``agents``: Security Center's agent status by instance id, ``None`` when it was not read."""
    vpc_attrs = raw.get("VpcAttributes") or {}
    public = [*items(raw, "PublicIpAddress", "IpAddress")]
    eip = (raw.get("EipAddress") or {}).get("IpAddress")
    if eip:
        public.append(eip)
    private = items(vpc_attrs, "PrivateIpAddress", "IpAddress") or items(raw, "InnerIpAddress", "IpAddress")
    relations: dict[str, tuple[str, ...]] = {}
    if vpc_attrs.get("VSwitchId"):
        relations["subnet"] = (vpc_attrs["VSwitchId"],)
    if vpc_attrs.get("VpcId"):
        relations["network"] = (vpc_attrs["VpcId"],)
    network_type = str(raw.get("InstanceNetworkType") or "").lower()
    state = str(raw.get("Status") or "").lower() or None
    stopped_mode = str(raw.get("StoppedMode") or "")
    return Instance(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["InstanceId"],
        name=raw.get("InstanceName") or raw["InstanceId"],
        origin=origin("ecs", "DescribeInstances"),
        relations=relations,
        tags=tags(raw, "Tags", "Tag"),
        unknown=frozenset({"security_agent"}) if agents is None else frozenset(),
        native=raw,
        public_ips=tuple(dict.fromkeys(p for p in public if p)),
        private_ips=tuple(p for p in private if p),
        security_groups=tuple(items(raw, "SecurityGroupIds", "SecurityGroupId")),
        legacy_network=network_type == "classic" if network_type else None,
        state=state,
        billed_while_stopped=(stopped_mode == "KeepCharging") if state == "stopped" else None,
        charge_type=_CHARGE.get(str(raw.get("InstanceChargeType") or "").lower()),  # type: ignore[arg-type]
        running_days=days_between(parse_time(raw.get("CreationTime")), now) if now else None,
        security_agent=None if agents is None else agents.get(raw["InstanceId"], False),
    )


def address(account: str, region: str, raw: dict[str, Any]) -> Address:
    status = str(raw.get("Status") or "")
    in_use = _EIP_IN_USE.get(status.lower())
    bound = raw.get("InstanceId") if str(raw.get("InstanceType") or "") == "EcsInstance" else None
    return Address(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["AllocationId"],
        name=raw.get("Name") or raw["AllocationId"],
        origin=origin("vpc", "DescribeEipAddresses"),
        relations={"attached_to": (bound,)} if bound else {},
        unknown=frozenset() if in_use is not None else frozenset({"in_use"}),
        native=raw,
        ip=raw.get("IpAddress"),
        external=True,
        in_use=in_use,
        status=status or None,
    )
