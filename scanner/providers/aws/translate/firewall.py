"""Security groups into one firewall_rule record per permission (IPv4, IPv6, prefix lists, groups).

Network ACLs stay in the VPC's ``native.network_acls``: they are stateless
subnet filters whose default entry allows everything, and the ``firewall_rule``
policies are written for the stateful layer that decides what reaches an
interface (the security group).
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import FirewallRule, PortRange
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.translate.common import base, ec2_arn, jsonable
from scanner.rules.network import ALL_PORTS, protocol_names

PROTOCOLS = {"-1": "all", **protocol_names("1", "6", "17", "58")}


def _ports(protocol: str, permission: dict[str, Any]) -> tuple[PortRange, ...]:
    if protocol == "all":
        return ALL_PORTS
    if protocol in ("icmp", "icmpv6"):
        return ()
    low, high = permission.get("FromPort"), permission.get("ToPort")
    if low is None or high is None or low < 0:
        return ALL_PORTS
    return (PortRange(int(low), int(high)),)


def firewall_rules(raw: AccountRaw, region: RegionRaw) -> list[FirewallRule]:
    out = []
    for group in region.security_groups or []:
        group_arn = ec2_arn(raw.partition, region.region, raw.account, "security-group", group["GroupId"])
        vpc = group.get("VpcId")
        relations = (
            {"network": (ec2_arn(raw.partition, region.region, raw.account, "vpc", vpc),)} if vpc else {}
        )
        for direction, key in (("ingress", "IpPermissions"), ("egress", "IpPermissionsEgress")):
            for index, permission in enumerate(group.get(key, []) or []):
                protocol = str(permission.get("IpProtocol", "-1")).lower()
                protocol = PROTOCOLS.get(protocol, protocol)
                ranges = [r.get("CidrIp") for r in permission.get("IpRanges", []) or []]
                ranges += [r.get("CidrIpv6") for r in permission.get("Ipv6Ranges", []) or []]
                peers = [
                    ec2_arn(
                        raw.partition,
                        region.region,
                        p.get("UserId") or raw.account,
                        "security-group",
                        p["GroupId"],
                    )
                    for p in permission.get("UserIdGroupPairs", []) or []
                    if p.get("GroupId")
                ]
                native = {
                    "group": {
                        k: v for k, v in group.items() if k not in ("IpPermissions", "IpPermissionsEgress")
                    },
                    "permission": permission,
                    "prefix_lists": [
                        p.get("PrefixListId") for p in permission.get("PrefixListIds", []) or []
                    ],
                }
                side = "source_ranges" if direction == "ingress" else "destination_ranges"
                out.append(
                    FirewallRule(
                        **base(
                            raw.account,
                            group,
                            "ec2.DescribeSecurityGroups",
                            id=f"{group_arn}#{direction}-{index}",
                            name=str(group.get("GroupName") or group["GroupId"]),
                            region=region.region,
                            native=jsonable(native),
                        ),
                        relations=relations,
                        direction=direction,  # type: ignore[arg-type]
                        protocol=protocol,
                        ports=_ports(protocol, permission),
                        **{side: tuple(r for r in ranges if r)},
                        source_groups=tuple(peers) if direction == "ingress" else (),
                        targets=(group_arn,),
                        group=group_arn,
                    )
                )
    return out
