"""The GitLab security report (``gl-sast-report.json``), schema version 15.2.1.

GitLab reads it from a job's ``artifacts:reports:sast`` and shows each
vulnerability in the merge request and the vulnerability report. The fields
follow GitLab's ``sast-report-format.json`` 15.2.1 (a copy is in ``tests/data``
and the tests validate every report against it):

* ``scan``: ``analyzer`` and ``scanner`` are cloudscan, ``type`` is ``sast``,
  ``start_time``/``end_time`` in UTC (``YYYY-MM-DDThh:mm:ss``), ``status``
  ``success``; collection errors become ``warn`` messages (the scan ran, its
  results are partial).
* one vulnerability per active finding: ``id`` is a UUID derived from the same
  fingerprint as SARIF's ``partialFingerprints`` (stable across runs), ``name``
  the policy title, ``description`` the finding's message, ``severity`` the
  capitalised severity, ``solution`` the remediation, ``identifiers`` the policy
  id first (GitLab's primary identifier), then each framework control, and
  ``location`` the ``.tf`` file and line or the synthetic cloud path of SARIF.

Waived findings are left out: the 15.2.1 schema has no suppression field, so an
accepted risk would otherwise come back as a new vulnerability in every pipeline.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from scanner import INFORMATION_URI
from scanner.findings import Finding, Rule, ScanResult
from scanner.reporters.base import ReportOptions
from scanner.reporters.sarif import fingerprint, location_of
from scanner.reporters.text import one_line

SCHEMA_VERSION = "15.2.1"
MAX_NAME = 255
MAX_SOLUTION = 7000
MAX_DESCRIPTION = 1_048_576
IDENTIFIER_TYPE = "cloudscan_policy"


def _time(value: dt.datetime | None) -> str:
    value = (value or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _identifiers(finding: Finding, rule: Rule | None) -> list[dict[str, str]]:
    primary = {"type": IDENTIFIER_TYPE, "name": f"cloudscan {finding.rule_id}", "value": finding.rule_id}
    link = rule.help_uri_for(finding.resource.provider) if rule is not None else None
    if link and link.startswith(("http://", "https://")):
        primary["url"] = link
    out = [primary]
    for framework, controls in sorted((rule.frameworks if rule else {}).items()):
        out.extend({"type": framework, "name": f"{framework} {c}", "value": c} for c in controls)
    return out


def vulnerability(finding: Finding, rule: Rule | None) -> dict[str, Any]:
    file, line = location_of(finding.resource)
    title = one_line(rule.title) if rule else finding.rule_id
    item: dict[str, Any] = {
        "id": str(uuid.UUID(fingerprint(finding)[:32])),
        "name": _clip(title or finding.rule_id, MAX_NAME),
        "description": _clip(finding.message, MAX_DESCRIPTION),
        "severity": finding.severity.value.capitalize(),
        "identifiers": _identifiers(finding, rule),
        "location": {"file": file, "start_line": line},
    }
    if rule is not None and rule.remediation.strip():
        item["solution"] = _clip(" ".join(rule.remediation.split()), MAX_SOLUTION)
    return item


class GitlabReporter:
    name = "gitlab"
    extensions = ("gl-sast-report.json",)  # matched on the whole file name: .json is the JSON report

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        tool = {
            "id": "cloudscan",
            "name": "cloudscan",
            "version": options.tool_version,
            "vendor": {"name": "cloudscan"},
            "url": INFORMATION_URI,
        }
        scan: dict[str, Any] = {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "status": "success",
            "start_time": _time(options.started),
            "end_time": _time(options.finished or options.started),
        }
        messages = [
            {"level": "warn", "value": one_line(f"{e.where() or e.source}: {e.message}") or e.source}
            for e in result.errors
        ]
        if messages:
            scan["messages"] = messages
        active = [f for f in result.findings if f.suppressed is None]
        document = {
            "version": SCHEMA_VERSION,
            "scan": scan,
            "vulnerabilities": [vulnerability(f, result.rules.get(f.rule_id)) for f in active],
        }
        return msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
