"""What the ``google_*`` translators share: the project and region a resource falls back to from the
provider block.
"""

from __future__ import annotations

from typing import Any

from scanner.sources.terraform.model import TfResource
from scanner.sources.terraform.translate.common import (
    value,
)
from scanner.sources.terraform.translate.context import TfContext


def account_of(res: TfResource, ctx: TfContext) -> Any:
    return value(res, "project", ctx.providers.get("google", "project"))


def region_of(res: TfResource, ctx: TfContext, key: str = "region") -> Any:
    return value(res, key, ctx.providers.get("google", "region"))
