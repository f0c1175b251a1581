"""Networks and what sits at their edge: subnets, firewall rules, addresses, DNS zones, load balancers."""

from __future__ import annotations

from typing import ClassVar, Literal

from scanner.inventory.model.base import PortRange, Resource


class Network(Resource, tag="network", kw_only=True):
    """Alibaba VPC, GCP VPC network, AWS VPC.

    * ``cidrs``: the address ranges of the network.
    * ``flow_logs``: flow logs are delivered for the whole network.
    * ``is_default``: the network the cloud created with the account or project.
    * ``auto_subnets``: GCP auto mode (a subnet in every region, created for you).
    * ``legacy``: a GCP legacy (non-VPC) network, with one range and no subnets.
    * ``dns_logging``: a DNS server policy with query logging is attached to it.
    """

    cidrs: tuple[str, ...] = ()
    flow_logs: bool | None = None
    is_default: bool | None = None
    auto_subnets: bool | None = None
    legacy: bool | None = None
    dns_logging: bool | None = None


class Subnet(Resource, tag="subnet", kw_only=True):
    """Alibaba vSwitch, GCP subnetwork, AWS subnet.

    ``routes_to_internet`` is true when the subnet's route table sends traffic to
    an internet gateway (or its equivalent) so that resources with public
    addresses in it are reachable from the internet.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"network": "network"}

    cidr: str | None = None
    routes_to_internet: bool | None = None
    private_api_access: bool | None = None
    flow_logs: bool | None = None


class FirewallRule(Resource, tag="firewall_rule", kw_only=True):
    """One ingress or egress permission of a security group or firewall.

    ``ports`` is always explicit: "all ports" is ``[0-65535]``, and a protocol
    without ports (ICMP) has none. ``protocol`` is ``all`` when every protocol
    is allowed.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"network": "network"}

    direction: Literal["ingress", "egress"]
    action: Literal["allow", "deny"] = "allow"
    protocol: str = "all"
    ports: tuple[PortRange, ...] = ()
    source_ranges: tuple[str, ...] = ()
    destination_ranges: tuple[str, ...] = ()
    source_groups: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    priority: int | None = None
    disabled: bool = False
    group: str | None = None


class Address(Resource, tag="address", kw_only=True):
    """A reserved IP address: GCP static address, Alibaba EIP, AWS Elastic IP.

    * ``ip``: the address itself.
    * ``external``: reachable from the internet (GCP ``EXTERNAL``; every EIP).
    * ``in_use``: bound to an instance, NAT gateway, load balancer or interface.
      A reserved address that is not in use is still billed.
    * ``status``: the provider's status word (``RESERVED``/``IN_USE``, ``Available``/``InUse``).
    """

    RELATIONS: ClassVar[dict[str, str]] = {"attached_to": "instance"}

    ip: str | None = None
    external: bool | None = None
    in_use: bool | None = None
    status: str | None = None


class DnsZone(Resource, tag="dns_zone", kw_only=True):
    """A hosted DNS zone: Cloud DNS managed zone, Alibaba Cloud DNS domain, Route 53 hosted zone.

    * ``dns_name``: the zone's domain, with its trailing dot as the provider gives it.
    * ``visibility``: ``public`` (served on the internet) or ``private`` (to networks).
    * ``dnssec``: DNSSEC signing is on.
    * ``key_signing_algorithms`` / ``zone_signing_algorithms``: the algorithms of the
      key-signing and zone-signing keys, lower case as the providers spell them
      (``rsasha1``, ``rsasha256``, ``ecdsap256sha256`` ...).
    * ``logging``: query logging is on for the zone.
    """

    dns_name: str | None = None
    visibility: Literal["public", "private"] | None = None
    dnssec: bool | None = None
    key_signing_algorithms: tuple[str, ...] = ()
    zone_signing_algorithms: tuple[str, ...] = ()
    logging: bool | None = None


class LoadBalancer(Resource, tag="load_balancer", kw_only=True):
    """An HTTP(S) or TLS load balancer: GCP backend service, Alibaba SLB/ALB, AWS ALB/NLB.

    * ``scheme``: ``external`` (internet-facing) or ``internal``.
    * ``protocols``: the front-end protocols, lower case (``http``, ``https``, ``tcp`` ...).
    * ``logging``: access (request) logging is on.
    * ``min_tls_version``: the lowest TLS version the SSL policy admits (``1.0``, ``1.2`` ...).
    * ``weak_ciphers``: the SSL policy admits cipher suites CIS calls weak
      (GCP ``COMPATIBLE`` profile; a custom profile with such features).
    """

    scheme: Literal["external", "internal"] | None = None
    protocols: tuple[str, ...] = ()
    logging: bool | None = None
    min_tls_version: str | None = None
    weak_ciphers: bool | None = None
