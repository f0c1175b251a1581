"""``aws_db_instance`` and ``aws_rds_cluster`` -> database records (placement, TLS from parameter groups)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Database,
    Resource,
)
from scanner.providers.aws.terraform.common import as_list, base_fields
from scanner.sources.terraform.model import UNKNOWN, Ref, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    known_list,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def db_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """Defaults from the aws_db_instance docs: ``publicly_accessible`` "Default is `false`",
    ``storage_encrypted`` "The default is `false` if not specified"."""
    f = Fields()
    f.set("engine", res.get("engine"), lambda e: str(e).lower())
    f.set("engine_version", res.get("engine_version"), str)
    f.set("public_endpoint", as_bool(value(res, "publicly_accessible", False)))
    f.set("encrypted", as_bool(value(res, "storage_encrypted", False)))
    retention = res.get("backup_retention_period")
    f.set("backups", retention, lambda r: int(r) > 0)
    f.set("ssl_required", _force_ssl(ctx, res, "parameter_group_name", "aws_db_parameter_group"))
    subnets, network = _placement(res, ctx, f)
    yield record(
        Database,
        res,
        **base_fields(ctx),
        name=res.get("identifier"),
        fields=f,
        relations={"subnet": subnets, "network": [network]},
        tags=res.get("tags"),
    )


def rds_cluster(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    """An Aurora / Multi-AZ DB cluster. Defaults from the aws_rds_cluster docs: ``storage_encrypted``
    "The default is `false` for `provisioned` `engine_mode` and `true` for `serverless`
    `engine_mode`"; ``backup_retention_period`` "Default: `1`". Whether the cluster is reachable
    from the internet is set on its instances (``aws_rds_cluster_instance.publicly_accessible``),
    so ``public_endpoint`` is not judged here."""
    f = Fields()
    f.set("engine", res.get("engine"), lambda e: str(e).lower())
    f.set("engine_version", res.get("engine_version"), str)
    mode = value(res, "engine_mode", "provisioned")
    encrypted = res.get("storage_encrypted")
    if encrypted is None and not is_unknown(mode):
        encrypted = mode == "serverless"
    f.set("encrypted", as_bool(encrypted) if not isinstance(encrypted, bool) else encrypted)
    f.set("backups", value(res, "backup_retention_period", 1), lambda r: int(r) > 0)
    group = "aws_rds_cluster_parameter_group"
    f.set("ssl_required", _force_ssl(ctx, res, "db_cluster_parameter_group_name", group))
    subnets, network = _placement(res, ctx, f)
    yield record(
        Database,
        res,
        **base_fields(ctx),
        name=res.get("cluster_identifier"),
        fields=f,
        relations={"subnet": subnets, "network": [network]},
        tags=res.get("tags"),
    )


SSL_PARAMETERS = {"rds.force_ssl": ("1",), "require_secure_transport": ("1", "on")}
"""Parameters forcing TLS: ``rds.force_ssl`` (PostgreSQL, SQL Server), ``require_secure_transport``."""


def _force_ssl(ctx: TfContext, res: TfResource, attribute: str, group_type: str) -> Any:
    """Whether the parameter group forces TLS; the engine default without one, where documented.

    ``rds.force_ssl`` "is set to 0 (off)" by default for RDS for PostgreSQL before
    version 15 and "to 1 (on)" for 15 and later (RDS User Guide, "Updating applications
    to connect to PostgreSQL DB instances using new SSL/TLS certificates"); other
    engines' defaults are not judged (``None``).
    """
    name = res.get(attribute)
    group = ctx.target(name, group_type)
    if group is None and isinstance(name, str):
        group = next((g.address for g in ctx.of_type(group_type) if g.get("name") == name), None)
    found = ctx.get(group) if group is not None else None
    if found is not None:
        params = found.get("parameter")
        if is_unknown(params) or has_unknown(params):
            return UNKNOWN
        for param in found.blocks("parameter"):
            key = str(param.get("name") or "").lower()
            if key in SSL_PARAMETERS:
                setting = param.get("value")
                return UNKNOWN if is_unknown(setting) else str(setting).lower() in SSL_PARAMETERS[key]
    elif has_unknown(name) or isinstance(name, str):
        return UNKNOWN  # a group known only after apply, or one outside the scan
    engine, version = res.get("engine"), res.get("engine_version")
    if (
        engine == "postgres"
        and isinstance(version, str | int | float)
        and str(version).split(".")[0].isdigit()
    ):
        return int(str(version).split(".")[0]) >= 15
    return None


def _placement(res: TfResource, ctx: TfContext, f: Fields) -> tuple[list[str | None], str | None]:
    """The subnets of the DB subnet group and their VPC; unknown placement marked in ``f``."""
    group_name = res.get("db_subnet_group_name")
    group = ctx.target(group_name, "aws_db_subnet_group")
    if group is None and isinstance(group_name, str):
        group = next(
            (g.address for g in ctx.of_type("aws_db_subnet_group") if g.get("name") == group_name), None
        )
    subnets: list[str | None] = []
    network = None
    if group is not None and (sg := ctx.get(group)) is not None:
        subnets = [
            reference(ctx, s, "aws_subnet")
            for s in known_list(sg.get("subnet_ids")) + _refs(sg.get("subnet_ids"))
        ]
        first = ctx.get(subnets[0]) if subnets and subnets[0] else None
        network = reference(ctx, first.get("vpc_id"), "aws_vpc") if first is not None else None
        subnets = subnets if any(subnets) else [group]  # in a DB subnet group whose subnets are not known
    elif isinstance(group_name, str) and group_name:
        subnets = [f"db-subnet-group:{group_name}"]  # a group outside the scan: in a VPC, subnets unknown
    if not any(subnets) and has_unknown(group_name):
        f.mark_unknown("relations.subnet")  # the DB subnet group is known only after apply
        f.mark_unknown("relations.network")
    return subnets, network


def _refs(val: Any) -> list[Ref]:
    return [v for v in as_list(val) if isinstance(v, Ref)]
