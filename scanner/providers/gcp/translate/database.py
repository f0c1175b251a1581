"""Cloud SQL instances into database records: engine and version, public endpoint, SSL enforcement."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Database
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, compute_link

# Cloud SQL sslMode values that refuse unencrypted connections.
SSL_ENFORCED_MODES = frozenset({"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"})


def engine_and_version(database_version: str) -> tuple[str | None, str | None]:
    """``POSTGRES_15`` -> (postgres, 15); ``MYSQL_8_0`` -> (mysql, 8.0); ``SQLSERVER_2019_WEB`` -> 2019."""
    if not database_version:
        return None, None
    engine, _, rest = database_version.partition("_")
    parts = rest.split("_")
    digits = [p for p in parts if p.isdigit()]
    version = ".".join(digits) if engine == "MYSQL" else (digits[0] if digits else None)
    return engine.lower(), version


def _ssl_required(ip: dict[str, Any]) -> bool:
    mode = ip.get("sslMode")
    if mode:
        return mode in SSL_ENFORCED_MODES
    return bool(ip.get("requireSsl", False))


def flags(settings: dict[str, Any]) -> dict[str, str]:
    """``settings.databaseFlags`` (``[{"name", "value"}]``) spelled as ``Database.flags`` says.

    The instance list carries every flag set on the instance, so an empty list
    means none is set: each runs at the engine default.
    """
    return {
        flag_name(str(f["name"])): str(f.get("value", "")).strip().lower()
        for f in settings.get("databaseFlags", []) or []
        if isinstance(f, dict) and f.get("name")
    }


def flag_name(name: str) -> str:
    """``cloudsql.enable_pgaudit`` -> ``cloudsql_enable_pgaudit``; a space becomes ``_`` too."""
    return name.strip().lower().replace(".", "_").replace(" ", "_")


def databases(raw: ProjectRaw) -> list[Database]:
    out = []
    for item in raw.sql_instances or []:
        settings = item.get("settings", {}) or {}
        ip = settings.get("ipConfiguration", {}) or {}
        engine, version = engine_and_version(item.get("databaseVersion", ""))
        private_network = ip.get("privateNetwork")
        out.append(
            Database(
                **base(
                    raw.project,
                    item,
                    "sqladmin.instances.list",
                    id=item.get("selfLink") or item["name"],
                    name=item["name"],
                    region=item.get("region", ""),
                ),
                relations={"network": (compute_link(private_network),)} if private_network else {},
                engine=engine,
                engine_version=version,
                public_endpoint=link.database_public(item),
                allowed_networks=tuple(
                    n["value"] for n in ip.get("authorizedNetworks", []) or [] if n.get("value")
                ),
                ssl_required=_ssl_required(ip),
                backups=bool((settings.get("backupConfiguration") or {}).get("enabled", False)),
                # Cloud SQL always encrypts data at rest (Google-managed or customer-managed keys).
                encrypted=True,
                flags=flags(settings),
            )
        )
    return out
