"""RDS Describe calls: DB instances, DB clusters and the parameters of their parameter groups."""

from __future__ import annotations

from typing import Any

from scanner.providers.aws.services import absent_on, pages

NOT_FOUND = frozenset({"DBParameterGroupNotFound", "DBParameterGroupNotFoundFault"})
CLUSTER_NOT_FOUND = frozenset({"DBParameterGroupNotFound", "DBClusterParameterGroupNotFoundFault"})


def db_instances(client: Any) -> list[dict[str, Any]]:
    return pages(client, "describe_db_instances", "DBInstances")


def db_clusters(client: Any) -> list[dict[str, Any]]:
    return pages(client, "describe_db_clusters", "DBClusters")


def parameters(client: Any, group: str) -> list[dict[str, Any]] | None:
    """The group's parameters, or ``None`` when the group is not there to read."""
    return absent_on(
        NOT_FOUND, lambda: pages(client, "describe_db_parameters", "Parameters", DBParameterGroupName=group)
    )


def cluster_parameters(client: Any, group: str) -> list[dict[str, Any]] | None:
    return absent_on(
        CLUSTER_NOT_FOUND,
        lambda: pages(
            client, "describe_db_cluster_parameters", "Parameters", DBClusterParameterGroupName=group
        ),
    )
