"""Does a Container Registry delivery chain stop on a high-severity vulnerability? (live and Terraform)

The rule, on a chain in GetChain's shape (``ChainConfig.Nodes[]`` with ``NodeName``, ``Enable``,
``NodeConfig.DenyPolicy``; Terraform's ``alicloud_cr_chain`` blocks are put in that shape first):

* the ``VULNERABILITY_SCANNING`` node is enabled; a chain without one, or with it off, does not block;
* its ``DenyPolicy`` ``Action`` is ``BLOCK`` ("block the delivery chain from continuing to
  execute"); ``BLOCK_RETAG`` and ``BLOCK_DELETE_TAG`` only protect tags, the image is still delivered;
* its ``IssueLevel`` is ``HIGH``, ``MEDIUM`` or ``LOW``: the level "of scanning vulnerability that
  triggers blocking", so a lower level catches high-severity issues too; ``UNKNOWN`` does not;
* its ``IssueCount`` is unset, 0 or 1: the first high-severity issue stops the chain.

Valid values from the alicloud provider's ``alicloud_cr_chain`` documentation and the CR API's
GetChain reference. A value that is not known (a Terraform expression) makes the answer ``None``.
"""

from __future__ import annotations

from typing import Any

_LEVELS = frozenset({"HIGH", "MEDIUM", "LOW"})
_SCAN_NODE = "VULNERABILITY_SCANNING"


def blocks_high(chain: Any) -> bool | None:
    """The rule above; ``None`` when the chain was not read or a deciding value is unknown."""
    if not isinstance(chain, dict):
        return None
    for node in (chain.get("ChainConfig") or {}).get("Nodes") or []:
        if node.get("NodeName") != _SCAN_NODE:
            continue
        enabled = node.get("Enable")
        if enabled is None:
            return None
        if str(enabled).lower() not in ("true", "1"):
            return False
        deny = (node.get("NodeConfig") or {}).get("DenyPolicy") or {}
        action, level, count = (deny.get(k) for k in ("Action", "IssueLevel", "IssueCount"))
        if any(v is not None and not isinstance(v, str | int) for v in (action, level, count)):
            return None
        count_text = "" if count is None else str(count).strip()
        first_issue = count_text == "" or (count_text.isdigit() and int(count_text) <= 1)
        return str(action or "").upper() == "BLOCK" and str(level or "").upper() in _LEVELS and first_issue
    return False


def summarise(listed: list[dict[str, Any]], details: dict[str, Any]) -> dict[str, Any]:
    """``native`` entries for a registry: each chain with its verdict, and the names that do not block."""
    chains = [
        {
            **{k: c.get(k) for k in ("ChainId", "Name", "ScopeType", "ScopeId")},
            "blocks_high_vulnerabilities": blocks_high(details.get(str(c.get("ChainId")))),
        }
        for c in listed
    ]
    return {
        "delivery_chains": chains,
        "chains_not_blocking_high": [
            str(c["Name"] or c["ChainId"]) for c in chains if c["blocks_high_vulnerabilities"] is False
        ],
    }
