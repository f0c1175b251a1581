"""What evaluation produces and every reporter reads: findings, rules, and the summary.

Reporters depend on this module only, never on the engine or the policy loader,
so a new output format needs nothing but these plain records.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import msgspec


class Severity(StrEnum):
    """Severities, most severe first; ``score`` is GitHub's numeric ``security-severity``."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def score(self) -> str:
        return _SCORE[self]

    def at_least(self, threshold: Severity) -> bool:
        return self.rank <= threshold.rank


_RANK = {sev: i for i, sev in enumerate(Severity)}
# GitHub maps security-severity > 9.0 to critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
_SCORE = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "0.0",
}


class Rule(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """The reporter's view of a policy: its metadata, without the condition.

    ``help_uri`` is one "learn more" link for every provider; ``help_uris`` gives a
    provider its own page (a multi-cloud policy points each cloud's findings at that
    cloud's documentation of the setting). ``parameters``: the values the policy ran with.
    """

    id: str
    title: str
    severity: Severity
    kind: str
    description: str
    remediation: str
    frameworks: dict[str, tuple[str, ...]] = {}
    tags: tuple[str, ...] = ()
    help_uri: str | None = None
    help_uris: dict[str, str] = {}
    parameters: dict[str, Any] = {}
    source: str | None = None

    def help_uri_for(self, provider: str | None) -> str | None:
        """The "learn more" link for ``provider``'s resources: its own page, else the shared one."""
        return self.help_uris.get(provider or "") or self.help_uri


class ResourceRef(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """Enough of a resource to locate and name it in any report.

    Findings and their references hold only text, numbers and a severity (no
    cycles), so the cyclic collector never tracks them (``gc=False``): a large scan
    makes hundreds of thousands, and every collection would walk them all again.
    """

    provider: str
    account: str
    region: str
    kind: str
    id: str
    name: str
    origin_source: str
    origin_call: str | None = None
    file: str | None = None
    line: int | None = None
    address: str | None = None


class Finding(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, gc=False):
    """One policy violated by one resource."""

    rule_id: str
    severity: Severity
    message: str
    resource: ResourceRef
    suppressed: str | None = None
    suppressed_in_source: bool = False
    """Waived by a ``cloudscan:ignore`` comment in the code (SARIF suppression kind ``inSource``)."""
    baseline: str | None = None
    """With ``--baseline``: ``new`` or ``unchanged`` (SARIF ``baselineState``); ``None`` without one."""


class Absent(msgspec.Struct, frozen=True, kw_only=True):
    """A finding of the baseline that this scan no longer raises (the resource was fixed or removed).

    ``fingerprint`` is the baseline's own, so the absent result keeps its identity
    even when the baseline (a SARIF file) did not record every resource field.
    """

    finding: Finding
    fingerprint: str


NOT_IN_USE = "SERVICE_NOT_IN_USE"
"""The code of a "service not in use" note: its API is disabled, so nothing of it exists to judge.
Recorded so the reader sees what was not looked at, but it does not make a scan partial."""


class ScanError(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Something that kept part of the scan from running: a denied API call, a bad file.

    A ``NOT_IN_USE`` code is the exception: a note, not a gap (:attr:`partial`).
    """

    source: str
    message: str
    provider: str | None = None
    account: str | None = None
    region: str | None = None
    service: str | None = None
    operation: str | None = None
    code: str | None = None

    @property
    def partial(self) -> bool:
        """Whether this error leaves the scan partial (anything but a service not in use)."""
        return self.code != NOT_IN_USE

    def where(self) -> str:
        """``provider / account / region / service / operation``, the parts that are known."""
        parts = (self.provider, self.account, self.region, self.service, self.operation)
        return " / ".join(part for part in parts if part)


class WaiverOutcome(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What one waiver did in a scan, so no waiver fails quietly.

    ``status`` is ``applied`` (it waived ``count`` findings), ``expired`` (past
    ``expires``: the ``count`` findings it matches are active again) or ``stale``
    (it matched nothing). ``selector`` reads like ``policy=x resource=y``.
    """

    status: str
    selector: str
    justification: str
    count: int = 0
    expires: str | None = None
    file: str | None = None
    line: int | None = None


class SectionResult(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One section of a compliance framework in this scan (``scan --compliance``).

    ``status``: ``pass`` (its policies checked resources and none failed), ``fail``
    (``failing`` lists ``policy id -> resource id`` pairs), ``not_evaluated`` (a policy
    maps it but saw no resource of its kind, was not run, or its verdict was
    unknown), ``not_covered`` (an automated section no policy maps) or ``manual``
    (the benchmark expects a person to judge it, and no policy maps it).
    """

    id: str
    title: str
    assessment: str
    status: str
    policies: tuple[str, ...] = ()
    failing: tuple[tuple[str, str], ...] = ()
    reason: str | None = None


class ComplianceReport(msgspec.Struct, frozen=True, kw_only=True):
    """A framework's sections, in the benchmark's order, with the count of each status."""

    framework: str
    title: str
    version: str
    sections: tuple[SectionResult, ...]
    counts: dict[str, int]


class ScanResult(msgspec.Struct, kw_only=True):
    """Everything a reporter may show: findings, the rules they cite, and what went wrong."""

    findings: list[Finding]
    rules: dict[str, Rule]
    errors: list[ScanError] = []
    resources_scanned: int = 0
    unknown: int = 0
    accounts: list[tuple[str, str]] = []
    unsupported: dict[str, int] = {}
    """Terraform resource types no translator handles -> how many were skipped (never silent)."""
    absent: list[Absent] = []
    """With ``--baseline``: the baseline's findings this scan no longer raises."""
    passed: dict[str, list[ResourceRef]] | None = None
    """Policy id -> resources checked that passed, when the caller asked the engine to record them."""
    undecided: dict[str, list[ResourceRef]] | None = None
    """Policy id -> resources whose verdict was unknown, recorded together with ``passed``."""
    waivers: list[WaiverOutcome] = []
    """With ``--waivers``: what each waiver did (applied, expired, stale)."""
    compliance: list[ComplianceReport] = []
    """With ``--compliance``: each framework's per-section view."""

    def counts(self) -> dict[str, int]:
        """Active (not suppressed) findings per severity, every severity present."""
        out = {sev.value: 0 for sev in Severity}
        for finding in self.findings:
            if finding.suppressed is None:
                out[finding.severity.value] += 1
        return out

    def fails(self, threshold: Severity | None, *, new_only: bool = False) -> bool:
        """An active finding at or above ``threshold`` (only those a baseline marks new, if asked)."""
        if threshold is None:
            return False
        return any(
            f.suppressed is None and f.severity.at_least(threshold) and (not new_only or f.baseline == "new")
            for f in self.findings
        )
