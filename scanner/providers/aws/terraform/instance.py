"""``aws_instance`` -> instance records."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    Instance,
    Resource,
)
from scanner.providers.aws.terraform.common import as_list, base_fields
from scanner.sources.terraform.model import Ref, TfResource, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    subnet_address = reference(ctx, res.get("subnet_id"), "aws_subnet")
    sub = ctx.get(subnet_address) if subnet_address else None
    # associate_public_ip_address: when unset, the subnet's map_public_ip_on_launch decides (default false).
    public = as_bool(res.get("associate_public_ip_address"))
    if public is None and sub is not None:
        public = as_bool(value(sub, "map_public_ip_on_launch", False))
    if public is True or ctx.companions(res.address, "aws_eip", via="instance"):
        f.set("public_ips", ("assigned",))  # assigned; the address is known only after apply
    elif is_unknown(public):
        f.mark_unknown("public_ips")
    private = res.get("private_ip")
    f.set("private_ips", (private,) if isinstance(private, str) and private else None)
    groups = as_list(res.get("vpc_security_group_ids")) + as_list(res.get("security_groups"))
    if is_unknown(res.get("vpc_security_group_ids")) or any(
        is_unknown(g) and not isinstance(g, Ref) for g in groups
    ):
        f.mark_unknown("security_groups")
    f.set("security_groups", tuple(g for g in (reference(ctx, g, "aws_security_group") for g in groups) if g))
    network = reference(ctx, sub.get("vpc_id"), "aws_vpc") if sub is not None else None
    yield record(
        Instance,
        res,
        **base_fields(ctx),
        fields=f,
        relations={"subnet": [subnet_address], "network": [network]},
        tags=res.get("tags"),
    )
