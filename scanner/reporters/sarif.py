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

import hashlib
import heapq
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from scanner import INFORMATION_URI
from scanner.findings import Absent, Finding, Rule, ScanError, ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.reporters.jsontext import encode_json, utf8
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
    UNRESERVED,
    absent_object,
    cloud_uri,
    file_uri,
    fingerprint,
    location_of,
    notification,
    result_object,
    where_of,
)
from scanner.reporters.sarif_rules import LEVELS, fallback_rule, for_providers, rule_descriptor, rule_name

__all__ = [
    "FINGERPRINT_KEY",
    "LEVELS",
    "MAX_GZIP_BYTES",
    "MAX_RESULTS_PER_RUN",
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

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "cloudscan"
CATEGORY_PREFIX = "cloudscan"
MAX_RUNS = 20
INDENT_BELOW = 1_000_000


class SarifLimitError(ValueError):
    """The scan cannot fit one SARIF file that GitHub accepts (kept for callers; no input raises it now)."""


Account = tuple[str, str]
TERRAFORM_CATEGORY = f"{CATEGORY_PREFIX}/terraform/"
TERRAFORM_ACCOUNT_PREFIX = "terraform:"
"""``account`` of a Terraform record whose cloud account is not known (``model.root_account``)."""


@dataclass
class _RunPlan:
    """What one run will hold before it is turned into SARIF.

    ``category`` is set for the runs that are not one live account (the
    Terraform run, a group of accounts); ``key`` is then ``None``.
    """

    key: Account | None
    errors_only: bool = False
    category: str | None = None
    members: set[Account] = field(default_factory=set)
    omitted_errors: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    omitted_by_count: Counter[str] = field(default_factory=Counter)
    omitted_by_size: Counter[str] = field(default_factory=Counter)
    encoded: list[bytes] = field(default_factory=list)
    """Each kept finding's result without its leading ``ruleId``/``ruleIndex`` (see ``_result_bytes``)."""


def _omitted_notification(reason: str, counts: Counter[str], total: int) -> dict[str, Any]:
    n = sum(counts.values())
    parts = ", ".join(f"{counts[s.value]} {s.value}" for s in Severity if counts[s.value])
    text = f"{n} of {total} results left out ({parts}), least severe first: {reason}."
    return {"level": "warning", "message": {"text": text}}


def category_segment(text: str) -> str:
    """One segment of a category, escaped injectively (see "Runs and categories" above).

    Percent-encoding alone is injective (``%`` itself becomes ``%25``); on top of
    it ``_`` becomes ``%5F`` so that ``_`` can stand for ``/``, which keeps the
    categories of Terraform roots (``terraform:infra/prod`` ->
    ``terraform%3Ainfra_prod``) what they were. Whole segments of only dots or
    nothing, which a reader could take for path steps, get one more dot and every
    dot as ``%2E``; percent-encoding never writes ``%2E`` itself.
    """
    encoded = quote(utf8(text), safe=UNRESERVED).replace("_", "%5F").replace("%2F", "_")
    return "%2E" * (len(encoded) + 1) if encoded.strip(".") == "" else encoded


def _category(plan: _RunPlan) -> str:
    if plan.category is not None:
        return plan.category
    if plan.key is None:
        return f"{CATEGORY_PREFIX}/"
    provider, account = plan.key
    suffix = "collection-errors/" if plan.errors_only else ""
    return f"{CATEGORY_PREFIX}/{category_segment(provider)}/{category_segment(account)}/{suffix}"


def _is_terraform(finding: Finding) -> bool:
    return finding.resource.origin_source == "terraform"


def plan_runs(
    result: ScanResult, include_suppressed: bool = True, max_runs: int | None = None
) -> list[_RunPlan]:
    """Group findings and errors into runs in a stable order (see "Runs and categories").

    Terraform findings share one run; live accounts get one run each, or, when
    they would need more than ``max_runs`` runs, one per hash group.
    """
    findings = [f for f in result.findings if include_suppressed or f.suppressed is None]
    code = [f for f in findings if _is_terraform(f)]
    live = [f for f in findings if not _is_terraform(f)]
    # An account that only Terraform findings name, or any account of a scan whose findings
    # all come from Terraform, is taken for a declared one: its empty run would close live alerts.
    declared = {(f.resource.provider, f.resource.account) for f in code}
    keys: set[Account] = {
        a
        for a in result.accounts
        if not a[1].startswith(TERRAFORM_ACCOUNT_PREFIX) and (live or not code) and a not in declared
    }
    keys.update((f.resource.provider, f.resource.account) for f in live)
    keys.update((a.finding.resource.provider, a.finding.resource.account) for a in result.absent)
    error_keys = {(e.provider, e.account) for e in result.errors if e.provider and e.account}
    plans = {key: _RunPlan(key, errors_only=key not in keys) for key in sorted(keys | error_keys)}
    terraform = _RunPlan(None, category=TERRAFORM_CATEGORY, findings=code)
    has_terraform = bool(code) or any(a[1].startswith(TERRAFORM_ACCOUNT_PREFIX) for a in result.accounts)
    room = max(1, (max_runs or len(plans) + 1) - has_terraform)
    groups = _groups(plans, room) if len(plans) > room else None
    for finding in live:
        plans[(finding.resource.provider, finding.resource.account)].findings.append(finding)
    for entry in result.absent:
        plans[(entry.finding.resource.provider, entry.finding.resource.account)].absent.append(entry)
    plans_list = [terraform] if has_terraform else []
    plans_list += list(plans.values()) if groups is None else groups
    plans_list = plans_list or [_RunPlan(None)]
    for error in result.errors:
        for plan in _targets(error, plans_list):
            if error not in plan.errors:
                plan.errors.append(error)
    for plan in plans_list:
        plan.findings.sort(key=priority)
    return plans_list


def _groups(plans: dict[Account, _RunPlan], count: int) -> list[_RunPlan]:
    """``count`` runs holding the accounts' plans by hash group; the plans keep filling them.

    The group plans share the account plans' lists by reference, so findings added
    to an account plan afterwards land in its group; ``members`` keeps which
    accounts each group holds, for the errors that name an account.
    """
    merged = [_RunPlan(None, category=f"{CATEGORY_PREFIX}/group-{i + 1}-of-{count}/") for i in range(count)]
    for key, plan in plans.items():
        digest = hashlib.sha256(encode_json(list(key), inert=False)).digest()
        group = merged[int.from_bytes(digest[:8], "big") % count]
        group.members.add(key)
        plan.findings = group.findings
        plan.absent = group.absent
    return [g for g in merged if g.members]


def _targets(error: ScanError, plans: Sequence[_RunPlan]) -> Iterable[_RunPlan]:
    if error.provider and error.account:
        key = (error.provider, error.account)
        return [p for p in plans if p.key == key or key in p.members]
    if error.provider:
        same = [
            p
            for p in plans
            if (p.key is not None and p.key[0] == error.provider)
            or any(m[0] == error.provider for m in p.members)
        ]
        return same or plans
    return plans


def _result_bytes(finding: Finding, where: bool = False) -> bytes:
    """A result as compact JSON without its first two keys, which depend on the run's rule list.

    ``ruleIndex`` is only known once the run's results are chosen; ``_with_rule``
    puts both keys back in front, so the bytes are those of the whole object.
    ``where`` adds the result's provider, account and region (a run that groups accounts).
    """
    result = result_object(finding, 0)
    if where:
        result["properties"] = where_of(finding.resource)
    del result["ruleId"], result["ruleIndex"]
    return encode_json(result)


def _absent_bytes(entry: Absent, rule_index: int, plan: _RunPlan) -> bytes:
    result = absent_object(entry, rule_index)
    if plan.members:  # a group of accounts: each result says which one it is
        result["properties"] = where_of(entry.finding.resource)
    return encode_json(result)


def _with_rule(rule_id: bytes, index: int, rest: bytes) -> bytes:
    return b'{"ruleId":%b,"ruleIndex":%d,%b' % (rule_id, index, rest[1:])


class _Writer:
    """The compact JSON of the whole document, a run at a time, from the pieces chosen per run."""

    def __init__(self, result: ScanResult, options: ReportOptions, limits: tuple[int, int]) -> None:
        self.result = result
        self.options = options
        self.limits = limits
        self.rule_ids: dict[str, bytes] = {}

    def _rule_id(self, rule_id: str) -> bytes:
        encoded = self.rule_ids.get(rule_id)
        if encoded is None:
            encoded = self.rule_ids[rule_id] = encode_json(rule_id)
        return encoded

    def _frame(self, plan: _RunPlan, used: dict[str, Rule]) -> tuple[bytes, bytes]:
        """A run's JSON before and after its results."""
        max_results, max_gzip = self.limits
        notifications = [notification(e) for e in plan.errors]
        total = len(plan.findings) + sum(plan.omitted_by_count.values()) + sum(plan.omitted_by_size.values())
        omitted: dict[str, Any] = {}
        if plan.omitted_by_count:
            reason = f"at most {max_results:,} results per run (GitHub rejects more than 25,000)"
            notifications.append(_omitted_notification(reason, plan.omitted_by_count, total))
            omitted["resultsPerRunLimit"] = dict(sorted(plan.omitted_by_count.items()))
        if plan.omitted_by_size:
            reason = f"at most {max_gzip:,} bytes gzip-compressed (GitHub rejects files over 10 MB)"
            notifications.append(_omitted_notification(reason, plan.omitted_by_size, total))
            omitted["gzipSizeLimit"] = dict(sorted(plan.omitted_by_size.items()))
        if plan.omitted_errors:
            limit = "the file must stay under GitHub's size limit"
            text = f"{plan.omitted_errors} more scan errors left out: {limit}."
            notifications.append({"level": "error", "message": {"text": text}})
        partial = any(e.partial for e in plan.errors) or plan.omitted_errors
        invocation: dict[str, Any] = {"executionSuccessful": not partial}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        tool = {
            "driver": {
                "name": TOOL_NAME,
                "version": self.options.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(used[rule_id]) for rule_id in used],
            }
        }
        head = b'{"tool":%b,"automationDetails":%b,"invocations":%b,"results":[' % (
            encode_json(tool),
            encode_json({"id": _category(plan)}),
            encode_json([invocation]),
        )
        properties: dict[str, Any] = {}
        if omitted:
            properties["omittedResults"] = omitted
        if self.result.unsupported:
            # Terraform resource types that no policy could judge: listed, never silently dropped.
            properties["unsupportedResourceTypes"] = dict(self.result.unsupported)
        if self.result.compliance:
            # scan --compliance: the per-section view, a property of every run of the scan
            properties["compliance"] = self.result.compliance
        tail = b"]" + (b',"properties":%b' % encode_json(properties) if properties else b"") + b"}"
        return head, tail

    def _used_rules(self, findings: Iterable[Finding]) -> dict[str, Rule]:
        used: dict[str, Rule] = {}
        providers: dict[str, set[str]] = {}
        for finding in findings:
            providers.setdefault(finding.rule_id, set()).add(finding.resource.provider)
            if finding.rule_id not in used:
                used[finding.rule_id] = self.result.rules.get(finding.rule_id) or fallback_rule(finding)
        return {rule_id: for_providers(used[rule_id], providers[rule_id]) for rule_id in sorted(used)}

    def run(self, plan: _RunPlan) -> Iterator[bytes]:
        used = self._used_rules([*plan.findings, *(a.finding for a in plan.absent)])
        index = {rule_id: i for i, rule_id in enumerate(used)}
        head, tail = self._frame(plan, used)
        yield head
        first = True
        for finding, rest in zip(plan.findings, plan.encoded, strict=True):
            yield (b"" if first else b",") + _with_rule(
                self._rule_id(finding.rule_id), index[finding.rule_id], rest
            )
            first = False
        for entry in plan.absent:
            yield (b"" if first else b",") + _absent_bytes(entry, index[entry.finding.rule_id], plan)
            first = False
        yield tail

    def frame_only(self, plans: list[_RunPlan]) -> bytes:
        """The document with every rule a run could cite and no finding: what results are added to."""
        parts = []
        for plan in plans:
            used = self._used_rules([*plan.findings, *(a.finding for a in plan.absent)])
            head, tail = self._frame(plan, used)
            absent = [_absent_bytes(a, 0, plan) for a in plan.absent]
            parts.append(head + b",".join(absent) + tail)
        return self.document(parts)

    @staticmethod
    def document(runs: Iterable[bytes]) -> bytes:
        return b'{"$schema":%b,"version":%b,"runs":[%b]}' % (
            encode_json(SARIF_SCHEMA_URI),
            encode_json(SARIF_VERSION),
            b",".join(runs),
        )

    def compact(self, plans: list[_RunPlan]) -> bytes:
        return self.document(b"".join(self.run(plan)) for plan in plans)


def _finish(compact: bytes) -> bytes:
    """Indented when under 1 MB, compact above (byte for byte what encoding the whole dict gives)."""
    if len(compact) < INDENT_BELOW:
        # Small: read back with the stdlib, which keeps a lone surrogate as it was written.
        return encode_json(json.loads(compact), indent=2) + b"\n"
    return compact + b"\n"


def _ranked(run: int, plan: _RunPlan) -> Iterator[tuple[Priority, int, Finding]]:
    return ((priority(f), run, f) for f in plan.findings)


def _omitted_active(result: ScanResult, plans: list[_RunPlan]) -> Counter[str]:
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
        writer = _Writer(result, options, (self.max_results, self.max_gzip_bytes))
        for plan in plans:
            for finding in plan.findings[self.max_results :]:
                plan.omitted_by_count[finding.severity.value] += 1
            del plan.findings[self.max_results :]
        self._choose(plans, writer)
        data = writer.compact(plans)
        while gzip_size(data, self.max_gzip_bytes) > self.max_gzip_bytes:
            kept = sum(len(p.findings) for p in plans)
            if kept == 0:
                if not self._drop_errors(plans):
                    break  # nothing left to cut: the smallest file this scan can give
                data = writer.compact(plans)
                continue
            # Rare: the estimate was short. Shrink in proportion to the overshoot, by one at least.
            size = gzip_size(data, self.max_gzip_bytes)
            self._drop_least_severe(
                plans, max(min(kept - 1, int(kept * self.max_gzip_bytes / size * 0.95)), 0)
            )
            data = writer.compact(plans)
        return _finish(data), _omitted_active(result, plans)

    def _choose(self, plans: list[_RunPlan], writer: _Writer) -> None:
        """Keep the most important results that fit the compressed limit, encoding only those.

        When a sample says the whole file will fit well within the limit, every
        result is encoded without the running compression: the exact check of the
        finished file (and, rarely, its proportional cut) is then the only one.
        """
        frame = writer.frame_only(plans)
        grouped = {member for plan in plans for member in plan.members}

        def encode(finding: Finding) -> bytes:
            ref = finding.resource
            return _result_bytes(finding, where=(ref.provider, ref.account) in grouped)

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
    def _drop_errors(plans: list[_RunPlan]) -> bool:
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
    def _drop_least_severe(plans: list[_RunPlan], keep: int) -> None:
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
