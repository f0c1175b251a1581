"""Least privilege: every request the AWS adapter makes is a read that docs/aws.md's table and policy cover,
and the README gives the same policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.fakes.aws_landing_zone import build
from tests.fakes.aws_server import aws_env, client, moto_server
from tests.helpers import run

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "aws.md"
ROW = re.compile(r"^\| (?P<service>[a-z0-9]+) \| `(?P<operation>\w+)` \| (?:`(?P<action>[\w:]+)`|none) \|$")
READ = re.compile(r"(Describe|Get|List)\w+")
# Not reads by name, each explained in docs/aws.md: the report IAM builds, and entering member accounts.
NON_READS = frozenset({"iam:GenerateCredentialReport", "sts:AssumeRole"})


def table() -> dict[tuple[str, str], str | None]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            rows[(match["service"], match["operation"])] = match["action"]
    return rows


def policy(text: str) -> dict[str, object]:
    """The JSON block after the ``<!-- aws-policy -->`` marker."""
    after = text[text.index("<!-- aws-policy -->") :]
    body = after[after.index("```json") + len("```json") : after.index("```", after.index("```json") + 7)]
    return json.loads(body)


def allowed_actions() -> set[str]:
    document = policy(DOC.read_text(encoding="utf-8"))
    return {a for s in document["Statement"] for a in s["Action"]}  # type: ignore[index]


def test_the_readme_gives_the_same_policy_as_the_docs() -> None:
    assert policy((ROOT / "README.md").read_text(encoding="utf-8")) == policy(DOC.read_text(encoding="utf-8"))


def test_the_table_is_read_only_and_the_policy_grants_exactly_its_actions() -> None:
    rows = table()
    assert len(rows) == 38
    actions = {a for a in rows.values() if a}
    assert actions == allowed_actions()
    for action in actions - NON_READS:
        assert READ.fullmatch(action.split(":")[1]), action
    assert all(READ.fullmatch(op) for (_, op), action in rows.items() if action not in NON_READS)


def test_every_request_is_a_documented_read() -> None:
    rows = table()
    with moto_server() as server:
        build(server.url, members=1)
        organization = client(server.url, "organizations").describe_organization()["Organization"]["Id"]
        start = len(server.recorder.calls)
        result = run(
            "collect", "--provider", "aws", "--organization", organization, "--region", "us-east-1",
            "-o", "/dev/null", env=aws_env(server.url),
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        calls = server.recorder.calls[start:]
    assert calls
    undocumented = {(c.service, c.operation) for c in calls} - set(rows)
    assert undocumented == set()
    used = {(c.service, c.operation) for c in calls}
    # GetAccountSummary stands in for a credential report without a root row (moto's), so it is used too.
    assert used == set(rows), f"documented but never used: {set(rows) - used}"
    assert all(c.method in ("GET", "POST") for c in calls)
    assert {c.method for c in calls if c.service in ("s3", "s3control")} == {"GET"}
