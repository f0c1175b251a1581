"""SARIF ``tool.driver.rules`` entries: one per policy that a run's results cite.

See :mod:`scanner.reporters.sarif` for the rules GitHub applies; this module
only turns a :class:`~scanner.findings.Rule` into its descriptor.
"""

from __future__ import annotations

import re
from typing import Any

from scanner.findings import Finding, Rule, Severity

MAX_TAGS = 20
MAX_DESCRIPTION = 1024
MAX_NAME = 255

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
_WORDS = re.compile(r"[A-Za-z0-9]+")


def rule_name(rule_id: str) -> str:
    """CamelCase form of a policy id: ``firewall.ssh-open`` -> ``FirewallSshOpen``."""
    words = _WORDS.findall(rule_id)
    return ("".join(w[:1].upper() + w[1:] for w in words) or "Rule")[:MAX_NAME]


def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _tags(rule: Rule) -> list[str]:
    tags = ["security", rule.kind, *rule.tags]
    for framework, controls in sorted(rule.frameworks.items()):
        tags.extend(f"{framework}/{control}" for control in controls)
    return list(dict.fromkeys(t for t in tags if t))[:MAX_TAGS]


def _help(rule: Rule) -> dict[str, str]:
    remediation = " ".join(rule.remediation.split()) or rule.title
    text = [f"Remediation: {remediation}"]
    markdown = ["**Remediation**", "", remediation]
    if rule.frameworks:
        text.append(
            "Frameworks: " + "; ".join(f"{k} {', '.join(v)}" for k, v in sorted(rule.frameworks.items()))
        )
        markdown += ["", "**Frameworks**", ""]
        markdown += [f"- {k}: {', '.join(v)}" for k, v in sorted(rule.frameworks.items())]
    return {"text": "\n\n".join(text), "markdown": "\n".join(markdown)}


def fallback_rule(finding: Finding) -> Rule:
    """A rule descriptor for a finding whose policy metadata is missing (GitHub needs one)."""
    return Rule(
        id=finding.rule_id,
        title=finding.rule_id,
        severity=finding.severity,
        kind=finding.resource.kind,
        description=f"cloudscan policy {finding.rule_id}",
        remediation=f"See the policy {finding.rule_id}.",
    )


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": _clip(rule.title) or rule.id},
        "fullDescription": {"text": _clip(rule.description) or _clip(rule.title) or rule.id},
        "help": _help(rule),
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {
        "tags": _tags(rule),
        "precision": "high",
        "security-severity": rule.severity.score,
    }
    return descriptor
