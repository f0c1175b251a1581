"""The optional config file: per-provider settings such as service endpoints.

Format (YAML)::

    gcp:
      endpoints: {compute: "https://compute.private.example", storage: "..."}
    alibaba:
      endpoints: {ecs: "ecs-vpc.cn-hangzhou.aliyuncs.com", oss: "..."}

Each provider documents the keys it reads; unknown providers are an error so a
typo does not silently fall back to public endpoints.
"""

from __future__ import annotations

import os
from typing import Any

from scanner.inventory.model import PROVIDERS
from scanner.policy.yaml_lines import YamlError, line_for, read_yaml_file


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file."""


def load_config(path: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    if path is None:
        return {}
    try:
        data, lines = read_yaml_file(path, "config file")
    except YamlError as exc:
        where = f":{exc.line}" if exc.line else ""
        raise ConfigError(f"{path}{where}: {exc}") from None
    if data is None:
        return {}

    def at(*doc_path: str) -> str:
        line = line_for(lines, doc_path)
        return f"{path}:{line}" if line else str(path)

    if not isinstance(data, dict):
        raise ConfigError(f"{at()}: the config file must be a mapping of provider names")
    for key, value in data.items():
        if key not in PROVIDERS:
            raise ConfigError(f"{at(key)}: unknown provider {key!r} (expected one of {', '.join(PROVIDERS)})")
        if not isinstance(value, dict):
            raise ConfigError(f"{at(key)}: {key}: expected a mapping")
    return data
