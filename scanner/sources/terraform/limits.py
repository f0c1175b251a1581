"""The limits that keep hostile Terraform input from exhausting the stack, memory or time.

Terraform code and plans come from pull requests, so they are untrusted input.
Every limit here is far above what real configurations need (the largest
public modules nest blocks a dozen levels deep and expand a few thousand
instances) and is documented in ``docs/terraform.md`` ("Limits"). Going over a
limit never stops the scan: the file, value or resource concerned becomes a
source error naming the file and line (the scan is then partial, exit code 3),
or, for plan/state JSON that cannot be read at all, one input error (exit 2).
"""

from __future__ import annotations

from typing import Any, Final

MAX_HCL_NESTING: Final = 64
"""Blocks inside blocks, and expressions inside expressions (``[[[...]]]``, calls in calls), in one file."""

MAX_JSON_NESTING: Final = 128
"""Objects and arrays inside each other in a plan/state JSON document, counted from the top."""

MAX_EVALUATION_DEPTH: Final = 100
"""Expressions being evaluated inside each other, across locals, outputs and module arguments."""

MAX_VALUE_DEPTH: Final = 150
"""Nesting of one evaluated HCL value (lists and maps inside each other)."""

MAX_VALUE_SIZE: Final = 1_000_000
"""Size of one evaluated HCL value: characters of its strings plus elements of its lists and maps."""

MAX_EVALUATION_STEPS: Final = 10_000_000
"""Expressions evaluated in one scanned path, all modules and instances together."""

MAX_INSTANCES_PER_RESOURCE: Final = 10_000
"""Instances one ``count``/``for_each`` (or ``dynamic`` block) may expand to."""

MAX_INSTANCES_PER_SCAN: Final = 100_000
"""Resource instances expanded from the HCL of one scanned path."""

MAX_MODULE_INSTANCES: Final = 1_000
"""Module instances (local module calls followed) in one scanned path."""


def measure(
    value: Any, max_size: int = MAX_VALUE_SIZE, max_depth: int = MAX_VALUE_DEPTH
) -> tuple[str | None, int]:
    """Why ``value`` is over a limit (``"size"`` / ``"depth"``, ``None`` when within both) and its size.

    Iterative and stops as soon as a limit is passed, so it costs at most
    ``max_size`` steps (the size returned) even on a value whose lists share elements (a value built by
    doubling a list 40 times is small in memory but huge as a tree).
    """
    size = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            size += len(item)
        elif isinstance(item, list | tuple | dict):
            if depth >= max_depth:
                return "depth", size
            size += len(item)
            children = item.values() if isinstance(item, dict) else item
            if size <= max_size:
                pending.extend((child, depth + 1) for child in children)
        else:
            size += 1
        if size > max_size:
            return "size", size
    return None, size
