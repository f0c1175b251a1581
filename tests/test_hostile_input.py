"""Hostile and malformed policies, waivers, config files and snapshots: exit 2 and one line.

Each case goes through the CLI and checks what a user sees: exit code 2 and a
single ``cloudscan: error:`` line naming the file, the place and the problem,
never a traceback, never the internal-error exit 4 (``run`` lets a crash raise).
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path

import pytest

from tests.helpers import SSH_OPEN, run, snapshot_file, write

POLICY = """\
id: my.policy
title: T
severity: low
resource: bucket
description: d
remediation: r
message: "{name} is public"
condition: {field: public_read, op: eq, value: true}
"""


def assert_one_line_error(result, *fragments: str) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("cloudscan: error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    return snapshot_file(tmp_path / "inventory.json", [SSH_OPEN])


# --- YAML scalars that do not convert, keys that are not text ---------------------

BAD_SCALARS = [
    ("value: 2027-13-45", "cannot read '2027-13-45' as timestamp"),
    ("value: !!float abc", "cannot read 'abc' as float"),
    ("value: !!int 12abc", "cannot read '12abc' as int"),
]


@pytest.mark.parametrize(("line", "fragment"), BAD_SCALARS)
def test_a_policy_scalar_that_does_not_convert(tmp_path: Path, line: str, fragment: str) -> None:
    policy = write(tmp_path / "p.yaml", POLICY + f"tags:\n  - {line}\n")
    assert_one_line_error(run("policy", "validate", str(policy)), f"{policy}:10:", fragment)


def test_a_list_as_a_mapping_key_in_a_policy(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", POLICY.replace("condition: {field", "condition: {[field]: x, field"))
    assert_one_line_error(
        run("policy", "validate", str(policy)), f"{policy}:8:", "mapping key must be plain text", "list"
    )


def test_a_waiver_that_expires_on_a_day_that_does_not_exist(snapshot: Path, tmp_path: Path) -> None:
    waivers = write(
        tmp_path / "w.yaml",
        """
        waivers:
          - policy: "*"
            resource: "*"
            justification: ok
            expires: 2027-02-30
        """,
    )
    assert_one_line_error(
        run("scan", "-i", str(snapshot), "--waivers", str(waivers)),
        f"{waivers}:5:",
        "cannot read '2027-02-30' as timestamp: day is out of range for month",
    )


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("gcp:\n  endpoints: {compute: !!float abc}\n", 2, "cannot read 'abc' as float"),
        ("gcp:\n  when: 2027-02-30\n", 2, "as timestamp"),
        ("{[gcp]: x}\n", 1, "mapping key must be plain text"),
        ("gcp: {}\nnope: {}\n", 2, "unknown provider 'nope'"),
    ],
)
def test_a_bad_config_file(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    config = tmp_path / "cloudscan.yaml"
    config.write_text(text, encoding="utf-8")
    result = run("scan", "--provider", "gcp", "--project", "p-1", "--config", str(config))
    assert_one_line_error(result, f"{config}:{line}:", fragment)


# --- alias bombs, nesting and size --------------------------------------------------

ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9 if prev else ['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh", strict=True)
)


def test_an_alias_bomb_in_a_waiver_file_is_refused_before_it_expands(snapshot: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text(ALIAS_BOMB + "waivers: [*h]\n", encoding="utf-8")
    assert len(waivers.read_bytes()) < 500
    assert_one_line_error(
        run("scan", "-i", str(snapshot), "--waivers", str(waivers)),
        f"{waivers}:7:",
        "more than 1,000,000 values once aliases are expanded",
    )


def test_an_alias_bomb_in_a_policy(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", ALIAS_BOMB + POLICY)
    assert_one_line_error(run("policy", "validate", str(policy)), "once aliases are expanded")


def test_an_alias_inside_its_own_anchor(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", POLICY + "tags: &t [a, *t]\n")
    assert_one_line_error(run("policy", "validate", str(policy)), f"{policy}:9:", "alias *t is used inside")


def test_shared_anchors_still_load(tmp_path: Path) -> None:
    """Aliases within the limit are fine: each shared value is walked once, not once per use."""
    policy = write(tmp_path / "p.yaml", POLICY + "tags: &t [a, b]\nx-unused: [*t, *t]\n")
    result = run("policy", "validate", str(policy))
    assert result.exit_code == 2  # x-unused is not a policy key, but the file loaded
    assert "unknown key(s)" in result.output


def test_yaml_nested_too_deeply(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", POLICY + "tags: " + "[" * 300 + "]" * 300 + "\n")
    assert_one_line_error(run("policy", "validate", str(policy)), f"{policy}:9:", "nested deeper than 200")


@pytest.mark.parametrize("depth", [250, 1000])
@pytest.mark.parametrize("form", ["not", "all", "any"])
def test_a_condition_nested_too_deeply(tmp_path: Path, form: str, depth: int) -> None:
    condition = "{field: public_read, op: eq, value: true}"
    for _ in range(depth):
        condition = f"{{not: {condition}}}" if form == "not" else f"{{{form}: [{condition}]}}"
    policy = write(
        tmp_path / "p.yaml", POLICY.replace("condition: {field: public_read, op: eq, value: true}", "")
    )
    policy.write_text(policy.read_text() + f"condition: {condition}\n")
    line = assert_one_line_error(run("policy", "validate", str(policy)), f"{policy}:")
    assert "nested deeper than 200 levels" in line or "conditions nest at most 64 levels" in line


def test_a_condition_nested_just_too_deeply_names_the_limit(tmp_path: Path) -> None:
    condition = "{field: public_read, op: eq, value: true}"
    for _ in range(64):
        condition = f"{{not: {condition}}}"
    policy = write(
        tmp_path / "p.yaml", POLICY.replace("condition: {field: public_read, op: eq, value: true}", "")
    )
    policy.write_text(policy.read_text() + f"condition: {condition}\n")
    assert_one_line_error(run("policy", "validate", str(policy)), "conditions nest at most 64 levels deep")


def test_a_condition_at_the_depth_limit_works(tmp_path: Path, snapshot: Path) -> None:
    condition = "{field: public_read, op: eq, value: true}"
    for _ in range(63):
        condition = f"{{not: {condition}}}"
    policy = write(
        tmp_path / "p.yaml", POLICY.replace("condition: {field: public_read, op: eq, value: true}", "")
    )
    policy.write_text(policy.read_text() + f"condition: {condition}\n")
    assert run("policy", "validate", str(policy)).exit_code == 0


def test_an_oversized_policy_file(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_text(POLICY + "# " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    assert_one_line_error(
        run("policy", "validate", str(policy)), f"{policy}:", "larger than the limit of 2 MiB"
    )


def test_a_non_utf8_policy_names_the_byte(tmp_path: Path) -> None:
    policy = tmp_path / "p.yaml"
    policy.write_bytes(POLICY.encode() + b"tags: [\xff]\n")
    offset = len(POLICY.encode()) + len(b"tags: [")
    assert_one_line_error(
        run("policy", "validate", str(policy)), f"{policy}:9:", f"invalid byte at offset {offset}"
    )


# --- snapshots ------------------------------------------------------------------------


def _snapshot_with_native(tmp_path: Path, native: str) -> Path:
    path = snapshot_file(tmp_path / "inventory.json", [{**SSH_OPEN, "native": {"placeholder": 1}}])
    path.write_text(path.read_text().replace('{"placeholder": 1}', native), encoding="utf-8")
    return path


@pytest.mark.parametrize("depth", [130, 1000, 100_000])
def test_a_snapshot_nested_too_deeply(tmp_path: Path, depth: int) -> None:
    path = _snapshot_with_native(tmp_path, '{"a": ' * depth + "1" + "}" * depth)
    offset = path.read_bytes().index(b'"native"') + len(b'"native": ') + 6 * (128 - 3)
    assert_one_line_error(
        run("scan", "-i", str(path)),
        f"{path}: byte offset {offset}: JSON nested deeper than 128 levels",
    )


def test_brackets_inside_strings_do_not_count_as_nesting(tmp_path: Path) -> None:
    path = _snapshot_with_native(tmp_path, '{"a": "' + "[{" * 500 + '\\"\\\\", "b": ["]]"]}')
    assert run("scan", "-i", str(path)).exit_code == 1


def test_native_values_below_the_limit_load(tmp_path: Path) -> None:
    path = _snapshot_with_native(tmp_path, '{"a": ' + "[" * 120 + "]" * 120 + "}")
    assert run("scan", "-i", str(path)).exit_code == 1


def test_a_non_utf8_snapshot_names_the_byte(tmp_path: Path) -> None:
    path = snapshot_file(tmp_path / "inventory.json", [{**SSH_OPEN, "name": "caf\u00e9"}])
    data = path.read_text(encoding="utf-8").replace("\\u00e9", "\u00e9").encode("latin-1")
    path.write_bytes(data)
    offset = data.index(b"caf") + 3
    assert_one_line_error(
        run("scan", "-i", str(path)), f"{path}: not UTF-8 text: invalid byte 0xe9 at byte offset {offset}"
    )


def test_a_non_utf8_key_the_header_skips(tmp_path: Path) -> None:
    """The header decoder skips unknown keys unread; the full decode must still say what is wrong."""
    path = tmp_path / "inventory.json"
    path.write_bytes(b'{"schema_version": 1, "x\xff": 1}')
    assert_one_line_error(run("scan", "-i", str(path)), f"{path}: not UTF-8 text: invalid byte 0xff")


def test_a_relation_to_a_resource_of_another_kind_is_an_unknown_target(tmp_path: Path) -> None:
    base = {"provider": "aws", "account": "1"}
    path = snapshot_file(
        tmp_path / "inventory.json",
        [
            {**base, "kind": "database", "id": "db-1", "name": "db", "relations": {"subnet": ["b-1"]}},
            {**base, "kind": "bucket", "id": "b-1", "name": "not-a-subnet"},
        ],
    )
    policy = Path(__file__).parent.parent / "policies" / "database" / "in-public-subnet.yaml"
    result = run("scan", "-i", str(path), "-p", str(policy), "-f", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["summary"]
    assert summary["findings"] == 0
    assert summary["unknown_verdicts"] == 1


# --- policy test cases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "place", "problem"),
    [
        ("resource: {provider: [gcp, aws], public_read: true}", "tests.fail[0].resource.provider",
         "provider must be one of alibaba, gcp, aws"),
        ("resource: {provider: {gcp: 1}, public_read: true}", "tests.fail[0].resource.provider",
         "provider must be one of"),
        ("{resource: {public_read: true}, related: [{kind: [subnet], id: s}]}",
         "tests.fail[0].related[0].kind", "kind must be one of"),
    ],
)  # fmt: skip
def test_a_policy_test_case_for_a_list_of_providers(
    tmp_path: Path, case: str, place: str, problem: str
) -> None:
    policy = write(tmp_path / "p.yaml", POLICY + f"tests:\n  fail:\n    - {case}\n")
    assert_one_line_error(run("policy", "test", str(tmp_path)), f"{policy}:11: {place}: {problem}")


# --- regular expressions: RE2, linear time --------------------------------------------


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path: Path) -> None:
    """``^(a+)+$`` against 34 a's and a b ran for minutes under a backtracking engine."""
    policy = write(
        tmp_path / "p.yaml",
        POLICY.replace(
            "{field: public_read, op: eq, value: true}", "{field: name, op: regex, value: '^(a+)+$'}"
        ),
    )
    base = {"kind": "bucket", "provider": "gcp", "account": "p"}
    names = ["a" * 34 + "b", "a" * 10_000 + "!", "a" * 40]
    path = snapshot_file(
        tmp_path / "inventory.json", [{**base, "id": n[-5:] + str(i), "name": n} for i, n in enumerate(names)]
    )
    result = run("scan", "-i", str(path), "-p", str(policy), "-f", "json")
    assert result.exit_code == 1
    found = [f["resource"]["name"] for f in json.loads(result.output)["findings"]]
    assert found == ["a" * 40]


@pytest.mark.parametrize("pattern", [r"(a)\1", "(?=admin)", "(?<!x)y", "("])
def test_a_pattern_re2_cannot_run_is_a_load_error(tmp_path: Path, pattern: str) -> None:
    policy = write(
        tmp_path / "p.yaml",
        POLICY.replace(
            "{field: public_read, op: eq, value: true}", f"{{field: name, op: regex, value: '{pattern}'}}"
        ),
    )
    line = assert_one_line_error(
        run("policy", "validate", str(policy)), f"{policy}:8: condition.value: invalid regular expression"
    )
    assert "RE2" in line


# --- cidr_is_internet on thousands of ranges ---------------------------------------------


def test_cidr_is_internet_on_thousands_of_ranges(tmp_path: Path) -> None:
    """2,000 IPv6 /128s took minutes with pairwise exclusion; a sort and a sweep give the same answers."""
    policy = Path(__file__).parent.parent / "policies" / "firewall" / "ssh-open-to-internet.yaml"
    hosts = [f"2001:db8::{i:x}/128" for i in range(2000)]
    halves = [str(net) for net in ipaddress.ip_network("::/0").subnets(new_prefix=11)]  # 2,048 pieces
    gap = [net for net in halves if net != "2000::/11"]  # the internet minus one piece
    rules = [
        {**SSH_OPEN, "id": "hosts", "name": "hosts", "source_ranges": hosts},
        {**SSH_OPEN, "id": "pieces", "name": "pieces", "source_ranges": list(reversed(halves))},
        {**SSH_OPEN, "id": "gap", "name": "gap", "source_ranges": [*gap, *hosts[:5], "10.0.0.0/8"]},
        {**SSH_OPEN, "id": "both", "name": "both", "source_ranges": [*hosts, "0.0.0.0/1", "128.0.0.0/1"]},
    ]
    path = snapshot_file(tmp_path / "inventory.json", rules)
    result = run("scan", "-i", str(path), "-p", str(policy), "-f", "json")
    assert result.exit_code == 1
    assert sorted(f["resource"]["id"] for f in json.loads(result.output)["findings"]) == ["both", "pieces"]


# --- message placeholders read data, never Python objects --------------------------------


def test_placeholders_cannot_walk_python_attributes(tmp_path: Path) -> None:
    placeholders = [
        "{native.x.__class__.__subclasses__}",
        "{native.x.__class__}",
        "{native.s.upper}",
        "{native.l.__len__}",
        "{native.l.1}",
        "{native.x.k}",
    ]
    policy = write(
        tmp_path / "p.yaml",
        POLICY.replace('"{name} is public"', '"' + " | ".join(placeholders) + '"').replace(
            "{field: public_read, op: eq, value: true}",
            "{field: native.x.__class__, op: exists, value: false}",
        ),
    )
    native = {"x": {"k": "v"}, "s": "text", "l": ["first", "second"]}
    path = snapshot_file(
        tmp_path / "inventory.json", [{"kind": "bucket", "id": "b", "name": "b", "native": native}]
    )
    result = run("scan", "-i", str(path), "-p", str(policy), "-f", "json")
    assert result.exit_code == 1, result.output
    (finding,) = json.loads(result.output)["findings"]
    assert finding["message"] == " | ".join(["(not set)"] * 4 + ["second", "v"])


def test_a_placeholder_past_a_declared_field_is_a_load_error(tmp_path: Path) -> None:
    policy = write(tmp_path / "p.yaml", POLICY.replace('"{name} is public"', '"{name.__class__}"'))
    assert_one_line_error(
        run("policy", "validate", str(policy)), f"{policy}:7: message: message placeholder:", "no field"
    )


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ufffe"])
def test_a_control_character_in_a_policy_is_one_line_with_its_line(tmp_path: Path, char: str) -> None:
    policy = write(tmp_path / "p.yaml", POLICY + f"tags: [a{char}]\n")
    assert_one_line_error(
        run("policy", "validate", str(policy)),
        f"{policy}:9: invalid YAML: control characters are not allowed",
    )


def test_a_waiver_key_with_an_escape_sequence_is_shown_escaped(snapshot: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        'waivers:\n  - {policy: x, resource: y, justification: z, "\\e]0;PWNED\\a": 1}\n', encoding="utf-8"
    )
    line = assert_one_line_error(
        run("scan", "-i", str(snapshot), "--waivers", str(waivers)), "unknown key(s)"
    )
    assert "\x1b" not in line
    assert "\\x1b]0;PWNED\\x07" in line


def test_a_snapshot_error_quoting_an_escape_sequence_is_escaped(tmp_path: Path) -> None:
    path = snapshot_file(tmp_path / "inventory.json", [{**SSH_OPEN, "\x1b[2Jevil": 1}])
    line = assert_one_line_error(run("scan", "-i", str(path)), f"{path}: invalid inventory snapshot")
    assert "\x1b" not in line
    assert "\\x1b[2Jevil" in line


def test_an_aliased_waiver_repeated_many_times_is_kept_once(snapshot: Path, tmp_path: Path) -> None:
    """100,000 aliases of one waiver cost one match per finding, not 100,000."""
    waivers = tmp_path / "w.yaml"
    waivers.write_text(
        "w: &w {policy: '*', resource: fw-open, justification: accepted}\n"
        "waivers: [" + ", ".join(["*w"] * 100_000) + "]\n",
        encoding="utf-8",
    )
    result = run("scan", "-i", str(snapshot), "--waivers", str(waivers), "-f", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)["summary"]
    assert (summary["findings"], summary["suppressed"]) == (0, 1)


def test_a_policy_test_case_of_another_kind(tmp_path: Path) -> None:
    policy = write(
        tmp_path / "p.yaml", POLICY + "tests:\n  fail:\n    - resource: {kind: subnet, cidr: 10.0.0.0/8}\n"
    )
    assert_one_line_error(
        run("policy", "test", str(tmp_path)),
        f"{policy}:11: tests.fail[0].resource.kind: the resource under test is a bucket",
    )
