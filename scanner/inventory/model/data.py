"""Managed data services: relational databases, analytics datasets and data processing clusters."""

from __future__ import annotations

from typing import ClassVar, Literal

from scanner.inventory.model.base import Resource


class Database(Resource, tag="database", kw_only=True):
    """Alibaba RDS, PolarDB, KVStore and MongoDB, AWS RDS, Cloud SQL; placed in a subnet by ``relations``.

    * ``engine`` / ``engine_version``: lower case engine name (``mysql``, ``postgres``,
      ``sqlserver``, ``redis``, ``mongodb`` ...) and its version.
    * ``public_endpoint``: reachable through a public address.
    * ``allowed_networks``: the ranges the network ACL or whitelist admits.
    * ``ssl_required``, ``backups``, ``encrypted``: TLS enforced, automated backups, encryption at rest.
    * ``flags``: the engine flags or parameters set explicitly (Cloud SQL
      ``databaseFlags``, RDS parameters). Names are lower case with every dot and
      space written as ``_`` (``cloudsql.enable_pgaudit`` is ``cloudsql_enable_pgaudit``,
      ``user connections`` is ``user_connections``), because a policy path splits on
      dots; values are text, lower case (``on``, ``off``, ``-1``). A flag that is
      absent runs at the engine's default, and each policy says which default that
      is. ``None`` means the source did not read flags at all (no policy judges
      them then); ``{}`` means it read them and none is set.
    * ``tde`` / ``tde_key``: transparent data encryption is on, and the customer key it uses (BYOK).
    * ``audit_log``: SQL audit (Alibaba SQL Explorer, ``pgaudit``, AWS database activity) is on.
    * ``audit_retention_days``: how long the SQL audit log is kept.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"subnet": "subnet", "network": "network"}

    engine: str | None = None
    engine_version: str | None = None
    public_endpoint: bool | None = None
    allowed_networks: tuple[str, ...] = ()
    ssl_required: bool | None = None
    backups: bool | None = None
    encrypted: bool | None = None
    flags: dict[str, str] | None = None
    tde: bool | None = None
    tde_key: str | None = None
    audit_log: bool | None = None
    audit_retention_days: int | None = None


class Dataset(Resource, tag="dataset", kw_only=True):
    """An analytics dataset: BigQuery dataset, Alibaba MaxCompute project, AWS Glue database.

    * ``public``: a member such as ``allUsers``/``allAuthenticatedUsers`` may read it.
    * ``default_encryption`` / ``default_kms_key``: the encryption new tables get by default.
    * ``tables_without_customer_key``: derived: ids of tables in it not encrypted with a customer key.
    """

    public: bool | None = None
    default_encryption: Literal["none", "provider", "customer_key"] | None = None
    default_kms_key: str | None = None
    tables_without_customer_key: tuple[str, ...] = ()


class DataCluster(Resource, tag="data_cluster", kw_only=True):
    """A managed Hadoop/Spark cluster: GCP Dataproc cluster, Alibaba E-MapReduce cluster, AWS EMR cluster.

    * ``encryption``: how its nodes' persistent disks are encrypted: ``provider``
      (the cloud's own key) or ``customer_key`` (GCP Dataproc
      ``config.encryptionConfig.gcePdKmsKeyName`` or ``kmsKey``).
    * ``kms_key``: that customer key.
    """

    encryption: Literal["none", "provider", "customer_key"] | None = None
    kms_key: str | None = None
