"""Compute Engine instances into instance records: addresses, identity, metadata switches, VM hardening.

The metadata switches are the effective values (:mod:`..link`): the instance's
metadata, else the project's ``commonInstanceMetadata`` (compute ``projects.get``).
When that project call failed, a switch the instance does not set itself is unknown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import Instance
from scanner.providers.gcp import link
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base, days_since, zone_region

# Effective metadata (``resourceStatus.effectiveInstanceMetadata``) field per metadata key.
_EFFECTIVE = {
    "serial-port-enable": "serialPortEnableMetadataValue",
    "enable-oslogin": "enableOsloginMetadataValue",
    "block-project-ssh-keys": "blockProjectSshKeysMetadataValue",
}
# Compute Engine instance status -> the inventory's state words.
_STATES = {"RUNNING": "running", "TERMINATED": "stopped", "STOPPED": "stopped", "SUSPENDED": "suspended"}


def _nat_ip(access_config: dict[str, Any]) -> str | None:
    """The external IPv4 address an access config gives, ``ephemeral`` when it has none right now.

    ``ONE_TO_ONE_NAT`` is the default and only IPv4 access config type. A config
    without ``natIP`` draws an ephemeral address from Google's pool when the VM
    runs; a stopped (``TERMINATED``) VM gives that address back but keeps the
    config, so it is still exposed the moment it starts again.
    """
    if access_config.get("type", "ONE_TO_ONE_NAT") != "ONE_TO_ONE_NAT":
        return None
    return str(access_config.get("natIP") or "ephemeral")


def _switch(
    item: dict[str, Any], key: str, project_metadata: dict[str, str] | None, inherits: bool
) -> bool | None:
    """A metadata switch's effective value; ``None`` when it depends on project metadata we could not read."""
    effective = ((item.get("resourceStatus") or {}).get("effectiveInstanceMetadata") or {}).get(
        _EFFECTIVE[key]
    )
    if isinstance(effective, bool):
        return effective
    own = link.metadata_true(link.metadata_items(item.get("metadata")).get(key))
    if own is not None or not inherits:
        return bool(own)
    if project_metadata is None:
        return None
    return bool(link.metadata_true(project_metadata.get(key)))


def instances(raw: ProjectRaw, now: datetime) -> list[Instance]:
    project_metadata = (
        link.metadata_items(raw.compute_project.get("commonInstanceMetadata"))
        if raw.compute_project is not None
        else None
    )
    project_default = (raw.compute_project or {}).get("defaultServiceAccount")
    out = []
    for item in raw.instances or []:
        interfaces = item.get("networkInterfaces", []) or []
        public = [ip for i in interfaces for c in i.get("accessConfigs", []) or [] if (ip := _nat_ip(c))]
        public += [
            c["externalIpv6"]
            for i in interfaces
            for c in i.get("ipv6AccessConfigs", []) or []
            if c.get("externalIpv6")
        ]
        subnets_ = tuple(i["subnetwork"] for i in interfaces if i.get("subnetwork"))
        networks_ = tuple(dict.fromkeys(i["network"] for i in interfaces if i.get("network")))
        accounts = item.get("serviceAccounts", []) or []
        email = accounts[0].get("email") if accounts else None
        scopes = accounts[0].get("scopes", []) or [] if accounts else []
        switches = {
            field: _switch(item, key, project_metadata, inherits)
            for field, key, inherits in (
                ("serial_port", "serial-port-enable", True),
                ("os_login", "enable-oslogin", True),
                ("block_project_ssh_keys", "block-project-ssh-keys", False),
            )
        }
        status = str(item.get("status", ""))
        state = _STATES.get(status, status.lower() or None)
        out.append(
            Instance(
                **base(
                    raw.project,
                    item,
                    "compute.instances.aggregatedList",
                    id=item["selfLink"],
                    name=item["name"],
                    region=zone_region(item.get("zone", "")),
                ),
                relations={k: v for k, v in (("subnet", subnets_), ("network", networks_)) if v},
                public_ips=tuple(public),
                private_ips=tuple(i["networkIP"] for i in interfaces if i.get("networkIP")),
                network_tags=tuple((item.get("tags") or {}).get("items", []) or ()),
                service_account=email,
                default_service_account=link.default_compute_account(email, project_default),
                full_api_access=link.CLOUD_PLATFORM_SCOPE in scopes,
                state=state,
                stopped_days=days_since(item.get("lastStopTimestamp"), now) if state == "stopped" else None,
                ip_forwarding=bool(item.get("canIpForward", False)),
                shielded_vm=link.shielded(item.get("shieldedInstanceConfig")),
                confidential_computing=link.confidential(item.get("confidentialInstanceConfig")),
                unknown=frozenset(f for f, v in switches.items() if v is None),
                **switches,
            )
        )
    return out
