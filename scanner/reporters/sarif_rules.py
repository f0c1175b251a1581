"""SARIF ``tool.driver.rules`` entries: one per policy that a run's results cite.

See :mod:`scanner.reporters.sarif` for the rules GitHub applies; this module
only turns a :class:`~scanner.findings.Rule` into its descriptor, with the
"learn more" link (``helpUri``) of the providers whose results cite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import msgspec

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
    links = sorted(set(rule.help_uris.items()))
    if len({uri for _, uri in links}) > 1:
        text.append("Learn more: " + "; ".join(f"{p} {uri}" for p, uri in links))
        markdown += ["", "**Learn more**", ""]
        markdown += [f"- {p}: <{uri}>" for p, uri in links]
    return {"text": "\n\n".join(text), "markdown": "\n".join(markdown)}


def for_providers(rule: Rule, providers: Iterable[str]) -> Rule:
    """``rule`` as the run whose results of it come from ``providers`` cites it.

    Runs are per provider/account, so a run's rule gets that provider's own "learn
    more" link as ``helpUri``. A run that mixes providers (Terraform, grouped
    accounts) gets the first provider's link (by name) as ``helpUri`` and every
    present provider's link in ``help``.
    """
    links = {p: uri for p in sorted(set(providers)) if (uri := rule.help_uri_for(p))}
    first = next(iter(links.values()), None)
    if first == rule.help_uri and not rule.help_uris:
        return rule
    return msgspec.structs.replace(rule, help_uri=first, help_uris=links)


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
    help_uri = rule.help_uri or next((uri for _, uri in sorted(rule.help_uris.items())), None)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[rule.severity]}
    descriptor["properties"] = {
        "tags": _tags(rule),
        "precision": "high",
        "security-severity": rule.severity.score,
    }
    if rule.parameters:
        descriptor["properties"]["parameters"] = dict(rule.parameters)
    return descriptor
