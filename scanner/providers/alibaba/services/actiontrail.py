"""ActionTrail (2020-07-06): every trail of the account, multi-account (organization) trails included."""

from __future__ import annotations

from typing import Any

from alibabacloud_actiontrail20200706 import models as m

from scanner.providers.alibaba.services.base import dig, single


def describe_trails(client: Any) -> list[dict[str, Any]]:
    """DescribeTrails answers every trail at once (no paging); shadow trails are left out."""
    request = m.DescribeTrailsRequest(include_organization_trail=True, include_shadow_trails=False)
    return dig(single(client.describe_trails, request), "TrailList")
