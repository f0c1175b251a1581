"""A small seeded fuzz test of Terraform input: the exit-code contract holds for mutated input.

The bundled example (``examples/landing-zone-terraform``) and a plan JSON built
from it are mutated with a fixed seed, a bounded number of cases each: bytes
and tokens inserted, slices cut or repeated, escapes and hostile values spliced
into ``.tf`` text; nodes of the plan replaced by values of another type or by
deep nesting. Every case must end with exit code 0, 1, 2 or 3 and no
traceback: never exit 4 (internal error). No timing is asserted.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner.cli import cli
from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.model import has_unknown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "landing-zone-terraform"
SEED = 20261203
CASES = 30

# Fragments that have broken parsers and evaluators before, or could.
HOSTILE = [
    "{",
    "}",
    "[",
    "]",
    '"',
    "${",
    "%{",
    "\\uD800",
    "\\U0011FFFF",
    "\\u12",
    "\n  count = -1\n",
    "\n  count = 1000000000\n",
    '\n  for_each = toset(["a", "b"])\n',
    '\n  from_port = "ssh"\n',
    '\n  ports = ["ssh"]\n',
    '\n  backup_retention_period = "seven"\n',
    "\n  x = " + "[" * 80 + "]" * 80 + "\n",
    "\n  x = " + "-" * 300 + "1\n",
    "\nb {\n" * 70 + "}\n" * 70,
    '\nlocals {\n  z = "${local.z}${local.z}"\n}\n',
    '\nmodule "loop" {\n  source = "./"\n}\n',
    "\x00",
    "\udcff",  # written as the raw byte 0xff (not UTF-8)
    "-" * 20,
    "1e999",
    "9" * 5000,
]


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=True)
    return result.exit_code, result.output


def mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(text) + 1)
        choice = rng.randrange(4)
        if choice == 0:
            text = text[:at] + rng.choice(HOSTILE) + text[at:]
        elif choice == 1:
            end = min(len(text), at + rng.randint(1, 40))
            text = text[:at] + text[end:]
        elif choice == 2:
            end = min(len(text), at + rng.randint(1, 80))
            text = text[:at] + text[at:end] * rng.randint(2, 4) + text[end:]
        else:
            text = text[:at]  # truncated
    return text


def hcl_cases() -> list[tuple[str, int]]:
    files = sorted(p.relative_to(EXAMPLE).as_posix() for p in EXAMPLE.rglob("*.tf"))
    rng = random.Random(SEED)
    return [(rng.choice(files), rng.randrange(2**32)) for _ in range(CASES)]


@pytest.mark.parametrize(("name", "seed"), hcl_cases())
def test_mutated_tf_keeps_the_exit_code_contract(tmp_path: Path, name: str, seed: int) -> None:
    code = tmp_path / "code"
    shutil.copytree(EXAMPLE, code)
    target = code / name
    mutated = mutate_text(target.read_text(encoding="utf-8"), random.Random(seed))
    target.write_bytes(mutated.encode("utf-8", errors="surrogateescape"))
    exit_code, output = run_cli(
        "scan", "--terraform", str(code), "-f", "sarif", "-o", str(tmp_path / "o.sarif")
    )
    assert exit_code in {0, 1, 2, 3}, output
    assert "Traceback" not in output


def _json_value(value: Any) -> Any:
    if has_unknown(value) and not isinstance(value, list | dict):
        return None
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


def example_plan() -> dict[str, Any]:
    """A plan in ``terraform show -json`` shape built from the bundled example's resources."""
    loaded = load_directory(EXAMPLE)
    resources = [
        {
            "address": res.address,
            "mode": "managed",
            "type": res.type,
            "name": res.name,
            "values": _json_value(res.values),
        }
        for res in loaded.resources
        if not res.module
    ]
    return {
        "format_version": "1.2",
        "terraform_version": "1.7.0",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": [{"address": r["address"], "change": {"after_unknown": {}}} for r in resources],
    }


REPLACEMENTS: list[Any] = [None, "x", "\ud800", 7, -1, 1.5, True, [], {}, ["ssh"], {"a": "b"}, "9" * 50]


def nodes(doc: Any) -> list[tuple[Any, ...]]:
    """The path of every node of ``doc``, parents before children."""
    out: list[tuple[Any, ...]] = []
    pending: list[tuple[Any, tuple[Any, ...]]] = [(doc, ())]
    while pending:
        node, path = pending.pop()
        out.append(path)
        if isinstance(node, dict):
            pending.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, list):
            pending.extend((value, (*path, index)) for index, value in enumerate(node))
    return out


def replace(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return doc


def mutate_plan(plan: dict[str, Any], rng: random.Random) -> str:
    doc = json.loads(json.dumps(plan))
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(nodes(doc)[1:])
        kind = rng.randrange(4)
        if kind == 0:
            doc = replace(doc, path, rng.choice(REPLACEMENTS))
        elif kind == 1:
            doc = replace(doc, path, f"__DEEP_{rng.choice([50, 200, 2000])}__")
        elif kind == 2 and isinstance(path[-1], str):
            parent = doc
            for part in path[:-1]:
                parent = parent[part]
            parent.pop(path[-1])
        else:
            doc = replace(doc, path, {"nested": [rng.choice(REPLACEMENTS)]})
    text = json.dumps(doc)
    for depth in (50, 200, 2000):  # nesting spliced in as text, so the test itself never recurses on it
        text = text.replace(f'"__DEEP_{depth}__"', "[" * depth + "1" + "]" * depth)
    if rng.random() < 0.2:
        text = mutate_text(text, rng)
    return text


def plan_cases() -> list[int]:
    rng = random.Random(SEED + 1)
    return [rng.randrange(2**32) for _ in range(CASES)]


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return example_plan()


@pytest.mark.parametrize("seed", plan_cases())
def test_mutated_plan_keeps_the_exit_code_contract(tmp_path: Path, plan: dict[str, Any], seed: int) -> None:
    path = tmp_path / "plan.json"
    path.write_text(mutate_plan(plan, random.Random(seed)), encoding="utf-8", errors="surrogatepass")
    exit_code, output = run_cli(
        "scan", "--terraform", str(path), "-f", "sarif", "-o", str(tmp_path / "o.sarif")
    )
    assert exit_code in {0, 1, 2, 3}, output
    assert "Traceback" not in output


def test_the_unmutated_plan_is_scanned(tmp_path: Path, plan: dict[str, Any]) -> None:
    """The fuzz base is a real plan: without mutation it scans cleanly and finds something."""
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    exit_code, output = run_cli("scan", "--terraform", str(path), "-f", "json", "--fail-on", "none")
    assert exit_code == 0, output
    assert json.loads(output)["summary"]["findings"] > 0
