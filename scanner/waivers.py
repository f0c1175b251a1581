"""Waivers: accepted risks that stay visible as suppressed findings, with their justification.

A waiver file (``--waivers FILE``)::

    waivers:
      - policy: bucket.public-read          # a policy id, or * for every policy
        resource: "arn:aws:s3:::www-site"   # a resource id; * and ? wildcards allowed
        justification: Static website; reviewed by security in 2026-10.
        expires: 2027-03-31                 # optional: after this date it no longer applies

A waived finding is kept in every report (SARIF ``suppressions``, JSON
``suppressed``) but does not count towards ``--fail-on``. An expired waiver is
ignored, so a forgotten exception comes back as an active finding.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from dataclasses import dataclass
from typing import Any

import msgspec

from scanner.findings import Finding
from scanner.policy.errors import PolicyError
from scanner.policy.yaml_lines import YamlError, line_for, read_yaml_file


@dataclass(frozen=True)
class Waiver:
    policy: str
    resource: str
    justification: str
    expires: dt.date | None = None

    def applies(self, finding: Finding, today: dt.date) -> bool:
        if self.expires is not None and today > self.expires:
            return False
        if self.policy not in ("*", finding.rule_id):
            return False
        return fnmatch.fnmatchcase(finding.resource.id, self.resource)


def _parse(entry: Any, index: int, file: str, lines: dict[Any, int]) -> Waiver:
    path: tuple[str | int, ...] = ("waivers", index)

    def fail(message: str, key: str | None = None) -> PolicyError:
        where = (*path, key) if key else path
        return PolicyError(file, message, line_for(lines, where), where)

    if not isinstance(entry, dict):
        raise fail("a waiver must be a mapping with policy, resource and justification")
    unknown = sorted(set(entry) - {"policy", "resource", "justification", "expires"})
    if unknown:
        raise fail(f"unknown key(s): {', '.join(map(repr, unknown))}", unknown[0])
    for key in ("policy", "resource", "justification"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"'{key}' must be a non-empty string", key if key in entry else None)
    expires = entry.get("expires")
    if isinstance(expires, dt.datetime) or (expires is not None and not isinstance(expires, dt.date)):
        raise fail("'expires' must be a date (YYYY-MM-DD)", "expires")
    return Waiver(entry["policy"], entry["resource"], entry["justification"].strip(), expires)


def load_waivers(path: str | os.PathLike[str]) -> list[Waiver]:
    file = str(path)
    try:
        data, lines = read_yaml_file(path, "waiver file")
    except YamlError as exc:
        raise PolicyError(file, str(exc), exc.line) from None
    if not isinstance(data, dict) or not isinstance(data.get("waivers"), list):
        raise PolicyError(file, "a waiver file is a mapping with a 'waivers' list", line_for(lines, ()))
    # Aliases can repeat one waiver many times within the expansion limit: read each
    # shared entry once, and keep each distinct waiver once, in order, since every
    # finding is matched against the list.
    parsed: dict[int, Waiver] = {}
    for index, entry in enumerate(data["waivers"]):
        if id(entry) not in parsed:
            parsed[id(entry)] = _parse(entry, index, file, lines)
    return list(dict.fromkeys(parsed.values()))


def apply_waivers(findings: list[Finding], waivers: list[Waiver], today: dt.date) -> list[Finding]:
    """The findings with ``suppressed`` set where the first matching waiver applies."""
    if not waivers:
        return findings
    out = []
    for finding in findings:
        waiver = next((w for w in waivers if w.applies(finding, today)), None)
        out.append(
            finding if waiver is None else msgspec.structs.replace(finding, suppressed=waiver.justification)
        )
    return out
