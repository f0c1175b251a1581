"""VPC: networks, vSwitches, route tables and entries, NAT gateways and SNAT entries, EIPs, flow logs."""

from __future__ import annotations

from typing import Any

from alibabacloud_vpc20160428 import models

from scanner.providers.alibaba.services.base import PAGE_SIZE, call, next_tokens, page_numbers


def _models() -> Any:
    return models


def describe_vpcs(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_vpcs(
                m.DescribeVpcsRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "Vpcs",
        "Vpc",
    )


def describe_vswitches(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_vswitches(
                m.DescribeVSwitchesRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "VSwitches",
        "VSwitch",
    )


def describe_route_tables(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_route_table_list(
                m.DescribeRouteTableListRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "RouterTableList",
        "RouterTableListType",
    )


def describe_route_entries(client: Any, region: str, route_table_id: str) -> list[dict[str, Any]]:
    m = _models()

    def fetch(token: str | None) -> dict[str, Any]:
        request = m.DescribeRouteEntryListRequest(
            region_id=region, route_table_id=route_table_id, max_result=PAGE_SIZE, next_token=token
        )
        return call(lambda: client.describe_route_entry_list(request))

    return next_tokens(fetch, "RouteEntrys", "RouteEntry")


def describe_nat_gateways(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_nat_gateways(
                m.DescribeNatGatewaysRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "NatGateways",
        "NatGateway",
    )


def describe_snat_entries(client: Any, region: str, snat_table_id: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_snat_table_entries(
                m.DescribeSnatTableEntriesRequest(
                    region_id=region, snat_table_id=snat_table_id, page_number=n, page_size=PAGE_SIZE
                )
            )
        ),
        "SnatTableEntries",
        "SnatTableEntry",
    )


def describe_eips(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_eip_addresses(
                m.DescribeEipAddressesRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "EipAddresses",
        "EipAddress",
    )


def describe_flow_logs(client: Any, region: str) -> list[dict[str, Any]]:
    m = _models()
    return page_numbers(
        lambda n: call(
            lambda: client.describe_flow_logs(
                m.DescribeFlowLogsRequest(region_id=region, page_number=n, page_size=PAGE_SIZE)
            )
        ),
        "FlowLogs",
        "FlowLog",
    )
