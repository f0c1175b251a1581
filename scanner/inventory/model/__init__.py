"""Typed, immutable records for every normalised resource kind.

The records live in one module per area (network, storage, compute, data, registry,
identity, logging); :mod:`scanner.inventory.model.base` holds the identity they share
and the conventions (``None``, ``unknown``, derived facts) every kind follows.
``KINDS`` maps each kind name to its record type, and ``AnyResource`` is the tagged
union a snapshot decodes into.
"""

from __future__ import annotations

from scanner.inventory.model.base import PROVIDERS, AccessKey, Origin, PortRange, Provider, Resource
from scanner.inventory.model.compute import Instance, KubernetesCluster, NodePool
from scanner.inventory.model.data import Database, DataCluster, Dataset
from scanner.inventory.model.identity import Account, ApiKey, IamBinding, IamPrincipal, KmsKey, PasswordPolicy
from scanner.inventory.model.logging import AuditTrail, LogMetricAlert, LogSink, LogStore
from scanner.inventory.model.network import Address, DnsZone, FirewallRule, LoadBalancer, Network, Subnet
from scanner.inventory.model.registry import Registry, Repository
from scanner.inventory.model.storage import Bucket, Disk, DiskSnapshot, Encryption

KINDS: dict[str, type[Resource]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (
        Network,
        Subnet,
        FirewallRule,
        Bucket,
        Database,
        Registry,
        Repository,
        IamPrincipal,
        IamBinding,
        PasswordPolicy,
        Instance,
        KubernetesCluster,
        NodePool,
        KmsKey,
        Disk,
        DiskSnapshot,
        Address,
        AuditTrail,
        LogSink,
        LogStore,
        LogMetricAlert,
        DnsZone,
        LoadBalancer,
        Dataset,
        DataCluster,
        ApiKey,
        Account,
    )
}

AnyResource = (
    Network
    | Subnet
    | FirewallRule
    | Bucket
    | Database
    | Registry
    | Repository
    | IamPrincipal
    | IamBinding
    | PasswordPolicy
    | Instance
    | KubernetesCluster
    | NodePool
    | KmsKey
    | Disk
    | DiskSnapshot
    | Address
    | AuditTrail
    | LogSink
    | LogStore
    | LogMetricAlert
    | DnsZone
    | LoadBalancer
    | Dataset
    | DataCluster
    | ApiKey
    | Account
)

__all__ = [
    "KINDS",
    "PROVIDERS",
    "AccessKey",
    "Account",
    "Address",
    "AnyResource",
    "ApiKey",
    "AuditTrail",
    "Bucket",
    "DataCluster",
    "Database",
    "Dataset",
    "Disk",
    "DiskSnapshot",
    "DnsZone",
    "Encryption",
    "FirewallRule",
    "IamBinding",
    "IamPrincipal",
    "Instance",
    "KmsKey",
    "KubernetesCluster",
    "LoadBalancer",
    "LogMetricAlert",
    "LogSink",
    "LogStore",
    "Network",
    "NodePool",
    "Origin",
    "PasswordPolicy",
    "PortRange",
    "Provider",
    "Registry",
    "Repository",
    "Resource",
    "Subnet",
]
