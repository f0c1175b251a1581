"""Evaluation: policies and an inventory in, findings out. No I/O, no SDK, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from scanner.findings import Finding, ResourceRef, Rule, ScanError, ScanResult
from scanner.inventory.model import Resource
from scanner.inventory.store import Inventory
from scanner.policy.model import Policy


def resource_ref(resource: Resource) -> ResourceRef:
    origin = resource.origin
    return ResourceRef(
        provider=resource.provider,
        account=resource.account,
        region=resource.region,
        kind=resource.kind,
        id=resource.id,
        name=resource.name,
        origin_source=origin.source,
        origin_call=origin.call,
        file=origin.file,
        line=origin.line,
        address=origin.address,
    )


def evaluate(
    policies: Sequence[Policy],
    inventory: Inventory,
    errors: Iterable[ScanError] = (),
    *,
    record_checks: bool = False,
) -> ScanResult:
    """Run every policy over the resources of its kind.

    A resource is reported when the condition is definitely true; an unknown
    verdict is counted in ``ScanResult.unknown`` instead, so "could not tell" is
    visible without being mistaken for a violation.

    Only findings are kept by default. ``record_checks`` also keeps, per policy,
    the resources that passed and those left undecided, for reports that list
    every check (JUnit); it is off by default because a large inventory makes
    those lists much bigger than the findings.
    """
    findings: list[Finding] = []
    unknown = 0
    refs: dict[str, ResourceRef] = {}
    passed: dict[str, list[ResourceRef]] | None = {} if record_checks else None
    undecided: dict[str, list[ResourceRef]] | None = {} if record_checks else None

    def ref_of(resource: Resource) -> ResourceRef:
        ref = refs.get(resource.id)
        if ref is None:
            ref = refs[resource.id] = resource_ref(resource)
        return ref

    for policy in policies:
        test = policy.condition
        providers = policy.providers
        for resource in inventory.of_kind(policy.kind):
            if providers is not None and resource.provider not in providers:
                continue
            verdict = test(resource, inventory)
            if verdict is None:
                unknown += 1
                if undecided is not None:
                    undecided.setdefault(policy.id, []).append(ref_of(resource))
            elif verdict:
                findings.append(
                    Finding(
                        rule_id=policy.id,
                        severity=policy.severity,
                        message=policy.render_message(resource),
                        resource=ref_of(resource),
                    )
                )
            elif passed is not None:
                passed.setdefault(policy.id, []).append(ref_of(resource))
    findings.sort(key=lambda f: (f.severity.rank, f.rule_id, f.resource.id))
    rules: dict[str, Rule] = {policy.id: policy.rule() for policy in policies}
    accounts = sorted({(r.provider, r.account) for r in inventory})
    return ScanResult(
        findings=findings,
        rules=rules,
        errors=list(errors),
        resources_scanned=len(inventory),
        unknown=unknown,
        accounts=accounts,
        passed=passed,
        undecided=undecided,
    )
