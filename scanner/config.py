"""The config file: scan defaults and per-provider settings such as service endpoints.

Found as ``.cloudscan.yaml`` in the working directory, else at the root of its git
repository, or named with ``--config FILE``. Format (YAML)::

    scan:                       # defaults for `cloudscan scan`; a flag given on the command line wins
      provider: [gcp]
      project: [my-project]
      policies: [builtin, policies/]
      skip-check: [iam.primitive-role-binding]
      param: [disk-snapshot.older-than-90-days.max_age_days=30]
      fail-on: high
      output: [reports/cloudscan.sarif]
      waivers: waivers.yaml
    gcp:
      endpoints: {compute: "https://compute.private.example", storage: "..."}
    alibaba:
      endpoints: {ecs: "ecs-vpc.cn-hangzhou.aliyuncs.com", oss: "..."}
      resource_directory: true  # every member account (or scan: resource-directory: true)
      member_role: CloudscanReader

The ``scan`` section is validated against :data:`SCAN_SCHEMA` (a JSON Schema):
an unknown key or a value of the wrong type is an error naming the file, the
line and the closest key. Paths in it are relative to the config file's
directory, so a file at the git root works from any subdirectory. Each provider
documents the keys it reads; unknown providers are an error so a typo does not
silently fall back to public endpoints.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from scanner.inventory.model import PROVIDERS
from scanner.policy.yaml_lines import YamlError, line_for, read_yaml_file

CONFIG_NAME = ".cloudscan.yaml"
SCAN_SECTION = "scan"

_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}
_SEVERITY = ["critical", "high", "medium", "low", "info"]
# key in the file -> (JSON Schema, the scan parameter it sets, whether it names paths)
SCAN_KEYS: dict[str, tuple[dict[str, Any], str, bool]] = {
    "provider": ({"type": "array", "items": {"enum": list(PROVIDERS)}}, "providers", False),
    "project": (_LIST, "accounts", False),
    "folder": (_LIST, "folders", False),
    "organization": (_LIST, "organizations", False),
    "region": (_LIST, "regions", False),
    "resource-directory": ({"type": "boolean"}, "resource_directory", False),
    "member-role": ({"type": "string", "minLength": 1}, "member_role", False),
    "max-workers": ({"type": "integer", "minimum": 1, "maximum": 256}, "max_workers", False),
    "inventory": (_LIST, "inventories", True),
    "terraform": (_LIST, "terraform_paths", True),
    "policies": (_LIST, "policy_paths", True),
    "check": (_LIST, "checks", False),
    "skip-check": (_LIST, "skip_checks", False),
    "severity": ({"type": "array", "items": {"enum": _SEVERITY}}, "severities", False),
    "framework": (_LIST, "frameworks", False),
    "param": (_LIST, "params", False),
    "compliance": (_LIST, "compliance", False),
    "format": (_LIST, "formats", False),
    "output": (_LIST, "outputs", True),
    "fail-on": ({"enum": [*_SEVERITY, "none"]}, "fail_on", False),
    "fail-on-new": ({"type": "boolean"}, "fail_on_new", False),
    "fail-on-expired-waivers": ({"type": "boolean"}, "fail_on_expired_waivers", False),
    "waivers": ({"type": "string", "minLength": 1}, "waivers_path", True),
    "baseline": ({"type": "string", "minLength": 1}, "baseline_path", True),
    "sarif-suppressed": ({"enum": ["include", "omit"]}, "sarif_suppressed", False),
    "hide-waived": ({"type": "boolean"}, "hide_waived", False),
    "no-color": ({"type": "boolean"}, "no_color", False),
    "quiet": ({"type": "boolean"}, "quiet", False),
}
SCAN_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "cloudscan config file: scan section",
    "type": "object",
    "additionalProperties": False,
    "properties": {key: schema for key, (schema, _param, _paths) in SCAN_KEYS.items()},
}


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file."""


def _suggest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read(path: str | os.PathLike[str]) -> tuple[Any, dict[Any, int]]:
    try:
        return read_yaml_file(path, "config file")
    except YamlError as exc:
        where = f":{exc.line}" if exc.line else ""
        raise ConfigError(f"{path}{where}: {exc}") from None


def _check_scan(path: str | os.PathLike[str], section: Any, lines: dict[Any, int]) -> None:
    def at(*doc_path: str | int) -> str:
        line = line_for(lines, (SCAN_SECTION, *doc_path))
        return f"{path}:{line}" if line else str(path)

    if not isinstance(section, dict):
        raise ConfigError(f"{at()}: scan: expected a mapping of scan options")
    for key in section:
        if key not in SCAN_KEYS:
            raise ConfigError(f"{at(key)}: scan: unknown key {key!r}" + _suggest(key, sorted(SCAN_KEYS)))
    for key, value in section.items():
        # A single value where a list is expected is read as a one-item list.
        schema = SCAN_KEYS[key][0]
        candidate = [value] if schema.get("type") == "array" and not isinstance(value, list) else value
        import jsonschema  # noqa: PLC0415 - only when a config file is read, not on every start

        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(candidate), key=lambda e: e.path)
        if errors:
            error = errors[0]
            where = (key, *error.path) if isinstance(value, list) else (key,)
            raise ConfigError(f"{at(*where)}: scan.{key}: {error.message}")


def load_config(path: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    """The per-provider settings of the config file (:func:`scan_defaults` reads its ``scan`` section)."""
    if path is None:
        return {}
    data, lines = _read(path)
    if data is None:
        return {}

    def at(*doc_path: str) -> str:
        line = line_for(lines, doc_path)
        return f"{path}:{line}" if line else str(path)

    if not isinstance(data, dict):
        raise ConfigError(f"{at()}: the config file must be a mapping of provider names")
    for key, value in data.items():
        if key == SCAN_SECTION:
            _check_scan(path, value, lines)
            continue
        if key not in PROVIDERS:
            hint = _suggest(key, [*PROVIDERS, SCAN_SECTION])
            raise ConfigError(
                f"{at(key)}: unknown provider {key!r}{hint} "
                f"(expected {SCAN_SECTION} or one of {', '.join(PROVIDERS)})"
            )
        if not isinstance(value, dict):
            raise ConfigError(f"{at(key)}: {key}: expected a mapping")
    return {key: value for key, value in data.items() if key != SCAN_SECTION}


def scan_defaults(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The ``scan`` section as defaults for the scan command's parameters (validated; paths made absolute)."""
    load_config(path)  # validates the whole file
    data, _lines = _read(path)
    section = (data or {}).get(SCAN_SECTION) or {}
    base = Path(path).resolve().parent
    out: dict[str, Any] = {}
    for key, value in section.items():
        schema, param, is_path = SCAN_KEYS[key]
        if schema.get("type") == "array" and not isinstance(value, list):
            value = [value]
        if is_path:
            if isinstance(value, list):
                value = [v if v == "builtin" else str(base / v) for v in value]
            else:
                value = str(base / value)
        out[param] = value
    out.setdefault("config_path", str(path))
    return out


def find_config(start: Path | None = None) -> Path | None:
    """``.cloudscan.yaml`` in ``start`` (the working directory), else at the root of its git repository."""
    here = (start or Path.cwd()).resolve()
    if (here / CONFIG_NAME).is_file():
        return here / CONFIG_NAME
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            candidate = directory / CONFIG_NAME
            return candidate if candidate.is_file() else None
    return None


STARTER = """\
# cloudscan config file: defaults for `cloudscan scan` (a flag on the command line wins).
# Found as .cloudscan.yaml in the working directory or at the git root, or given with --config FILE.
# Paths are relative to this file. Every key is optional; `cloudscan scan --help` explains each.
scan:
  # provider: [gcp]                 # live clouds to collect: alibaba, gcp, aws
  # project: [my-project]           # GCP projects (also folder:, organization:)
  # region: [us-central1]
  # resource-directory: true        # Alibaba Cloud: every member account of the Resource Directory
  # member-role: CloudscanReader    # the role assumed in each member (AWS and Alibaba Cloud)
  # terraform: [infra/]             # Terraform directories or plan JSON
  # inventory: [snapshot.json]      # saved inventory snapshots
  # policies: [builtin, policies/]  # policy directories; builtin is the built-in pack
  # check: ["bucket.*"]             # run only these policies (ids or globs)
  # skip-check: [iam.primitive-role-binding]
  # severity: [critical, high]
  # param: [disk-snapshot.older-than-90-days.max_age_days=30]  # tune a policy's parameter
  # framework: [cis-gcp-3.0]        # run only policies mapped to it
  # compliance: [cis-gcp-3.0]       # add the per-section compliance view
  fail-on: low                      # critical | high | medium | low | info | none
  # format: [table]
  # output: [reports/cloudscan.sarif, reports/summary.md]
  # waivers: waivers.yaml
  # fail-on-expired-waivers: true
  # baseline: baseline.json
  # sarif-suppressed: include       # include | omit
# gcp:
#   endpoints: {compute: "https://compute.private.example"}
"""
