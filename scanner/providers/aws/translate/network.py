"""VPCs and subnets into network and subnet records, with flow logs and the subnet's route to the internet."""

from __future__ import annotations

from scanner.inventory.model import Network, Subnet
from scanner.providers.aws import link
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.translate.common import base, ec2_arn, jsonable, name_of


def _flow_logged(region: RegionRaw) -> set[str] | None:
    if region.flow_logs is None:
        return None
    return {
        str(f.get("ResourceId")) for f in region.flow_logs if f.get("FlowLogStatus", "ACTIVE") == "ACTIVE"
    }


def networks(raw: AccountRaw, region: RegionRaw) -> list[Network]:
    logged = _flow_logged(region)
    out = []
    for vpc in region.vpcs or []:
        vpc_id = vpc["VpcId"]
        cidrs = [a.get("CidrBlock") for a in vpc.get("CidrBlockAssociationSet", []) or []]
        cidrs += [a.get("Ipv6CidrBlock") for a in vpc.get("Ipv6CidrBlockAssociationSet", []) or []]
        native = {
            **vpc,
            "internet_gateways": [
                g.get("InternetGatewayId")
                for g in region.internet_gateways or []
                if any(a.get("VpcId") == vpc_id for a in g.get("Attachments", []) or [])
            ],
            "egress_only_internet_gateways": [
                g.get("EgressOnlyInternetGatewayId")
                for g in region.egress_only_gateways or []
                if any(a.get("VpcId") == vpc_id for a in g.get("Attachments", []) or [])
            ],
            "nat_gateways": [g for g in region.nat_gateways or [] if g.get("VpcId") == vpc_id],
            "network_acls": [a for a in region.network_acls or [] if a.get("VpcId") == vpc_id],
            "flow_logs": [f for f in region.flow_logs or [] if f.get("ResourceId") == vpc_id],
        }
        out.append(
            Network(
                **base(
                    raw.account,
                    vpc,
                    "ec2.DescribeVpcs",
                    id=ec2_arn(raw.partition, region.region, raw.account, "vpc", vpc_id),
                    name=name_of(vpc, vpc_id),
                    region=region.region,
                    native=jsonable(native),
                ),
                cidrs=tuple(c for c in cidrs if c),
                flow_logs=None if logged is None else vpc_id in logged,
                is_default=bool(vpc.get("IsDefault", False)),
            )
        )
    return out


def subnets(raw: AccountRaw, region: RegionRaw) -> list[Subnet]:
    logged = _flow_logged(region)
    tables_known = region.route_tables is not None
    by_subnet, main = link.subnet_tables(region.route_tables or [])
    acls = {
        a.get("SubnetId"): acl.get("NetworkAclId")
        for acl in region.network_acls or []
        for a in acl.get("Associations", []) or []
    }
    out = []
    for item in region.subnets or []:
        subnet_id, vpc_id = item["SubnetId"], item.get("VpcId", "")
        table = by_subnet.get(subnet_id) or main.get(vpc_id)
        native = {
            **item,
            "route_table_id": (table or {}).get("RouteTableId"),
            "routes": (table or {}).get("Routes", []),
            "ipv6_egress_only": link.ipv6_egress_only(table),
            "network_acl_id": acls.get(subnet_id),
        }
        flow = None if logged is None else (subnet_id in logged or vpc_id in logged)
        out.append(
            Subnet(
                **base(
                    raw.account,
                    item,
                    "ec2.DescribeSubnets",
                    id=ec2_arn(raw.partition, region.region, raw.account, "subnet", subnet_id),
                    name=name_of(item, subnet_id),
                    region=region.region,
                    native=jsonable(native),
                ),
                relations={"network": (ec2_arn(raw.partition, region.region, raw.account, "vpc", vpc_id),)},
                cidr=item.get("CidrBlock"),
                routes_to_internet=link.routes_to_internet(table) if tables_known else None,
                flow_logs=flow,
            )
        )
    return out
