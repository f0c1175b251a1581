"""Hostile Terraform input through the CLI: a per-file source error (exit 3) or one line (exit 2).

Never a traceback, exit 4, a hang or memory exhaustion; the limits are in
``scanner.sources.terraform.limits`` and documented in docs/terraform.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run, write

OPEN_SSH = """resource "google_compute_firewall" "open" {
  name          = "open"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
}
"""


@pytest.fixture
def code(tmp_path: Path) -> Path:
    """A directory with one good file: a finding the rest of the scan must still produce."""
    root = tmp_path / "infra"
    write(root / "ok.tf", OPEN_SSH)
    return root


def scan_json(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = run("scan", "--terraform", str(path), "-f", "json", "--fail-on", "critical", *extra)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def errors_of(doc: dict[str, Any]) -> list[str]:
    return [e["message"] for e in doc["errors"]]


def still_scanned(doc: dict[str, Any]) -> bool:
    return any(f["resource"]["address"] == "google_compute_firewall.open" for f in doc["findings"])


def one_line_error(path: Path) -> str:
    result = run("scan", "--terraform", str(path), "-f", "json")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


# 1. Nesting


def test_deeply_nested_blocks_are_a_source_error_naming_file_and_line(code: Path) -> None:
    write(code / "deep.tf", 'resource "google_compute_network" "n" {\n' + "b {\n" * 150 + "}\n" * 151)
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == ["deep.tf:65: blocks nested deeper than 64"]
    assert still_scanned(doc)


@pytest.mark.parametrize(
    "expression",
    [
        "[" * 300 + "]" * 300,
        "(" * 300 + "1" + ")" * 300,
        "-" * 300 + "1",
        "lower(" * 300 + '"a"' + ")" * 300,
        "{a = " * 300 + "1" + "}" * 300,
        "true ? " * 300 + "1" + " : 2" * 300,
    ],
)
def test_deeply_nested_expressions_are_a_source_error(code: Path, expression: str) -> None:
    write(code / "deep.tf", "locals {\n  x = " + expression + "\n}\n")
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == ["deep.tf:2: expressions nested deeper than 64"]
    assert still_scanned(doc)


def test_deeply_nested_plan_json_is_one_line(tmp_path: Path) -> None:
    values = "{" + '"x":{' * 1000 + "}" * 1001
    plan = write(
        tmp_path / "plan.json",
        '{"format_version":"1.2","planned_values":{"root_module":{"resources":'
        f'[{{"address":"a.b","type":"a","name":"b","values":{values}}}]}}}}}}',
    )
    assert one_line_error(plan) == "cloudscan: error: plan.json: JSON nested deeper than 128 levels"


def test_plan_json_nested_past_the_limit_names_the_path(tmp_path: Path) -> None:
    values = '{"x":' * 200 + "1" + "}" * 200
    plan = write(
        tmp_path / "plan.json",
        '{"format_version":"1.2","planned_values":{"root_module":{"resources":'
        f'[{{"address":"a.b","type":"a","name":"b","values":{values}}}]}}}}}}',
    )
    line = one_line_error(plan)
    assert line.startswith("cloudscan: error: plan.json: $.planned_values.root_module.resources[0].values.x")
    assert line.endswith("JSON nested deeper than 128 levels")


# 2. Encoding


def test_non_utf8_tf_is_a_source_error_and_the_rest_is_scanned(code: Path) -> None:
    (code / "latin1.tf").write_bytes(b'# caf\xe9\nresource "google_compute_network" "n" {\n  name = "n"\n}\n')
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == ["latin1.tf:1: not UTF-8 text (byte 0xe9)"]
    assert still_scanned(doc)


def test_non_utf8_plan_names_the_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_bytes(b'{"format_version": "1.2",\n "x": "caf\xe9"}')
    assert one_line_error(plan) == "cloudscan: error: plan.json:2: not UTF-8 text"


# 3. Plan / state shapes

BASE = {"format_version": "1.2", "terraform_version": "1.7.0"}
NETWORK = {"type": "google_compute_network", "name": "n", "values": {"name": "n"}}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            {**BASE, "planned_values": {"root_module": "x"}},
            "$.planned_values.root_module: expected an object, found a string",
        ),
        (
            {**BASE, "planned_values": {"root_module": {"resources": [NETWORK]}}},
            "$.planned_values.root_module.resources[0].address: expected a non-empty string, missing",
        ),
        ({**BASE, "planned_values": []}, "$.planned_values: expected an object, found an array"),
        (
            {**BASE, "planned_values": {}, "resource_changes": {"a": 1}},
            "$.resource_changes: expected an array, found an object",
        ),
        (
            {"version": 4, "resources": [{"type": "google_compute_network", "name": "n", "instances": "x"}]},
            "$.resources[0].instances: expected an array, found a string",
        ),
        (
            {"version": 4, "resources": [{**NETWORK, "instances": [{"attributes": ["secret-value"]}]}]},
            "$.resources[0].instances[0].attributes: expected an object, found an array",
        ),
        (
            {**BASE, "values": {"root_module": {"resources": [{**NETWORK, "address": "a.b", "index": 1.5}]}}},
            "$.values.root_module.resources[0].index: expected an integer or a string, found a number",
        ),
        (
            {**BASE, "values": {"root_module": {"child_modules": [7]}}},
            "$.values.root_module.child_modules[0]: expected an object, found a number",
        ),
    ],
)
def test_wrong_shape_is_one_line_naming_file_and_json_path(
    tmp_path: Path, doc: dict[str, Any], message: str
) -> None:
    plan = write(tmp_path / "plan.json", json.dumps(doc))
    line = one_line_error(plan)
    assert line == f"cloudscan: error: plan.json: {message}"
    assert "secret-value" not in line


# 4. Values of the wrong type

WRONG_TYPES = """resource "aws_security_group" "sg" {
  name = "sg"
  ingress {
    from_port   = "hunter2-secret"
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "google_compute_firewall" "fw" {
  name          = "fw"
  network       = "default"
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["ssh"]
  }
}

resource "aws_db_instance" "db" {
  identifier              = "db"
  engine                  = "mysql"
  backup_retention_period = "seven"
}
"""


def test_wrong_typed_values_are_per_resource_errors_without_the_value(code: Path) -> None:
    write(code / "types.tf", WRONG_TYPES)
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    tail = "has a type or format the provider does not accept; the resource was not checked"
    assert errors_of(doc) == [
        f"types.tf:1: aws_security_group.sg: attribute 'ingress.from_port' {tail}",
        f"types.tf:11: google_compute_firewall.fw: attribute 'allow.ports' {tail}",
        f"types.tf:21: aws_db_instance.db: attribute 'backup_retention_period' {tail}",
    ]
    assert {e["code"] for e in doc["errors"]} == {"invalid-value"}
    assert "hunter2" not in json.dumps(doc)
    assert still_scanned(doc)


def test_wrong_typed_plan_value_is_a_per_resource_error(tmp_path: Path) -> None:
    sg = {
        "address": "aws_security_group.sg",
        "mode": "managed",
        "type": "aws_security_group",
        "name": "sg",
        "values": {
            "name": "sg",
            "ingress": [
                {
                    "from_port": "hunter2-secret",
                    "to_port": 22,
                    "protocol": "tcp",
                    "cidr_blocks": ["0.0.0.0/0"],
                }
            ],
        },
    }
    plan = write(
        tmp_path / "plan.json", json.dumps({**BASE, "planned_values": {"root_module": {"resources": [sg]}}})
    )
    exit_code, doc = scan_json(plan)
    assert exit_code == 3
    assert [e["message"].split(": attribute")[0] for e in doc["errors"]] == [
        "plan.json:1: aws_security_group.sg"
    ]
    assert "hunter2" not in json.dumps(doc)


# 5. Lone surrogates


def test_lone_surrogate_escape_in_hcl_is_a_source_error_and_sarif_is_written(
    code: Path, tmp_path: Path
) -> None:
    write(code / "bad.tf", 'resource "google_compute_network" "n" {\n  name = "a\\uD800b"\n}\n')
    write(
        code / "named.tf",
        OPEN_SSH.replace('"open"', '"open2"').replace(
            'name          = "open2"', 'name = "x\\U0001F600\\u00e9"'
        ),
    )
    sarif = tmp_path / "out.sarif"
    result = run("scan", "--terraform", str(code), "-o", str(sarif), "--fail-on", "critical", "--quiet")
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    doc = json.loads(sarif.read_bytes().decode("utf-8"))
    messages = [r["message"]["text"] for run_ in doc["runs"] for r in run_["results"]]
    assert any("x\U0001f600\u00e9" in m for m in messages)
    notes = json.dumps(doc)
    assert "bad.tf:2: invalid escape sequence: U+D800 is not a character" in notes


def test_lone_surrogate_in_plan_json_becomes_replacement_character(tmp_path: Path) -> None:
    bucket = {
        "address": "google_storage_bucket.b",
        "mode": "managed",
        "type": "google_storage_bucket",
        "name": "b",
        "values": {"name": "pub\\ud800lic", "location": "EU", "project": "p"},
    }
    text = json.dumps({**BASE, "planned_values": {"root_module": {"resources": [bucket]}}}).replace(
        "\\\\", "\\"
    )
    plan = write(tmp_path / "plan.json", text)
    sarif = tmp_path / "out.sarif"
    result = run("scan", "--terraform", str(plan), "-o", str(sarif), "--fail-on", "none", "--quiet")
    assert result.exit_code == 0, result.output
    doc = json.loads(sarif.read_bytes().decode("utf-8"))
    assert "pub\ufffdlic" in json.dumps(doc, ensure_ascii=False)


# 6. Module cycles and instantiations


def network(name: str) -> str:
    return f'resource "google_compute_network" "{name}" {{\n  name = "{name}"\n}}\n'


def calls(target: str, count: int) -> str:
    return "".join(f'module "m{i}" {{\n  source = "{target}"\n}}\n' for i in range(count))


def test_module_cycle_without_root_is_scanned_once_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a" / "main.tf", calls("../b", 1) + network("na"))
    write(tmp_path / "b" / "main.tf", calls("../a", 1) + network("nb"))
    exit_code, doc = scan_json(Path())
    assert exit_code == 3
    assert errors_of(doc) == [
        "b/main.tf:1: module.m0.module.m0 (source '../a'): module cycle: a -> b -> a: not followed"
    ]
    assert doc["summary"]["resources_scanned"] == 2


def test_module_cycle_with_several_calls_each_way_stays_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "main.tf", calls("./a", 1))
    write(tmp_path / "a" / "main.tf", calls("../b", 3) + network("na"))
    write(tmp_path / "b" / "main.tf", calls("../a", 3) + network("nb"))
    exit_code, doc = scan_json(Path())
    assert exit_code == 3
    assert len(doc["errors"]) == 3  # one per call site that closes the cycle
    assert all("module cycle: a -> b -> a: not followed" in m for m in errors_of(doc))
    assert doc["summary"]["resources_scanned"] == 4  # a once, b three times


def test_module_instances_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tree of calls without a cycle: 4 calls at each of 6 levels would be 5,460 instances."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "main.tf", calls("./l1", 4))
    for level in range(1, 7):
        write(
            tmp_path / f"l{level}" / "main.tf",
            (calls(f"../l{level + 1}", 4) if level < 6 else "") + network("n"),
        )
    exit_code, doc = scan_json(Path())
    assert exit_code == 3
    assert doc["summary"]["resources_scanned"] == 1_000
    assert any(
        "too many module instances (more than 1,000 in this scan): not followed" in m for m in errors_of(doc)
    )
    assert len(doc["errors"]) <= 4 * 6  # once per call site


# 7. count and for_each


def test_huge_count_is_one_record_and_a_source_error(code: Path) -> None:
    write(
        code / "count.tf",
        'resource "google_compute_network" "big" {\n  count = 1000000000\n  name = "n"\n}\n',
    )
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == [
        "count.tf:1: google_compute_network.big: more than 10,000 instances: "
        "scanned as one resource with unknown instances"
    ]
    assert [e["code"] for e in doc["errors"]] == ["limit"]
    assert doc["summary"]["resources_scanned"] == 2
    assert still_scanned(doc)


def test_huge_for_each_is_one_record_and_a_source_error(code: Path) -> None:
    keys = ", ".join(f'"k{i}"' for i in range(10_001))
    write(
        code / "each.tf",
        f"locals {{\n  keys = [{keys}]\n}}\n"
        'resource "google_compute_network" "many" {\n  for_each = toset(local.keys)\n  name = each.key\n}\n',
    )
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == [
        "each.tf:4: google_compute_network.many: more than 10,000 instances: "
        "scanned as one resource with unknown instances"
    ]


def test_negative_count_is_a_source_error(code: Path) -> None:
    write(code / "neg.tf", 'resource "google_compute_network" "neg" {\n  count = -1\n  name = "n"\n}\n')
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == [
        "neg.tf:1: google_compute_network.neg: count must not be negative: nothing created"
    ]
    assert [e["code"] for e in doc["errors"]] == ["invalid-value"]
    assert still_scanned(doc)


def test_negative_count_on_a_module_call_is_a_source_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "main.tf", 'module "m" {\n  source = "./m"\n  count  = -1\n}\n' + OPEN_SSH)
    write(tmp_path / "m" / "main.tf", network("inner"))
    exit_code, doc = scan_json(Path())
    assert exit_code == 3
    assert errors_of(doc) == ["main.tf:1: module.m: count must not be negative: nothing created"]
    assert doc["summary"]["resources_scanned"] == 1
    assert still_scanned(doc)


def test_instances_per_scan_are_bounded(code: Path) -> None:
    blocks = "".join(
        f'resource "google_compute_network" "n{i}" {{\n  count = 10000\n  name = "n"\n}}\n' for i in range(11)
    )
    write(code / "many.tf", blocks)
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == [
        "many.tf:41: google_compute_network.n10: over 100,000 resource instances in this scan: "
        "scanned as one resource with unknown instances"
    ]


# 8. Value size and evaluation work


def doubling(name: str, seed: str, step: str, times: int) -> str:
    lines = [f"  {name}0 = {seed}"]
    lines += [f"  {name}{i + 1} = {step.format(prev=f'local.{name}{i}')}" for i in range(times)]
    return "locals {\n" + "\n".join(lines) + "\n}\n"


@pytest.mark.parametrize(
    ("seed", "step", "over"),
    [
        ('"ab"', '"${{{prev}}}${{{prev}}}"', "s19"),  # a string: 2 ** 20 characters
        ('["a", "b"]', "concat({prev}, {prev})", "s18"),  # a list, copied each time
        ('["a"]', "[{prev}, {prev}]", "s18"),  # a tree that shares its halves
        ('"ab"', 'join("", [{prev}, {prev}])', "s19"),
    ],
)
def test_values_doubled_40_times_become_unknown_with_a_source_error(
    code: Path, seed: str, step: str, over: str
) -> None:
    write(
        code / "double.tf",
        doubling("s", seed, step, 40)
        + 'resource "google_compute_network" "each" {\n  name = "n"\n  labels = ['
        + ", ".join(f"local.s{i}" for i in range(41))  # evaluated in order: no deep recursion
        + "]\n}\n"
        + 'resource "google_compute_network" "n" {\n  name = "n"\n  description = jsonencode(local.s40)\n}\n',
    )
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert (
        f"double.tf:1: local.{over}: value larger than 1,000,000 characters and elements: treated as unknown"
        in (errors_of(doc))
    )
    assert still_scanned(doc)


def test_a_long_chain_of_locals_is_cut_at_the_nesting_limit(code: Path) -> None:
    chain = "".join(f"locals {{\n  c{i} = local.c{i + 1}\n}}\n" for i in range(2_000))
    write(
        code / "chain.tf",
        chain + 'locals {\n  c2000 = "end"\n}\n' + network("chain").replace('"chain"\n', "local.c0\n", 1),
    )
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    [message] = errors_of(doc)
    assert message.endswith(
        "expressions evaluated inside each other deeper than 100 levels: treated as unknown"
    )
    assert still_scanned(doc)


def test_a_value_nested_past_the_limit_becomes_unknown(code: Path) -> None:
    nest = "".join(f"  d{i + 1} = [local.d{i}]\n" for i in range(200))
    every = ", ".join(f"local.d{i}" for i in range(201))  # in order: each local is built on a cached one
    write(
        code / "nest.tf",
        f'locals {{\n  d0 = "x"\n{nest}}}\n'
        + f'resource "google_compute_network" "d" {{\n  name = "n"\n  labels = [{every}]\n}}\n',
    )
    exit_code, doc = scan_json(code)
    assert exit_code == 3
    assert errors_of(doc) == [
        "nest.tf:1: local.d151: value nested deeper than 150 levels: treated as unknown",
        "nest.tf:204: google_compute_network.d.labels: value nested deeper than 150 levels: "
        "treated as unknown",
    ]
    assert still_scanned(doc)
