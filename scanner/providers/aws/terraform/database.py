"""``aws_db_instance`` -> database records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Database,
    Resource,
)
from scanner.providers.aws.terraform.common import as_list, base_fields
from scanner.sources.terraform.model import Ref, TfResource, has_unknown
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
    yield record(
        Database,
        res,
        **base_fields(ctx),
        name=res.get("identifier"),
        fields=f,
        relations={"subnet": subnets, "network": [network]},
        tags=res.get("tags"),
    )


def _refs(val: Any) -> list[Ref]:
    return [v for v in as_list(val) if isinstance(v, Ref)]
