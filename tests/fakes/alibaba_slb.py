"""Routes of the fake Alibaba Cloud for Classic Load Balancer (SLB 2014-05-15), a mixin of ``FakeAlibaba``.

Only the two reads behind an ACK API server's access control, RPC like ECS, answered in their
documented shapes:

* DescribeLoadBalancerTCPListenerAttribute (``RegionId``, ``LoadBalancerId``, ``ListenerPort``):
  the listener's configuration; ``AclId``, ``AclIds.AclId[]`` and ``AclType`` only when
  ``AclStatus`` is ``on``. A load balancer the region does not have answers
  ``InvalidLoadBalancerId.NotFound`` (the code terraform-provider-alicloud expects,
  alicloud/service_alicloud_slb.go).
* DescribeAccessControlListAttribute (``RegionId``, ``AclId``, ``Page``/``PageSize``):
  ``AclEntrys.AclEntry[]`` page by page with ``TotalAclEntry``; an unknown ACL answers
  ``AclNotExist`` (alicloud/resource_alicloud_slb_acl.go).

Fixtures, per region: ``slb_listeners`` ``{LoadBalancerId: {port: listener}}`` and ``slb_acls``
``{AclId: {"AclName": ..., "entries": [{"AclEntryIP": ..., "AclEntryComment": ...}]}}``.
"""

from __future__ import annotations

import json
from typing import Any

Answer = tuple[int, bytes, str]


def _json(status: int, body: dict[str, Any]) -> Answer:
    return status, json.dumps(body).encode(), "application/json;charset=utf-8"


def _error(status: int, code: str, message: str) -> Answer:
    return _json(status, {"RequestId": "5E1A-SLB", "Code": code, "Message": message,
                          "HostId": "slb.aliyuncs.com"})  # fmt: skip


class SlbRoutes:
    """Needs ``self.page_cap`` and ``self._region(req)`` from ``FakeAlibaba``."""

    page_cap: int

    def _region(self, req: Any) -> dict[str, Any]:  # provided by FakeAlibaba
        raise NotImplementedError

    def _slb_DescribeLoadBalancerTCPListenerAttribute(self, req: Any) -> Answer:
        balancer = req.params.get("LoadBalancerId", "")
        listeners = self._region(req).get("slb_listeners", {}).get(balancer)
        listener = (listeners or {}).get(int(req.params.get("ListenerPort", "0")))
        if listener is None:
            return _error(
                404, "InvalidLoadBalancerId.NotFound", "The specified load balancer does not exist."
            )
        body = {"RequestId": "5E1A-SLB", "LoadBalancerId": balancer, "ListenerPort": 6443,
                "BackendServerPort": 6443, "Status": "running",
                "Bandwidth": -1, "Scheduler": "wrr", "HealthCheck": "on", "HealthCheckType": "tcp",
                "AclStatus": listener.get("AclStatus", "off")}  # fmt: skip
        if body["AclStatus"] == "on":
            ids = listener.get("AclIds", [])
            body.update({"AclType": listener["AclType"], "AclId": ids[0] if ids else "",
                         "AclIds": {"AclId": ids}})  # fmt: skip
        return _json(200, body)

    def _slb_DescribeAccessControlListAttribute(self, req: Any) -> Answer:
        acl_id = req.params.get("AclId", "")
        acl = self._region(req).get("slb_acls", {}).get(acl_id)
        if acl is None:
            return _error(400, "AclNotExist", "The specified AclId does not exist.")
        entries = acl["entries"]
        size = min(int(req.params.get("PageSize", "10")), self.page_cap)
        number = int(req.params.get("Page", "1"))
        return _json(200, {"RequestId": "5E1A-SLB", "AclId": acl_id, "AclName": acl.get("AclName", acl_id),
                           "AddressIPVersion": "ipv4", "TotalAclEntry": len(entries),
                           "AclEntrys": {"AclEntry": entries[(number - 1) * size : number * size]},
                           "RelatedListeners": {"RelatedListener": []}})  # fmt: skip
