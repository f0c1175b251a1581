"""GitHub code scanning's processing rules for SARIF, as a reusable checker for tests.

Import it from any test that produces SARIF::

    from tests.sarif_rules import check_sarif_file
    assert check_sarif_file(path.read_bytes()) == []

Each check names its source. "GH" = GitHub Docs, "SARIF support for code scanning"
(required properties, 1024-character descriptions, 255-character rule names,
``security-severity`` 0.0-10.0, ``runAutomationDetails.id`` = ``category/run-id``,
at most 10 locations per result, relative URIs) and "SARIF results exceed limit"
(20 runs per file, 25,000 results per run, 20 tags per rule, 10 MB gzip).
"MS" = the GitHub rules of Microsoft's SARIF validator (sarif-sdk GH1001-GH1005,
GHAS2012). "DESIGN" = cloudscan's own contract (its SARIF section, summarised in the README).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25_000
MAX_RULES_PER_RUN = 25_000
MAX_TAGS = 20
MAX_LOCATIONS = 10
MAX_DESCRIPTION = 1024
MAX_RULE_NAME = 255
MAX_GZIP_BYTES = 10 * 1000 * 1000
LEVELS = {"none", "note", "warning", "error"}
RULE_LEVELS = {"note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}
SUPPRESSION_KINDS = {"inSource", "external"}

# A relative reference made only of RFC 3986 path characters: unreserved, sub-delims, ":@/" and %XX.
_URI_PATH = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+$")
_NUMBER = re.compile(r"^\d{1,2}(?:\.\d+)?$")


def schema_path() -> Path:
    """The OASIS SARIF 2.1.0 schema committed beside the tests (``tests/data/``, origin in its README)."""
    return Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_problems(doc: Any) -> list[str]:
    """Every violation of the OASIS schema, as ``/json/pointer: message`` lines."""
    return [
        f"/{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in _validator().iter_errors(doc)
    ]


def check_sarif_file(data: bytes) -> list[str]:
    """Schema, GitHub rules and the gzip size limit for the bytes of a SARIF file."""
    problems: list[str] = []
    size = len(gzip.compress(data, compresslevel=6))
    if size > MAX_GZIP_BYTES:
        problems.append(f"file: {size} bytes gzip-compressed, GitHub accepts at most 10 MB (GH)")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [*problems, f"file: not UTF-8 JSON: {exc}"]
    return problems + schema_problems(doc) + check_github_rules(doc)


def relative_uri_problem(uri: Any) -> str | None:
    """Why ``uri`` is not a clean repository-relative URI (GH, MS GH1005), or None."""
    if not isinstance(uri, str) or not uri:
        return "artifactLocation.uri is missing"
    if urlsplit(uri).scheme or uri.startswith("/"):
        return f"uri {uri!r} is not relative"
    if not _URI_PATH.match(uri):
        return f"uri {uri!r} has characters that must be percent-encoded"
    if any(seg in ("", ".", "..") for seg in uri.split("/")):
        return f"uri {uri!r} has an empty, '.' or '..' segment"
    return None


def _text(obj: Any, key: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    text = value.get("text") if isinstance(value, dict) else None
    return text if isinstance(text, str) else ""


def _check_rule(rule: Any, where: str) -> list[str]:
    out: list[str] = []
    if not isinstance(rule, dict) or not rule.get("id"):
        return [f"{where}: rule without id (GH)"]
    for key in ("shortDescription", "fullDescription"):
        text = _text(rule, key)
        if not text.strip():
            out.append(f"{where}: {key}.text is required and must not be empty (GH, MS GHAS2012)")
        elif len(text) > MAX_DESCRIPTION:
            out.append(f"{where}: {key}.text has {len(text)} characters, limit 1024 (GH)")
    if len(rule.get("name", "")) > MAX_RULE_NAME:
        out.append(f"{where}: name longer than 255 characters (GH)")
    help_ = rule.get("help")
    if not _text({"h": help_}, "h").strip():
        out.append(f"{where}: help.text is required (GH, MS GHAS2012)")
    elif not isinstance(help_.get("markdown"), str) or not help_["markdown"].strip():
        out.append(f"{where}: help.markdown is missing (DESIGN)")
    level = rule.get("defaultConfiguration", {}).get("level")
    if level not in RULE_LEVELS:
        out.append(
            f"{where}: defaultConfiguration.level {level!r} not one of note/warning/error (GH, DESIGN)"
        )
    if "helpUri" in rule and urlsplit(str(rule["helpUri"])).scheme not in ("http", "https"):
        out.append(f"{where}: helpUri {rule['helpUri']!r} is not an absolute http(s) URI")
    props = rule.get("properties", {})
    tags = props.get("tags", [])
    if "security" not in tags:
        out.append(f"{where}: properties.tags lacks 'security' (GH, DESIGN)")
    if len(tags) > MAX_TAGS:
        out.append(f"{where}: {len(tags)} tags, GitHub rejects more than 20 (GH)")
    if len(set(tags)) != len(tags):
        out.append(f"{where}: duplicate tags")
    score = props.get("security-severity")
    if not isinstance(score, str) or not _NUMBER.match(score) or not 0.0 <= float(score) <= 10.0:
        out.append(f"{where}: security-severity {score!r} is not a numeric string 0.0-10.0 (GH, DESIGN)")
    if "precision" in props and props["precision"] not in PRECISIONS:
        out.append(f"{where}: precision {props['precision']!r} not very-high/high/medium/low (GH)")
    return out


def _check_result(result: Any, rules: list[Any], where: str) -> list[str]:
    out: list[str] = []
    if not isinstance(result, dict):
        return [f"{where}: not an object"]
    rule_id, index = result.get("ruleId"), result.get("ruleIndex")
    ids = [r.get("id") for r in rules if isinstance(r, dict)]
    if not rule_id or rule_id not in ids:
        out.append(f"{where}: ruleId {rule_id!r} not in the run's rules (GH, DESIGN)")
    if not isinstance(index, int) or not 0 <= index < len(rules) or ids[index] != rule_id:
        out.append(f"{where}: ruleIndex {index!r} does not point at rule {rule_id!r} (GH, DESIGN)")
    if result.get("level", "warning") not in LEVELS:
        out.append(f"{where}: level {result.get('level')!r} invalid")
    message = _text(result, "message")
    if not message.strip():
        out.append(f"{where}: message.text is required (GH, MS GH1007)")
    locations = result.get("locations")
    if not isinstance(locations, list) or not locations:
        return [*out, f"{where}: at least one location is required (GH, MS GH1001)"]
    if len(locations) > MAX_LOCATIONS:
        out.append(f"{where}: {len(locations)} locations, GitHub allows 10 (GH)")
    first = locations[0] if isinstance(locations[0], dict) else {}
    physical = first.get("physicalLocation", {})
    problem = relative_uri_problem(physical.get("artifactLocation", {}).get("uri"))
    if problem:
        out.append(f"{where}: {problem} (GH, MS GH1005, DESIGN)")
    line = physical.get("region", {}).get("startLine")
    if not isinstance(line, int) or line < 1:
        out.append(f"{where}: region.startLine {line!r} must be >= 1 (GH, MS GH1003)")
    logical = first.get("logicalLocations") or [{}]
    fqn = logical[0].get("fullyQualifiedName")
    if not fqn:
        out.append(f"{where}: locations[0].logicalLocations[0].fullyQualifiedName is required (DESIGN)")
    names = [n for n in (logical[0].get("name"), fqn) if n]
    if message and names and not any(n in message for n in names):
        out.append(f"{where}: message.text does not name the resource {names[0]!r} (DESIGN)")
    prints = result.get("partialFingerprints")
    if not isinstance(prints, dict) or not prints.get("primaryLocationLineHash"):
        out.append(f"{where}: partialFingerprints.primaryLocationLineHash is required (GH)")
    for k, suppression in enumerate(result.get("suppressions", [])):
        if suppression.get("kind") not in SUPPRESSION_KINDS:
            out.append(f"{where}/suppressions/{k}: kind must be inSource or external")
        if not str(suppression.get("justification", "")).strip():
            out.append(f"{where}/suppressions/{k}: justification is empty (DESIGN)")
    return out


def _check_run(run: Any, where: str) -> list[str]:
    out: list[str] = []
    driver = run.get("tool", {}).get("driver", {}) if isinstance(run, dict) else {}
    for key in ("name", "version", "informationUri"):
        if not driver.get(key):
            out.append(f"{where}: tool.driver.{key} is required (GH, DESIGN)")
    rules = driver.get("rules", [])
    if not isinstance(rules, list):
        return [*out, f"{where}: tool.driver.rules is not an array"]
    if len(rules) > MAX_RULES_PER_RUN:
        out.append(f"{where}: {len(rules)} rules, GitHub rejects more than 25,000 (GH)")
    duplicates = [i for i, n in Counter(r.get("id") for r in rules).items() if n > 1]
    if duplicates:
        out.append(f"{where}: rule ids repeated: {duplicates}")
    for i, rule in enumerate(rules):
        out += _check_rule(rule, f"{where}/tool/driver/rules/{i}")
    results = run.get("results")
    if not isinstance(results, list):
        return [*out, f"{where}: results[] is required (GH)"]
    if len(results) > MAX_RESULTS_PER_RUN:
        out.append(f"{where}: {len(results)} results, GitHub rejects more than 25,000 (GH)")
    for i, result in enumerate(results):
        out += _check_result(result, rules, f"{where}/results/{i}")
    out += _check_fingerprints(results, where)
    for invocation in run.get("invocations", []):
        if not isinstance(invocation.get("executionSuccessful"), bool):
            out.append(f"{where}: invocation.executionSuccessful must be a boolean")
        for note in invocation.get("toolExecutionNotifications", []):
            if not _text(note, "message").strip():
                out.append(f"{where}: notification without message text")
    return out


def _check_fingerprints(results: list[Any], where: str) -> list[str]:
    """Equal fingerprints for one rule must mean the same resource (DESIGN)."""
    seen: dict[tuple[str, str], str] = {}
    out: list[str] = []
    for i, result in enumerate(results):
        if not isinstance(result, dict):
            continue
        printed = (result.get("partialFingerprints") or {}).get("primaryLocationLineHash")
        locations = result.get("locations") or [{}]
        fqn = ((locations[0].get("logicalLocations") or [{}])[0]).get("fullyQualifiedName")
        key = (str(result.get("ruleId")), str(printed))
        if printed and key in seen and seen[key] != fqn:
            out.append(f"{where}/results/{i}: fingerprint {printed} shared by {seen[key]!r} and {fqn!r}")
        seen.setdefault(key, fqn)
    return out


def category(run: Any) -> str | None:
    """The code-scanning category of a run: ``automationDetails.id`` up to its last ``/`` (GH)."""
    ident = (run.get("automationDetails") or {}).get("id") if isinstance(run, dict) else None
    if not isinstance(ident, str) or "/" not in ident:
        return None
    return ident.rsplit("/", 1)[0]


def check_github_rules(doc: Any) -> list[str]:
    """Every GitHub processing rule (and cloudscan's own SARIF contract) that ``doc`` breaks."""
    if not isinstance(doc, dict):
        return ["document is not a JSON object"]
    out: list[str] = []
    if not doc.get("$schema"):
        out.append("$schema is required (GH)")
    if doc.get("version") != "2.1.0":
        out.append(f"version {doc.get('version')!r}: GitHub supports only 2.1.0 (GH)")
    runs = doc.get("runs")
    if not isinstance(runs, list) or not runs:
        return [*out, "runs[] must hold at least one run (GH)"]
    if len(runs) > MAX_RUNS:
        out.append(f"{len(runs)} runs, GitHub rejects more than 20 per file (GH)")
    categories = [category(run) for run in runs]
    if any(c is None for c in categories):
        out.append("every run needs automationDetails.id with a category (DESIGN)")
    repeated = [c for c, n in Counter(categories).items() if n > 1 and c is not None]
    if repeated:
        out.append(f"runs share a category, GitHub rejects the upload: {repeated} (GH)")
    for i, run in enumerate(runs):
        out += _check_run(run, f"/runs/{i}")
    return out
