"""Compute: virtual machines, managed Kubernetes clusters and their node pools."""

from __future__ import annotations

from typing import ClassVar, Literal

from scanner.inventory.model.base import Resource


class Instance(Resource, tag="instance", kw_only=True):
    """ECS, GCE and EC2 virtual machines.

    * ``public_ips`` / ``private_ips``: the addresses of its interfaces.
    * ``network_tags`` / ``security_groups``: what firewall rules target it by.
    * ``service_account``: the identity it runs as (GCE service account, RAM role, instance profile).
    * ``default_service_account``: that identity is the cloud's default one (GCE Compute Engine default).
    * ``full_api_access``: that identity's access scope covers every API (GCE ``cloud-platform`` scope).
    * ``state``: ``running``, ``stopped`` or the provider's own word in lower case.
    * ``stopped_days``: days since it stopped; ``None`` while it runs.
    * ``billed_while_stopped``: still charged while stopped (Alibaba ``KeepCharging`` stop mode).
    * ``charge_type``: ``prepaid`` (subscription) or ``postpaid`` (pay-as-you-go).
    * ``running_days``: days since it was created (or last started, where reported).
    * ``serial_port``: interactive serial console access is on (GCE ``serial-port-enable``).
    * ``ip_forwarding``: it may send packets with a source address not its own (GCE ``canIpForward``).
    * ``block_project_ssh_keys``: project-wide SSH keys cannot log in (GCE ``block-project-ssh-keys``).
    * ``os_login``: the effective OS Login setting: instance metadata, else project metadata.
    * ``shielded_vm``: secure boot, vTPM and integrity monitoring are all on.
    * ``confidential_computing``: memory encryption (GCE Confidential VM) is on.
    * ``legacy_network``: it sits in a legacy network (Alibaba classic network, EC2-Classic), not a VPC.
    * ``security_agent``: the cloud's security agent reports from it (Alibaba Security Center).
    """

    RELATIONS: ClassVar[dict[str, str]] = {"subnet": "subnet", "network": "network"}

    public_ips: tuple[str, ...] = ()
    private_ips: tuple[str, ...] = ()
    network_tags: tuple[str, ...] = ()
    security_groups: tuple[str, ...] = ()
    service_account: str | None = None
    default_service_account: bool | None = None
    full_api_access: bool | None = None
    state: str | None = None
    stopped_days: int | None = None
    billed_while_stopped: bool | None = None
    charge_type: Literal["prepaid", "postpaid"] | None = None
    running_days: int | None = None
    serial_port: bool | None = None
    ip_forwarding: bool | None = None
    block_project_ssh_keys: bool | None = None
    os_login: bool | None = None
    shielded_vm: bool | None = None
    confidential_computing: bool | None = None
    legacy_network: bool | None = None
    security_agent: bool | None = None


class KubernetesCluster(Resource, tag="kubernetes_cluster", kw_only=True):
    """A managed Kubernetes control plane: GKE cluster, Alibaba ACK cluster, AWS EKS cluster.

    * ``version``: the control plane's Kubernetes version (``1.29.4-gke.100``).
    * ``version_supported``: that version is still supported by the provider (not past end of life).
    * ``public_endpoint``: the API server has a public address (GKE public endpoint
      enabled; ACK API server bound to an EIP; EKS ``endpointPublicAccess``).
    * ``authorized_networks``: the ranges allowed to reach the API server; empty with
      ``authorized_networks_enabled`` false means no restriction.
    * ``authorized_networks_enabled``: an allow-list guards the API server
      (GKE master authorized networks; ACK a whitelist ACL with entries on the API server's
      CLB listener; EKS ``publicAccessCidrs`` other than ``0.0.0.0/0``).
    * ``private_nodes``: nodes have internal addresses only.
    * ``legacy_abac``: legacy attribute-based authorization is on.
    * ``rbac``: Kubernetes RBAC authorization is on.
    * ``network_policy``: NetworkPolicy is enforced (Calico, GKE Dataplane V2, Terway with policy).
    * ``workload_identity``: pods get cloud identities through the metadata server
      (GKE Workload Identity, ACK RRSA, EKS pod identity / IRSA).
    * ``shielded_nodes``: nodes must prove their identity with Shielded VM.
    * ``basic_auth``: a static user name and password can authenticate.
    * ``client_certificate``: a long-lived client certificate was issued.
    * ``release_channel``: the upgrade channel in lower case (``regular``, ``stable``, ``rapid``);
      ``none`` when the cluster is not enrolled.
    * ``binary_authorization``: images must pass an admission attestation policy.
    * ``logging`` / ``monitoring``: cluster logs and metrics go to the cloud's log
      and monitoring services (Cloud Logging/Monitoring, Log Service/CloudMonitor, CloudWatch).
    * ``control_plane_logging``: API server audit logs are shipped.
    * ``dashboard``: the Kubernetes web dashboard add-on is installed.
    * ``deletion_protection``: the cluster cannot be deleted until the flag is cleared.
    * ``secrets_encryption``: Kubernetes secrets are encrypted with a customer KMS key.
    * ``eni_multi_ip``: pods take secondary IPs of elastic interfaces (ACK Terway ENI multi-IP).
    * ``last_check_days``: days since the last cluster check (ACK cluster inspection) ran.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"network": "network", "subnet": "subnet"}

    version: str | None = None
    version_supported: bool | None = None
    public_endpoint: bool | None = None
    authorized_networks: tuple[str, ...] = ()
    authorized_networks_enabled: bool | None = None
    private_nodes: bool | None = None
    legacy_abac: bool | None = None
    rbac: bool | None = None
    network_policy: bool | None = None
    workload_identity: bool | None = None
    shielded_nodes: bool | None = None
    basic_auth: bool | None = None
    client_certificate: bool | None = None
    release_channel: str | None = None
    binary_authorization: bool | None = None
    logging: bool | None = None
    monitoring: bool | None = None
    control_plane_logging: bool | None = None
    dashboard: bool | None = None
    deletion_protection: bool | None = None
    secrets_encryption: bool | None = None
    eni_multi_ip: bool | None = None
    last_check_days: int | None = None


class NodePool(Resource, tag="node_pool", kw_only=True):
    """A group of Kubernetes worker nodes: GKE node pool, ACK node pool, EKS managed node group.

    * ``service_account``: the identity nodes run as.
    * ``default_service_account``: that identity is the cloud's default one (GKE: the
      Compute Engine default service account, also when the field is empty).
    * ``public_ips``: nodes get public addresses.
    * ``auto_upgrade`` / ``auto_repair``: the provider upgrades / repairs nodes on its own.
    * ``secure_boot`` / ``integrity_monitoring``: the Shielded VM options of the nodes.
    * ``metadata_concealed``: pods cannot read the node's instance metadata
      (GKE ``GKE_METADATA`` mode, IMDSv2 hop limit 1).
    * ``image_type``: the node image in lower case (``cos_containerd``, ``aliyunlinux3`` ...).
    * ``version``: the kubelet version.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"cluster": "kubernetes_cluster"}

    service_account: str | None = None
    default_service_account: bool | None = None
    public_ips: bool | None = None
    auto_upgrade: bool | None = None
    auto_repair: bool | None = None
    secure_boot: bool | None = None
    integrity_monitoring: bool | None = None
    metadata_concealed: bool | None = None
    image_type: str | None = None
    version: str | None = None
