"""The Markdown summary, for ``$GITHUB_STEP_SUMMARY`` and merge-request comments.

Sections, each present only when it has something to say: the summary line;
active and waived counts by severity; counts by provider/account; the most
severe active findings (at most ``TOP``) with their ``file:line`` or resource;
what the baseline says (new, unchanged, absent); what was waived and why;
each ``--compliance`` framework (counts, failing and unevaluated sections);
what each waiver did (expired and stale ones first); collection errors; Terraform types that were not checked.

Every string that comes from a cloud account or Terraform code (names, ids,
messages, justifications, error text) is escaped so that it renders as plain
text: no links, images, HTML, mentions or broken tables. Lists are cut at
``TOP`` rows with a count of the rest, so the summary stays far below GitHub's
1 MiB step-summary limit whatever the scan size.
"""

from __future__ import annotations

from collections import Counter

from scanner.findings import ComplianceReport, Finding, ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.reporters.sarif import location_of
from scanner.reporters.table import summary_line
from scanner.reporters.text import markdown_text as md

TOP = 25


def _where(finding: Finding) -> str:
    ref = finding.resource
    if ref.file:
        file, line = location_of(ref)
        if not file.startswith("cloud/"):
            return md(f"{file}:{line}")
    return md(ref.address or ref.id)


def _more(lines: list[str], total: int) -> None:
    if total > TOP:
        lines.append(f"\n_and {total - TOP} more: see the full report._")


def _finding_rows(findings: list[Finding], with_reason: bool = False) -> list[str]:
    head = "| severity | policy | resource | where | " + ("justification |" if with_reason else "message |")
    rows = [head, "|---|---|---|---|---|"]
    for f in findings[:TOP]:
        last = (f.suppressed or "") if with_reason else f.message
        rows.append(
            f"| {f.severity.value} | {md(f.rule_id)} | {md(f.resource.name or f.resource.id, 80)} "
            f"| {_where(f)} | {md(last)} |"
        )
    return rows


def _compliance_rows(report: ComplianceReport) -> list[str]:
    """Counts per status, then every section that fails or could not be evaluated (they need action)."""
    counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in report.counts.items() if n)
    rows = [
        f"### Compliance: {md(report.title)} {md(report.version)}",
        "",
        f"{len(report.sections)} sections: {counts}.",
        "",
    ]
    shown = [s for s in report.sections if s.status in ("fail", "not_evaluated")]
    if shown:
        rows += ["| section | status | title | failing resources or reason |", "|---|---|---|---|"]
        for section in shown[:TOP]:
            detail = "; ".join(f"{policy}: {resource}" for policy, resource in section.failing[:5])
            if len(section.failing) > 5:
                detail += f"; and {len(section.failing) - 5} more"
            rows.append(
                f"| {md(section.id)} | {section.status.replace('_', ' ')} | {md(section.title, 120)} "
                f"| {md(detail or section.reason or '')} |"
            )
        _more(rows, len(shown))
    rows.append("")
    return rows


def _waiver_rows(result: ScanResult) -> list[str]:
    """What each waiver did; expired and stale ones first, since they need someone's attention."""
    order = {"expired": 0, "stale": 1, "applied": 2}
    outcomes = sorted(result.waivers, key=lambda w: order.get(w.status, 3))
    expired = sum(1 for w in outcomes if w.status == "expired")
    head = f"### Waivers ({len(outcomes)}{f', {expired} expired' if expired else ''})"
    rows = [head, "", "| outcome | waiver | justification |", "|---|---|---|"]
    for w in outcomes[:TOP]:
        said = {
            "applied": f"applied to {w.count} finding(s)",
            "expired": f"**expired** {w.expires}: {w.count} finding(s) active again",
            "stale": "matched nothing (stale)",
        }.get(w.status, md(w.status))
        rows.append(f"| {said} | {md(w.selector)} | {md(w.justification)} |")
    _more(rows, len(outcomes))
    rows.append("")
    return rows


def render_markdown(result: ScanResult) -> str:
    active = [f for f in result.findings if f.suppressed is None]
    waived = [f for f in result.findings if f.suppressed is not None]
    lines = ["## cloudscan", "", md(summary_line(result), 2000), ""]
    if result.findings:
        waived_by = Counter(f.severity.value for f in waived)
        counts = result.counts()
        lines += ["| severity | active | waived |", "|---|---:|---:|"]
        lines += [f"| {s.value} | {counts[s.value]} | {waived_by[s.value]} |" for s in Severity]
        lines.append("")
        accounts = Counter((f.resource.provider, f.resource.account) for f in active)
        if accounts:
            lines += ["| provider | account | active findings |", "|---|---|---:|"]
            lines += [f"| {md(p)} | {md(a)} | {n} |" for (p, a), n in sorted(accounts.items())]
            lines.append("")
    if active:
        lines += [f"### Top findings ({len(active)} active)", "", *_finding_rows(active)]
        _more(lines, len(active))
        lines.append("")
    if any(f.baseline for f in result.findings) or result.absent:
        states = Counter(f.baseline for f in result.findings)
        lines += [
            "### Against the baseline",
            "",
            f"{states['new']} new, {states['unchanged']} unchanged, "
            f"{len(result.absent)} absent (fixed or removed).",
            "",
        ]
        if result.absent:
            lines += _finding_rows([a.finding for a in result.absent])
            _more(lines, len(result.absent))
            lines.append("")
    if waived:
        lines += [f"### Waived ({len(waived)})", "", *_finding_rows(waived, with_reason=True)]
        _more(lines, len(waived))
        lines.append("")
    for report in result.compliance:
        lines += _compliance_rows(report)
    if result.waivers:
        lines += _waiver_rows(result)
    if result.errors:
        lines += [f"### Collection errors ({len(result.errors)}): results are partial", ""]
        for error in result.errors[:TOP]:
            code = f"{error.code}: " if error.code else ""
            lines.append(f"- {md(error.source)} {md(error.where())}: {md(code + error.message)}")
        _more(lines, len(result.errors))
        lines.append("")
    if result.unsupported:
        listed = ", ".join(f"{md(kind)} ({n})" for kind, n in sorted(result.unsupported.items()))
        lines += ["### Not checked", "", f"Terraform resource types not translated: {listed}", ""]
    return "\n".join(lines)


class MarkdownReporter:
    name = "markdown"
    extensions = (".md",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        return render_markdown(result).encode()
