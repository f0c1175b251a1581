"""ECS: regions, security groups with every permission, instances."""

from __future__ import annotations

from typing import Any

from alibabacloud_ecs20140526 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, dig, single, tokened


def describe_regions(client: Any) -> list[dict[str, Any]]:
    return dig(single(client.describe_regions, m.DescribeRegionsRequest()), "Regions", "Region")


def describe_security_groups(client: Any, region: str) -> list[dict[str, Any]]:
    return tokened(
        client.describe_security_groups,
        m.DescribeSecurityGroupsRequest,
        "SecurityGroups",
        "SecurityGroup",
        region_id=region,
        max_results=PAGE_SIZE,
    )


def describe_security_group_attribute(client: Any, region: str, group_id: str) -> dict[str, Any]:
    """Ingress and egress (both, when ``Direction`` is not given), every page merged into one body."""
    first: dict[str, Any] | None = None
    permissions: list[dict[str, Any]] = []
    token: str | None = None
    while True:
        request = m.DescribeSecurityGroupAttributeRequest(
            region_id=region, security_group_id=group_id, max_results=100, next_token=token
        )
        body = single(client.describe_security_group_attribute, request)
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
    return tokened(
        client.describe_instances,
        m.DescribeInstancesRequest,
        "Instances",
        "Instance",
        region_id=region,
        max_results=PAGE_SIZE,
    )


def describe_disks(client: Any, region: str) -> list[dict[str, Any]]:
    """Every cloud disk of the region (attached or not) with ``Status``, ``Encrypted``, ``KMSKeyId``."""
    return tokened(
        client.describe_disks,
        m.DescribeDisksRequest,
        "Disks",
        "Disk",
        region_id=region,
        max_results=PAGE_SIZE,
    )


def describe_snapshots(client: Any, region: str) -> list[dict[str, Any]]:
    """Every snapshot of the region with ``CreationTime``, ``SourceDiskId``, ``SnapshotType``."""
    return tokened(
        client.describe_snapshots,
        m.DescribeSnapshotsRequest,
        "Snapshots",
        "Snapshot",
        region_id=region,
        max_results=PAGE_SIZE,
    )
