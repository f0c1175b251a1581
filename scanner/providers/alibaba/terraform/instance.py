"""``alicloud_instance`` -> instance records, public when it gets internet bandwidth or an EIP."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.inventory.model import (
    Instance,
    Resource,
)
from scanner.providers.alibaba.terraform.common import as_int, base_fields, first_of
from scanner.sources.terraform.model import Ref, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    record,
    reference,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    bandwidth = as_int(value(res, "internet_max_bandwidth_out", 0))  # "Default to 0" (alicloud_instance docs)
    eip = any(
        ctx.target(a.get("instance_id"), "alicloud_instance") == res.address
        for a in ctx.of_type("alicloud_eip_association")
    )
    assigned = eip or (not is_unknown(bandwidth) and bool(bandwidth) and bandwidth > 0)
    if assigned:
        # A public address is assigned; its value is known only after apply (cf. google's "ephemeral").
        f.set("public_ips", ("assigned",))
    elif is_unknown(bandwidth):
        f.mark_unknown("public_ips")
    private = res.get("private_ip")
    f.set("private_ips", (private,) if isinstance(private, str) and private else None)
    groups = res.get("security_groups")
    if has_unknown(groups) and not all(isinstance(g, Ref) for g in groups or []):
        f.mark_unknown("security_groups")
    f.set(
        "security_groups",
        tuple(g for g in (reference(ctx, g, "alicloud_security_group") for g in groups or []) if g),
    )
    subnet = reference(ctx, res.get("vswitch_id"), "alicloud_vswitch")
    sw = ctx.get(subnet) if subnet else None
    network = reference(ctx, sw.get("vpc_id"), "alicloud_vpc") if sw is not None else None
    yield record(
        Instance,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "instance_name"),
        fields=f,
        relations={"subnet": [subnet], "network": [network]},
        tags=res.get("tags"),
        extra_native={"public_ip_assigned": assigned},
    )
