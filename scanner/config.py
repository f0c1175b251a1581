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
from pathlib import Path
from typing import Any

import yaml

from scanner.inventory.model import PROVIDERS


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file."""


def load_config(path: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    if path is None:
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config file must be a mapping of provider names")
    for key, value in data.items():
        if key not in PROVIDERS:
            raise ConfigError(f"{path}: unknown provider {key!r} (expected one of {', '.join(PROVIDERS)})")
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: {key}: expected a mapping")
    return data
