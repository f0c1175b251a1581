"""Waivers: accepted risks that stay visible as suppressed findings, with their justification.

A waiver file (``--waivers FILE``)::

    waivers:
      - policy: bucket.public-read          # a policy id or glob ("*": every policy)
        provider: gcp                       # alibaba | gcp | aws
        account: "acme-*"                   # account / project id; * and ? wildcards
        region: "us-*"
        resource: "arn:aws:s3:::www-site"   # a resource id; * and ? wildcards
        tags: {env: dev}                    # resource tags / labels, every one must match (values: globs)
        justification: Static website; reviewed by security in 2026-10.
        expires: 2027-03-31                 # optional: after this date it no longer applies

A waiver gives at least one of the selectors (policy, provider, account,
region, resource, tags) and a justification; a finding is waived when every
selector it gives matches. A waived finding is kept in every report (SARIF
``suppressions``, JSON ``suppressed``) but does not count towards ``--fail-on``.

Every waiver says what it did (:class:`scanner.findings.WaiverOutcome`), because a
waiver that quietly does nothing is how exceptions rot: ``applied`` with the
number of findings, ``expired`` (the findings it would waive are active again:
a warning, and a failure with ``--fail-on-expired-waivers``), or ``stale`` (it
matched nothing: the resource was fixed, renamed or never existed). A policy id
that names no loaded policy is an input error with the closest id.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from scanner.findings import Finding, WaiverOutcome
from scanner.inventory.model import PROVIDERS
from scanner.policy.errors import PolicyError
from scanner.policy.frameworks import suggest
from scanner.policy.yaml_lines import YamlError, line_for, read_yaml_file

SELECTORS = ("policy", "provider", "account", "region", "resource", "tags")
KEYS = (*SELECTORS, "justification", "expires")
TagsOf = Callable[[str], Mapping[str, str]]


def _glob(value: str) -> bool:
    return any(c in value for c in "*?[")


@dataclass(frozen=True)
class Waiver:
    justification: str
    policy: str | None = None
    provider: str | None = None
    account: str | None = None
    region: str | None = None
    resource: str | None = None
    tags: tuple[tuple[str, str], ...] = ()
    expires: dt.date | None = None
    file: str | None = field(default=None, compare=False)
    line: int | None = field(default=None, compare=False)

    def matches(self, finding: Finding, tags_of: TagsOf) -> bool:
        """Every selector this waiver gives matches ``finding`` (expiry is not considered here)."""
        ref = finding.resource
        for wanted, actual in (
            (self.policy, finding.rule_id),
            (self.provider, ref.provider),
            (self.account, ref.account),
            (self.region, ref.region),
            (self.resource, ref.id),
        ):
            if wanted is not None and not fnmatch.fnmatchcase(actual, wanted):
                return False
        if self.tags:
            have = tags_of(ref.id)
            return all(key in have and fnmatch.fnmatchcase(have[key], value) for key, value in self.tags)
        return True

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and today > self.expires

    def describe(self) -> str:
        """The selectors as ``policy=... resource=...``, for messages and reports."""
        parts = [f"{key}={getattr(self, key)}" for key in SELECTORS[:-1] if getattr(self, key) is not None]
        parts += [f"tag {key}={value}" for key, value in self.tags]
        return " ".join(parts)


def _parse(entry: Any, index: int, file: str, lines: dict[Any, int]) -> Waiver:
    path: tuple[str | int, ...] = ("waivers", index)

    def fail(message: str, key: str | None = None) -> PolicyError:
        where = (*path, key) if key else path
        return PolicyError(file, message, line_for(lines, where), where)

    if not isinstance(entry, dict):
        raise fail("a waiver must be a mapping with a justification and what it waives")
    unknown = sorted(set(entry) - set(KEYS))
    if unknown:
        raise fail(f"unknown key(s): {', '.join(map(repr, unknown))}" + suggest(unknown[0], KEYS), unknown[0])
    value = entry.get("justification")
    if not isinstance(value, str) or not value.strip():
        raise fail(
            "'justification' must be a non-empty string",
            "justification" if "justification" in entry else None,
        )
    if not any(key in entry for key in SELECTORS):
        raise fail(f"a waiver must say what it waives: give at least one of {', '.join(SELECTORS)}")
    for key in SELECTORS[:-1]:
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise fail(f"'{key}' must be a non-empty string", key)
    provider = entry.get("provider")
    if provider is not None and provider not in PROVIDERS:
        raise fail(
            f"unknown provider {provider!r}"
            + suggest(provider, PROVIDERS)
            + f"; one of {', '.join(PROVIDERS)}",
            "provider",
        )
    tags = entry.get("tags", {})
    if (
        not isinstance(tags, dict)
        or ("tags" in entry and not tags)
        or not all(isinstance(v, str | int | bool) for v in tags.values())
    ):
        raise fail("'tags' must be a mapping of tag (or label) names to values", "tags")
    expires = entry.get("expires")
    if isinstance(expires, dt.datetime) or (expires is not None and not isinstance(expires, dt.date)):
        raise fail("'expires' must be a date (YYYY-MM-DD)", "expires")
    return Waiver(
        justification=value.strip(),
        policy=entry.get("policy"),
        provider=provider,
        account=entry.get("account"),
        region=entry.get("region"),
        resource=entry.get("resource"),
        tags=tuple(
            sorted((str(k), str(v).lower() if isinstance(v, bool) else str(v)) for k, v in tags.items())
        ),
        expires=expires,
        file=file,
        line=line_for(lines, path),
    )


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


def check_policies(waivers: Iterable[Waiver], policy_ids: Iterable[str]) -> None:
    """A waiver naming a policy id that no loaded policy has is an error, with the closest id."""
    known = sorted(policy_ids)
    for waiver in waivers:
        if waiver.policy is None:
            continue
        if _glob(waiver.policy):
            if not any(fnmatch.fnmatchcase(i, waiver.policy) for i in known):
                raise PolicyError(
                    waiver.file or "waivers", f"policy {waiver.policy!r} matches no policy", waiver.line
                )
        elif waiver.policy not in known:
            raise PolicyError(
                waiver.file or "waivers",
                f"unknown policy {waiver.policy!r}" + suggest(waiver.policy, known),
                waiver.line,
            )


def _no_tags(_resource_id: str) -> Mapping[str, str]:
    return {}


def apply_waivers(
    findings: list[Finding], waivers: list[Waiver], today: dt.date, tags_of: TagsOf = _no_tags
) -> tuple[list[Finding], list[WaiverOutcome]]:
    """The findings with ``suppressed`` set by the first live waiver that matches, and each waiver's outcome.

    An expired waiver never applies; it still counts the findings it would have
    waived, so its warning can say how many came back.
    """
    if not waivers:
        return findings, []
    counts = [0] * len(waivers)
    out = []
    for finding in findings:
        chosen = None
        for index, waiver in enumerate(waivers):
            if not waiver.matches(finding, tags_of):
                continue
            if waiver.expired(today):
                counts[index] += 1
                continue
            counts[index] += 1
            chosen = waiver
            break
        out.append(
            finding if chosen is None else msgspec.structs.replace(finding, suppressed=chosen.justification)
        )
    outcomes = []
    for waiver, count in zip(waivers, counts, strict=True):
        status = "expired" if waiver.expired(today) else "applied" if count else "stale"
        outcomes.append(
            WaiverOutcome(
                status=status,
                selector=waiver.describe(),
                justification=waiver.justification,
                count=count,
                expires=waiver.expires.isoformat() if waiver.expires else None,
                file=waiver.file,
                line=waiver.line,
            )
        )
    return out, outcomes
