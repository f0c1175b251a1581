"""A fresh clone runs on its own: nothing in the repository reaches above the repository root.

The development machines have sibling folders beside the checkout (design notes, a reference copy
of the SARIF schema); a user's clone does not. A test that quietly read one of them would pass in
CI and fail for every user, so every reference to a path is checked statically here:

- ``Path(__file__)`` followed by more ``.parent`` steps (or a ``parents[N]`` index) than the file
  is deep inside the repository;
- a relative path that climbs (``../x``) where it is opened or joined in Python, or anywhere in a
  shell script, except a script climbing back to the root itself (``.ci/run`` does
  ``cd "$(dirname "$0")/.."``); Terraform module sources in test data (``../../modules/net``)
  are scanned input inside a temporary folder, not files the repository reads;
- a name of the known sibling folders (``shared/``) used as a path.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("scanner", "tests", "benchmarks", ".ci")
SUFFIXES = {".py", ".sh", ".toml", ".cfg", ".ini", ""}

_FILE_CHAIN = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?(\.parents\[(\d+)\]|(?:\.parent)+)")
_SHELL_CLIMB = re.compile(r"""/(?:\.\./)*\.\./[A-Za-z_.]""")
_PYTHON_CLIMB = re.compile(r"""(?:open|Path|join|chdir|cwd=)\(?[^)\n]*["'](?:[^"'\n]*/)?\.\./""")
# The sibling folder's name, assembled so that this file's own cases are not themselves a reference.
SIBLING = "sha" + "red"
_SIBLING = re.compile(r"""["'/]shared["'/]|"shared"\s*/|\.\./shared""")


def _files() -> list[Path]:
    found = []
    for top in CHECKED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                if path == Path(__file__).resolve():
                    continue  # the checker itself spells out the patterns it looks for
                found.append(path)
    return found


def problems_in(path: Path, text: str) -> list[str]:
    """Every place in one file that would resolve outside the repository root."""
    depth = len(path.relative_to(ROOT).parts)  # tests/x.py: two steps up from the file is above root
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in _FILE_CHAIN.finditer(line):
            steps = int(match.group(2)) + 1 if match.group(2) else match.group(1).count(".parent")
            if steps > depth:
                out.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)} leaves the repository")
        climb = _PYTHON_CLIMB if path.suffix == ".py" else _SHELL_CLIMB
        if climb.search(line):
            out.append(f"{path.relative_to(ROOT)}:{number}: relative path climbs out: {line.strip()}")
        if _SIBLING.search(line):
            out.append(f"{path.relative_to(ROOT)}:{number}: refers to a sibling folder: {line.strip()}")
    return out


def test_nothing_refers_to_a_path_above_the_repository_root() -> None:
    found = []
    for path in _files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += problems_in(path, text)
    assert found == []


@pytest.mark.parametrize(
    ("relative", "line"),
    [
        ("tests/x.py", f'SCHEMA = Path(__file__).resolve().parent.parent.parent / "{SIBLING}" / "s.json"'),
        ("tests/x.py", 'SCHEMA = Path(__file__).resolve().parents[2] / "s.json"'),
        ("benchmarks/x.py", f'open("../{SIBLING}/schemas/sarif-schema-2.1.0.json")'),
        ("benchmarks/x.py", 'schema = Path("../schemas/sarif.json")'),
        (".ci/run", f'cp "$(dirname "$0")/../../{SIBLING}/x" .'),
    ],
)
def test_the_check_catches_each_way_out(relative: str, line: str) -> None:
    assert problems_in(ROOT / relative, line)


@pytest.mark.parametrize(
    ("relative", "line"),
    [
        ("tests/x.py", 'ROOT = Path(__file__).resolve().parent.parent / "policies"'),
        ("tests/x.py", 'DOC = Path(__file__).resolve().parents[1] / "docs" / "gcp.md"'),
        (".ci/run", 'cd "$(dirname "$0")/.."'),
        ("scanner/reporters/sarif.py", 'if normal.startswith("../"):'),
        ("tests/test_terraform_core.py", 'module "net" {\\n  source  = "../../modules/net"\\n}'),
    ],
)
def test_the_check_allows_paths_inside_the_repository(relative: str, line: str) -> None:
    assert problems_in(ROOT / relative, line) == []


def test_the_sarif_schema_is_committed_with_its_origin() -> None:
    schema = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
    assert schema.is_file()
    assert "oasis-tcs/sarif-spec" in (ROOT / "tests" / "data" / "README.md").read_text(encoding="utf-8")
