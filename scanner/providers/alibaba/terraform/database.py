"""``alicloud_db_instance`` -> database records: engine, whitelist, public connection string, SSL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Database,
    Resource,
)
from scanner.providers.alibaba.terraform.common import base_fields, first_of, split
from scanner.sources.terraform.model import TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    known_list,
    record,
    reference,
)
from scanner.sources.terraform.translate.context import TfContext


def _allowed(ips: Any, f: Fields) -> list[str]:
    """Whitelist entries; an unknown entry makes the whole list unknown (it may be 0.0.0.0/0)."""
    entries = split(ips)
    if is_unknown(entries) or any(is_unknown(e) for e in entries):
        f.mark_unknown("allowed_networks")
        return known_list(entries)
    return list(entries)


def db_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    f = Fields()
    native: dict[str, Any] = {}
    engine = res.get("engine")
    f.set("engine", engine, lambda e: str(e).lower())
    f.set("engine_version", res.get("engine_version"), str)
    connections = ctx.companions(res.address, "alicloud_db_connection", via="instance_id")
    f.set("public_endpoint", bool(connections))
    native["connections"] = [c.address for c in connections]
    # security_ips: the whitelist; the hidden attribute marks groups for Alibaba services (live rule).
    allowed: list[str] = []
    if str(res.get("db_instance_ip_array_attribute") or "").lower() != "hidden":
        allowed += _allowed(res.get("security_ips"), f)
    if "allowed_networks" not in f.unknown:
        f.set("allowed_networks", tuple(dict.fromkeys(allowed)))
    # ssl_required means connections are *forced* to use SSL (the live rule: SSLEnabled and
    # ForceEncryption). ssl_action Open/Update only turns SSL on; with SSL on, clients may still
    # connect without it unless forced encryption is on, and alicloud_db_instance has no argument
    # for that (provider docs list ssl_action, ssl_connection_string, ca_type, server_cert ...,
    # none forcing it). So Open/Update is unknown, Close is false. Left out, no SSL action is taken
    # and the instance keeps the service default: "By default, SSL encryption is disabled"
    # (ApsaraDB RDS for MySQL, "Configure the SSL encryption feature"), so false as well.
    ssl = res.get("ssl_action")
    if is_unknown(ssl) or ssl in ("Open", "Update"):
        f.mark_unknown("ssl_required")
    elif ssl in ("Close", None):
        f.set("ssl_required", False)
    else:
        f.mark_unknown("ssl_required")  # a value the provider does not accept
    # live: encrypted means TDE enabled. tde_status is "(Optional, ForceNew) The TDE(Transparent Data
    # Encryption) status" (provider docs, alicloud_db_instance); TDE is off until it is enabled
    # (RDS API ModifyDBInstanceTDE "to enable TDE"), so left out it is off.
    tde = res.get("tde_status")
    if is_unknown(tde):
        f.mark_unknown("encrypted").mark_unknown("tde")
    else:
        enabled = str(tde or "Disabled").lower() == "enabled"
        f.set("encrypted", enabled)
        f.set("tde", enabled)
    f.mark_unknown("tde_key")  # which key TDE uses is not an argument of alicloud_db_instance
    _sql_audit_and_parameters(res, f)
    vswitches = split(res.get("vswitch_id"))
    subnets = (
        [reference(ctx, res.get("vswitch_id"), "alicloud_vswitch")]
        if is_unknown(vswitches)
        else [reference(ctx, v, "alicloud_vswitch") for v in vswitches]
    )
    if not any(subnets) and has_unknown(res.get("vswitch_id")):
        # A vSwitch known only after apply (another module's output): in a VPC or not is unknown.
        # Without vswitch_id the instance is created in the classic network (provider docs:
        # "vswitch_id - The virtual switch ID to launch DB instances in one VPC").
        f.mark_unknown("relations.subnet")
        f.mark_unknown("relations.network")
    yield record(
        Database,
        res,
        **base_fields(res, ctx),
        name=first_of(res, "instance_name"),
        fields=f,
        relations={"subnet": subnets, "network": [reference(ctx, res.get("vpc_id"), "alicloud_vpc")]},
        tags=res.get("tags"),
        extra_native=native,
    )


def _sql_audit_and_parameters(res: TfResource, f: Fields) -> None:
    """SQL audit (SQL Explorer) and engine parameters, as the live adapter reads them.

    ``sql_collector_status`` (``Enabled``/``Disabled``) is ``audit_log`` and
    ``sql_collector_config_value`` (days) ``audit_retention_days``; left out, they stay unknown
    rather than assume a default. ``parameters`` blocks (``name``/``value``) are the flags set
    explicitly, spelled as the inventory spells them (``.`` and spaces as ``_``, lower case
    values); without any block the instance runs every parameter at its default (``{}``).
    """
    status = res.get("sql_collector_status")
    if status is None or is_unknown(status):
        f.mark_unknown("audit_log")
    else:
        f.set("audit_log", str(status).lower() == "enabled")
    days = res.get("sql_collector_config_value")
    if days is None or is_unknown(days) or not str(days).isdigit():
        f.mark_unknown("audit_retention_days")
    else:
        f.set("audit_retention_days", int(str(days)))
    blocks = res.get("parameters")
    if is_unknown(blocks) or any(is_unknown(b) for b in blocks or []):
        f.mark_unknown("flags")
        return
    flags: dict[str, str] = {}
    for block in blocks or []:
        name, val = (block.get("name"), block.get("value")) if isinstance(block, dict) else (None, None)
        if isinstance(name, str) and name and not is_unknown(val):
            flags[name.lower().replace(".", "_").replace(" ", "_")] = str(val).strip().lower()
    f.set("flags", flags)
