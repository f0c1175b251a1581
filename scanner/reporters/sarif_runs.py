"""SARIF runs: which findings, absent results and errors go to which run, and each run's category.

The rules (one Terraform run per repository, one run per live account, hash
groups past GitHub's 20 runs, injective category escaping) are written down in
:mod:`scanner.reporters.sarif`, under "Runs and categories".
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from scanner.findings import Absent, Finding, ScanError, ScanResult
from scanner.reporters.jsontext import encode_json, utf8
from scanner.reporters.sarif_limits import sort_by_priority
from scanner.reporters.sarif_results import UNRESERVED

CATEGORY_PREFIX = "cloudscan"
MAX_RUNS = 20
Account = tuple[str, str]
TERRAFORM_CATEGORY = f"{CATEGORY_PREFIX}/terraform/"
TERRAFORM_ACCOUNT_PREFIX = "terraform:"
"""``account`` of a Terraform record whose cloud account is not known (``model.root_account``)."""


@dataclass
class RunPlan:
    """What one run will hold before it is turned into SARIF.

    ``category`` is set for the runs that are not one live account (the
    Terraform run, a group of accounts); ``key`` is then ``None``.
    """

    key: Account | None
    errors_only: bool = False
    category: str | None = None
    members: set[Account] = field(default_factory=set)
    omitted_errors: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[ScanError] = field(default_factory=list)
    absent: list[Absent] = field(default_factory=list)
    omitted_by_count: Counter[str] = field(default_factory=Counter)
    omitted_by_size: Counter[str] = field(default_factory=Counter)
    encoded: list[bytes] = field(default_factory=list)
    """Each kept finding's result without its leading ``ruleId``/``ruleIndex`` (see ``result_bytes``)."""


def category_segment(text: str) -> str:
    """One segment of a category, escaped injectively (see "Runs and categories" in ``sarif``).

    Percent-encoding alone is injective (``%`` itself becomes ``%25``); on top of
    it ``_`` becomes ``%5F`` so that ``_`` can stand for ``/``, which keeps the
    categories of Terraform roots (``terraform:infra/prod`` ->
    ``terraform%3Ainfra_prod``) what they were. Whole segments of only dots or
    nothing, which a reader could take for path steps, get one more dot and every
    dot as ``%2E``; percent-encoding never writes ``%2E`` itself.
    """
    encoded = quote(utf8(text), safe=UNRESERVED).replace("_", "%5F").replace("%2F", "_")
    return "%2E" * (len(encoded) + 1) if encoded.strip(".") == "" else encoded


def category(plan: RunPlan) -> str:
    if plan.category is not None:
        return plan.category
    if plan.key is None:
        return f"{CATEGORY_PREFIX}/"
    provider, account = plan.key
    suffix = "collection-errors/" if plan.errors_only else ""
    return f"{CATEGORY_PREFIX}/{category_segment(provider)}/{category_segment(account)}/{suffix}"


def _is_terraform(finding: Finding) -> bool:
    return finding.resource.origin_source == "terraform"


def plan_runs(
    result: ScanResult, include_suppressed: bool = True, max_runs: int | None = None
) -> list[RunPlan]:
    """Group findings and errors into runs in a stable order (see "Runs and categories").

    Terraform findings share one run; live accounts get one run each, or, when
    they would need more than ``max_runs`` runs, one per hash group.
    """
    findings = [f for f in result.findings if include_suppressed or f.suppressed is None]
    code = [f for f in findings if _is_terraform(f)]
    live = [f for f in findings if not _is_terraform(f)]
    # An account that only Terraform findings name, or any account of a scan whose findings
    # all come from Terraform, is taken for a declared one: its empty run would close live alerts.
    declared = {(f.resource.provider, f.resource.account) for f in code}
    keys: set[Account] = {
        a
        for a in result.accounts
        if not a[1].startswith(TERRAFORM_ACCOUNT_PREFIX) and (live or not code) and a not in declared
    }
    keys.update((f.resource.provider, f.resource.account) for f in live)
    keys.update((a.finding.resource.provider, a.finding.resource.account) for a in result.absent)
    error_keys = {(e.provider, e.account) for e in result.errors if e.provider and e.account}
    plans = {key: RunPlan(key, errors_only=key not in keys) for key in sorted(keys | error_keys)}
    terraform = RunPlan(None, category=TERRAFORM_CATEGORY, findings=code)
    has_terraform = bool(code) or any(a[1].startswith(TERRAFORM_ACCOUNT_PREFIX) for a in result.accounts)
    room = max(1, (max_runs or len(plans) + 1) - has_terraform)
    groups = _groups(plans, room) if len(plans) > room else None
    for finding in live:
        plans[(finding.resource.provider, finding.resource.account)].findings.append(finding)
    for entry in result.absent:
        plans[(entry.finding.resource.provider, entry.finding.resource.account)].absent.append(entry)
    plans_list = [terraform] if has_terraform else []
    plans_list += list(plans.values()) if groups is None else groups
    plans_list = plans_list or [RunPlan(None)]
    for error in result.errors:
        for plan in _targets(error, plans_list):
            if error not in plan.errors:
                plan.errors.append(error)
    for plan in plans_list:
        sort_by_priority(plan.findings)
    return plans_list


def _groups(plans: dict[Account, RunPlan], count: int) -> list[RunPlan]:
    """``count`` runs holding the accounts' plans by hash group; the plans keep filling them.

    The group plans share the account plans' lists by reference, so findings added
    to an account plan afterwards land in its group; ``members`` keeps which
    accounts each group holds, for the errors that name an account.
    """
    merged = [RunPlan(None, category=f"{CATEGORY_PREFIX}/group-{i + 1}-of-{count}/") for i in range(count)]
    for key, plan in plans.items():
        digest = hashlib.sha256(encode_json(list(key), inert=False)).digest()
        group = merged[int.from_bytes(digest[:8], "big") % count]
        group.members.add(key)
        plan.findings = group.findings
        plan.absent = group.absent
    return [g for g in merged if g.members]


def _targets(error: ScanError, plans: Sequence[RunPlan]) -> Iterable[RunPlan]:
    if error.provider and error.account:
        key = (error.provider, error.account)
        return [p for p in plans if p.key == key or key in p.members]
    if error.provider:
        same = [
            p
            for p in plans
            if (p.key is not None and p.key[0] == error.provider)
            or any(m[0] == error.provider for m in p.members)
        ]
        return same or plans
    return plans
