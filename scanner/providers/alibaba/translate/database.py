"""RDS instances with their per-instance details into ``database`` records.

* ``public_endpoint``: a connection string with ``IPType`` ``Public`` (DescribeDBInstanceNetInfo).
* ``allowed_networks``: every address of every whitelist group (DescribeDBInstanceIPArrayList),
  except groups whose ``DBInstanceIPArrayAttribute`` is ``hidden`` (managed by Alibaba Cloud
  services, not shown in the console).
* ``ssl_required``: SSL is on *and forced*, from DescribeDBInstanceSSL: ``SSLEnabled``
  (``Yes``/``on``) and ``ForceEncryption`` ``1``. Alibaba Cloud documents that with SSL enabled
  a client can still connect over a non-SSL connection unless forced encryption is turned on,
  so SSL that is enabled but not forced (``ForceEncryption`` ``0`` or not reported) is
  ``ssl_required: false``. (``RequireUpdate`` is about renewing the server certificate, not
  about plain connections.) The three fields are kept under ``native.ssl``.
* ``encrypted``: ``TDEStatus`` ``Enabled`` from DescribeDBInstanceTDE (cloud-disk encryption is
  not reported by these calls, so ``encrypted`` means TDE here; the TDE status is also in native).
* ``backups``: a backup retention period above zero (DescribeBackupPolicy).
* ``tde`` / ``tde_key``: ``TDEStatus`` ``Enabled``; the key is ``EncryptionKey`` when ``TDEMode``
  is ``Customer_Provided_Key`` (BYOK), none with ``Aliyun_Generate_Key`` (a service key).
* ``audit_log``: ``SQLCollectorStatus`` ``Enable`` (DescribeSQLCollectorPolicy: SQL Explorer,
  the SQL audit log); ``audit_retention_days``: ``ConfigValue`` of DescribeSQLCollectorRetention.
* ``flags``: PostgreSQL only, the running value of every parameter
  (DescribeParameters ``RunningParameters``), names written with ``_`` for dots and spaces and
  values in lower case; ``None`` for the other engines (not read).

A detail whose call failed leaves its field unknown, never false.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Database
from scanner.providers.alibaba.translate.common import MISSING, items, origin, truthy


def _allowed(ip_arrays: dict[str, Any]) -> tuple[str, ...]:
    found: list[str] = []
    for group in items(ip_arrays, "Items", "DBInstanceIPArray"):
        if str(group.get("DBInstanceIPArrayAttribute", "")).lower() == "hidden":
            continue
        found += [ip.strip() for ip in str(group.get("SecurityIPList") or "").split(",") if ip.strip()]
    return tuple(dict.fromkeys(found))


def database(
    account: str,
    region: str,
    raw: dict[str, Any],
    net_info: Any = MISSING,
    ip_arrays: Any = MISSING,
    ssl: Any = MISSING,
    tde: Any = MISSING,
    backup: Any = MISSING,
    sql_audit: Any = MISSING,
    sql_audit_retention: Any = MISSING,
    parameters: Any = MISSING,
) -> Database:
    """``MISSING`` for a detail that could not be collected."""
    unknown: set[str] = set()
    native: dict[str, Any] = {"instance": raw}
    public_endpoint = None
    if net_info is MISSING:
        unknown.add("public_endpoint")
    else:
        infos = items(net_info, "DBInstanceNetInfos", "DBInstanceNetInfo")
        public_endpoint = any(str(i.get("IPType", "")).lower() == "public" for i in infos)
        native["connections"] = infos
    allowed: tuple[str, ...] = ()
    if ip_arrays is MISSING:
        unknown.add("allowed_networks")
    else:
        allowed = _allowed(ip_arrays)
        native["whitelists"] = items(ip_arrays, "Items", "DBInstanceIPArray")
    ssl_required = None
    if ssl is MISSING:
        unknown.add("ssl_required")
    else:
        ssl_required = bool(truthy(ssl.get("SSLEnabled"))) and bool(truthy(ssl.get("ForceEncryption")))
        native["ssl"] = {
            k: ssl.get(k)
            for k in ("SSLEnabled", "ForceEncryption", "RequireUpdate", "TlsVersion", "SSLExpireTime")
        }
    encrypted = None
    tde_key = None
    if tde is MISSING:
        unknown |= {"encrypted", "tde", "tde_key"}
    else:
        encrypted = str(tde.get("TDEStatus", "")).lower() == "enabled"
        if encrypted and tde.get("TDEMode") == "Customer_Provided_Key":
            tde_key = tde.get("EncryptionKey") or None
        native["tde"] = {k: tde.get(k) for k in ("TDEStatus", "TDEMode", "EncryptionKey")}
    audit_log = None
    if sql_audit is MISSING:
        unknown.add("audit_log")
    else:
        audit_log = str(sql_audit.get("SQLCollectorStatus") or "").lower() == "enable"
        native["sql_audit"] = {"SQLCollectorStatus": sql_audit.get("SQLCollectorStatus")}
    retention = None
    if sql_audit_retention is MISSING:
        unknown.add("audit_retention_days")
    else:
        value = str(sql_audit_retention.get("ConfigValue") or "")
        retention = int(value) if value.isdigit() else None
    flags = None if parameters is MISSING else _flags(parameters)
    backups = None
    if backup is MISSING:
        unknown.add("backups")
    else:
        period = str(backup.get("BackupRetentionPeriod") or "0")
        backups = period.isdigit() and int(period) > 0
        native["backup_policy"] = backup
    relations: dict[str, tuple[str, ...]] = {}
    vswitches = [v for v in str(raw.get("VSwitchId") or "").split(",") if v]
    if vswitches:
        relations["subnet"] = tuple(vswitches)
    if raw.get("VpcId"):
        relations["network"] = (raw["VpcId"],)
    return Database(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["DBInstanceId"],
        name=raw.get("DBInstanceDescription") or raw["DBInstanceId"],
        origin=origin("rds", "DescribeDBInstances"),
        relations=relations,
        unknown=frozenset(unknown),
        native=native,
        engine=str(raw.get("Engine") or "").lower() or None,
        engine_version=raw.get("EngineVersion"),
        public_endpoint=public_endpoint,
        allowed_networks=allowed,
        ssl_required=ssl_required,
        backups=backups,
        encrypted=encrypted,
        tde=encrypted,
        tde_key=tde_key,
        audit_log=audit_log,
        audit_retention_days=retention,
        flags=flags,
    )


def _flags(parameters: dict[str, Any]) -> dict[str, str]:
    """``RunningParameters.DBInstanceParameter[]`` as ``{name: value}`` in the inventory's spelling."""
    out: dict[str, str] = {}
    for p in items(parameters, "RunningParameters", "DBInstanceParameter"):
        name = str(p.get("ParameterName") or "").strip()
        if name:
            key = name.lower().replace(".", "_").replace(" ", "_")
            out[key] = str(p.get("ParameterValue") or "").strip().lower()
    return out
