"""Classic Load Balancer (SLB 2014-05-15): the reads behind an ACK API server's access control.

Read calls only, both RPC:

* DescribeLoadBalancerTCPListenerAttribute (``RegionId``, ``LoadBalancerId``, ``ListenerPort``):
  one TCP listener's configuration, with ``AclStatus`` (``on``/``off``), ``AclType``
  (``white``/``black``), ``AclId`` and ``AclIds.AclId[]`` (both returned only when ``AclStatus``
  is ``on``). No list form: one call per listener.
  https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-describeloadbalancertcplistenerattribute
* DescribeAccessControlListAttribute (``RegionId``, ``AclId``, paged by ``Page``/``PageSize``,
  at most 50, with ``TotalAclEntry``): one ACL's entries, ``AclEntrys.AclEntry[].AclEntryIP``.
  No form lists several ACLs' entries at once.
  https://help.aliyun.com/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-describeaccesscontrollistattribute

Field and parameter names as in the SDK's models (``alibabacloud_slb20140515``).
"""

from __future__ import annotations

from typing import Any

from alibabacloud_slb20140515 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, page_numbers, single

# The port ACK's API server listens on, on the CLB instance the cluster created for it (ACK's
# "Configure access control policies for the API server": https://www.alibabacloud.com/help/en/ack/cluster-access-control).
API_SERVER_PORT = 6443


def tcp_listener(client: Any, region: str, load_balancer_id: str) -> dict[str, Any]:
    """The API server's TCP listener on ``load_balancer_id``, with the instance id added."""
    request = m.DescribeLoadBalancerTCPListenerAttributeRequest(
        region_id=region, load_balancer_id=load_balancer_id, listener_port=API_SERVER_PORT
    )
    return {
        "LoadBalancerId": load_balancer_id,
        **single(client.describe_load_balancer_tcplistener_attribute, request),
    }


def acl_entries(client: Any, region: str, acl_id: str) -> list[dict[str, Any]]:
    """Every entry of one ACL (``AclEntryIP``, ``AclEntryComment``), page by page."""

    def fetch(page: int) -> dict[str, Any]:
        request = m.DescribeAccessControlListAttributeRequest(
            region_id=region, acl_id=acl_id, page=page, page_size=PAGE_SIZE
        )
        return single(client.describe_access_control_list_attribute, request)

    return page_numbers(fetch, "AclEntrys", "AclEntry", total_key="TotalAclEntry")
