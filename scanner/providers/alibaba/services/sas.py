"""Security Center (SAS, Threat Detection 2018-12-03): edition, notifications, vulnerability scan
settings, and the agent status of every server it knows."""

from __future__ import annotations

from typing import Any

from alibabacloud_sas20181203 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, dig, page_numbers, single


def version_config(client: Any) -> dict[str, Any]:
    return single(client.describe_version_config, m.DescribeVersionConfigRequest())


def notice_config(client: Any) -> list[dict[str, Any]]:
    return dig(single(client.describe_notice_config, m.DescribeNoticeConfigRequest()), "NoticeConfigList")


def vul_config(client: Any) -> list[dict[str, Any]]:
    return dig(single(client.describe_vul_config, m.DescribeVulConfigRequest()), "TargetConfigs")


def cloud_center_instances(client: Any) -> list[dict[str, Any]]:
    """Every ECS server Security Center knows, with ``ClientStatus`` (``online``/``offline``/``pause``)."""

    def fetch(page: int) -> dict[str, Any]:
        request = m.DescribeCloudCenterInstancesRequest(
            machine_types="ecs", current_page=page, page_size=PAGE_SIZE
        )
        body = single(client.describe_cloud_center_instances, request)
        return {**body, "TotalCount": (body.get("PageInfo") or {}).get("TotalCount")}

    return page_numbers(fetch, "Instances")
