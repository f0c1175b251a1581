"""VPC: networks, vSwitches, route tables and entries, NAT gateways and SNAT entries, EIPs, flow logs."""

from __future__ import annotations

from typing import Any

from alibabacloud_vpc20160428 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, paged, tokened


def describe_vpcs(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(client.describe_vpcs, m.DescribeVpcsRequest, "Vpcs", "Vpc", region_id=region)


def describe_vswitches(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_vswitches, m.DescribeVSwitchesRequest, "VSwitches", "VSwitch", region_id=region
    )


def describe_route_tables(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_route_table_list,
        m.DescribeRouteTableListRequest,
        "RouterTableList",
        "RouterTableListType",
        region_id=region,
    )


def describe_route_entries(client: Any, region: str, route_table_id: str) -> list[dict[str, Any]]:
    return tokened(
        client.describe_route_entry_list,
        m.DescribeRouteEntryListRequest,
        "RouteEntrys",
        "RouteEntry",
        region_id=region,
        route_table_id=route_table_id,
        max_result=PAGE_SIZE,
    )


def describe_nat_gateways(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_nat_gateways,
        m.DescribeNatGatewaysRequest,
        "NatGateways",
        "NatGateway",
        region_id=region,
    )


def describe_snat_entries(client: Any, region: str, snat_table_id: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_snat_table_entries,
        m.DescribeSnatTableEntriesRequest,
        "SnatTableEntries",
        "SnatTableEntry",
        region_id=region,
        snat_table_id=snat_table_id,
    )


def describe_eips(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_eip_addresses,
        m.DescribeEipAddressesRequest,
        "EipAddresses",
        "EipAddress",
        region_id=region,
    )


def describe_flow_logs(client: Any, region: str) -> list[dict[str, Any]]:
    return paged(
        client.describe_flow_logs, m.DescribeFlowLogsRequest, "FlowLogs", "FlowLog", region_id=region
    )
