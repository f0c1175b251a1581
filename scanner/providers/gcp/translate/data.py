"""Cloud SQL instances, Cloud Storage buckets and Artifact Registry repositories."""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Bucket, Database, Repository
from scanner.providers.gcp import link
from scanner.providers.gcp.link import REPOSITORY_WRITE_ROLES
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, compute_link, last

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
            )
        )
    return out


def buckets(raw: ProjectRaw) -> list[Bucket]:
    out = []
    for item in raw.buckets or []:
        name = item["name"]
        policy = raw.bucket_iam.get(name)
        iam_config = item.get("iamConfiguration", {}) or {}
        kms_key = (item.get("encryption") or {}).get("defaultKmsKeyName")
        public_read: bool | None
        public_write: bool | None
        if link.public_access_prevented(item):  # no public grant takes effect, whatever the policy says
            public_read = public_write = False
        elif policy is not None:
            public_read, public_write = link.bucket_public(item, policy)
        else:  # the IAM policy is unknown, but a public ACL is enough to say yes
            acl_read, acl_write = link.bucket_acl_public(item)
            public_read, public_write = (True if acl_read else None), (True if acl_write else None)
        unknown = {f for f, v in (("public_read", public_read), ("public_write", public_write)) if v is None}
        native = {**item, "iamPolicy": policy} if policy is not None else item
        out.append(
            Bucket(
                **base(
                    raw.project,
                    native,
                    "storage.buckets.list",
                    id=item.get("selfLink") or name,
                    name=name,
                    region=str(item.get("location", "")).lower(),
                ),
                public_read=public_read,
                public_write=public_write,
                unknown=frozenset(unknown),
                encryption="customer_key" if kms_key else "provider",
                kms_key=kms_key,
                versioning=bool((item.get("versioning") or {}).get("enabled", False)),
                access_logging=bool((item.get("logging") or {}).get("logBucket")),
                uniform_access=bool((iam_config.get("uniformBucketLevelAccess") or {}).get("enabled", False)),
                public_access_blocked=iam_config.get("publicAccessPrevention") == "enforced",
            )
        )
    return out


def repositories(raw: ProjectRaw) -> list[Repository]:
    out = []
    for item in raw.repositories or []:
        name = item["name"]
        policy = raw.repository_iam.get(name)
        kms_key = item.get("kmsKeyName")
        public = anonymous = None
        pushers: tuple[str, ...] = ()
        if policy is not None:
            public, anonymous = link.repository_public(policy)
            pushers = tuple(
                sorted(
                    {
                        m
                        for b in policy.get("bindings", []) or []
                        if b.get("role") in REPOSITORY_WRITE_ROLES
                        for m in b.get("members", [])
                    }
                )
            )
        native = {**item, "iamPolicy": policy} if policy is not None else item
        docker = item.get("dockerConfig") or {}
        out.append(
            Repository(
                **base(
                    raw.project,
                    native,
                    "artifactregistry.repositories.list",
                    id=name,
                    name=last(name),
                    region=name.split("/locations/")[1].split("/")[0] if "/locations/" in name else "",
                ),
                format=str(item.get("format", "")).lower() or None,
                public=public,
                anonymous_pull=anonymous,
                pushers=pushers,
                unknown=frozenset()
                if policy is not None
                else frozenset({"public", "anonymous_pull", "pushers"}),
                tag_immutability=bool(docker.get("immutableTags"))
                if item.get("format") == "DOCKER"
                else None,
                encryption="customer_key" if kms_key else "provider",
                kms_key=kms_key,
            )
        )
    return out
