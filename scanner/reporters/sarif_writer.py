"""The SARIF document as bytes, a run at a time, from the results chosen for each run.

Each kept result is encoded once (:func:`result_bytes`) before its run's rule list
is known; the writer puts ``ruleId`` and ``ruleIndex`` in front and joins the
pieces into the document without building it as one dictionary.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from scanner import INFORMATION_URI
from scanner.findings import Absent, Finding, Rule, ScanResult, Severity
from scanner.reporters.base import ReportOptions
from scanner.reporters.jsontext import encode_json
from scanner.reporters.sarif_results import absent_object, notification, result_object, where_of
from scanner.reporters.sarif_rules import fallback_rule, for_providers, rule_descriptor
from scanner.reporters.sarif_runs import RunPlan, category

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "cloudscan"
INDENT_BELOW = 1_000_000


def _omitted_notification(reason: str, counts: Counter[str], total: int) -> dict[str, Any]:
    n = sum(counts.values())
    parts = ", ".join(f"{counts[s.value]} {s.value}" for s in Severity if counts[s.value])
    text = f"{n} of {total} results left out ({parts}), least severe first: {reason}."
    return {"level": "warning", "message": {"text": text}}


def result_bytes(finding: Finding, where: bool = False) -> bytes:
    """A result as compact JSON without its first two keys, which depend on the run's rule list.

    ``ruleIndex`` is only known once the run's results are chosen; ``Writer.run``
    puts both keys back in front, so the bytes are those of the whole object.
    ``where`` adds the result's provider, account and region (a run that groups accounts).
    """
    result = result_object(finding, 0)
    if where:
        result["properties"] = where_of(finding.resource)
    del result["ruleId"], result["ruleIndex"]
    return encode_json(result)


def _absent_bytes(entry: Absent, rule_index: int, plan: RunPlan) -> bytes:
    result = absent_object(entry, rule_index)
    if plan.members:  # a group of accounts: each result says which one it is
        result["properties"] = where_of(entry.finding.resource)
    return encode_json(result)


class Writer:
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

    def _frame(self, plan: RunPlan, used: dict[str, Rule]) -> tuple[bytes, bytes]:
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
            encode_json({"id": category(plan)}),
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

    def run(self, plan: RunPlan) -> Iterator[bytes | memoryview]:
        """A run's pieces in order: each result is its ``ruleId``/``ruleIndex`` prefix, then its
        encoded rest past the ``{`` (a view, not a copy)."""
        used = self._used_rules([*plan.findings, *(a.finding for a in plan.absent)])
        index = {rule_id: i for i, rule_id in enumerate(used)}
        head, tail = self._frame(plan, used)
        yield head
        separator = b""
        for finding, rest in zip(plan.findings, plan.encoded, strict=True):
            rule_id = finding.rule_id
            yield b'%b{"ruleId":%b,"ruleIndex":%d,' % (separator, self._rule_id(rule_id), index[rule_id])
            yield memoryview(rest)[1:]
            separator = b","
        for entry in plan.absent:
            yield separator + _absent_bytes(entry, index[entry.finding.rule_id], plan)
            separator = b","
        yield tail

    def frame_only(self, plans: list[RunPlan]) -> bytes:
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
        return _opening() + b",".join(runs) + b"]}"

    def compact(self, plans: list[RunPlan]) -> bytes:
        """The compact document and a final newline, joined once from its pieces.

        Nothing but the pieces and the document is held: no copy of a run, of a
        result with its rule id, or of the document to add the newline.
        """
        parts: list[bytes | memoryview] = [_opening()]
        for number, plan in enumerate(plans):
            if number:
                parts.append(b",")
            parts.extend(self.run(plan))
        parts.append(b"]}\n")
        return b"".join(parts)


def _opening() -> bytes:
    return b'{"$schema":%b,"version":%b,"runs":[' % (
        encode_json(SARIF_SCHEMA_URI),
        encode_json(SARIF_VERSION),
    )


def finish(compact: bytes) -> bytes:
    """Indented when under 1 MB, compact above (byte for byte what encoding the whole dict gives).

    ``compact`` is :meth:`Writer.compact`'s, final newline included: above 1 MB it is the file.
    """
    if len(compact) - 1 < INDENT_BELOW:
        # Small: read back with the stdlib, which keeps a lone surrogate as it was written.
        return encode_json(json.loads(compact), indent=2) + b"\n"
    return compact
