"""Fuzz the CLI with mutated bundled policies and a mutated bundled snapshot.

The contract under test is the exit code, whatever the input: 0, 1, 2 or 3, never
the internal error (4) and never a traceback. Mutations are of two kinds: bytes
(a slice deleted, a hostile token inserted: alias bombs, impossible dates, a
non-UTF-8 byte, deep brackets) and structure (a value anywhere in the document
replaced by random JSON-like data, so well-formed files reach the schema, the
compiler and the engine with the wrong types). Hypothesis runs a fixed number of
derandomized examples with no deadline: the test is repeatable and untimed.
"""

from __future__ import annotations

import json
import tempfile
import traceback
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.cli import cli

ROOT = Path(__file__).parent.parent
POLICY_FILES = sorted(p for p in (ROOT / "policies").rglob("*.yaml") if p.name != "frameworks.yaml")
SNAPSHOT = ROOT / "examples" / "landing-zone" / "inventory.json"
# A few policy folders keep one snapshot example fast while covering every operator family.
SNAPSHOT_POLICIES = [ROOT / "policies" / name for name in ("firewall", "database", "bucket", "iam")]

FUZZ = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

TOKENS = [
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b"\n- ",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!float abc",
    b"!!int 1e5",
    b"!!binary x",
    b"2027-02-30",
    b"2027-13-45",
    b"{[field]: x}",
    b"\t",
    b"\n",
    b"'",
    b'"',
    b"\\",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\\ud800",
    b"[" * 300,
    b'{"a":' * 200,
    b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
    b"op: regex\n",
    b"'^(a+)+$'",
    b"follow: subnet\n",
    b"1e999",
    b"-1",
    b"null",
    b"9" * 5000,
]

INTERESTING = [
    "0.0.0.0/0",
    "::/0",
    "10.0.0.0/8",
    "22",
    "0-65535",
    "tcp",
    "all",
    "ingress",
    "allow",
    "*",
    "gcp",
    "aws",
    "alibaba",
    "subnet",
    "firewall_rule",
    "bucket",
    "eq",
    "regex",
    "cidr_is_internet",
    "@",
    "native.x.__class__",
    "{native.__class__}",
    "(a+)+$",
    "a" * 40,
    "\x1b[2J",
]
KEYS = [
    *("field", "op", "value", "all", "any", "not", "some", "where", "follow", "every", "none"),
    *("kind", "id", "provider", "native", "relations", "related", "unknown", "name", "region"),
]

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(INTERESTING)
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=10,
)


def mutate_bytes(data: st.DataObject, raw: bytes) -> bytes:
    for _ in range(data.draw(st.integers(1, 3), label="byte mutations")):
        at = data.draw(st.integers(0, len(raw)), label="at")
        how = data.draw(st.sampled_from(["insert", "delete", "truncate", "duplicate"]), label="how")
        if how == "insert":
            raw = raw[:at] + data.draw(st.sampled_from(TOKENS), label="token") + raw[at:]
        elif how == "delete":
            raw = raw[:at] + raw[at + data.draw(st.integers(1, 40), label="length") :]
        elif how == "truncate":
            raw = raw[:at]
        else:
            end = at + data.draw(st.integers(1, 80), label="length")
            raw = raw[:end] + raw[at:end] + raw[end:]
    return raw


def replace_somewhere(data: st.DataObject, document: Any, descend: int) -> Any:
    """``document`` with one value replaced by random data; the walk goes at least ``descend`` deep."""
    stop = descend <= 0 and data.draw(st.booleans(), label="stop")
    if not isinstance(document, dict | list) or not document or stop:
        return data.draw(VALUES, label="value")
    if isinstance(document, dict):
        if data.draw(st.integers(0, 5), label="add a key") == 0:
            return {**document, data.draw(st.sampled_from(KEYS), label="new key"): data.draw(VALUES)}
        key = data.draw(st.sampled_from(sorted(document, key=str)), label="key")
        return {**document, key: replace_somewhere(data, document[key], descend - 1)}
    index = data.draw(st.integers(0, len(document) - 1), label="index")
    return [*document[:index], replace_somewhere(data, document[index], descend - 1), *document[index + 1 :]]


def mutated(data: st.DataObject, raw: bytes, load: Any, dump: Any, descend: int) -> bytes:
    if data.draw(st.booleans(), label="structural"):
        try:
            return dump(replace_somewhere(data, load(raw), data.draw(st.integers(1, descend))))
        except (ValueError, TypeError, yaml.YAMLError):
            pass  # a value the format cannot write: mutate the bytes instead
    return mutate_bytes(data, raw)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def assert_contract(result: Result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"crashed (exit 4 for a user):\n{trace}")
    assert result.exit_code in (0, 1, 2, 3), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1, result.output


def _dump_yaml(document: Any) -> bytes:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")


def _dump_json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@FUZZ
@given(st.data())
def test_mutated_policies_keep_the_exit_code_contract(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(POLICY_FILES), label="policy")
    raw = mutated(data, source.read_bytes(), yaml.safe_load, _dump_yaml, descend=4)
    with tempfile.TemporaryDirectory() as tmp:
        policy = Path(tmp) / "policy.yaml"
        policy.write_bytes(raw)
        assert_contract(invoke("policy", "validate", str(policy)))
        assert_contract(invoke("policy", "test", str(policy)))
        assert_contract(invoke("scan", "-i", str(SNAPSHOT), "-p", str(policy), "-f", "json"))


@FUZZ
@given(st.data())
def test_a_mutated_snapshot_keeps_the_exit_code_contract(data: st.DataObject) -> None:
    raw = mutated(data, SNAPSHOT.read_bytes(), json.loads, _dump_json, descend=5)
    policies = [arg for path in SNAPSHOT_POLICIES for arg in ("-p", str(path))]
    fmt = data.draw(st.sampled_from(["json", "sarif", "table"]), label="format")
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / "inventory.json"
        snapshot.write_bytes(raw)
        assert_contract(invoke("scan", "-i", str(snapshot), *policies, "-f", fmt))
