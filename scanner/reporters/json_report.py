"""The JSON report: every finding, the rules they cite, errors and the summary.

Meant for scripts and dashboards; the layout is stable within a ``format_version``.
Values are exact; a lone surrogate is written as its ``\\uXXXX`` escape (see
:mod:`scanner.reporters.jsontext`).
"""

from __future__ import annotations

from typing import Any

import msgspec

from scanner.findings import ScanResult
from scanner.reporters.base import ReportOptions
from scanner.reporters.jsontext import encode_json

FORMAT_VERSION = 1


def summary(result: ScanResult) -> dict[str, Any]:
    return {
        "resources_scanned": result.resources_scanned,
        "findings": sum(result.counts().values()),
        "suppressed": sum(1 for f in result.findings if f.suppressed is not None),
        "by_severity": result.counts(),
        "unknown_verdicts": result.unknown,
        "errors": len(result.errors),
        "unsupported_resource_types": dict(result.unsupported),
    }


class JsonReporter:
    name = "json"
    extensions = (".json",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        document = {
            "format_version": FORMAT_VERSION,
            "tool": {"name": "cloudscan", "version": options.tool_version},
            "summary": summary(result),
            "findings": result.findings,
            "rules": result.rules,
            "errors": result.errors,
        }
        if result.absent:  # with --baseline: what the baseline had and this scan no longer raises
            document["absent"] = [
                {**msgspec.to_builtins(a.finding), "fingerprint": a.fingerprint} for a in result.absent
            ]
        if result.waivers:  # with --waivers: what each waiver did
            document["waivers"] = result.waivers
        if result.compliance:  # with --compliance: the per-section view of each framework
            document["compliance"] = result.compliance
        return encode_json(document, indent=2) + b"\n"
