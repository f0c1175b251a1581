"""SARIF ``results`` and error notifications: where a finding points, its fingerprint, its text.

The location and fingerprint rules are written down in :mod:`scanner.reporters.sarif`
(the README quotes them); other reporters (CSV, GitLab, Markdown) reuse
:func:`location_of` and :func:`fingerprint` so every format names a finding the same way.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from scanner.findings import Absent, Finding, ResourceRef, ScanError
from scanner.reporters.jsontext import encode_json, utf8
from scanner.reporters.sarif_rules import LEVELS

FINGERPRINT_KEY = "cloudscanResourceFingerprint/v1"
NAME_CHARS = 64
HASH_CHARS = 10
# RFC 3986 unreserved characters: safe in every URI component, never decoded differently.
UNRESERVED = "-._~"
_DRIVE = re.compile(r"^[A-Za-z]:")
_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")


def fingerprint(finding: Finding) -> str:
    """SHA-256 of rule and resource identity: stable across runs, distinct across resources."""
    ref = finding.resource
    identity = encode_json([finding.rule_id, ref.provider, ref.account, ref.id], inert=False)
    return hashlib.sha256(identity).hexdigest()


def _segment(text: str) -> str:
    """One URI path segment: unreserved characters kept, everything else percent-encoded."""
    if _PLAIN.fullmatch(text) and text not in (".", ".."):
        return text  # what quote() would return, without its per-character work
    cleaned = text.replace("/", "_").replace("\\", "_")
    encoded = quote(utf8(cleaned), safe=UNRESERVED)
    return "_" if encoded in ("", ".", "..") else encoded


@lru_cache(maxsize=4096)
def _cloud_prefix(provider: str, account: str, region: str, kind: str) -> str:
    """``cloud/<provider>/<account>/<region>/<kind>``: shared by every resource of one place and kind."""
    return "/".join(_segment(part) for part in ("cloud", provider, account, region, kind))


def cloud_uri(ref: ResourceRef) -> str:
    """The synthetic, stable path of a resource that has no source file (see the SARIF module)."""
    digest = hashlib.sha256(utf8(ref.id)).hexdigest()[:HASH_CHARS]
    leaf = f"{ref.name[:NAME_CHARS]}-{digest}" if ref.name else digest
    return f"{_cloud_prefix(ref.provider, ref.account, ref.region, ref.kind)}/{_segment(leaf)}"


def file_uri(path: str) -> str | None:
    """A repository-relative URI for a source file, or ``None`` when it cannot be one."""
    posix = path.replace("\\", "/")
    if posix.startswith("/") or _DRIVE.match(posix) or "://" in posix:
        return None
    normal = posixpath.normpath(posix)
    if normal in (".", "") or normal == ".." or normal.startswith("../"):
        return None
    return "/".join(quote(utf8(part), safe=UNRESERVED) for part in normal.split("/"))


def location_of(ref: ResourceRef) -> tuple[str, int]:
    """Where a finding is shown: its Terraform file and line, else its cloud path at line 1."""
    if ref.file:
        uri = file_uri(ref.file)
        if uri is not None:
            return uri, ref.line if ref.line and ref.line > 0 else 1
    return cloud_uri(ref), 1


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
    if ref.origin_source == "terraform":
        result["properties"] = where_of(ref)
    if finding.suppressed is not None:
        justification = finding.suppressed.strip() or "suppressed"
        kind = "inSource" if finding.suppressed_in_source else "external"
        result["suppressions"] = [{"kind": kind, "justification": justification}]
    if finding.baseline is not None:
        result["baselineState"] = finding.baseline
    return result


def where_of(ref: ResourceRef) -> dict[str, str]:
    """Provider, account, region (and Terraform root module) of a result: runs may hold several."""
    where = {"provider": ref.provider, "account": ref.account, "region": ref.region}
    if ref.origin_source == "terraform":
        root, sep, _ = ref.id.partition("//")
        where["terraformRoot"] = root if sep else "."
    return where


def absent_object(entry: Absent, rule_index: int) -> dict[str, Any]:
    result = result_object(entry.finding, rule_index, entry.fingerprint)
    result["baselineState"] = "absent"
    return result


def _error_text(error: ScanError) -> str:
    where = "/".join(p for p in (error.provider, error.account, error.region) if p)
    call = ".".join(p for p in (error.service, error.operation) if p)
    head = " ".join(p for p in (error.source, where, call) if p)
    code = f"{error.code}: " if error.code else ""
    return f"{head}: {code}{error.message}" if head else f"{code}{error.message}"


def notification(error: ScanError) -> dict[str, Any]:
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
    # a service not in use is a note (nothing of it to judge), every other error a gap in the scan
    level = "error" if error.partial else "note"
    return {"level": level, "message": {"text": _error_text(error)}, "properties": props}
