"""``cloudscan policy test``: run each policy's own pass and fail cases.

A case gives a partial resource of the policy's kind (plus ``related`` resources
for relations); identity fields the case leaves out get harmless defaults, so a
case states only what the policy looks at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from scanner.inventory.model import AnyResource, Resource
from scanner.inventory.store import Inventory
from scanner.policy.model import Policy

EXPECTATIONS = {"pass": False, "fail": True}


@dataclass(frozen=True)
class CaseResult:
    policy: str
    expect: str
    name: str
    ok: bool
    detail: str
    file: str
    line: int | None


def _resource(data: dict[str, Any], kind: str, provider: str, fallback_id: str) -> Resource:
    record = {
        "kind": kind,
        "provider": provider,
        "account": "test-account",
        "id": fallback_id,
        "name": data.get("id", fallback_id),
        "origin": {"source": "policy-test"},
        **data,
    }
    return msgspec.convert(record, AnyResource)  # type: ignore[arg-type]


def run_case(policy: Policy, expect: str, index: int, case: dict[str, Any]) -> CaseResult:
    name = case.get("name", f"{expect} case {index + 1}")
    line = policy.line_of_test(("tests", expect, index))

    def result(ok: bool, detail: str) -> CaseResult:
        return CaseResult(policy.id, expect, name, ok, detail, policy.source, line)

    provider = case["resource"].get("provider") or min(policy.providers or {"gcp"})
    if policy.providers is not None and provider not in policy.providers:
        allowed = ", ".join(sorted(policy.providers))
        return result(False, f"the case is for {provider}, but the policy applies only to {allowed}")
    try:
        subject = _resource(case["resource"], policy.kind, provider, "test-subject")
        related = [
            _resource(item, item.get("kind", ""), item.get("provider", provider), f"test-related-{i}")
            for i, item in enumerate(case.get("related", []))
        ]
        inventory = Inventory([subject, *related])
    except (msgspec.ValidationError, ValueError) as exc:
        return result(False, f"invalid test resource: {exc}")
    verdict = policy.condition(subject, inventory)
    if verdict is None:
        return result(False, "the condition is unknown for this case; give every field it reads")
    if verdict is not EXPECTATIONS[expect]:
        outcome = "raised a finding" if verdict else "raised no finding"
        return result(False, f"expected the case to {expect}, but the policy {outcome}")
    if verdict:
        policy.render_message(subject)
    return result(True, "")


def run_policy_tests(policy: Policy) -> list[CaseResult]:
    return [
        run_case(policy, expect, index, case)
        for expect in EXPECTATIONS
        for index, case in enumerate(policy.tests.get(expect, []))
    ]
