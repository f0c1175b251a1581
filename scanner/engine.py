"""Evaluation: policies and an inventory in, findings out. No I/O, no SDK, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter

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

    # One list per severity rank and policy id, filled in inventory order: sorted by resource id
    # within each, they concatenate into the (rank, policy id, resource id) order of the report.
    groups: dict[tuple[int, str], list[Finding]] = {}
    chosen: dict[tuple[str, frozenset[str] | None], Sequence[Resource]] = {}
    for policy in policies:
        test = policy.condition
        render = policy.render_message
        key = (policy.kind, policy.providers)
        resources = chosen.get(key)
        if resources is None:  # the resources of a kind and providers, picked once for every policy
            of_kind = inventory.of_kind(policy.kind)
            providers = policy.providers
            resources = chosen[key] = (
                of_kind if providers is None else [r for r in of_kind if r.provider in providers]
            )
        found = groups.setdefault((policy.severity.rank, policy.id), [])
        for resource in resources:
            verdict = test(resource, inventory)
            if verdict is None:
                unknown += 1
                if undecided is not None:
                    undecided.setdefault(policy.id, []).append(ref_of(resource))
            elif verdict:
                found.append(
                    Finding(
                        rule_id=policy.id,
                        severity=policy.severity,
                        message=render(resource),
                        resource=ref_of(resource),
                    )
                )
            elif passed is not None:
                passed.setdefault(policy.id, []).append(ref_of(resource))
    by_resource = attrgetter("resource.id")
    for key in sorted(groups):
        groups[key].sort(key=by_resource)
        findings += groups[key]
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
