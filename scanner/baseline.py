"""Baselines: compare a scan with an earlier report and mark each finding new, unchanged or absent.

A baseline is a report cloudscan wrote before: its JSON report (``--create-baseline``
writes one, as does ``-o x.json``) or its SARIF. Findings are matched on the
fingerprint SARIF puts in ``partialFingerprints["cloudscanResourceFingerprint/v1"]``
(rule, provider, account, resource id), so a finding keeps matching while the
resource keeps failing the rule, whatever its message, file or line now say.

* a finding whose fingerprint is in the baseline is ``unchanged``; any other is ``new``;
* a baseline finding with no match is ``absent`` (the resource was fixed or removed)
  and is kept in :attr:`ScanResult.absent` as the baseline recorded it.

Anything else (another tool's SARIF, a snapshot, a JSON file of another shape)
is a :class:`BaselineError`: one line, exit code 2. A baseline is read whole, so
its size is capped (``MAX_BYTES``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import msgspec

from scanner.findings import Absent, Finding, ResourceRef, ScanResult, Severity
from scanner.reporters.json_report import FORMAT_VERSION
from scanner.reporters.sarif import FINGERPRINT_KEY, TOOL_NAME, fingerprint

MAX_BYTES = 512 * 1024 * 1024
_SCORES = {float(s.score): s for s in Severity}
_LEVELS = {"error": Severity.HIGH, "warning": Severity.MEDIUM, "note": Severity.LOW}


class BaselineError(ValueError):
    """The baseline file cannot be used: unreadable, not JSON, or not a cloudscan report."""


def _read(path: str | os.PathLike[str]) -> Any:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise BaselineError(f"{path}: baseline is larger than {MAX_BYTES // 2**20} MiB")
        data = file.read_bytes()
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror}") from None
    try:
        return msgspec.json.decode(data)
    except msgspec.DecodeError:
        raise BaselineError(f"{path}: baseline is not JSON or SARIF: not valid JSON") from None


def _from_json(path: str, document: dict[str, Any]) -> dict[str, Absent]:
    if document.get("format_version") != FORMAT_VERSION or not isinstance(document.get("findings"), list):
        raise BaselineError(f"{path}: not a cloudscan JSON report (format_version {FORMAT_VERSION})")
    try:
        findings = msgspec.convert(document["findings"], list[Finding])
    except msgspec.ValidationError as exc:
        raise BaselineError(f"{path}: not a cloudscan JSON report: findings: {exc}") from None
    out: dict[str, Absent] = {}
    for finding in findings:
        clean = msgspec.structs.replace(finding, baseline=None)
        digest = fingerprint(clean)
        out[digest] = Absent(finding=clean, fingerprint=digest)
    return out


def _category_account(run: dict[str, Any]) -> tuple[str, str]:
    """``cloudscan/<provider>/<account>/`` -> (provider, account), percent-decoded."""
    parts = str((run.get("automationDetails") or {}).get("id", "")).split("/")
    if len(parts) >= 3 and parts[0] == "cloudscan":
        return unquote(parts[1]), unquote(parts[2])
    return "", ""


def _severity(rule: dict[str, Any], level: str) -> Severity:
    try:
        return _SCORES[float(rule["properties"]["security-severity"])]
    except (KeyError, TypeError, ValueError):
        return _LEVELS.get(level, Severity.MEDIUM)


def _sarif_finding(result: dict[str, Any], rules: list[Any], account: tuple[str, str]) -> Absent | None:
    digest = (result.get("partialFingerprints") or {}).get(FINGERPRINT_KEY)
    rule_id = result.get("ruleId")
    if not isinstance(digest, str) or not isinstance(rule_id, str):
        return None
    index = result.get("ruleIndex")
    rule = rules[index] if isinstance(index, int) and 0 <= index < len(rules) else {}
    location = (result.get("locations") or [{}])[0]
    physical = location.get("physicalLocation") or {}
    logical = (location.get("logicalLocations") or [{}])[0]
    uri = unquote(str((physical.get("artifactLocation") or {}).get("uri", "")))
    line = (physical.get("region") or {}).get("startLine")
    parts = uri.split("/")
    cloud = parts[0] == "cloud" and len(parts) == 6
    ref = ResourceRef(
        provider=account[0],
        account=account[1],
        region=parts[3] if cloud else "",
        kind=parts[4] if cloud else "",
        id=str(logical.get("fullyQualifiedName", "")),
        name=str(logical.get("name", "")),
        origin_source="baseline",
        file=None if cloud or not uri else uri,
        line=line if isinstance(line, int) and not cloud else None,
    )
    finding = Finding(
        rule_id=rule_id,
        severity=_severity(rule if isinstance(rule, dict) else {}, str(result.get("level", ""))),
        message=str((result.get("message") or {}).get("text", "")),
        resource=ref,
    )
    return Absent(finding=finding, fingerprint=digest)


def _from_sarif(path: str, document: dict[str, Any]) -> dict[str, Absent]:
    runs = document.get("runs")
    if not isinstance(runs, list):
        raise BaselineError(f"{path}: not a SARIF file: no runs")
    out: dict[str, Absent] = {}
    for run in runs:
        driver = ((run or {}).get("tool") or {}).get("driver") or {}
        if driver.get("name") != TOOL_NAME:
            raise BaselineError(
                f"{path}: SARIF from {str(driver.get('name') or 'an unnamed tool')[:80]!r}, not cloudscan: "
                "a baseline must be a cloudscan report"
            )
        rules = driver.get("rules") or []
        for result in run.get("results") or []:
            if result.get("baselineState") == "absent":
                continue  # what that run already reported as gone is not part of its findings
            entry = _sarif_finding(result, rules, _category_account(run))
            if entry is None:
                raise BaselineError(f"{path}: SARIF result without ruleId or {FINGERPRINT_KEY}")
            out[entry.fingerprint] = entry
    return out


def load_baseline(path: str | os.PathLike[str]) -> dict[str, Absent]:
    """Fingerprint -> the finding the baseline recorded, from a cloudscan JSON or SARIF report."""
    name = str(path)
    document = _read(path)
    if not isinstance(document, dict):
        raise BaselineError(f"{name}: not a cloudscan JSON or SARIF report")
    if "runs" in document and "version" in document:
        return _from_sarif(name, document)
    if "format_version" in document:
        return _from_json(name, document)
    raise BaselineError(f"{name}: not a cloudscan JSON or SARIF report (no format_version, no runs)")


def apply_baseline(result: ScanResult, baseline: dict[str, Absent]) -> None:
    """Mark ``result.findings`` new or unchanged and list the baseline's findings now absent."""
    seen: set[str] = set()
    marked: list[Finding] = []
    for finding in result.findings:
        digest = fingerprint(finding)
        state = "unchanged" if digest in baseline else "new"
        seen.add(digest)
        marked.append(msgspec.structs.replace(finding, baseline=state))
    result.findings = marked
    absent = [entry for digest, entry in baseline.items() if digest not in seen]
    absent.sort(key=lambda a: (a.finding.severity.rank, a.finding.rule_id, a.finding.resource.id))
    result.absent = absent
