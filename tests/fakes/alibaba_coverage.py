# ruff: noqa: E501 - canned response bodies read best on one line each
"""Routes of the fake Alibaba Cloud for the coverage products (a mixin of ``FakeAlibaba``).

Kept apart from ``alibaba_server.py`` so the two grow without touching each other. Each
route answers in the shape the API reference documents, with that API's paging:
ECS DescribeDisks / DescribeSnapshots (``NextToken``/``MaxResults``), RDS
DescribeSQLCollectorPolicy / DescribeSQLCollectorRetention / DescribeParameters (per instance),
ActionTrail DescribeTrails (no paging: every trail at once), and the ACK (CS 2015-12-15) ROA
paths, which arrive with their path in ``params["path"]`` like every ROA call.
"""

from __future__ import annotations

import json
from typing import Any

Answer = tuple[int, bytes, str]


def _json(status: int, body: dict[str, Any] | list[Any]) -> Answer:
    return status, json.dumps(body).encode(), "application/json;charset=utf-8"


def _error(status: int, code: str, message: str) -> Answer:
    return _json(
        status, {"RequestId": "5E1A0000-FAKE-4000-8000-000000000000", "Code": code, "Message": message}
    )


def cs_error(status: int, code: str, message: str) -> Answer:
    """An ACK (ROA) error: ``{"requestId", "code", "message"}`` with the HTTP status, the lower-case
    names the Tea SDK reads besides the RPC ones (``Client.do_request``: ``Code`` or ``code``)."""
    return _json(status, {"requestId": "5E1A-CS", "code": code, "message": message})


class CoverageRoutes:
    """Needs ``self.account``, ``self.page_cap`` and ``self._region(req)`` from ``FakeAlibaba``."""

    account: dict[str, Any]
    page_cap: int

    def _region(self, req: Any) -> dict[str, Any]:  # provided by FakeAlibaba
        raise NotImplementedError

    def _tokened(self, items: list[Any], req: Any, path: tuple[str, str]) -> Answer:
        size = min(int(req.params.get("MaxResults", "10")), self.page_cap)
        start = int(req.params.get("NextToken") or 0)
        body: dict[str, Any] = {"RequestId": "5E1A-TOKEN", "TotalCount": len(items),
                                path[0]: {path[1]: items[start : start + size]}}  # fmt: skip
        if start + size < len(items):
            body["NextToken"] = str(start + size)
        return _json(200, body)

    # --- ECS disks and snapshots --------------------------------------------------------------

    def _ecs_DescribeDisks(self, req: Any) -> Answer:
        return self._tokened(self._region(req).get("disks", []), req, ("Disks", "Disk"))

    def _ecs_DescribeSnapshots(self, req: Any) -> Answer:
        return self._tokened(self._region(req).get("snapshots", []), req, ("Snapshots", "Snapshot"))

    # --- RDS SQL audit and parameters ----------------------------------------------------------

    def _rds_instance_detail(self, req: Any, key: str) -> Answer:
        instance = req.params.get("DBInstanceId", "")
        for region in self.account["regions"].values():
            if any(db["DBInstanceId"] == instance for db in region.get("rds", [])):
                return _json(200, {"RequestId": "5E1A-RDS", **region.get(key, {}).get(instance, {})})
        return _error(
            404, "InvalidDBInstanceId.NotFound", "Specified instance does not exist or not support."
        )

    def _rds_DescribeSQLCollectorPolicy(self, req: Any) -> Answer:
        return self._rds_instance_detail(req, "rds_sql_audit")

    def _rds_DescribeSQLCollectorRetention(self, req: Any) -> Answer:
        return self._rds_instance_detail(req, "rds_sql_retention")

    def _rds_DescribeParameters(self, req: Any) -> Answer:
        return self._rds_instance_detail(req, "rds_parameters")

    # --- Container Registry EE scan rules (PageNo/PageSize like the other CR lists) ---------------

    def _cr_ListScanRule(self, req: Any) -> Answer:
        wanted = req.params.get("InstanceId", "")
        for region in self.account["regions"].values():
            if any(i["InstanceId"] == wanted for i in region.get("cr_instances", [])):
                rules = region.get("cr_scan_rules", {}).get(wanted, [])
                size = min(int(req.params.get("PageSize", "10")), self.page_cap)
                number = int(req.params.get("PageNo", "1"))
                return _json(200, {"RequestId": "5E1A-CR", "Code": "success", "IsSuccess": True, "PageNo": number,
                                   "PageSize": size, "TotalCount": len(rules),
                                   "ScanRules": rules[(number - 1) * size : number * size]})  # fmt: skip
        return _error(404, "INSTANCE_NOT_EXIST", "instance not exist")

    def _cr_chains_of(self, wanted: str) -> list[dict[str, Any]] | None:
        for region in self.account["regions"].values():
            if any(i["InstanceId"] == wanted for i in region.get("cr_instances", [])):
                return region.get("cr_chains", {}).get(wanted, [])
        return None

    def _cr_ListChain(self, req: Any) -> Answer:
        chains = self._cr_chains_of(req.params.get("InstanceId", ""))
        if chains is None:
            return _error(404, "INSTANCE_NOT_EXIST", "instance not exist")
        listed = [{k: v for k, v in c.items() if k != "ChainConfig"} for c in chains]
        size = min(int(req.params.get("PageSize", "10")), self.page_cap)
        number = int(req.params.get("PageNo", "1"))
        return _json(200, {"RequestId": "5E1A-CR", "Code": "success", "IsSuccess": True, "PageNo": number,
                           "PageSize": size, "TotalCount": len(listed),
                           "Chains": listed[(number - 1) * size : number * size]})  # fmt: skip

    def _cr_GetChain(self, req: Any) -> Answer:
        chains = self._cr_chains_of(req.params.get("InstanceId", "")) or []
        found = next((c for c in chains if c["ChainId"] == req.params.get("ChainId")), None)
        if found is None:
            return _error(404, "CHAIN_NOT_EXIST", "chain not exist")
        return _json(200, {"RequestId": "5E1A-CR", "Code": "success", "IsSuccess": True, **found})

    # --- ActionTrail ---------------------------------------------------------------------------

    def _actiontrail_DescribeTrails(self, req: Any) -> Answer:
        return _json(200, {"RequestId": "5E1A-TRAIL", "TrailList": self.account.get("trails", [])})

    # --- ACK (CS 2015-12-15, ROA: the cluster id is in the path) --------------------------------

    def _cs_clusters(self) -> dict[str, dict[str, Any]]:
        return {
            c["cluster_id"]: c
            for region in self.account["regions"].values()
            for c in region.get("ack_clusters", [])
        }

    def _cs_cluster(self, req: Any) -> tuple[dict[str, Any] | None, Answer]:
        parts = str(req.params.get("path", "")).strip("/").split("/")
        cluster = self._cs_clusters().get(parts[1]) if len(parts) >= 2 and parts[0] == "clusters" else None
        missing = cs_error(404, "ErrorClusterNotFound", "cluster not found")
        return cluster, missing

    def _cs_DescribeClustersV1(self, req: Any) -> Answer:
        if req.params.get("path") != "/api/v1/clusters":
            return _error(404, "InvalidAction.NotFound", f"no such path: {req.params.get('path')}")
        region = req.params.get("region_id", "")
        items = [c["summary"] for c in self.account["regions"].get(region, {}).get("ack_clusters", [])]
        size = min(int(req.params.get("page_size", "10")), self.page_cap)
        number = int(req.params.get("page_number", "1"))
        page = {"page_number": number, "page_size": size, "total_count": len(items)}
        return _json(200, {"clusters": items[(number - 1) * size : number * size], "page_info": page})

    def _cs_detail(self, req: Any, key: str, suffix: str) -> Answer:
        cluster, missing = self._cs_cluster(req)
        if cluster is None or not str(req.params.get("path", "")).endswith(suffix):
            return missing
        return _json(200, cluster[key])

    def _cs_DescribeClusterDetail(self, req: Any) -> Answer:
        return self._cs_detail(req, "detail", "")

    def _cs_DescribeClusterNodePools(self, req: Any) -> Answer:
        return self._cs_detail(req, "nodepools", "/nodepools")

    def _cs_CheckControlPlaneLogEnable(self, req: Any) -> Answer:
        return self._cs_detail(req, "controlplanelog", "/controlplanelog")

    def _cs_ListClusterAddonInstances(self, req: Any) -> Answer:
        return self._cs_detail(req, "addon_instances", "/addon_instances")

    def _cs_ListClusterChecks(self, req: Any) -> Answer:
        return self._cs_detail(req, "checks", "/checks")

    def _cs_DescribeClusterResources(self, req: Any) -> Answer:
        """A JSON list (the API reference's answer), the cluster's ``resources`` fixture."""
        cluster, missing = self._cs_cluster(req)
        if cluster is None or not str(req.params.get("path", "")).endswith("/resources"):
            return missing
        return _json(200, cluster.get("resources", []))

    def _cs_DescribeKubernetesVersionMetadata(self, req: Any) -> Answer:
        return _json(200, self.account.get("ack_versions", []))

    # --- Security Center (SAS 2018-12-03) -------------------------------------------------------

    def _sas(self) -> dict[str, Any]:
        return self.account.get("sas", {})

    def _sas_DescribeVersionConfig(self, req: Any) -> Answer:
        return _json(200, {"RequestId": "5E1A-SAS", **self._sas().get("version", {"Version": 1})})

    def _sas_DescribeNoticeConfig(self, req: Any) -> Answer:
        return _json(200, {"RequestId": "5E1A-SAS", "NoticeConfigList": self._sas().get("notices", [])})

    def _sas_DescribeVulConfig(self, req: Any) -> Answer:
        configs = self._sas().get("vul", [])
        return _json(200, {"RequestId": "5E1A-SAS", "TotalCount": len(configs), "TargetConfigs": configs})

    def _sas_DescribeCloudCenterInstances(self, req: Any) -> Answer:
        items = self._sas().get("instances", [])
        size = min(int(req.params.get("PageSize", "20")), self.page_cap)
        number = int(req.params.get("CurrentPage", "1"))
        page = {"CurrentPage": number, "PageSize": size, "TotalCount": len(items), "Count": 0}
        chunk = items[(number - 1) * size : number * size]
        page["Count"] = len(chunk)
        return _json(200, {"RequestId": "5E1A-SAS", "Success": True, "PageInfo": page, "Instances": chunk})

    # --- Log Service (SLS 2020-12-30, ROA: the project in the Host, offset/size paging) ---------

    def _sls(self, req: Any) -> Answer:
        data = self.account.get("sls", {})
        project = req.params.get("project", "")
        if req.action == "ListProject":
            return self._sls_page(data.get("projects", []), req, "projects")
        if project not in {p["projectName"] for p in data.get("projects", [])}:
            return _json(
                404, {"errorCode": "ProjectNotExist", "errorMessage": f"Project {project} does not exist"}
            )
        stores = data.get("logstores", {}).get(project, {})
        if req.action == "ListLogStores":
            return self._sls_page(sorted(stores), req, "logstores")
        if req.action == "GetLogStore":
            name = str(req.params.get("path", "")).rsplit("/", 1)[-1]
            if name not in stores:
                return _json(
                    404, {"errorCode": "LogStoreNotExist", "errorMessage": f"logstore {name} does not exist"}
                )
            return _json(200, stores[name])
        if req.action == "ListAlerts":
            return self._sls_page(data.get("alerts", {}).get(project, []), req, "results")
        return _json(
            404, {"errorCode": "InvalidAction", "errorMessage": f"no such path: {req.params.get('path')}"}
        )

    def _sls_page(self, items: list[Any], req: Any, key: str) -> Answer:
        size = min(int(req.params.get("size", "100")), self.page_cap)
        offset = int(req.params.get("offset", "0"))
        chunk = items[offset : offset + size]
        return _json(200, {"count": len(chunk), "total": len(items), key: chunk})

    # --- PolarDB, KVStore (Redis), MongoDB: PageNumber/PageSize lists, per-instance details ------

    def _db_page(self, req: Any, key: str, path: tuple[str, str], total_key: str = "TotalCount") -> Answer:
        items = self._region(req).get(key, [])
        size = min(int(req.params.get("PageSize", "30")), self.page_cap)
        number = int(req.params.get("PageNumber", "1"))
        chunk = items[(number - 1) * size : number * size]
        return _json(200, {"RequestId": "5E1A-DB", "PageNumber": number, "PageSize": size, total_key: len(items),
                           path[0]: {path[1]: chunk}})  # fmt: skip

    def _db_detail(self, req: Any, key: str, id_param: str, not_found: str) -> Answer:
        wanted = req.params.get(id_param, "")
        for region in self.account["regions"].values():
            if wanted in region.get(key, {}):
                return _json(200, {"RequestId": "5E1A-DB", **region[key][wanted]})
        return _error(404, not_found, "The specified instance is not found.")

    def _polardb_DescribeDBClusters(self, req: Any) -> Answer:
        return self._db_page(req, "polardb", ("Items", "DBCluster"), total_key="TotalRecordCount")

    def _polardb_DescribeDBClusterAccessWhitelist(self, req: Any) -> Answer:
        return self._db_detail(req, "polardb_whitelist", "DBClusterId", "InvalidDBClusterId.NotFound")

    def _polardb_DescribeDBClusterEndpoints(self, req: Any) -> Answer:
        return self._db_detail(req, "polardb_endpoints", "DBClusterId", "InvalidDBClusterId.NotFound")

    def _kvstore_DescribeInstances(self, req: Any) -> Answer:
        return self._db_page(req, "kvstore", ("Instances", "KVStoreInstance"))

    def _kvstore_DescribeSecurityIps(self, req: Any) -> Answer:
        return self._db_detail(req, "kvstore_ips", "InstanceId", "InvalidInstanceId.NotFound")

    def _kvstore_DescribeDBInstanceNetInfo(self, req: Any) -> Answer:
        return self._db_detail(req, "kvstore_net", "InstanceId", "InvalidInstanceId.NotFound")

    def _dds_DescribeDBInstances(self, req: Any) -> Answer:
        kind = req.params.get("DBInstanceType", "replicate")
        items = [
            i for i in self._region(req).get("mongodb", []) if i.get("DBInstanceType", "replicate") == kind
        ]
        return self._db_page_of(req, items, ("DBInstances", "DBInstance"))

    def _db_page_of(self, req: Any, items: list[Any], path: tuple[str, str]) -> Answer:
        size = min(int(req.params.get("PageSize", "30")), self.page_cap)
        number = int(req.params.get("PageNumber", "1"))
        chunk = items[(number - 1) * size : number * size]
        return _json(200, {"RequestId": "5E1A-DB", "PageNumber": number, "PageSize": size, "TotalCount": len(items),
                           path[0]: {path[1]: chunk}})  # fmt: skip

    def _dds_DescribeSecurityIps(self, req: Any) -> Answer:
        return self._db_detail(req, "mongodb_ips", "DBInstanceId", "InvalidDBInstanceId.NotFound")
