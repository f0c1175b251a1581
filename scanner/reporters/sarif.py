"""The SARIF 2.1.0 report, shaped for GitHub code scanning.

GitHub rejects a whole upload for one bad result, so every choice below follows
GitHub's documented processing rules ("SARIF support for code scanning" and
"SARIF results exceed limit" in docs.github.com) as well as the OASIS schema.

Runs and categories
    One run per scanned provider/account, sorted by provider then account, each
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
    per file; more accounts raise :class:`SarifLimitError`: write one SARIF file
    per group of at most 20 accounts (for example one snapshot per account) and
    upload each; the per-account categories keep alerts stable however the files
    are split.

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
    whole file until it fits. Whatever is cut is counted per severity in a
    ``warning`` tool execution notification and in ``run.properties.omittedResults``.
    An omitted result's alert closes until it fits again.

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

import gzip
import hashlib
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from scanner import INFORMATION_URI
from scanner.findings import Absent, Finding, ResourceRef, Rule, ScanError, ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.reporters.jsontext import encode_json, utf8

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "cloudscan"
CATEGORY_PREFIX = "cloudscan"
FINGERPRINT_KEY = "cloudscanResourceFingerprint/v1"

MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25_000
MAX_GZIP_BYTES = 10_000_000
MAX_TAGS = 20
MAX_DESCRIPTION = 1024
MAX_NAME = 255
INDENT_BELOW = 1_000_000
NAME_CHARS = 64
HASH_CHARS = 10

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# RFC 3986 unreserved characters: safe in every URI component, never decoded differently.
_UNRESERVED = "-._~"
_WORDS = re.compile(r"[A-Za-z0-9]+")


class SarifLimitError(ValueError):
    """The scan cannot fit one SARIF file that GitHub accepts (more than 20 accounts)."""


Account = tuple[str, str]


@dataclass
class _RunPlan:
    """What one run will hold before it is turned into SARIF."""

    key: Account | None
    errors_only: bool = False
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    omitted_by_count: Counter[str] = field(default_factory=Counter)
    omitted_by_size: Counter[str] = field(default_factory=Counter)


def _priority(finding: Finding) -> tuple[bool, int, str, str, str]:
    """Sort key: active before suppressed, most severe first, then stable ids."""
    return (
        finding.suppressed is not None,
        finding.severity.rank,
        finding.rule_id,
        finding.resource.id,
        finding.message,
    )


def fingerprint(finding: Finding) -> str:
    """SHA-256 of rule and resource identity: stable across runs, distinct across resources."""
    ref = finding.resource
    identity = encode_json([finding.rule_id, ref.provider, ref.account, ref.id], inert=False)
    return hashlib.sha256(identity).hexdigest()


def _segment(text: str) -> str:
    """One URI path segment: unreserved characters kept, everything else percent-encoded."""
    cleaned = text.replace("/", "_").replace("\\", "_")
    encoded = quote(utf8(cleaned), safe=_UNRESERVED)
    return "_" if encoded in ("", ".", "..") else encoded


def cloud_uri(ref: ResourceRef) -> str:
    """The synthetic, stable path of a resource that has no source file (see module docstring)."""
    digest = hashlib.sha256(utf8(ref.id)).hexdigest()[:HASH_CHARS]
    leaf = f"{ref.name[:NAME_CHARS]}-{digest}" if ref.name else digest
    parts = ("cloud", ref.provider, ref.account, ref.region, ref.kind, leaf)
    return "/".join(_segment(part) for part in parts)


def file_uri(path: str) -> str | None:
    """A repository-relative URI for a source file, or ``None`` when it cannot be one."""
    posix = path.replace("\\", "/")
    if posix.startswith("/") or re.match(r"^[A-Za-z]:", posix) or "://" in posix:
        return None
    normal = posixpath.normpath(posix)
    if normal in (".", "") or normal == ".." or normal.startswith("../"):
        return None
    return "/".join(quote(utf8(part), safe=_UNRESERVED) for part in normal.split("/"))


def location_of(ref: ResourceRef) -> tuple[str, int]:
    """Where a finding is shown: its Terraform file and line, else its cloud path at line 1."""
    if ref.file:
        uri = file_uri(ref.file)
        if uri is not None:
            return uri, ref.line if ref.line and ref.line > 0 else 1
    return cloud_uri(ref), 1


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


def _fallback_rule(finding: Finding) -> Rule:
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


def _message(finding: Finding) -> str:
    """The finding's message, naming the resource even if a custom template forgot to."""
    ref = finding.resource
    text = " ".join(finding.message.split())
    names = [n for n in (ref.name, ref.id, ref.address) if n]
    if not text:
        return f"{finding.rule_id}: {ref.kind} {ref.name or ref.id}"
    if not any(n in text for n in names):
        text = f"{text} (resource: {ref.name or ref.id})"
    return text


def result_object(finding: Finding, rule_index: int, digest: str | None = None) -> dict[str, Any]:
    ref = finding.resource
    uri, line = location_of(ref)
    digest = digest or fingerprint(finding)
    logical: dict[str, Any] = {"name": ref.name or ref.id, "fullyQualifiedName": ref.address or ref.id}
    logical["kind"] = "resource"
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": uri}, "region": {"startLine": line}},
                "logicalLocations": [logical],
            }
        ],
        "partialFingerprints": {
            "primaryLocationLineHash": f"{digest[:16]}:1",
            FINGERPRINT_KEY: digest,
        },
    }
    if finding.suppressed is not None:
        justification = finding.suppressed.strip() or "suppressed"
        kind = "inSource" if finding.suppressed_in_source else "external"
        result["suppressions"] = [{"kind": kind, "justification": justification}]
    if finding.baseline is not None:
        result["baselineState"] = finding.baseline
    return result


def _absent_object(entry: Absent, rule_index: int) -> dict[str, Any]:
    result = result_object(entry.finding, rule_index, entry.fingerprint)
    result["baselineState"] = "absent"
    return result


def _error_text(error: ScanError) -> str:
    where = "/".join(p for p in (error.provider, error.account, error.region) if p)
    call = ".".join(p for p in (error.service, error.operation) if p)
    head = " ".join(p for p in (error.source, where, call) if p)
    code = f"{error.code}: " if error.code else ""
    return f"{head}: {code}{error.message}" if head else f"{code}{error.message}"


def _notification(error: ScanError) -> dict[str, Any]:
    props = {
        key: value
        for key, value in (
            ("source", error.source),
            ("provider", error.provider),
            ("account", error.account),
            ("region", error.region),
            ("service", error.service),
            ("operation", error.operation),
            ("code", error.code),
        )
        if value
    }
    return {"level": "error", "message": {"text": _error_text(error)}, "properties": props}


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
    encoded = quote(utf8(text), safe=_UNRESERVED).replace("_", "%5F").replace("%2F", "_")
    return "%2E" * (len(encoded) + 1) if encoded.strip(".") == "" else encoded


def _category(plan: _RunPlan) -> str:
    if plan.key is None:
        return f"{CATEGORY_PREFIX}/"
    provider, account = plan.key
    suffix = "collection-errors/" if plan.errors_only else ""
    return f"{CATEGORY_PREFIX}/{category_segment(provider)}/{category_segment(account)}/{suffix}"


def plan_runs(result: ScanResult, include_suppressed: bool = True) -> list[_RunPlan]:
    """Group findings and errors into one plan per provider/account, in a stable order."""
    findings = [f for f in result.findings if include_suppressed or f.suppressed is None]
    keys: set[Account] = set(result.accounts)
    keys.update((f.resource.provider, f.resource.account) for f in findings)
    keys.update((a.finding.resource.provider, a.finding.resource.account) for a in result.absent)
    error_keys = {(e.provider, e.account) for e in result.errors if e.provider and e.account}
    plans = {key: _RunPlan(key, errors_only=key not in keys) for key in sorted(keys | error_keys)}
    plans_list = list(plans.values()) or [_RunPlan(None)]
    for finding in findings:
        plans[(finding.resource.provider, finding.resource.account)].findings.append(finding)
    for entry in result.absent:
        plans[(entry.finding.resource.provider, entry.finding.resource.account)].absent.append(entry)
    for error in result.errors:
        for plan in _targets(error, plans_list):
            plan.errors.append(error)
    for plan in plans_list:
        plan.findings.sort(key=_priority)
    return plans_list


def _targets(error: ScanError, plans: Sequence[_RunPlan]) -> Iterable[_RunPlan]:
    if error.provider and error.account:
        return [p for p in plans if p.key == (error.provider, error.account)]
    if error.provider:
        same = [p for p in plans if p.key is not None and p.key[0] == error.provider]
        return same or plans
    return plans


def _build_run(
    plan: _RunPlan, rules: dict[str, Rule], options: ReportOptions, limits: tuple[int, int]
) -> dict[str, Any]:
    used: dict[str, Rule] = {}
    for finding in [*plan.findings, *(a.finding for a in plan.absent)]:
        if finding.rule_id not in used:
            used[finding.rule_id] = rules.get(finding.rule_id) or _fallback_rule(finding)
    ordered = sorted(used)
    index = {rule_id: i for i, rule_id in enumerate(ordered)}
    notifications = [_notification(e) for e in plan.errors]
    total = len(plan.findings) + sum(plan.omitted_by_count.values()) + sum(plan.omitted_by_size.values())
    omitted: dict[str, Any] = {}
    if plan.omitted_by_count:
        reason = f"at most {limits[0]:,} results per run (GitHub rejects more than 25,000)"
        notifications.append(_omitted_notification(reason, plan.omitted_by_count, total))
        omitted["resultsPerRunLimit"] = dict(sorted(plan.omitted_by_count.items()))
    if plan.omitted_by_size:
        reason = f"at most {limits[1]:,} bytes gzip-compressed (GitHub rejects files over 10 MB)"
        notifications.append(_omitted_notification(reason, plan.omitted_by_size, total))
        omitted["gzipSizeLimit"] = dict(sorted(plan.omitted_by_size.items()))
    invocation: dict[str, Any] = {"executionSuccessful": not plan.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": options.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(used[rule_id]) for rule_id in ordered],
            }
        },
        "automationDetails": {"id": _category(plan)},
        "invocations": [invocation],
        "results": [result_object(f, index[f.rule_id]) for f in plan.findings]
        + [_absent_object(a, index[a.finding.rule_id]) for a in plan.absent],
    }
    if omitted:
        run["properties"] = {"omittedResults": omitted}
    return run


def _encode(document: dict[str, Any]) -> bytes:
    compact = encode_json(document)
    if len(compact) < INDENT_BELOW:
        return encode_json(document, indent=2) + b"\n"
    return compact + b"\n"


def gzip_size(data: bytes, limit: int | None = None) -> int:
    """Size after gzip at zlib's default level, as upload clients compress.

    Gzip never makes JSON larger by more than a few bytes of header, so when the
    raw document is already under ``limit`` the (slow) compression is skipped and
    the raw size is returned as an upper bound.
    """
    if limit is not None and len(data) + 64 <= limit:
        return len(data) + 64
    return len(gzip.compress(data, compresslevel=6, mtime=0))


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
        plans = plan_runs(result, include_suppressed=options.sarif_suppressed != "omit")
        if len(plans) > self.max_runs:
            accounts = ", ".join(f"{p.key[0]}/{p.key[1]}" for p in plans if p.key)
            raise SarifLimitError(
                f"SARIF: {len(plans)} provider/accounts need {len(plans)} runs, but GitHub code scanning "
                f"accepts at most {self.max_runs} runs per file; scan at most {self.max_runs} accounts "
                f"per SARIF file (one snapshot or --output per group) and upload each file "
                f"(accounts: {accounts})"
            )
        for plan in plans:
            for finding in plan.findings[self.max_results :]:
                plan.omitted_by_count[finding.severity.value] += 1
            del plan.findings[self.max_results :]
        data = self._document(plans, result, options)
        size = gzip_size(data, self.max_gzip_bytes)
        while size > self.max_gzip_bytes:
            kept = sum(len(p.findings) for p in plans)
            if kept == 0:
                raise SarifLimitError(
                    f"SARIF: the report exceeds {self.max_gzip_bytes} bytes gzip-compressed even without "
                    "results; scan fewer accounts per SARIF file"
                )
            # Shrink in proportion to the overshoot, always by at least one result.
            target = min(kept - 1, int(kept * self.max_gzip_bytes / size * 0.95))
            self._drop_least_severe(plans, max(target, 0))
            data = self._document(plans, result, options)
            size = gzip_size(data, self.max_gzip_bytes)
        return data

    def _document(self, plans: list[_RunPlan], result: ScanResult, options: ReportOptions) -> bytes:
        runs = [
            _build_run(plan, result.rules, options, (self.max_results, self.max_gzip_bytes)) for plan in plans
        ]
        for run in runs if result.unsupported else ():
            # Terraform resource types that no policy could judge: listed, never silently dropped.
            run.setdefault("properties", {})["unsupportedResourceTypes"] = dict(result.unsupported)
        for run in runs if result.compliance else ():
            # scan --compliance: the per-section view, a property of every run of the scan
            run.setdefault("properties", {})["compliance"] = result.compliance
        document = {"$schema": SARIF_SCHEMA_URI, "version": SARIF_VERSION, "runs": runs}
        return _encode(document)

    @staticmethod
    def _drop_least_severe(plans: list[_RunPlan], keep: int) -> None:
        """Keep the ``keep`` most important results of the whole file, counting what goes."""
        ranked = sorted(
            ((_priority(f), i, j) for i, plan in enumerate(plans) for j, f in enumerate(plan.findings)),
        )
        survivors: set[tuple[int, int]] = {(i, j) for _, i, j in ranked[:keep]}
        for i, plan in enumerate(plans):
            kept: list[Finding] = []
            for j, finding in enumerate(plan.findings):
                if (i, j) in survivors:
                    kept.append(finding)
                else:
                    plan.omitted_by_size[finding.severity.value] += 1
            plan.findings = kept
