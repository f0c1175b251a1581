"""RDS DB instances and DB clusters into database records, placed in their subnet group's subnets."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Database
from scanner.providers.aws import link
from scanner.providers.aws.raw import AccountRaw, RegionRaw
from scanner.providers.aws.translate.common import base, ec2_arn, jsonable


def _group_params(item: dict[str, Any], store: dict[str, Any]) -> tuple[str | None, Any]:
    for group in item.get("DBParameterGroups", []) or []:
        name = group.get("DBParameterGroupName")
        if name in store:
            return name, store[name]
    return None, None


def databases(raw: AccountRaw, region: RegionRaw) -> list[Database]:
    out: list[Database] = []

    def arn(kind: str, ident: str) -> str:
        return ec2_arn(raw.partition, region.region, raw.account, kind, ident)

    def placement(group: dict[str, Any]) -> dict[str, tuple[str, ...]]:
        subnets = [s["SubnetIdentifier"] for s in group.get("Subnets", []) or [] if s.get("SubnetIdentifier")]
        relations = {"subnet": tuple(arn("subnet", s) for s in subnets)} if subnets else {}
        if group.get("VpcId"):
            relations["network"] = (arn("vpc", group["VpcId"]),)
        return relations

    # DescribeDBClusters names its DB subnet group only; the instances' answers carry the groups whole.
    groups = {
        str(g["DBSubnetGroupName"]): g
        for item in region.db_instances or []
        if isinstance(g := item.get("DBSubnetGroup"), dict) and g.get("DBSubnetGroupName")
    }
    for item in region.db_instances or []:
        engine = str(item.get("Engine", ""))
        relations = placement(item.get("DBSubnetGroup") or {})
        group_name, parameters = _group_params(item, region.db_parameters)
        ssl = link.ssl_required(engine, parameters)
        native = {
            **item,
            "ssl_parameter": link.SSL_PARAMETERS.get(engine.lower()),
            "ssl_parameter_group": group_name,
            "iam_authentication": bool(item.get("IAMDatabaseAuthenticationEnabled", False)),
        }
        out.append(
            Database(
                **base(
                    raw.account,
                    item,
                    "rds.DescribeDBInstances",
                    id=item["DBInstanceArn"],
                    name=item["DBInstanceIdentifier"],
                    region=region.region,
                    native=jsonable(native),
                ),
                relations=relations,
                engine=engine.lower() or None,
                engine_version=item.get("EngineVersion"),
                public_endpoint=bool(item.get("PubliclyAccessible", False)),
                ssl_required=ssl,
                backups=int(item.get("BackupRetentionPeriod", 0) or 0) > 0,
                encrypted=bool(item.get("StorageEncrypted", False)),
                unknown=frozenset()
                if ssl is not None or engine.lower() not in link.SSL_PARAMETERS
                else frozenset({"ssl_required"}),
            )
        )
    for cluster in region.db_clusters or []:
        engine = str(cluster.get("Engine", ""))
        parameters = region.cluster_parameters.get(cluster.get("DBClusterParameterGroup", ""))
        ssl = link.ssl_required(engine, parameters)
        native = {
            **cluster,
            "iam_authentication": bool(cluster.get("IAMDatabaseAuthenticationEnabled", False)),
        }
        group_name = cluster.get("DBSubnetGroup")
        cluster_relations = placement(groups.get(str(group_name), {})) if group_name else {}
        # A cluster in a DB subnet group is in a VPC; which subnets is unknown when no instance's
        # answer described that group: never "outside any private network".
        placement_unknown = frozenset(
            {"relations.subnet", "relations.network"} if group_name and not cluster_relations else ()
        )
        out.append(
            Database(
                **base(
                    raw.account,
                    cluster,
                    "rds.DescribeDBClusters",
                    id=cluster["DBClusterArn"],
                    name=cluster["DBClusterIdentifier"],
                    region=region.region,
                    native=jsonable(native),
                ),
                engine=engine.lower() or None,
                engine_version=cluster.get("EngineVersion"),
                # Aurora: public access is per instance (own records); Multi-AZ DB clusters say it here.
                public_endpoint=cluster.get("PubliclyAccessible"),
                ssl_required=ssl,
                backups=int(cluster.get("BackupRetentionPeriod", 0) or 0) > 0,
                encrypted=bool(cluster.get("StorageEncrypted", False)),
                relations=cluster_relations,
                unknown=placement_unknown,
            )
        )
    return out
