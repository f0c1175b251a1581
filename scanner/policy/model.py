"""A loaded, compiled policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scanner.findings import Rule, Severity
from scanner.policy.compiler import Test


@dataclass(frozen=True)
class Policy:
    """One policy: metadata for reports, the compiled condition, and its test cases.

    ``condition`` returns ``True`` when a resource violates the policy.
    ``help_uri`` is a link for every provider, ``help_uris`` one per provider (the
    policy file's ``help_uri`` is a string or a provider -> link mapping).
    ``tests`` keeps the raw ``pass``/``fail`` cases for ``cloudscan policy test``.
    ``parameters`` are the values this load ran with (defaults or ``--param``), already
    substituted into the condition and texts; ``parameter_specs`` their declarations.
    """

    id: str
    title: str
    severity: Severity
    kind: str
    description: str
    remediation: str
    condition: Test
    render_message: Callable[[Any], str]
    source: str
    providers: frozenset[str] | None = None
    frameworks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    help_uri: str | None = None
    help_uris: dict[str, str] = field(default_factory=dict)
    tests: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    parameter_specs: dict[str, dict[str, Any]] = field(default_factory=dict)
    line_of_test: Callable[[tuple[str | int, ...]], int | None] = lambda _path: None

    def rule(self) -> Rule:
        return Rule(
            id=self.id,
            title=self.title,
            severity=self.severity,
            kind=self.kind,
            description=self.description,
            remediation=self.remediation,
            frameworks=self.frameworks,
            tags=self.tags,
            help_uri=self.help_uri,
            help_uris=self.help_uris,
            parameters=self.parameters,
            source=self.source,
        )
