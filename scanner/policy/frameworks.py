"""The compliance frameworks policies may cite: ``policies/frameworks.yaml``, read once.

Policies name sections of these frameworks in their ``frameworks`` mapping; the
loader checks each key and section id against this file, so a typo such as
``cis-gcp-9.9`` or section ``3.66`` is an error instead of a mapping that no
compliance report can ever show. A framework with a ``sections`` list is
measured against it (``cloudscan policy coverage``, ``scan --compliance``); one
without (its full list was not read from a public source) accepts any section id.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from scanner.builtin import builtin_policy_dir
from scanner.inventory.model import PROVIDERS
from scanner.policy.errors import PolicyError
from scanner.policy.yaml_lines import YamlError, read_yaml_file

FRAMEWORKS_FILE = "frameworks.yaml"
ASSESSMENTS = ("automated", "manual")


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    assessment: str  # automated | manual, as the benchmark marks it


@dataclass(frozen=True)
class Framework:
    key: str
    title: str
    version: str
    url: str
    sections: tuple[Section, ...]

    @property
    def provider(self) -> str | None:
        """The cloud a benchmark judges, named in its key (``cis-gcp-3.0`` -> ``gcp``), or ``None``.

        A CIS GCP section says nothing about an Alibaba bucket, so the compliance view
        of a framework reads only the resources of its cloud.
        """
        words = self.key.split("-")
        return next((p for p in PROVIDERS if p in words), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def suggest(name: str, options: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options``, or nothing."""
    close = difflib.get_close_matches(name, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read(path: Path) -> dict[str, Framework]:
    file = str(path)
    try:
        data, _lines = read_yaml_file(path, "frameworks file")
    except YamlError as exc:
        raise PolicyError(file, str(exc), exc.line) from None
    if not isinstance(data, dict):
        raise PolicyError(file, "the frameworks file is a mapping of framework keys", 1)
    out: dict[str, Framework] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict):
            raise PolicyError(file, f"{key}: expected a mapping", None)
        sections = []
        for item in entry.get("sections") or ():
            if not isinstance(item, dict) or item.get("assessment") not in ASSESSMENTS:
                raise PolicyError(file, f"{key}: a section needs id, title and assessment", None)
            sections.append(Section(str(item["id"]), str(item.get("title", "")), item["assessment"]))
        out[key] = Framework(
            key,
            str(entry.get("title", key)),
            str(entry.get("version", "")),
            str(entry.get("url", "")),
            tuple(sections),
        )
    return out


@cache
def builtin_frameworks() -> dict[str, Framework]:
    """The frameworks of the built-in pack (the file is part of the package, read once)."""
    return _read(builtin_policy_dir() / FRAMEWORKS_FILE)


def frameworks_for(paths: Iterable[str | os.PathLike[str]]) -> dict[str, Framework]:
    """The built-in frameworks plus those a ``frameworks.yaml`` at the top of a policy directory adds.

    Teams map their own policies to internal standards: such a file declares them
    (same format; without ``sections`` any section id is accepted). It can add
    frameworks, not redefine the built-in ones.
    """
    known = dict(builtin_frameworks())
    builtin = builtin_policy_dir().resolve()
    for path in paths:
        root = Path(path)
        file = root / FRAMEWORKS_FILE
        if root.is_dir() and root.resolve() != builtin and file.is_file():
            for key, framework in _read(file).items():
                known.setdefault(key, framework)
    return known


def check_mapping(
    frameworks: dict[str, list[str]], known: Mapping[str, Framework] | None = None
) -> tuple[tuple[str, ...], str] | None:
    """The first unknown framework key or section id of a policy's ``frameworks``, as (path, problem)."""
    known = builtin_frameworks() if known is None else known
    for key, ids in frameworks.items():
        framework = known.get(key)
        if framework is None:
            return (key,), f"unknown framework {key!r}" + suggest(key, sorted(known)) + (
                f"; known: {', '.join(sorted(known))}"
            )
        if not framework.sections:
            continue
        listed = [s.id for s in framework.sections]
        for index, section in enumerate(ids):
            if section not in listed:
                return (key, index), (f"{key} has no section {section!r}" + suggest(section, listed))
    return None
