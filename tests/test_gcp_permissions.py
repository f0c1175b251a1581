"""Least privilege: every request the adapter makes is a read that docs/gcp.md's permission table covers."""

from __future__ import annotations

import re
from pathlib import Path

from tests.fakes.gcp_landing_zone import ORG, landing_zone
from tests.fakes.gcp_server import FakeGoogle, gcp_env
from tests.helpers import run

DOC = Path(__file__).resolve().parents[1] / "docs" / "gcp.md"
ROW = re.compile(r"^\| `(?P<method>[\w.]+)` \| `(?P<http>[A-Z]+) [^`]+` \| `(?P<permission>[\w.]+)` \|$")
# The read-only POST methods of these APIs: IAM policy reads (the project's is a POST by API design).
READ_ONLY_POSTS = frozenset({"cloudresourcemanager.projects.getIamPolicy"})


def documented() -> dict[str, tuple[str, str]]:
    """REST method -> (HTTP verb, IAM permission), from the table in docs/gcp.md."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line.strip())
        if match:
            rows[match["method"]] = (match["http"], match["permission"])
    return rows


def test_the_permission_table_is_parsed_and_read_only() -> None:
    table = documented()
    assert len(table) == 44
    assert all(verb == "GET" or method in READ_ONLY_POSTS for method, (verb, _) in table.items())
    assert all(re.fullmatch(r"[a-z]+\.[a-zA-Z]+\.(list|get|getIamPolicy)", p) for _, p in table.values())


def test_every_request_is_a_documented_read() -> None:
    table = documented()
    with FakeGoogle(landing_zone()) as fake:
        result = run(
            "collect",
            "--provider",
            "gcp",
            "--organization",
            ORG.split("/")[1],
            "--project",
            "lz-prod-7f3a",
            "-o",
            "/dev/null",
            env=gcp_env(fake.url),
        )
        assert result.exit_code == 3  # the sandbox project's errors
        requests = list(fake.requests)
    assert requests
    undocumented = {(r.method, r.path) for r in requests if r.operation not in table}
    assert undocumented == set()
    for request in requests:
        verb, _ = table[request.operation]
        assert request.method == verb, request
        assert request.method == "GET" or request.operation in READ_ONLY_POSTS, request
    used = {r.operation for r in requests}
    assert used == set(table), f"documented but never used: {set(table) - used}"


def test_the_custom_role_holds_exactly_the_documented_permissions() -> None:
    text = DOC.read_text(encoding="utf-8")
    listed = re.search(r"--permissions=(.*?)\n```", text, flags=re.DOTALL)
    assert listed
    role = set(listed.group(1).replace("\\\n", "").split(","))
    assert role == {permission for _, permission in documented().values()}
