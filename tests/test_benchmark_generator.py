"""The benchmark inventory generator: a valid, reproducible snapshot of the requested size.

Benchmark figures are only comparable if the input is what it claims to be, so
this checks the generator's output the way a user would see it: the CLI writes
a snapshot that ``load_snapshot`` accepts, with every cloud and kind present,
about a third of it violating, and a policy finding exactly the rules the
generator says are open to the internet. No timing here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from scanner.engine import evaluate
from scanner.inventory import KINDS, PROVIDERS, load_snapshot
from scanner.policy import load_policies

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "generate_inventory.py"

SSH_POLICY = """\
id: test.ssh-open
title: SSH open to the internet
severity: high
resource: firewall_rule
description: test
remediation: test
condition:
  all:
    - {field: direction, op: eq, value: ingress}
    - {field: action, op: eq, value: allow}
    - {field: disabled, op: eq, value: false}
    - {field: protocol, op: in, value: [tcp, all]}
    - {field: ports, op: ports_overlap, value: 22}
    - {field: source_ranges, op: cidr_is_internet}
message: "{name} is open"
"""


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_inventory", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_writes_a_valid_snapshot_of_the_requested_size(tmp_path: Path, generator: ModuleType) -> None:
    out = tmp_path / "inventory.json"
    done = run_cli("--resources", "1500", "--seed", "3", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "1500 resources" in done.stdout
    snapshot = load_snapshot(out)
    assert len(snapshot.resources) == 1500
    assert {r.provider for r in snapshot.resources} == set(PROVIDERS)
    # every kind the generator knows (the kinds added for issues #15/#16 are not generated yet)
    assert {r.kind for r in snapshot.resources} == {*generator.WEIGHTS, "password_policy"}
    assert {r.kind for r in snapshot.resources} <= set(KINDS)
    kinds = Counter(r.kind for r in snapshot.resources)
    assert kinds.most_common(2)[0][0] == "firewall_rule"
    assert kinds["network"] < kinds["subnet"] < kinds["instance"] < kinds["firewall_rule"]


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    paths = [tmp_path / name for name in ("a.json", "b.json", "c.json")]
    for path, seed in zip(paths, ("5", "5", "6"), strict=True):
        assert run_cli("-n", "300", "-s", seed, "-o", str(path)).returncode == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_too_small_a_size_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("-n", "5", "-o", str(tmp_path / "x.json"))
    assert done.returncode == 2
    assert "at least" in done.stderr


def test_about_a_third_violates_and_relations_resolve(generator: ModuleType) -> None:
    result = generator.generate(3000, seed=11)
    resources = result.snapshot.resources
    assert 0.30 <= len(result.violations) / len(resources) <= 0.37
    inventory = result.snapshot.inventory()
    for resource in resources:
        for relation, ids in resource.relations.items():
            assert ids, (resource.id, relation)
            assert all(inventory.get(i) is not None for i in ids), (resource.id, relation)
    by_id = {r.id: r for r in resources}
    for rid, name in result.violations.items():
        bucket = by_id[rid]
        if name == "public-read":
            assert bucket.public_read is True
    clean_buckets = [r for r in inventory.of_kind("bucket") if r.id not in result.violations]
    assert clean_buckets
    assert not any(b.public_read or b.public_write or b.encryption == "none" for b in clean_buckets)


def test_ssh_policy_finds_exactly_the_rules_labelled_ssh_open(generator: ModuleType, tmp_path: Path) -> None:
    policy = tmp_path / "ssh.yaml"
    policy.write_text(SSH_POLICY)
    result = generator.generate(2000, seed=2)
    scan = evaluate(load_policies([policy]), result.snapshot.inventory())
    found = {f.resource.id for f in scan.findings}
    labelled = {
        rid for rid, name in result.violations.items() if name in ("ssh-open", "ssh-open-ipv6", "all-open")
    }
    assert labelled
    assert found == labelled
