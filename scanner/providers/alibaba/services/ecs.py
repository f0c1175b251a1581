"""ECS: regions, security groups with every permission, instances."""

from __future__ import annotations

from typing import Any

from alibabacloud_ecs20140526 import models

from scanner.providers.alibaba.services.base import PAGE_SIZE, call, dig, next_tokens


def describe_regions(client: Any) -> list[dict[str, Any]]:
    body = call(lambda: client.describe_regions(models.DescribeRegionsRequest()))
    return dig(body, "Regions", "Region")


def describe_security_groups(client: Any, region: str) -> list[dict[str, Any]]:
    def fetch(token: str | None) -> dict[str, Any]:
        request = models.DescribeSecurityGroupsRequest(
            region_id=region, max_results=PAGE_SIZE, next_token=token
        )
        return call(lambda: client.describe_security_groups(request))

    return next_tokens(fetch, "SecurityGroups", "SecurityGroup")


def describe_security_group_attribute(client: Any, region: str, group_id: str) -> dict[str, Any]:
    """Ingress and egress (both, when ``Direction`` is not given), every page merged into one body."""
    first: dict[str, Any] | None = None
    permissions: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        request = models.DescribeSecurityGroupAttributeRequest(
            region_id=region, security_group_id=group_id, max_results=100, next_token=token
        )
        body = call(lambda request=request: client.describe_security_group_attribute(request))
        first = first or body
        permissions.extend(dig(body, "Permissions", "Permission"))
        token = body.get("NextToken") or None
        if not token:
            break
    merged = dict(first)
    merged["Permissions"] = {"Permission": permissions}
    merged.pop("NextToken", None)
    return merged


def describe_instances(client: Any, region: str) -> list[dict[str, Any]]:
    def fetch(token: str | None) -> dict[str, Any]:
        request = models.DescribeInstancesRequest(region_id=region, max_results=PAGE_SIZE, next_token=token)
        return call(lambda: client.describe_instances(request))

    return next_tokens(fetch, "Instances", "Instance")
