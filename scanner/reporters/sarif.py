"""The SARIF 2.1.0 report, shaped for GitHub code scanning.

GitHub rejects a whole upload for one bad result, so every choice below follows
GitHub's documented processing rules ("SARIF support for code scanning" and
"SARIF results exceed limit" in docs.github.com) as well as the OASIS schema.

Runs and categories
    Terraform findings (``ResourceRef.origin_source == "terraform"``) go to ONE
    run, category ``cloudscan/terraform/``: code scanning keys alerts by tool and
    category, and one scan analyses one repository, whatever number of root
    modules, projects or accounts it declares. Each result names its provider,
    account, region and root module in ``properties`` (and the Terraform address
    in its logical location), so nothing is lost by sharing the category.
    Accounts taken for Terraform's (``terraform:<root>``, an account only
    Terraform findings name, every account of a scan whose findings all come from
    Terraform) get no live run: an empty one would close that account's live
    alerts. (The inventory's account list does not say where an account came
    from; a mixed live + Terraform scan with no finding at all keeps every
    account's run.)

    Every other finding goes to one run per provider/account, sorted by provider then account, each
    with ``automationDetails.id = "cloudscan/<provider>/<account>/"``: the
    code-scanning category is everything before the last ``/``. Accounts come from
    the inventory and the findings, so an account with no findings still gets an
    empty run and GitHub closes its fixed alerts. An account seen only in
    collection errors (nothing of it could be read) gets its run under
    ``cloudscan/<provider>/<account>/collection-errors/`` instead: an empty run in
    the account's own category would close all its open alerts although nothing
    was checked. With no account at all, one run with category ``cloudscan``
    carries the errors. ``upload-sarif``'s ``category:`` input does not override
    these ids (it fills only runs that have none). GitHub accepts at most 20 runs
    per file: when the live accounts need more, they are grouped instead, never
    refused: each account goes to group ``sha256([provider, account]) mod N``
    (``N`` = the runs left, at most 20), category ``cloudscan/group-<i>-of-<N>/``,
    so an account stays in its group from scan to scan while the number of runs
    left is the same. Results keep their account in ``properties``.

    Two accounts never share a category: each segment keeps ``A-Z a-z 0-9 - . ~``,
    writes ``/`` as ``_``, ``_`` as ``%5F`` and every other UTF-8 byte
    percent-encoded (``a/b`` -> ``a_b``, ``a_b`` -> ``a%5Fb``, ``a%b`` ->
    ``a%25b``), and a segment that is empty or only dots becomes one ``%2E`` per
    dot plus one. Accounts of live clouds (digits, or GCP's ``a-z 0-9 -``) are
    written as they are.

Rules
    ``tool.driver.rules`` lists only the rules that have at least one result in
    that run (GitHub needs only the referenced ones, and this keeps a 20-run file
    small); ``ruleIndex`` points into that list. ``security-severity`` is
    :attr:`Severity.score`; ``precision`` is ``high`` because a result is only
    emitted when a policy's condition is definitely true on collected values (an
    unknown value never fails a policy), so false positives come from intent (a
    bucket meant to be public), not from guessing.

Locations (the rule the README quotes)
    * A finding whose resource came from Terraform (``ResourceRef.file``) points
      at that file and ``line`` (1 when unknown), as a relative URI with ``/``
      separators and percent-encoded unsafe characters. An absolute path or one
      that climbs out of the working directory (``..``) cannot be a repository
      path and falls back to the cloud path below.
    * Every other finding points at the synthetic, stable path
      ``cloud/<provider>/<account>/<region>/<kind>/<name>-<hash>`` with
      ``startLine`` 1, where ``<hash>`` is the first 10 hex digits of the SHA-256
      of the resource id (names are not unique; the id is) and each segment keeps
      ``A-Z a-z 0-9 - . _ ~`` and percent-encodes every other UTF-8 byte (``/``
      and ``\\`` become ``_`` first). The name part is cut to 64 characters.
      Renaming a resource therefore moves its alert, like renaming a file.
    * The same location's ``logicalLocations[0]`` has ``kind: resource``, the
      resource name, and ``fullyQualifiedName`` = the Terraform address when there
      is one, else the cloud resource id.

Fingerprints
    ``partialFingerprints["cloudscanResourceFingerprint/v1"]`` is the SHA-256 of
    the JSON array ``[rule_id, provider, account, resource_id]``;
    ``primaryLocationLineHash`` (the only key GitHub uses) is its first 16 hex
    digits plus ``:1``. The alert therefore stays the same alert while the
    resource keeps failing the rule, whatever else changes. For Terraform
    locations ``upload-sarif`` computes its own line hash, logs that ours differs
    and keeps ours.

Limits
    At most ``max_results`` (25,000) results per run, most severe first and
    suppressed findings last; at most ``max_gzip_bytes`` (10,000,000, under
    GitHub's 10 MB) gzip-compressed, dropping the least severe results of the
    whole file until it fits. What stays is chosen before the document is built,
    so each kept result is built once and a cut one never is (see
    :mod:`scanner.reporters.sarif_limits`). Whatever is cut is counted per
    severity in a ``warning`` tool execution notification and in
    ``run.properties.omittedResults``. An omitted result's alert closes until it
    fits again.

Errors and suppressions
    A :class:`ScanError` goes to its account's run; one with a provider but no
    account goes to every run of that provider (every run if there is none);
    one without a provider goes to every run. They are ``error`` notifications in
    ``invocations[0].toolExecutionNotifications`` and make
    ``executionSuccessful`` false. A suppressed finding keeps its result and
    carries ``suppressions: [{"kind": "external", "justification": ...}]``
    (``--sarif-suppressed include``, the default); ``omit`` leaves it out of
    the file, so GitHub closes its alert instead of showing a dismissed one.

Baselines
    With ``--baseline``, each result carries ``baselineState`` (``new`` or
    ``unchanged``), and each baseline finding this scan no longer raises is added
    to its account's run as a result with ``baselineState: absent`` and the
    baseline's own fingerprint. GitHub does not read ``baselineState``: upload a
    scan made without ``--baseline``, or absent results would show as open alerts.

Output is deterministic UTF-8 JSON: indented when under 1 MB, compact above. A
lone surrogate in a value (an HCL ``"\\uD800"``) is written as its JSON escape
and percent-encoded from its surrogate-pass bytes in paths and hashed the same way
(see :mod:`scanner.reporters.jsontext`), so one odd name never loses the report.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterator

from scanner.findings import Finding, ScanResult
from scanner.reporters.base import ReportOptions
from scanner.reporters.sarif_limits import (
    MAX_GZIP_BYTES,
    MAX_RESULTS_PER_RUN,
    Priority,
    gzip_size,
    likely_fits,
    priority,
    take_within,
)
from scanner.reporters.sarif_results import (
    FINGERPRINT_KEY,
    cloud_uri,
    file_uri,
    fingerprint,
    location_of,
    result_object,
)
from scanner.reporters.sarif_rules import LEVELS, rule_descriptor, rule_name
from scanner.reporters.sarif_runs import MAX_RUNS, RunPlan, category_segment, plan_runs
from scanner.reporters.sarif_writer import TOOL_NAME, Writer, finish, result_bytes

__all__ = [
    "FINGERPRINT_KEY",
    "LEVELS",
    "MAX_GZIP_BYTES",
    "MAX_RESULTS_PER_RUN",
    "TOOL_NAME",
    "SarifLimitError",
    "SarifReporter",
    "category_segment",
    "cloud_uri",
    "file_uri",
    "fingerprint",
    "gzip_size",
    "location_of",
    "plan_runs",
    "result_object",
    "rule_descriptor",
    "rule_name",
]


class SarifLimitError(ValueError):
    """The scan cannot fit one SARIF file that GitHub accepts (kept for callers; no input raises it now)."""


def _packed(data: bytes, limit: int) -> int:
    """:func:`gzip_size` of the JSON of :meth:`Writer.compact` (its final newline left out)."""
    return gzip_size(memoryview(data)[:-1], limit)


def _ranked(run: int, plan: RunPlan) -> Iterator[tuple[Priority, int, Finding]]:
    return ((priority(f), run, f) for f in plan.findings)


def _omitted_active(result: ScanResult, plans: list[RunPlan]) -> Counter[str]:
    """Per severity, the active findings of the scan that the file does not hold."""
    kept = Counter(f.severity.value for plan in plans for f in plan.findings if f.suppressed is None)
    return Counter({sev: n - kept[sev] for sev, n in result.counts().items() if n > kept[sev]})


class SarifReporter:
    """Renders a scan as one SARIF 2.1.0 file that GitHub code scanning accepts.

    The limits are parameters so tests can exercise truncation quickly; the
    defaults are GitHub's.
    """

    name = "sarif"
    extensions = (".sarif",)

    def __init__(
        self,
        *,
        max_runs: int = MAX_RUNS,
        max_results: int = MAX_RESULTS_PER_RUN,
        max_gzip_bytes: int = MAX_GZIP_BYTES,
    ) -> None:
        self.max_runs = max_runs
        self.max_results = max_results
        self.max_gzip_bytes = max_gzip_bytes

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        return self.render_counted(result, options)[0]

    def render_counted(self, result: ScanResult, options: ReportOptions) -> tuple[bytes, Counter[str]]:
        """The SARIF bytes and, per severity, how many active findings the file left out."""
        plans = plan_runs(result, options.sarif_suppressed != "omit", self.max_runs)
        writer = Writer(result, options, (self.max_results, self.max_gzip_bytes))
        for plan in plans:
            for finding in plan.findings[self.max_results :]:
                plan.omitted_by_count[finding.severity.value] += 1
            del plan.findings[self.max_results :]
        self._choose(plans, writer)
        limit = self.max_gzip_bytes
        data = writer.compact(plans)
        size = _packed(data, limit)
        while size > limit:
            kept = sum(len(p.findings) for p in plans)
            if kept == 0:
                if not self._drop_errors(plans):
                    break  # nothing left to cut: the smallest file this scan can give
            else:
                # Rare: the estimate was short. Shrink in proportion to the overshoot, by one at least.
                self._drop_least_severe(plans, max(min(kept - 1, int(kept * limit / size * 0.95)), 0))
            data = writer.compact(plans)
            size = _packed(data, limit)
        return finish(data), _omitted_active(result, plans)

    def _choose(self, plans: list[RunPlan], writer: Writer) -> None:
        """Keep the most important results that fit the compressed limit, encoding only those.

        When a sample says the whole file will fit well within the limit, every
        result is encoded without the running compression: the exact check of the
        finished file (and, rarely, its proportional cut) is then the only one.
        """
        frame = writer.frame_only(plans)
        grouped = {member for plan in plans for member in plan.members}

        def encode(finding: Finding) -> bytes:
            ref = finding.resource
            return result_bytes(finding, where=(ref.provider, ref.account) in grouped)

        if likely_fits(frame, [plan.findings for plan in plans], encode, self.max_gzip_bytes):
            for plan in plans:
                plan.encoded = [encode(f) for f in plan.findings]
            return
        ranked = heapq.merge(*(_ranked(i, plan) for i, plan in enumerate(plans)), key=lambda item: item[0])
        chosen: list[list[Finding]] = [[] for _ in plans]
        pairs = ((i, f) for _, i, f in ranked)
        for i, finding, piece in take_within(pairs, encode, frame, self.max_gzip_bytes):
            chosen[i].append(finding)
            plans[i].encoded.append(piece)
        for plan, kept in zip(plans, chosen, strict=True):
            for finding in plan.findings[len(kept) :]:
                plan.omitted_by_size[finding.severity.value] += 1
            plan.findings = kept

    @staticmethod
    def _drop_errors(plans: list[RunPlan]) -> bool:
        """Halve each run's error notifications (a warning counts the rest); false when none are left."""
        cut = False
        for plan in plans:
            keep = len(plan.errors) // 2
            if plan.errors:
                plan.omitted_errors += len(plan.errors) - keep
                del plan.errors[keep:]
                cut = True
        return cut

    @staticmethod
    def _drop_least_severe(plans: list[RunPlan], keep: int) -> None:
        """Keep the ``keep`` most important results of the whole file, counting what goes."""
        ranked = sorted(
            (priority(f), i, j) for i, plan in enumerate(plans) for j, f in enumerate(plan.findings)
        )
        survivors: set[tuple[int, int]] = {(i, j) for _, i, j in ranked[:keep]}
        for i, plan in enumerate(plans):
            kept: list[Finding] = []
            encoded: list[bytes] = []
            for j, finding in enumerate(plan.findings):
                if (i, j) in survivors:
                    kept.append(finding)
                    encoded.append(plan.encoded[j])
                else:
                    plan.omitted_by_size[finding.severity.value] += 1
            plan.findings, plan.encoded = kept, encoded
