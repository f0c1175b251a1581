"""Container Registry Enterprise Edition: instances, endpoints with ACLs, namespaces, repositories,
scan rules and delivery chains.

ListInstance, ListNamespace and ListRepository page with ``PageNo``/``PageSize`` and
``TotalCount``; ListInstanceEndpoint returns every endpoint with its ACL entries
at once (unless ``Summary`` is set).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alibabacloud_cr20181201 import models as m

from scanner.providers.alibaba.services.base import PAGE_SIZE, dig, single


def _page_no(
    method: Callable[[Any], Any], request_cls: Callable[..., Any], key: str, **params: Any
) -> list[dict[str, Any]]:
    """``PageNo`` paging that trusts ``TotalCount`` alone: a missing total means one page."""
    items: list[dict[str, Any]] = []
    page = 1
    while True:
        body = single(method, request_cls(**params, page_no=page, page_size=PAGE_SIZE))
        batch = dig(body, key)
        items.extend(batch)
        total = int(body.get("TotalCount") or 0)
        if not batch or len(items) >= total:
            return items
        page += 1


def list_instances(client: Any) -> list[dict[str, Any]]:
    return _page_no(client.list_instance, m.ListInstanceRequest, "Instances")


def list_endpoints(client: Any, instance_id: str) -> list[dict[str, Any]]:
    body = single(client.list_instance_endpoint, m.ListInstanceEndpointRequest(instance_id=instance_id))
    return dig(body, "Endpoints")


def list_namespaces(client: Any, instance_id: str) -> list[dict[str, Any]]:
    return _page_no(client.list_namespace, m.ListNamespaceRequest, "Namespaces", instance_id=instance_id)


def list_repositories(client: Any, instance_id: str) -> list[dict[str, Any]]:
    return _page_no(client.list_repository, m.ListRepositoryRequest, "Repositories", instance_id=instance_id)


def list_scan_rules(client: Any, instance_id: str) -> list[dict[str, Any]]:
    """Vulnerability scan rules (``ScanType`` ``VUL``) with ``TriggerType`` ``AUTO``/``MANUAL`` and scope."""
    return _page_no(
        client.list_scan_rule, m.ListScanRuleRequest, "ScanRules", instance_id=instance_id, scan_type="VUL"
    )


def list_chains(client: Any, instance_id: str) -> list[dict[str, Any]]:
    """The instance's delivery chains (``ChainId``, ``Name``, ``ScopeType``, ``ScopeId``)."""
    return _page_no(client.list_chain, m.ListChainRequest, "Chains", instance_id=instance_id)


def get_chain(client: Any, instance_id: str, chain_id: str) -> dict[str, Any]:
    """One chain with ``ChainConfig.Nodes[]`` (``NodeName``, ``Enable``, ``NodeConfig.DenyPolicy``)."""
    return single(client.get_chain, m.GetChainRequest(instance_id=instance_id, chain_id=chain_id))
