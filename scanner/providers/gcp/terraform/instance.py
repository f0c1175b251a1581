"""``google_compute_instance`` -> instance records, with one public IP per access config."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scanner.inventory.model import (
    Instance,
    Resource,
)
from scanner.providers.gcp import link
from scanner.providers.gcp.terraform.common import account_of
from scanner.providers.gcp.translate.common import zone_region
from scanner.sources.terraform.model import UNKNOWN, TfResource, has_unknown, is_unknown
from scanner.sources.terraform.translate.common import (
    Fields,
    as_bool,
    record,
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def _public_ips(interfaces: list[dict[str, Any]]) -> Any:
    """External addresses of the interfaces, as the live adapter counts them (``natIP`` and ``externalIpv6``).

    An ``access_config`` block gives the VM an external IPv4 address and an
    ``ipv6_access_config`` block an external IPv6 one; either is ``ephemeral``
    when its address (``nat_ip``, ``external_ipv6``) is left out. Unknown when a
    ``dynamic`` block's count of them is.
    """
    public: list[str] = []
    for nic in interfaces:
        for key, address in (("access_config", "nat_ip"), ("ipv6_access_config", "external_ipv6")):
            configs = nic.get(key)
            if is_unknown(configs):
                return UNKNOWN
            for access in configs or []:
                ip = access.get(address) if isinstance(access, dict) else None
                public.append(ip if isinstance(ip, str) and ip else "ephemeral")
    return tuple(public)


def instance(res: TfResource, ctx: TfContext) -> Iterator[Resource]:
    interfaces = res.blocks("network_interface")
    f = Fields()
    f.set("public_ips", UNKNOWN if is_unknown(res.get("network_interface")) else _public_ips(interfaces))
    f.set("private_ips", [n.get("network_ip") for n in interfaces if n.get("network_ip")], tuple)
    f.set("network_tags", res.get("tags"), tuple)
    _identity(res, f)
    _metadata_switches(res, ctx, f)
    f.set("ip_forwarding", as_bool(value(res, "can_ip_forward", False)))
    shielded = res.block("shielded_instance_config")
    f.set(
        "shielded_vm",
        _all_true(
            value(shielded, "enable_secure_boot", False),
            value(shielded, "enable_vtpm", True),
            value(shielded, "enable_integrity_monitoring", True),
        ),
    )
    confidential = res.block("confidential_instance_config")
    kind = confidential.get("confidential_instance_type")
    f.set(
        "confidential_computing",
        UNKNOWN
        if is_unknown(kind)
        else True
        if kind
        else as_bool(value(confidential, "enable_confidential_compute", False)),
    )
    subnets = [ctx.target(n.get("subnetwork"), "google_compute_subnetwork") for n in interfaces]
    networks = [ctx.target(n.get("network"), "google_compute_network") for n in interfaces]
    yield record(
        Instance,
        res,
        provider="gcp",
        account=account_of(res, ctx),
        region=_zone_region(value(res, "zone", ctx.providers.get("google", "zone"))),
        name=res.get("name"),
        fields=f,
        relations={"subnet": subnets, "network": networks},
    )


def _identity(res: TfResource, f: Fields) -> None:
    """The service account and its scopes; no ``service_account`` block means the VM runs as no account.

    An empty ``email`` is the Compute Engine default account: the provider sends
    ``default`` (``expandServiceAccounts`` in ``compute_instance_helpers.go``).
    Scopes may be gcloud short names (``cloud-platform``) or URLs.
    """
    if is_unknown(res.get("service_account")):
        for name in ("service_account", "default_service_account", "full_api_access"):
            f.mark_unknown(name)
        return
    block = res.block("service_account")
    if not block:
        f.set("default_service_account", False)
        f.set("full_api_access", False)
        return
    email = value(block, "email", "")
    f.set("service_account", email or "default")
    f.set(
        "default_service_account",
        email if is_unknown(email) else (not email or link.default_compute_account(email)),
    )
    scopes = block.get("scopes")
    if has_unknown(scopes):
        f.mark_unknown("full_api_access")
    else:
        f.set("full_api_access", any(s in FULL_SCOPES for s in scopes or []))


FULL_SCOPES = frozenset({"cloud-platform", link.CLOUD_PLATFORM_SCOPE})


def _metadata_switches(res: TfResource, ctx: TfContext, f: Fields) -> None:
    """Metadata switches, effective as live: the instance's ``metadata``, else the project's.

    Project metadata comes from ``google_compute_project_metadata`` (``metadata``)
    and ``google_compute_project_metadata_item`` (``key``/``value``) of the same
    project in the scanned code. When the instance does not set a switch and no
    project metadata resource is in the code, the value is unknown: the project may
    set it outside this code. ``block-project-ssh-keys`` is an instance key only.
    """
    metadata = res.get("metadata")
    if is_unknown(metadata):
        for name in ("serial_port", "os_login", "block_project_ssh_keys"):
            f.mark_unknown(name)
        return
    own = metadata if isinstance(metadata, dict) else {}
    project = _project_metadata(res, ctx)
    for field, key, inherits in (
        ("serial_port", "serial-port-enable", True),
        ("os_login", "enable-oslogin", True),
        ("block_project_ssh_keys", "block-project-ssh-keys", False),
    ):
        mine = own.get(key)
        if mine is not None:
            f.set(field, UNKNOWN if has_unknown(mine) else link.metadata_true(str(mine)))
        elif not inherits:
            f.set(field, False)
        elif project is None or has_unknown(project.get(key)):
            f.mark_unknown(field)
        else:
            f.set(field, bool(link.metadata_true(project.get(key))))


def _project_metadata(res: TfResource, ctx: TfContext) -> dict[str, Any] | None:
    """The project metadata the code declares for the instance's project; ``None`` when none."""
    project = account_of(res, ctx)
    found: dict[str, Any] | None = None
    for meta in ctx.of_type("google_compute_project_metadata", "google_compute_project_metadata_item"):
        if not is_unknown(project) and not _same_project(account_of(meta, ctx), project):
            continue
        found = found or {}
        if meta.type == "google_compute_project_metadata":
            items = meta.get("metadata")
            if isinstance(items, dict):
                found.update(items)
        elif isinstance(meta.get("key"), str):
            found[meta.get("key")] = meta.get("value")
    return found


def _same_project(a: Any, b: Any) -> bool:
    return is_unknown(a) or a == b


def _all_true(*values: Any) -> Any:
    read = [as_bool(v) for v in values]
    if any(v is False for v in read):
        return False
    return UNKNOWN if any(is_unknown(v) for v in read) else True


def _zone_region(zone: Any) -> Any:
    """The live rule (``us-central1-a`` -> ``us-central1``) for a known zone; unknown stays unknown."""
    return zone_region(zone) if isinstance(zone, str) else zone
