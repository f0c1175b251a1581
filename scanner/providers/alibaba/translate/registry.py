"""Container Registry Enterprise Edition instances and repositories.

Registry exposure: the instance's ``internet`` endpoint (ListInstanceEndpoint) is
enabled and its ACL lets every address in: ACL control off, or an empty
whitelist (Alibaba Cloud documents that deleting every whitelist entry exposes
the instance to the whole internet), or an entry that is itself every address.
``endpoint_allowed_ranges`` is then ``0.0.0.0/0`` or the entries as listed.
Namespaces have no kind of their own: they are kept under the registry's
``native.namespaces`` (``AutoCreateRepo``, ``DefaultRepoType``) for provider policies, and
the names of those that auto-create public repositories under
``native.public_auto_create_namespaces`` (:func:`..link.public_auto_create`).

``scan_rule`` / ``scan_on_push``: a vulnerability scan rule (ListScanRule, ``ScanType`` ``VUL``)
is triggered automatically on push (``TriggerType`` ``AUTO``); manual rules scan nothing new.
``native.public_auto_create_namespaces`` names the namespaces that auto-create PUBLIC
repositories, so a finding lists only those. Repositories: ``tag_immutability`` is
ListRepository's ``TagImmutability``.

Delivery chains (ListChain, then GetChain per chain) are kept under ``native.delivery_chains``
with ``blocks_high_vulnerabilities`` (:mod:`scanner.providers.alibaba.link.delivery_chains`; a
chain whose GetChain failed is ``None``, unknown); ``native.chains_not_blocking_high`` names the
chains that do not block.

Personal Edition repositories (API 2016-06-07, ``GetRepoList``) become ``repository``
records with no registry relation: that API names no instance and reports no endpoint or
ACL, so a registry record for them would carry nothing but guesses. ``public`` comes from
``repoType`` (``PUBLIC``/``PRIVATE``); the answer is kept under ``native`` with
``edition: personal``.
"""

from __future__ import annotations

from typing import Any

from scanner.inventory.model import Registry, Repository
from scanner.providers.alibaba.link import delivery_chains, public_auto_create
from scanner.providers.alibaba.translate.common import MISSING, origin, truthy
from scanner.rules.network import INTERNET_V4

EVERYWHERE = INTERNET_V4


def _internet(endpoints: list[dict[str, Any]]) -> tuple[bool, tuple[str, ...]]:
    for endpoint in endpoints:
        if str(endpoint.get("EndpointType", "")).lower() != "internet" or not truthy(endpoint.get("Enable")):
            continue
        entries = tuple(e.get("Entry") for e in endpoint.get("AclEntries") or [] if e.get("Entry"))
        if not truthy(endpoint.get("AclEnable")) or not entries:
            return True, (EVERYWHERE,)
        return True, entries
    return False, ()


def _auto_scan(rules: list[dict[str, Any]]) -> bool:
    return any(
        str(r.get("TriggerType") or "").upper() == "AUTO" and str(r.get("ScanType") or "VUL").upper() == "VUL"
        for r in rules
    )


def registry(
    account: str,
    region: str,
    raw: dict[str, Any],
    endpoints: Any = MISSING,
    namespaces: Any = MISSING,
    scan_rules: Any = MISSING,
    chains: Any = MISSING,
    chain_details: dict[str, Any] | None = None,
) -> Registry:
    unknown: set[str] = set()
    public, ranges = False, ()
    if endpoints is MISSING:
        unknown |= {"public_endpoint", "endpoint_allowed_ranges"}
    else:
        public, ranges = _internet(endpoints)
    native: dict[str, Any] = {"instance": raw}
    if endpoints is not MISSING:
        native["endpoints"] = endpoints
    if namespaces is not MISSING:
        native["namespaces"] = [
            {
                "NamespaceName": n.get("NamespaceName"),
                "AutoCreateRepo": truthy(n.get("AutoCreateRepo")),
                "DefaultRepoType": n.get("DefaultRepoType"),
            }
            for n in namespaces
        ]
        native["public_auto_create_namespaces"] = public_auto_create(native["namespaces"])
    scanned = None
    if scan_rules is MISSING:
        unknown |= {"scan_rule", "scan_on_push"}
    else:
        scanned = _auto_scan(scan_rules)
        native["scan_rules"] = scan_rules
    if chains is not MISSING:
        details = {k: v for k, v in (chain_details or {}).items() if v is not MISSING}
        native.update(delivery_chains.summarise(chains, details))
    return Registry(
        provider="alibaba",
        account=account,
        region=region,
        id=raw["InstanceId"],
        name=raw.get("InstanceName") or raw["InstanceId"],
        origin=origin("cr", "ListInstance"),
        unknown=frozenset(unknown),
        native=native,
        public_endpoint=None if endpoints is MISSING else public,
        endpoint_allowed_ranges=ranges,
        scan_rule=scanned,
        scan_on_push=scanned,
    )


def repository(account: str, region: str, instance_id: str, raw: dict[str, Any]) -> Repository:
    name = f"{raw.get('RepoNamespaceName')}/{raw.get('RepoName')}"
    return Repository(
        provider="alibaba",
        account=account,
        region=region,
        id=raw.get("RepoId") or f"{instance_id}/{name}",
        name=name,
        origin=origin("cr", "ListRepository"),
        relations={"registry": (instance_id,)},
        native=raw,
        format="docker",
        public=str(raw.get("RepoType", "")).upper() == "PUBLIC",
        tag_immutability=raw.get("TagImmutability") if isinstance(raw.get("TagImmutability"), bool) else None,
    )


def personal_repository(account: str, region: str, raw: dict[str, Any]) -> Repository:
    """One Personal Edition repository from GetRepoList (camelCase fields, numeric ``repoId``)."""
    name = f"{raw.get('repoNamespace')}/{raw.get('repoName')}"
    repo_type = str(raw.get("repoType") or "").upper()
    repo_id = raw.get("repoId")
    return Repository(
        provider="alibaba",
        account=account,
        region=region,
        id=str(repo_id) if repo_id not in (None, "") else f"personal/{region}/{name}",
        name=name,
        origin=origin("cr", "GetRepoList"),
        unknown=frozenset() if repo_type else frozenset({"public"}),
        native={**raw, "edition": "personal"},
        format="docker",
        public=repo_type == "PUBLIC" if repo_type else None,
    )
