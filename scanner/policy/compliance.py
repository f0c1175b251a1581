"""The compliance view of a scan: each section of a benchmark with what this scan says about it.

Only the resources of the framework's cloud count (``cis-gcp-3.0``: Google Cloud).
The sections come from ``frameworks.yaml`` (every section of the benchmark, not only
the mapped ones), so a report shows what is covered and what is not instead of a
reassuring list of passes. A section's status, most decisive first:

* ``fail``: a policy mapped to it raised an active finding (waived findings do not fail it);
* ``not_evaluated``: mapped, but a policy was not run (``--check``), saw no resource of
  its kind, or left a verdict unknown, so nothing can be claimed;
* ``pass``: mapped, and its policies judged at least one resource in all, with no
  failure and no unknown verdict;
* ``manual``: no policy maps it and the benchmark marks it manual;
* ``not_covered``: no policy maps it although the benchmark marks it automated.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from scanner.findings import ComplianceReport, ResourceRef, ScanResult, SectionResult
from scanner.policy.frameworks import Framework

STATUSES = ("pass", "fail", "not_evaluated", "manual", "not_covered")


def section_policies(
    framework: str, mappings: Iterable[tuple[str, Mapping[str, Sequence[str]]]]
) -> dict[str, list[str]]:
    """Section id -> the ids of the policies that cite it, from (policy id, frameworks) pairs."""
    out: dict[str, list[str]] = {}
    for policy_id, frameworks in mappings:
        for section in frameworks.get(framework, ()):
            out.setdefault(section, []).append(policy_id)
    return {section: sorted(ids) for section, ids in out.items()}


def _judge(
    policies: list[str], result: ScanResult, provider: str | None
) -> tuple[str, tuple[tuple[str, str], ...], str | None]:
    def ours(ref: ResourceRef) -> bool:
        return provider is None or ref.provider == provider

    findings = [f for f in result.findings if f.rule_id in policies and ours(f.resource)]
    failing = tuple(sorted({(f.rule_id, f.resource.id) for f in findings if f.suppressed is None}))
    if failing:
        return "fail", failing, None
    not_run = [p for p in policies if p not in result.rules]
    if not_run:
        return "not_evaluated", (), f"not run: {', '.join(not_run)}"
    passed = result.passed or {}
    undecided = result.undecided or {}
    unknown = [p for p in policies if any(ours(ref) for ref in undecided.get(p, ()))]
    if unknown:
        return "not_evaluated", (), f"verdict unknown: {', '.join(unknown)}"
    judged = findings or any(ours(ref) for p in policies for ref in passed.get(p, ()))  # waived ones too
    if not judged:
        where = f" {provider}" if provider else ""
        return "not_evaluated", (), f"no{where} resource of its kind was seen"
    return "pass", (), None


def compliance_report(
    framework: Framework, mapped: Mapping[str, list[str]], result: ScanResult
) -> ComplianceReport:
    """Every section of ``framework`` judged from ``result`` (which must have recorded its checks)."""
    sections = []
    for section in framework.sections:
        policies = mapped.get(section.id, [])
        if not policies:
            status = "manual" if section.assessment == "manual" else "not_covered"
            sections.append(
                SectionResult(
                    id=section.id, title=section.title, assessment=section.assessment, status=status
                )
            )
            continue
        status, failing, reason = _judge(policies, result, framework.provider)
        sections.append(
            SectionResult(
                id=section.id,
                title=section.title,
                assessment=section.assessment,
                status=status,
                policies=tuple(policies),
                failing=failing,
                reason=reason,
            )
        )
    counts = Counter(s.status for s in sections)
    return ComplianceReport(
        framework=framework.key,
        title=framework.title,
        version=framework.version,
        sections=tuple(sections),
        counts={status: counts[status] for status in STATUSES},
    )
