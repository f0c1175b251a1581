"""``google_sql_database_instance`` -> database records: engine, public endpoint, SSL enforcement."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Database,
    Resource,
)
from scanner.providers.gcp.terraform.common import account_of, region_of
from scanner.providers.gcp.translate.database import SSL_ENFORCED_MODES, engine_and_version, flag_name
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    known_list,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def _engine(version: Any) -> tuple[Any, Any]:
    """The live rule (``POSTGRES_15`` -> postgres, 15) for a known ``database_version``."""
    if is_unknown(version):
        return UNKNOWN, UNKNOWN
    if not isinstance(version, str):
        return None, None
    return engine_and_version(version)


def _ssl(ip: dict[str, Any]) -> Any:
    mode = ip.get("ssl_mode")
    if is_unknown(mode):
        return UNKNOWN
    if mode:
        return mode in SSL_ENFORCED_MODES
    return as_bool(value(ip, "require_ssl", False))


def sql_instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    settings_list = res.get("settings")
    settings = res.block("settings")
    ip_list = settings.get("ip_configuration")
    ip = ip_list[0] if isinstance(ip_list, list) and ip_list and isinstance(ip_list[0], dict) else {}
    f = Fields()
    engine, version = _engine(res.get("database_version"))
    f.set("engine", engine)
    f.set("engine_version", version)
    if is_unknown(settings_list) or is_unknown(ip_list):
        for name in ("public_endpoint", "allowed_networks", "ssl_required"):
            f.mark_unknown(name)
    else:
        f.set("public_endpoint", as_bool(value(ip, "ipv4_enabled", True)))
        networks = ip.get("authorized_networks")
        if is_unknown(networks) or any(has_unknown(n.get("value")) for n in known_list(networks) or []):
            f.mark_unknown("allowed_networks")
        else:
            f.set("allowed_networks", tuple(n["value"] for n in networks or [] if n.get("value")))
        f.set("ssl_required", _ssl(ip))
    backup = settings.get("backup_configuration")
    if is_unknown(settings_list) or is_unknown(backup):
        f.mark_unknown("backups")
    else:
        # Backups are off unless a backup_configuration block enables them (live: enabled, default false).
        first = backup[0] if isinstance(backup, list) and backup and isinstance(backup[0], dict) else {}
        f.set("backups", as_bool(value(first, "enabled", False)))
    f.set("encrypted", True)  # Cloud SQL always encrypts data at rest.
    flags = settings.get("database_flags")
    if is_unknown(settings_list) or has_unknown(flags):
        f.mark_unknown("flags")
    else:
        # settings.database_flags blocks (name, value), spelled as the live adapter spells databaseFlags
        f.set(
            "flags",
            {
                flag_name(str(x["name"])): str(x.get("value", "")).strip().lower()
                for x in flags or []
                if x.get("name")
            },
        )
    private = ip.get("private_network")
    net = ctx.target(private, "google_compute_network") or (private if isinstance(private, str) else None)
    if net is None and (has_unknown(private) or is_unknown(settings_list) or is_unknown(ip_list)):
        f.mark_unknown("relations.network")  # in a private network or not: known only after apply
        f.mark_unknown("relations.subnet")
    yield record(
        Database,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=region_of(res, ctx),
        name=res.get("name"),
        fields=f,
        relations={"network": [net]},
    )
