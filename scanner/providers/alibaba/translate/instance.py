"""ECS instances into ``instance`` records: public IPs (assigned and EIP), vSwitch, security groups."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Instance
from scanner.providers.alibaba.translate.common import items, origin, tags


def instance(account: str, region: str, raw: dict[str, Any]) -> Instance:
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
    return Instance(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["InstanceId"],
        name=raw.get("InstanceName") or raw["InstanceId"],
        origin=origin("ecs", "DescribeInstances"),
        relations=relations,
        tags=tags(raw, "Tags", "Tag"),
        native=raw,
        public_ips=tuple(dict.fromkeys(p for p in public if p)),
        private_ips=tuple(p for p in private if p),
        security_groups=tuple(items(raw, "SecurityGroupIds", "SecurityGroupId")),
    )
