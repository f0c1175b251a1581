# ruff: noqa: E501 - canned response bodies read best on one line each
"""A fake Alibaba Cloud: OpenAPI products on the ``x-acs-action`` header, OSS on path and query.

Every OpenAPI call arrives as ``POST /?<parameters>`` with the operation in the
``x-acs-action`` header and the API version in ``x-acs-version`` (ECS 2014-05-26,
VPC 2016-04-28, RDS 2014-08-15, RAM 2015-05-01, IMS 2019-08-15, CR 2018-12-01); CR Personal
Edition (2016-06-07) is ROA style, ``GET /repos`` with the same two headers. Answers are JSON
in the documented shapes, with each API's own paging: ``PageNumber``/``PageSize``/
``TotalCount`` (VPC, RDS: ``TotalRecordCount``), ``NextToken``/``MaxResults`` (ECS,
route entries), ``Marker``/``IsTruncated`` (RAM users, roles, groups), ``PageNo``/``PageSize`` (CR),
``Page``/``PageSize`` with ``data.total`` (CR Personal Edition).
OSS answers XML on ``GET /`` (``marker``/``NextMarker``) and ``GET /<bucket>/?<sub-resource>``.

``page_cap`` caps every page (real APIs cap too), so small fixtures still page.
Faults: ``deny`` (products or actions answered ``Forbidden.RAM`` / OSS ``AccessDenied``),
``throttle_once`` (actions answered ``Throttling.User`` once, then normally),
``invalid_keys`` (access key ids answered ``InvalidAccessKeyId.NotFound``).
``latency`` seconds are added to every answer. Every request is recorded.
Any other fault (resets, hangs, truncated or non-XML/JSON bodies, persistent throttling,
5xx, denials, fail-N-times-then-succeed) is queued on ``fake.injected``
(:mod:`tests.fakes.faults`) by action (``DescribeVpcs``) or ``product.action``
(``oss.acl``, ``oss.list``) and, optionally, request parameters (``{"PageNumber": "3"}``);
:func:`throttled`, :func:`server_error` and :func:`denied` build the API's own answers.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit
from xml.sax.saxutils import escape

from tests.fakes.alibaba_coverage import CoverageRoutes
from tests.fakes.alibaba_kms import KmsRoutes
from tests.fakes.alibaba_slb import SlbRoutes
from tests.fakes.faults import Fault, FaultTable, QuietServer, deliver

VERSIONS = {
    "2014-05-26": "ecs",
    "2016-04-28": "vpc",
    "2014-08-15": "rds",
    "2015-05-01": "ram",
    "2019-08-15": "ims",
    "2018-12-01": "cr",
    "2016-06-07": "cr",  # Container Registry Personal Edition (ROA: GET /repos)
    "2020-07-06": "actiontrail",
    "2018-12-03": "sas",
    "2017-08-01": "polardb",
    "2015-01-01": "kvstore",
    "2015-12-01": "dds",
    "2014-05-15": "slb",  # Classic Load Balancer: an ACK API server's listener ACL (alibaba_slb.py)
    "2015-12-15": "cs",  # Container Service for Kubernetes (ROA: routed on the path, alibaba_coverage.py)
    "2015-04-01": "sts",  # STS and Resource Manager: the Resource Directory fake (alibaba_directory.py)
    "2020-03-31": "resourcemanager",
    "2016-01-20": "kms",  # Key Management Service (alibaba_kms.py)
}
Answer = tuple[int, bytes, str]


@dataclass(frozen=True)
class Request:
    product: str
    action: str
    params: dict[str, str]
    key_id: str | None = None


@dataclass
class Faults:
    deny: set[str] = field(default_factory=set)
    throttle_once: set[str] = field(default_factory=set)
    invalid_keys: set[str] = field(default_factory=set)


def _json(status: int, body: dict[str, Any]) -> Answer:
    return status, json.dumps(body).encode(), "application/json;charset=utf-8"


def api_error(status: int, code: str, message: str) -> Answer:
    return _json(status, {"RequestId": "5E1A0000-FAKE-4000-8000-000000000000", "Code": code, "Message": message,
                          "HostId": "fake.aliyuncs.com"})  # fmt: skip


def sls_error(status: int, code: str, message: str) -> Answer:
    """A Log Service error: ``{"errorCode", "errorMessage"}`` with the HTTP status."""
    return _json(status, {"errorCode": code, "errorMessage": message})


def oss_error(status: int, code: str, message: str, bucket: str = "") -> Answer:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error>'
        f"<Code>{code}</Code><Message>{escape(message)}</Message>"
        "<RequestId>5E1A0000FAKE0000000000000</RequestId><HostId>oss.fake</HostId>"
        f"<BucketName>{escape(bucket)}</BucketName></Error>"
    )
    return status, body.encode(), "application/xml"


def _as_fault(answer: Answer) -> Fault:
    return Fault.answer(answer[0], answer[1], answer[2])


def throttled(oss: bool = False) -> Fault:
    if oss:
        return _as_fault(oss_error(503, "ServiceUnavailable", "Please reduce your request rate."))
    return _as_fault(api_error(400, "Throttling.User", "Request was denied due to user flow control."))


def server_error(oss: bool = False) -> Fault:
    if oss:
        return _as_fault(
            oss_error(500, "InternalError", "We encountered an internal error. Please try again.")
        )
    return _as_fault(
        api_error(
            503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."
        )
    )


def denied(oss: bool = False) -> Fault:
    if oss:
        return _as_fault(
            oss_error(403, "AccessDenied", "You have no right to access this object because of bucket acl.")
        )
    return _as_fault(
        api_error(
            403,
            "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        )
    )


def _page_number(
    items: list[Any], params: dict[str, str], cap: int, path: tuple[str, ...], total_key: str = "TotalCount"
) -> dict[str, Any]:
    size = min(int(params.get("PageSize", "10")), cap)
    number = int(params.get("PageNumber", "1"))
    chunk = items[(number - 1) * size : number * size]
    body: dict[str, Any] = {
        "RequestId": "5E1A-PAGE",
        "PageNumber": number,
        "PageSize": size,
        total_key: len(items),
    }
    node: dict[str, Any] = body
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = chunk
    return body


def _next_token(
    items: list[Any], params: dict[str, str], cap: int, size_key: str, path: tuple[str, ...]
) -> dict[str, Any]:
    size = min(int(params.get(size_key, "10")), cap)
    start = int(params.get("NextToken") or 0)
    chunk = items[start : start + size]
    body: dict[str, Any] = {"RequestId": "5E1A-TOKEN", "TotalCount": len(items)}
    if start + size < len(items):
        body["NextToken"] = str(start + size)
    node: dict[str, Any] = body
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = chunk
    return body


class FakeAlibaba(CoverageRoutes, KmsRoutes, SlbRoutes):
    """Serve ``account`` (see ``alibaba_landing_zone.landing_zone``) on 127.0.0.1 until closed."""

    def __init__(self, account: dict[str, Any], *, latency: float = 0.0, page_cap: int = 2) -> None:
        self.account = account
        self.latency = latency
        self.page_cap = page_cap
        self.faults = Faults()
        self.injected = FaultTable()
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._throttled: set[str] = set()
        self._server = QuietServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> FakeAlibaba:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.injected.released.set()
        self._server.shutdown()
        self._server.server_close()

    def actions(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(r.product, r.action) for r in self.requests]

    # --- dispatch ------------------------------------------------------------------------------

    def serve(
        self, method: str, raw_path: str, headers: dict[str, str], body: bytes
    ) -> tuple[Answer, Fault | None]:
        """The answer to one request and the fault injected into it, if any."""
        parts = urlsplit(raw_path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        action = headers.get("x-acs-action")
        if "x-log-apiversion" in headers:  # Log Service: ROA, routed on the Host and the path
            sls_action = _sls_action(parts.path, self._project(headers))
            names: tuple[str, ...] = (sls_action, f"sls.{sls_action}")
        elif action:
            names = (
                action,
                f"{VERSIONS.get(headers.get('x-acs-version', ''), 'unknown')}.{action}",
            )
        else:
            bucket, sub = _oss_target(parts.path, params)
            params = {**params, "bucket": bucket}
            names = (f"oss.{sub}",)
        fault = self.injected.take(names, params)
        if fault is not None and fault.kind in ("answer", "hang", "reset", "garbage"):
            with self._lock:
                self.requests.append(Request(names[-1].split(".")[0], names[0].removeprefix("oss."), params))
            return (0, b"", ""), fault
        return self.handle(method, raw_path, headers, body), fault

    def handle(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Answer:
        if self.latency:
            time.sleep(self.latency)
        parts = urlsplit(raw_path)
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if body and "x-www-form-urlencoded" in headers.get("content-type", ""):
            params.update({k: v[-1] for k, v in parse_qs(body.decode(), keep_blank_values=True).items()})
        key_id = _key_id(headers.get("authorization", ""))
        action = headers.get("x-acs-action")
        if "x-log-apiversion" in headers:
            project = self._project(headers)
            request = Request("sls", _sls_action(parts.path, project), {**params, "project": project,
                              "path": parts.path}, key_id)  # fmt: skip
            return self._record_and_answer(request, self._sls)
        if action:
            product = VERSIONS.get(headers.get("x-acs-version", ""), "unknown")
            params = {**params, "path": parts.path} if parts.path not in ("", "/") else params
            return self._record_and_answer(Request(product, action, params, key_id), self._openapi)
        bucket, sub = _oss_target(parts.path, params)
        return self._record_and_answer(Request("oss", sub, {**params, "bucket": bucket}, key_id), self._oss)

    def _project(self, headers: dict[str, str]) -> str:
        """The Log Service project the Host names (``<project>.127.0.0.1:<port>``), or ``""``."""
        host = headers.get("host", "").lower()
        suffix = f".127.0.0.1:{self._server.server_address[1]}"
        return host[: -len(suffix)] if host.endswith(suffix) else ""

    def _record_and_answer(self, request: Request, route: Callable[[Request], Answer]) -> Answer:
        with self._lock:
            self.requests.append(request)
            first_time = request.action not in self._throttled
            if request.action in self.faults.throttle_once and first_time:
                self._throttled.add(request.action)
                throttled = True
            else:
                throttled = False
        oss = request.product == "oss"
        if request.product == "sls" and (
            request.product in self.faults.deny or request.action in self.faults.deny
        ):
            return sls_error(401, "Unauthorized", f"denied by sts or ram, action: log:{request.action}")
        if request.product == "sls" and throttled:
            return sls_error(403, "ReadQuotaExceed", "Read quota is exceeded.")
        if request.key_id in self.faults.invalid_keys:
            if oss:
                return oss_error(
                    403,
                    "InvalidAccessKeyId",
                    "The OSS Access Key Id you provided does not exist in our records.",
                )
            return api_error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        if request.product in self.faults.deny or request.action in self.faults.deny:
            if oss:
                return oss_error(
                    403, "AccessDenied", "You have no right to access this object because of bucket acl."
                )
            return api_error(
                403,
                "Forbidden.RAM",
                "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
            )
        if throttled:
            if oss:
                return oss_error(503, "ServiceUnavailable", "Please reduce your request rate.")
            return api_error(400, "Throttling.User", "Request was denied due to user flow control.")
        return route(request)

    # --- OpenAPI ---------------------------------------------------------------------------------

    def _openapi(self, req: Request) -> Answer:
        handler = getattr(self, f"_{req.product}_{req.action}", None)
        if handler is None:
            return api_error(
                404,
                "InvalidAction.NotFound",
                f"Specified api is not found, please check your url and method: {req.action}",
            )
        return handler(req)

    def _region(self, req: Request) -> dict[str, Any]:
        return self.account["regions"].get(req.params.get("RegionId", ""), {})

    def _ecs_DescribeRegions(self, req: Request) -> Answer:
        regions = [{"RegionId": r, "LocalName": r, "RegionEndpoint": f"ecs.{r}.aliyuncs.com", "Status": "available"}
                   for r in self.account["regions"]]  # fmt: skip
        return _json(200, {"RequestId": "5E1A-REGIONS", "Regions": {"Region": regions}})

    def _ecs_DescribeSecurityGroups(self, req: Request) -> Answer:
        body = _next_token(
            self._region(req).get("security_groups", []),
            req.params,
            self.page_cap,
            "MaxResults",
            ("SecurityGroups", "SecurityGroup"),
        )
        return _json(200, {**body, "RegionId": req.params.get("RegionId")})

    def _ecs_DescribeSecurityGroupAttribute(self, req: Request) -> Answer:
        region = self._region(req)
        group_id = req.params.get("SecurityGroupId", "")
        group = next((g for g in region.get("security_groups", []) if g["SecurityGroupId"] == group_id), None)
        if group is None:
            return api_error(
                404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."
            )
        perms = region["permissions"].get(group_id, [])
        direction = req.params.get("Direction", "all")
        if direction != "all":
            perms = [p for p in perms if p["Direction"] == direction]
        body = _next_token(perms, req.params, self.page_cap, "MaxResults", ("Permissions", "Permission"))
        body.pop("TotalCount")
        return _json(200, {**body, "SecurityGroupId": group_id, "SecurityGroupName": group["SecurityGroupName"],
                           "VpcId": group.get("VpcId", ""), "RegionId": req.params.get("RegionId"), "Description": "",
                           "InnerAccessPolicy": "Accept"})  # fmt: skip

    def _ecs_DescribeInstances(self, req: Request) -> Answer:
        return _json(
            200,
            _next_token(
                self._region(req).get("instances", []),
                req.params,
                self.page_cap,
                "MaxResults",
                ("Instances", "Instance"),
            ),
        )

    def _vpc_list(self, req: Request, key: str, path: tuple[str, ...]) -> Answer:
        return _json(200, _page_number(self._region(req).get(key, []), req.params, self.page_cap, path))

    def _vpc_DescribeVpcs(self, req: Request) -> Answer:
        return self._vpc_list(req, "vpcs", ("Vpcs", "Vpc"))

    def _vpc_DescribeVSwitches(self, req: Request) -> Answer:
        return self._vpc_list(req, "vswitches", ("VSwitches", "VSwitch"))

    def _vpc_DescribeRouteTableList(self, req: Request) -> Answer:
        body = _page_number(
            self._region(req).get("route_tables", []),
            req.params,
            self.page_cap,
            ("RouterTableList", "RouterTableListType"),
        )
        return _json(200, {**body, "Success": True, "Code": "200"})

    def _vpc_DescribeRouteEntryList(self, req: Request) -> Answer:
        entries = self._region(req).get("route_entries", {}).get(req.params.get("RouteTableId", ""), [])
        body = _next_token(entries, req.params, self.page_cap, "MaxResult", ("RouteEntrys", "RouteEntry"))
        body.pop("TotalCount")
        return _json(200, body)

    def _vpc_DescribeNatGateways(self, req: Request) -> Answer:
        return self._vpc_list(req, "nat_gateways", ("NatGateways", "NatGateway"))

    def _vpc_DescribeSnatTableEntries(self, req: Request) -> Answer:
        entries = self._region(req).get("snat_entries", {}).get(req.params.get("SnatTableId", ""), [])
        return _json(
            200, _page_number(entries, req.params, self.page_cap, ("SnatTableEntries", "SnatTableEntry"))
        )

    def _vpc_DescribeEipAddresses(self, req: Request) -> Answer:
        return self._vpc_list(req, "eips", ("EipAddresses", "EipAddress"))

    def _vpc_DescribeFlowLogs(self, req: Request) -> Answer:
        body = _page_number(
            self._region(req).get("flow_logs", []), req.params, self.page_cap, ("FlowLogs", "FlowLog")
        )
        return _json(200, {**body, "Success": "true"})

    def _rds_DescribeDBInstances(self, req: Request) -> Answer:
        items = self._region(req).get("rds", [])
        body = _page_number(
            items, req.params, self.page_cap, ("Items", "DBInstance"), total_key="TotalRecordCount"
        )
        body["PageRecordCount"] = len(body["Items"]["DBInstance"])
        return _json(200, body)

    def _rds_detail(self, req: Request, key: str) -> Answer:
        instance = req.params.get("DBInstanceId", "")
        for region in self.account["regions"].values():
            if instance in region.get(key, {}):
                return _json(200, {"RequestId": "5E1A-RDS", **region[key][instance]})
        return api_error(
            404, "InvalidDBInstanceId.NotFound", "Specified instance does not exist or not support."
        )

    def _rds_DescribeDBInstanceNetInfo(self, req: Request) -> Answer:
        return self._rds_detail(req, "rds_net")

    def _rds_DescribeDBInstanceIPArrayList(self, req: Request) -> Answer:
        return self._rds_detail(req, "rds_ip")

    def _rds_DescribeDBInstanceSSL(self, req: Request) -> Answer:
        return self._rds_detail(req, "rds_ssl")

    def _rds_DescribeDBInstanceTDE(self, req: Request) -> Answer:
        return self._rds_detail(req, "rds_tde")

    def _rds_DescribeBackupPolicy(self, req: Request) -> Answer:
        return self._rds_detail(req, "rds_backup")

    # --- CR (no region parameter: the fake serves every region's instances, as one endpoint would) ---

    def _cr_pages(self, items: list[Any], req: Request, key: str) -> Answer:
        size = min(int(req.params.get("PageSize", "10")), self.page_cap)
        number = int(req.params.get("PageNo", "1"))
        chunk = items[(number - 1) * size : number * size]
        return _json(200, {"RequestId": "5E1A-CR", "Code": "success", "IsSuccess": True, "PageNo": number,
                           "PageSize": size, "TotalCount": len(items), key: chunk})  # fmt: skip

    def _cr_detail(self, key: str, instance: str) -> list[Any] | None:
        for region in self.account["regions"].values():
            if instance in region.get(key, {}):
                return list(region[key][instance])
        return None

    def _cr_ListInstance(self, req: Request) -> Answer:
        items = [i for region in self.account["regions"].values() for i in region.get("cr_instances", [])]
        return self._cr_pages(items, req, "Instances")

    def _cr_ListInstanceEndpoint(self, req: Request) -> Answer:
        endpoints = self._cr_detail("cr_endpoints", req.params.get("InstanceId", ""))
        if endpoints is None:
            return api_error(404, "INSTANCE_NOT_EXIST", "instance not exist")
        return _json(
            200, {"RequestId": "5E1A-CR", "Code": "success", "IsSuccess": True, "Endpoints": endpoints}
        )

    def _cr_ListNamespace(self, req: Request) -> Answer:
        return self._cr_pages(
            self._cr_detail("cr_namespaces", req.params.get("InstanceId", "")) or [], req, "Namespaces"
        )

    def _cr_ListRepository(self, req: Request) -> Answer:
        return self._cr_pages(
            self._cr_detail("cr_repos", req.params.get("InstanceId", "")) or [], req, "Repositories"
        )

    def _cr_GetRepoList(self, req: Request) -> Answer:
        """Personal Edition (2016-06-07): every region's repositories, each with its ``regionId``."""
        if req.params.get("path") != "/repos":
            return api_error(404, "InvalidAction.NotFound", f"no such path: {req.params.get('path')}")
        repos = [
            r for region in self.account["regions"].values() for r in region.get("cr_personal_repos", [])
        ]
        size = min(int(req.params.get("PageSize", "30")), self.page_cap)
        page = int(req.params.get("Page", "1"))
        data = {
            "page": page,
            "pageSize": size,
            "total": len(repos),
            "repos": repos[(page - 1) * size : page * size],
        }
        return _json(200, {"requestId": "5E1A-CRPE", "data": data})

    # --- RAM -------------------------------------------------------------------------------------

    def _ram_marked(self, req: Request, items: list[Any], plural: str, singular: str) -> Answer:
        """RAM's Marker/IsTruncated paging (ListUsers, ListRoles, ListGroups, ListUsersForGroup)."""
        size = min(int(req.params.get("MaxItems", "100")), self.page_cap)
        start = int(req.params.get("Marker") or 0)
        body: dict[str, Any] = {"RequestId": "5E1A-RAM", plural: {singular: items[start : start + size]}}
        body["IsTruncated"] = start + size < len(items)
        if body["IsTruncated"]:
            body["Marker"] = str(start + size)
        return _json(200, body)

    def _ram_ListUsers(self, req: Request) -> Answer:
        return self._ram_marked(req, self.account["ram"]["users"], "Users", "User")

    def _ram_ListRoles(self, req: Request) -> Answer:
        return self._ram_marked(req, self.account["ram"]["roles"], "Roles", "Role")

    def _ram_ListGroups(self, req: Request) -> Answer:
        return self._ram_marked(req, self.account["ram"]["groups"], "Groups", "Group")

    def _ram_ListPoliciesForRole(self, req: Request) -> Answer:
        name = req.params.get("RoleName", "")
        if not any(r["RoleName"] == name for r in self.account["ram"]["roles"]):
            return api_error(404, "EntityNotExist.Role", "The role not exists.")
        policies = self.account["ram"]["role_policies"].get(name, [])
        return _json(200, {"RequestId": "5E1A-RAM", "Policies": {"Policy": policies}})

    def _ram_ListPoliciesForGroup(self, req: Request) -> Answer:
        name = req.params.get("GroupName", "")
        if not any(g["GroupName"] == name for g in self.account["ram"]["groups"]):
            return api_error(404, "EntityNotExist.Group", "The group does not exist.")
        policies = self.account["ram"]["group_policies"].get(name, [])
        return _json(200, {"RequestId": "5E1A-RAM", "Policies": {"Policy": policies}})

    def _ram_ListUsersForGroup(self, req: Request) -> Answer:
        """Users.User[] (UserName, DisplayName, JoinDate) paged by Marker, as the 2015-05-01 reference."""
        name = req.params.get("GroupName", "")
        if not any(g["GroupName"] == name for g in self.account["ram"]["groups"]):
            return api_error(404, "EntityNotExist.Group", "The group does not exist.")
        members = self.account["ram"].get("group_users", {}).get(name, [])
        return self._ram_marked(req, members, "Users", "User")

    def _ram_user(self, req: Request) -> str | None:
        name = req.params.get("UserName", "")
        return name if any(u["UserName"] == name for u in self.account["ram"]["users"]) else None

    def _no_user(self) -> Answer:
        return api_error(404, "EntityNotExist.User", "The user does not exist.")

    def _ram_GetUser(self, req: Request) -> Answer:
        name = self._ram_user(req)
        return (
            self._no_user()
            if name is None
            else _json(200, {"RequestId": "5E1A-RAM", "User": self.account["ram"]["details"][name]})
        )

    def _ram_GetLoginProfile(self, req: Request) -> Answer:
        name = self._ram_user(req)
        if name is None:
            return self._no_user()
        profile = self.account["ram"]["login_profiles"].get(name)
        if profile is None:
            return api_error(
                404, "EntityNotExist.User.LoginProfile", "The user login profile does not exist."
            )
        return _json(200, {"RequestId": "5E1A-RAM", "LoginProfile": profile})

    def _ram_GetUserMFAInfo(self, req: Request) -> Answer:
        name = self._ram_user(req)
        if name is None:
            return self._no_user()
        device = self.account["ram"]["mfa"].get(name)
        if device is None:
            return api_error(404, "EntityNotExist.User.MFADevice", "The user has not bound any MFA device.")
        return _json(200, {"RequestId": "5E1A-RAM", "MFADevice": device})

    def _ram_ListAccessKeys(self, req: Request) -> Answer:
        name = self._ram_user(req)
        keys = self.account["ram"]["access_keys"].get(name or "", [])
        return (
            self._no_user()
            if name is None
            else _json(200, {"RequestId": "5E1A-RAM", "AccessKeys": {"AccessKey": keys}})
        )

    def _ram_GetAccessKeyLastUsed(self, req: Request) -> Answer:
        used = self.account["ram"]["key_last_used"].get(req.params.get("UserAccessKeyId", ""))
        if used is None:
            return api_error(404, "EntityNotExist.User.AccessKey", "The AccessKey does not exist.")
        return _json(200, {"RequestId": "5E1A-RAM", "AccessKeyLastUsed": used})

    def _ram_ListPoliciesForUser(self, req: Request) -> Answer:
        name = self._ram_user(req)
        policies = self.account["ram"]["user_policies"].get(name or "", [])
        return (
            self._no_user()
            if name is None
            else _json(200, {"RequestId": "5E1A-RAM", "Policies": {"Policy": policies}})
        )

    def _ram_GetPolicy(self, req: Request) -> Answer:
        key = f"{req.params.get('PolicyType')}:{req.params.get('PolicyName')}"
        policy = self.account["ram"]["policies"].get(key)
        if policy is None:
            return api_error(404, "EntityNotExist.Policy", "The policy does not exist.")
        document = policy["PolicyDocument"]
        meta = {k: v for k, v in policy.items() if k != "PolicyDocument"}
        version = {"VersionId": policy["DefaultVersion"], "IsDefaultVersion": True, "PolicyDocument": document,
                   "CreateDate": "2023-01-01T00:00:00Z"}  # fmt: skip
        return _json(
            200,
            {
                "RequestId": "5E1A-RAM",
                "Policy": {**meta, "PolicyDocument": document},
                "DefaultPolicyVersion": version,
            },
        )

    def _ram_GetPasswordPolicy(self, req: Request) -> Answer:
        return _json(200, {"RequestId": "5E1A-RAM", "PasswordPolicy": self.account["ram"]["password_policy"]})

    # --- IMS: the root account (no request parameters) -------------------------------------------

    def _ims_GetAccountMFAInfo(self, req: Request) -> Answer:
        return _json(200, {"RequestId": "5E1A-IMS", "IsMFAEnable": self.account["root"]["mfa_enabled"]})

    def _ims_GetAccountSecurityPracticeReport(self, req: Request) -> Answer:
        report = {"AccountSecurityPracticeUserInfo": self.account["root"]["security_report"], "Score": 63}
        return _json(200, {"RequestId": "5E1A-IMS", "AccountSecurityPracticeInfo": report})

    # --- OSS -------------------------------------------------------------------------------------

    def _bucket(self, name: str) -> dict[str, Any] | None:
        return next((b for b in self.account["buckets"] if b["Name"] == name), None)

    def _oss(self, req: Request) -> Answer:
        name = req.params["bucket"]
        if not name:
            return self._list_buckets(req)
        bucket = self._bucket(name)
        if bucket is None:
            return oss_error(404, "NoSuchBucket", "The specified bucket does not exist.", name)
        handler = getattr(self, f"_oss_{req.action}", None)
        if handler is None:
            return oss_error(400, "InvalidArgument", f"unsupported sub-resource {req.action}", name)
        return handler(bucket)

    def _list_buckets(self, req: Request) -> Answer:
        buckets = sorted(self.account["buckets"], key=lambda b: b["Name"])
        marker = req.params.get("marker", "")
        size = min(int(req.params.get("max-keys", "100")), self.page_cap)
        after = [b for b in buckets if b["Name"] > marker]
        chunk, truncated = after[:size], len(after) > size
        rows = "".join(
            f"<Bucket><CreationDate>2024-03-01T08:00:00.000Z</CreationDate><ExtranetEndpoint>oss-{b['Region']}.aliyuncs.com</ExtranetEndpoint>"
            f"<IntranetEndpoint>oss-{b['Region']}-internal.aliyuncs.com</IntranetEndpoint><Location>oss-{b['Region']}</Location>"
            f"<Name>{b['Name']}</Name><Region>{b['Region']}</Region><StorageClass>Standard</StorageClass></Bucket>"
            for b in chunk
        )
        next_marker = f"<NextMarker>{chunk[-1]['Name']}</NextMarker>" if truncated else ""
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult>'
            f"<Prefix></Prefix><Marker>{marker}</Marker><MaxKeys>{size}</MaxKeys><IsTruncated>{str(truncated).lower()}</IsTruncated>"
            f"{next_marker}<Owner><ID>{self.account['account']}</ID><DisplayName>{self.account['account']}</DisplayName></Owner>"
            f"<Buckets>{rows}</Buckets></ListAllMyBucketsResult>"
        )
        return 200, xml.encode(), "application/xml"

    def _xml(self, body: str) -> Answer:
        return 200, ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode(), "application/xml"

    def _oss_acl(self, b: dict[str, Any]) -> Answer:
        owner = self.account["account"]
        return self._xml(f"<AccessControlPolicy><Owner><ID>{owner}</ID><DisplayName>{owner}</DisplayName></Owner>"
                         f"<AccessControlList><Grant>{b['acl']}</Grant></AccessControlList></AccessControlPolicy>")  # fmt: skip

    def _oss_policy(self, b: dict[str, Any]) -> Answer:
        if b["policy"] is None:
            return oss_error(404, "NoSuchBucketPolicy", "The bucket policy does not exist.", b["Name"])
        return 200, b["policy"].encode(), "application/json"

    def _oss_publicAccessBlock(self, b: dict[str, Any]) -> Answer:
        return self._xml(
            f"<PublicAccessBlockConfiguration><BlockPublicAccess>{str(b['block']).lower()}</BlockPublicAccess></PublicAccessBlockConfiguration>"
        )

    def _oss_encryption(self, b: dict[str, Any]) -> Answer:
        rule = b["encryption"]
        if rule is None:
            return oss_error(
                404,
                "NoSuchServerSideEncryptionRule",
                "The server side encryption configuration was not found",
                b["Name"],
            )
        inner = "".join(f"<{k}>{v}</{k}>" for k, v in rule.items())
        return self._xml(
            f"<ServerSideEncryptionRule><ApplyServerSideEncryptionByDefault>{inner}</ApplyServerSideEncryptionByDefault></ServerSideEncryptionRule>"
        )

    def _oss_versioning(self, b: dict[str, Any]) -> Answer:
        status = f"<Status>{b['versioning']}</Status>" if b["versioning"] else ""
        return self._xml(f"<VersioningConfiguration>{status}</VersioningConfiguration>")

    def _oss_logging(self, b: dict[str, Any]) -> Answer:
        log = b["logging"]
        inner = (
            f"<LoggingEnabled><TargetBucket>{log['TargetBucket']}</TargetBucket><TargetPrefix>{log['TargetPrefix']}</TargetPrefix></LoggingEnabled>"
            if log
            else ""
        )
        return self._xml(f"<BucketLoggingStatus>{inner}</BucketLoggingStatus>")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                (status, payload, content_type), fault = fake.serve(self.command, self.path, headers, body)
                ids = {"x-acs-request-id": "5E1A0000-FAKE", "x-oss-request-id": "5E1A0000FAKE"}
                deliver(self, fault, status, payload, content_type, ids, fake.injected.released)

            do_GET = do_POST = do_PUT = do_HEAD = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return _Handler


def _key_id(authorization: str) -> str | None:
    """``ACS3-HMAC-SHA256 Credential=AK,...`` (OpenAPI) or ``OSS4-HMAC-SHA256 Credential=AK/date/...`` (OSS)."""
    match = re.search(r"Credential=([^,/ ]+)", authorization)
    return match.group(1) if match else None


OSS_SUBRESOURCES = (
    "acl",
    "policy",
    "publicAccessBlock",
    "encryption",
    "versioning",
    "logging",
    "policyStatus",
)


def _sls_action(path: str, project: str) -> str:
    """The Log Service operation of a ROA path: ``GET /`` without a project host is ListProject."""
    parts = [p for p in path.split("/") if p]
    if not project:
        return "ListProject" if not parts else "Unknown"
    if parts == ["logstores"]:
        return "ListLogStores"
    if len(parts) == 2 and parts[0] == "logstores":
        return "GetLogStore"
    if parts == ["alerts"]:
        return "ListAlerts"
    return "GetProject" if not parts else "Unknown"


def _oss_target(path: str, params: dict[str, str]) -> tuple[str, str]:
    bucket = unquote(path.strip("/").split("/", 1)[0]) if path.strip("/") else ""
    sub = next((s for s in OSS_SUBRESOURCES if s in params), "list" if not bucket else "info")
    return bucket, sub
