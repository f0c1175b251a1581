"""The policy language as a user meets it: conditions that match, and errors that say where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.engine import evaluate
from scanner.inventory import Database, FirewallRule, IamPrincipal, Inventory, Origin, PortRange, Subnet
from scanner.inventory.model import AccessKey
from scanner.policy import PolicyError, load_policy_file, parse_policy
from scanner.policy.operators import OPERATORS
from scanner.policy.schema import render_schema

ROOT = Path(__file__).resolve().parent.parent
ORIGIN = Origin(source="snapshot")

HEADER = """\
id: test.policy
title: Test policy
severity: high
resource: {kind}
description: d
remediation: r
message: "{message}"
condition:
"""


def policy(condition: str, kind: str = "firewall_rule", message: str = "{name} matched"):
    text = HEADER.format(kind=kind, message=message) + "\n".join(
        "  " + line for line in condition.splitlines()
    )
    return parse_policy(text, "test.yaml")


def rule(**fields) -> FirewallRule:
    base = {
        "provider": "gcp",
        "account": "p",
        "id": "fw",
        "name": "fw",
        "origin": ORIGIN,
        "direction": "ingress",
    }
    return FirewallRule(**{**base, **fields})


def verdict(p, resource, *others):
    return p.condition(resource, Inventory([resource, *others]))


def test_committed_schema_is_generated_from_the_operator_table() -> None:
    committed = (ROOT / "policies" / "policy.schema.json").read_text()
    assert committed == render_schema(), (
        "regenerate with: cloudscan schema policy > policies/policy.schema.json"
    )
    schema = json.loads(committed)
    assert schema["$defs"]["condition"]["properties"]["op"]["enum"] == list(OPERATORS)
    described = {rule["if"]["properties"]["op"]["const"] for rule in schema["$defs"]["condition"]["allOf"]}
    assert described == set(OPERATORS)


def test_leaf_operators() -> None:
    r = rule(
        protocol="tcp", ports=(PortRange(20, 23),), source_ranges=("0.0.0.0/1", "128.0.0.0/1"), priority=900
    )
    cases = {
        "{field: protocol, op: eq, value: tcp}": True,
        "{field: protocol, op: ne, value: tcp}": False,
        "{field: protocol, op: in, value: [udp, tcp]}": True,
        "{field: protocol, op: not_in, value: [udp, tcp]}": False,
        "{field: source_ranges, op: contains, value: 0.0.0.0/1}": True,
        "{field: name, op: regex, value: '^f'}": True,
        "{field: group, op: exists, value: false}": True,
        "{field: priority, op: gt, value: 899}": True,
        "{field: priority, op: le, value: 899}": False,
        "{field: source_ranges, op: cidr_is_internet}": True,
        "{field: source_ranges, op: cidr_is_public}": True,
        "{field: source_ranges, op: cidr_contains, value: 8.8.8.8}": True,
        "{field: source_ranges, op: cidr_overlaps, value: [10.0.0.0/8]}": True,
        "{field: ports, op: ports_overlap, value: 22}": True,
        "{field: ports, op: ports_overlap, value: ['3389', '1433-1434']}": False,
    }
    for condition, expected in cases.items():
        assert verdict(policy(condition), r) is expected, condition


def test_internet_means_every_address_not_any_public_one() -> None:
    internet = policy("{field: source_ranges, op: cidr_is_internet}")
    assert verdict(internet, rule(source_ranges=("::/0",))) is True
    assert verdict(internet, rule(source_ranges=("0.0.0.0/0",))) is True
    assert verdict(internet, rule(source_ranges=("8.8.8.0/24",))) is False
    assert verdict(internet, rule(source_ranges=("0.0.0.0/1",))) is False
    public = policy("{field: source_ranges, op: cidr_is_public}")
    assert verdict(public, rule(source_ranges=("8.8.8.0/24",))) is True
    assert verdict(public, rule(source_ranges=("10.0.0.0/8", "192.168.0.0/16"))) is False


def test_combinators_follow_three_valued_logic() -> None:
    unknown_ports = rule(protocol="tcp", unknown=frozenset({"ports"}))
    p_all = policy(
        "all:\n  - {field: protocol, op: eq, value: tcp}\n  - {field: ports, op: ports_overlap, value: 22}"
    )
    p_any = policy(
        "any:\n  - {field: protocol, op: eq, value: tcp}\n  - {field: ports, op: ports_overlap, value: 22}"
    )
    p_not = policy("not: {field: ports, op: ports_overlap, value: 22}")
    assert verdict(p_all, unknown_ports) is None  # unknown: never a finding
    assert verdict(p_any, unknown_ports) is True  # a definite true wins
    assert verdict(p_not, unknown_ports) is None
    assert (
        verdict(p_all, rule(protocol="udp", unknown=frozenset({"ports"}))) is False
    )  # a definite false wins


def test_unknown_values_are_counted_not_reported() -> None:
    p = policy("{field: ports, op: ports_overlap, value: 22}")
    result = evaluate([p], Inventory([rule(unknown=frozenset({"ports"}))]))
    assert result.findings == []
    assert result.unknown == 1


def test_quantifiers_over_records_and_scalars() -> None:
    old = AccessKey(id="k1", active=True, age_days=120)
    new = AccessKey(id="k2", active=True, age_days=10)
    user = IamPrincipal(provider="aws", account="1", id="u", name="u", origin=ORIGIN, access_keys=(old, new))
    some = "some: access_keys\nwhere: {field: age_days, op: gt, value: 90}"
    every = "every: access_keys\nwhere: {field: age_days, op: gt, value: 90}"
    none = "none: access_keys\nwhere: {field: age_days, op: gt, value: 90}"
    assert verdict(policy(some, "iam_principal"), user) is True
    assert verdict(policy(every, "iam_principal"), user) is False
    assert verdict(policy(none, "iam_principal"), user) is False
    scalars = "some: source_ranges\nwhere: {field: '@', op: cidr_is_public}"
    assert verdict(policy(scalars), rule(source_ranges=("10.0.0.0/8", "1.1.1.1/32"))) is True


def test_follow_a_relation_to_the_subnet() -> None:
    p = policy("follow: subnet\nwhere: {field: routes_to_internet, op: eq, value: true}", "database")
    db = Database(
        provider="gcp", account="p", id="db", name="db", origin=ORIGIN, relations={"subnet": ("s1",)}
    )
    public = Subnet(provider="gcp", account="p", id="s1", name="s1", origin=ORIGIN, routes_to_internet=True)
    private = Subnet(provider="gcp", account="p", id="s1", name="s1", origin=ORIGIN, routes_to_internet=False)
    assert verdict(p, db, public) is True
    assert verdict(p, db, private) is False
    assert verdict(p, db) is None  # the subnet is not in the inventory: cannot tell


def test_message_template_names_resource_and_values() -> None:
    p = policy("{field: protocol, op: eq, value: tcp}", message="{name} opens {ports} from {source_ranges}")
    r = rule(
        name="allow-ssh",
        protocol="tcp",
        ports=(PortRange(22, 22), PortRange(80, 81)),
        source_ranges=("0.0.0.0/0",),
    )
    [finding] = evaluate([p], Inventory([r])).findings
    assert finding.message == "allow-ssh opens 22, 80-81 from 0.0.0.0/0"


BAD = [
    ("id: x\n  bad: [", 2, "invalid YAML"),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: protocol, op: equals, value: tcp}\n",
        9,
        "condition.op: 'equals' is not one of",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m")
        + "  all:\n    - {field: protocl, op: eq, value: tcp}\n",
        10,
        "condition.all[0].field: unknown field 'protocl' on firewall_rule (did you mean 'protocol'?)",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: priority, op: gt, value: high}\n",
        9,
        "condition.value: 'high' is not of type 'number'",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: name, op: gt, value: 3}\n",
        9,
        "operator 'gt' needs a number field, but 'name' is a text",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: direction, op: eq, value: inbound}\n",
        9,
        "'inbound' can never match; the field is one of ingress, egress",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: name, op: regex, value: '('}\n",
        9,
        "invalid regular expression",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: ports.start, op: eq, value: 1}\n",
        9,
        "'ports' is a list; use some/every/none",
    ),
    (
        HEADER.format(kind="database", message="m")
        + "  follow: vpc\n  where: {field: name, op: eq, value: x}\n",
        9,
        "database has no relation 'vpc'",
    ),
    (
        HEADER.format(kind="firewall_rule", message="{nme}") + "  {field: name, op: eq, value: x}\n",
        7,
        "message placeholder: unknown field 'nme'",
    ),
    (
        HEADER.format(kind="vm", message="m") + "  {field: name, op: eq, value: x}\n",
        4,
        "resource: 'vm' is not one of",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m") + "  {field: name, op: eq}\n",
        9,
        "'value' is a required",
    ),
    (HEADER.format(kind="firewall_rule", message="m") + "  {}\n", 9, "a condition must be exactly one of"),
    (
        HEADER.format(kind="firewall_rule", message="m")
        + "  {field: source_ranges, op: eq, value: 0.0.0.0/0}\n",
        9,
        "'source_ranges' is a list, so 'eq' with a single value never matches; use 'contains'",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m")
        + "  {field: name, op: eq, value: x}\nseverity: low\n",
        10,
        "duplicate key 'severity' (first at line 3)",
    ),
    ("- a list\n", 1, "a policy file must be a YAML mapping"),
    (
        HEADER.format(kind="firewall_rule", message="m").replace("severity: high", "severity: urgent")
        + "  {field: name, op: eq, value: x}\n",
        3,
        "severity: 'urgent' is not one of",
    ),
    (
        HEADER.format(kind="firewall_rule", message="m")
        + "  {field: name, op: eq, value: x}\nseverty: low\n",
        10,
        "severty: unknown key(s): 'severty' (did you mean 'severity'?)",
    ),
]


@pytest.mark.parametrize(("text", "line", "expected"), BAD, ids=[b[2][:40] for b in BAD])
def test_errors_name_file_line_and_path(tmp_path: Path, text: str, line: int, expected: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_policy_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert expected in message
