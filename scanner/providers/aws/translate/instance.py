"""EC2 instances into instance records: public and private addresses, security groups, IMDSv2."""

from __future__ import annotations

from scanner.inventory.model import Instance
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.translate.common import base, ec2_arn, jsonable, name_of

GONE = frozenset({"terminated", "shutting-down"})


def instances(raw: AccountRaw, region: RegionRaw) -> list[Instance]:
    out = []
    for item in region.instances or []:
        if (item.get("State") or {}).get("Name") in GONE:
            continue
        interfaces = item.get("NetworkInterfaces", []) or []
        public = [item.get("PublicIpAddress")]
        public += [(n.get("Association") or {}).get("PublicIp") for n in interfaces]
        private = [item.get("PrivateIpAddress")]
        private += [
            a.get("PrivateIpAddress") for n in interfaces for a in n.get("PrivateIpAddresses", []) or []
        ]
        groups = [g.get("GroupId") for g in item.get("SecurityGroups", []) or []]
        groups += [g.get("GroupId") for n in interfaces for g in n.get("Groups", []) or []]

        def arn(kind: str, ident: str) -> str:
            return ec2_arn(raw.partition, region.region, raw.account, kind, ident)

        relations = {}
        if item.get("SubnetId"):
            relations["subnet"] = (arn("subnet", item["SubnetId"]),)
        if item.get("VpcId"):
            relations["network"] = (arn("vpc", item["VpcId"]),)
        metadata = item.get("MetadataOptions") or {}
        native = {
            **item,
            "imdsv2_required": metadata.get("HttpTokens") == "required"
            or metadata.get("HttpEndpoint") == "disabled",
        }
        out.append(
            Instance(
                **base(
                    raw.account,
                    item,
                    "ec2.DescribeInstances",
                    id=arn("instance", item["InstanceId"]),
                    name=name_of(item, item["InstanceId"]),
                    region=region.region,
                    native=jsonable(native),
                ),
                relations=relations,
                public_ips=tuple(dict.fromkeys(p for p in public if p)),
                private_ips=tuple(dict.fromkeys(p for p in private if p)),
                security_groups=tuple(dict.fromkeys(arn("security-group", g) for g in groups if g)),
                service_account=(item.get("IamInstanceProfile") or {}).get("Arn"),
            )
        )
    return out
