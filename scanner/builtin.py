"""Where the built-in policy pack lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_policy_dir() -> Path:
    """The built-in ``policies/`` directory.

    A wheel carries it inside the package (``scanner/_builtin/policies``); a
    source checkout or editable install reads the top-level ``policies/`` so that
    edits take effect without reinstalling.
    """
    installed = _PACKAGE / "_builtin" / "policies"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "policies"
