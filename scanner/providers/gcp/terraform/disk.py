"""``google_compute_disk`` and ``google_compute_address`` -> disk and address records.

Disk encryption (provider ``website/docs/r/compute_disk.html.markdown``,
``disk_encryption_key``): ``raw_key`` or ``rsa_encrypted_key`` is a
customer-supplied key (CSEK), ``kms_key_self_link`` a customer-managed one;
otherwise Google's keys (``provider``). A disk is attached when an instance in
the code uses it (``boot_disk.source``, ``attached_disk.source``) or a
``google_compute_attached_disk`` names it; otherwise it may still be attached
from outside the code, so ``attached`` is unknown.

Addresses (``compute_address``): ``address_type`` defaults to ``EXTERNAL``
(Compute v1 ``Address.addressType``: "If unspecified, defaults to EXTERNAL");
``in_use`` is true when an instance's ``access_config.nat_ip`` in the code
points at it, else unknown (it may serve a forwarding rule or a NAT outside it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import Address, Disk, Resource
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.translate.common import zone_region
from scanner.sources.terraform.model import UNKNOWN, TfResource, is_unknown
from scanner.sources.terraform.translate.common import Fields, record, value
from scanner.sources.terraform.translate.context import TfContext


def _encryption(key: dict[str, Any]) -> Any:
    values = [key.get(k) for k in ("raw_key", "rsa_encrypted_key", "kms_key_self_link")]
    if any(is_unknown(v) for v in values):
        return UNKNOWN
    if key.get("raw_key") or key.get("rsa_encrypted_key"):
        return "customer_supplied"
    return "customer_key" if key.get("kms_key_self_link") else "provider"


def _users(res: TfResource, ctx: TfContext) -> list[str]:
    users = []
    for inst in ctx.of_type("google_compute_instance"):
        sources = [b.get("source") for b in inst.blocks("boot_disk") + inst.blocks("attached_disk")]
        if any(ctx.target(s, "google_compute_disk") == res.address for s in sources):
            users.append(inst.address)
    for attachment in ctx.companions(res.address, "google_compute_attached_disk", via="disk"):
        target = ctx.target(attachment.get("instance"), "google_compute_instance")
        users.append(target or attachment.address)
    return users


def disk(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    key = res.block("disk_encryption_key")
    f.set("encryption", _encryption(key))
    f.set("kms_key", key.get("kms_key_self_link"))
    f.set("size_gb", res.get("size"), int)
    f.set("disk_type", value(res, "type", None))
    users = _users(res, ctx)
    if users:
        f.set("attached", True)
    else:
        f.mark_unknown("attached")
    zone = value(res, "zone", ctx.providers.get("google", "zone"))
    yield record(
        Disk,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=zone_region(zone) if isinstance(zone, str) else zone,
        name=res.get("name"),
        fields=f,
        relations={"instance": users},
    )


def address(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    kind = value(res, "address_type", "EXTERNAL")
    f.set("external", kind if is_unknown(kind) else str(kind).upper() == "EXTERNAL")
    f.set("ip", res.get("address"))
    users = [
        inst.address
        for inst in ctx.of_type("google_compute_instance")
        for nic in inst.blocks("network_interface")
        for access in nic.get("access_config") or []
        if isinstance(access, dict)
        and ctx.target(access.get("nat_ip"), "google_compute_address") == res.address
    ]
    if users:
        f.set("in_use", True)
    else:
        f.mark_unknown("in_use")
    yield record(
        Address,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=value(res, "region", ctx.providers.get("google", "region")),
        name=res.get("name"),
        fields=f,
        relations={"attached_to": users},
    )
