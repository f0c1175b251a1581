"""Stored bytes: object buckets, block disks and their snapshots."""

from __future__ import annotations

from typing import ClassVar, Literal

from scanner.inventory.model.base import Resource

Encryption = Literal["none", "provider", "customer_key", "customer_supplied"]
"""How data at rest is encrypted: not at all, with a key the provider manages, with a
customer-managed KMS key (CMEK / BYOK), or with a key the customer supplies on every
call and the provider never stores (GCP CSEK)."""


class Bucket(Resource, tag="bucket", kw_only=True):
    """OSS, GCS and S3 buckets; ``public_*`` already combine ACL, policy, IAM and blocks.

    * ``public_read`` / ``public_write``: anyone on the internet may read / write objects.
    * ``encryption`` / ``kms_key``: default encryption at rest and its customer key.
    * ``versioning``, ``access_logging``, ``uniform_access``, ``public_access_blocked``:
      the provider switches of those names (GCS uniform bucket-level access, S3 blocks).
    * ``https_only``: a bucket policy denies every request not made over TLS
      (OSS/S3 ``acs:SecureTransport``/``aws:SecureTransport`` false is denied).
    * ``allowed_source_ranges``: the source addresses a bucket policy limits requests to (OSS
      ``acs:SourceIp`` in an ``Allow`` with ``IpAddress`` or a ``Deny`` with ``NotIpAddress``);
      empty: requests from any network reach the bucket.
    * ``retention_days``: the retention policy (objects cannot be deleted younger than it).
    * ``retention_locked``: the retention policy is locked and can no longer be shortened.
    * ``log_destination``: derived: an audit trail or log sink writes into this bucket.
    """

    public_read: bool | None = None
    public_write: bool | None = None
    encryption: Literal["none", "provider", "customer_key"] | None = None
    kms_key: str | None = None
    versioning: bool | None = None
    access_logging: bool | None = None
    uniform_access: bool | None = None
    public_access_blocked: bool | None = None
    https_only: bool | None = None
    allowed_source_ranges: tuple[str, ...] | None = None
    retention_days: int | None = None
    retention_locked: bool | None = None
    log_destination: bool | None = None


class Disk(Resource, tag="disk", kw_only=True):
    """A block volume: GCE persistent disk, Alibaba ECS cloud disk, AWS EBS volume.

    * ``attached``: attached to at least one instance (relation ``instance``).
    * ``status``: the provider's status word (``READY``, ``Available``/``In_use``, ``available``/``in-use``).
    * ``size_gb``: the provisioned size in GiB.
    * ``disk_type``: the provider's type (``pd-ssd``, ``cloud_essd``, ``gp3`` ...).
    * ``encryption`` / ``kms_key``: encryption at rest and its customer key.
    * ``boot``: the disk is an instance's system (boot) disk.
    * ``instance_stopped_days``: derived: days since the instance it is attached to
      stopped; ``None`` while that instance runs or when the disk is unattached.
    * ``created_days``: days since the disk was created.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"instance": "instance"}

    attached: bool | None = None
    status: str | None = None
    size_gb: int | None = None
    disk_type: str | None = None
    encryption: Encryption | None = None
    kms_key: str | None = None
    boot: bool | None = None
    instance_stopped_days: int | None = None
    created_days: int | None = None


class DiskSnapshot(Resource, tag="disk_snapshot", kw_only=True):
    """A point-in-time copy of a disk: GCE snapshot, Alibaba ECS snapshot, AWS EBS snapshot.

    * ``age_days``: days since the snapshot was taken.
    * ``size_gb``: the source disk's size in GiB (what the snapshot may bill).
    * ``source_disk``: the id of the disk it was taken from (it may no longer exist).
    * ``automatic``: taken by a snapshot schedule or policy, which deletes it on its own.
    * ``encryption`` / ``kms_key``: encryption at rest and its customer key.
    * ``public``: shared with everyone (AWS ``createVolumePermission`` group ``all``).
    """

    age_days: int | None = None
    size_gb: int | None = None
    source_disk: str | None = None
    automatic: bool | None = None
    encryption: Encryption | None = None
    kms_key: str | None = None
    public: bool | None = None
