"""The SARIF reporter: schema-valid, accepted by GitHub code scanning, stable across runs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scanner import INFORMATION_URI
from scanner.builtin import builtin_policy_dir
from scanner.cli import cli
from scanner.engine import evaluate
from scanner.findings import Finding, ResourceRef, Rule, ScanError, ScanResult, Severity
from scanner.inventory import Bucket, FirewallRule, Inventory, Origin, PortRange, Snapshot, dump_snapshot
from scanner.policy import load_policies
from scanner.reporters import REPORTERS, ReportOptions
from scanner.reporters.sarif import SarifReporter
from tests.sarif_rules import check_github_rules, check_sarif_file, relative_uri_problem, schema_problems

OPTIONS = ReportOptions(tool_version="9.9.9")

PUBLIC_BUCKET = """\
id: test.bucket-public-read
title: Bucket is readable by anyone
severity: critical
resource: bucket
description: Anyone on the internet can list and read the objects.
remediation: Remove public grants and turn on the public access block.
frameworks:
  test-framework-1.0: ["1.1", "1.2"]
tags: [storage]
help_uri: https://example.com/policies/bucket-public-read
condition: {field: public_read, op: eq, value: true}
message: "Bucket {name} is publicly readable."
"""

UNVERSIONED_BUCKET = """\
id: test.bucket-versioning-off
title: Bucket versioning is off
severity: low
resource: bucket
description: Overwritten or deleted objects cannot be recovered.
remediation: Turn on object versioning.
condition: {field: versioning, op: eq, value: false}
message: "Versioning is off."
"""


# ---------------------------------------------------------------- helpers


def ref(
    name: str,
    *,
    provider: str = "gcp",
    account: str = "proj-a",
    region: str = "global",
    kind: str = "bucket",
    rid: str | None = None,
    **extra: Any,
) -> ResourceRef:
    return ResourceRef(
        provider=provider,
        account=account,
        region=region,
        kind=kind,
        id=rid or f"//{provider}/{account}/{kind}/{name}",
        name=name,
        origin_source="snapshot",
        **extra,
    )


def rule(rule_id: str, severity: Severity = Severity.HIGH, **extra: Any) -> Rule:
    return Rule(
        id=rule_id,
        title=f"Title of {rule_id}",
        severity=severity,
        kind="bucket",
        description=f"Why {rule_id} matters.",
        remediation=f"How to fix {rule_id}.",
        **extra,
    )


def finding(rule_id: str, resource: ResourceRef, severity: Severity = Severity.HIGH, **extra: Any) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity=severity,
        message=f"{resource.kind} {resource.name} violates {rule_id}.",
        resource=resource,
        **extra,
    )


def scan(findings: list[Finding], rules: list[Rule], **extra: Any) -> ScanResult:
    return ScanResult(findings=findings, rules={r.id: r for r in rules}, **extra)


def render(result: ScanResult, reporter: SarifReporter | None = None) -> tuple[bytes, dict[str, Any]]:
    data = (reporter or SarifReporter()).render(result, OPTIONS)
    return data, json.loads(data)


def assert_accepted(data: bytes) -> None:
    assert check_sarif_file(data) == []


def results_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for run in doc["runs"] for r in run["results"]]


def uri_of(result: dict[str, Any]) -> str:
    return result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def fingerprint_of(result: dict[str, Any]) -> str:
    return result["partialFingerprints"]["primaryLocationLineHash"]


def run_for(doc: dict[str, Any], provider: str, account: str) -> dict[str, Any]:
    wanted = f"cloudscan/{provider}/{account}/"
    return next(run for run in doc["runs"] if run["automationDetails"]["id"] == wanted)


@pytest.fixture
def mixed() -> ScanResult:
    rules = [
        rule("t.public", Severity.CRITICAL, frameworks={"cis-x-1.0": ("2.1",)}, tags=("storage",)),
        rule("t.logging", Severity.MEDIUM),
        rule("t.unused", Severity.LOW),
    ]
    a1, a2 = ref("logs"), ref("data")
    b1 = ref("web-sg", provider="aws", account="111122223333", region="us-east-1", kind="firewall_rule")
    findings = [
        finding("t.public", a1, Severity.CRITICAL),
        finding("t.logging", a1, Severity.MEDIUM),
        finding("t.logging", a2, Severity.MEDIUM, suppressed="accepted risk: test data only"),
        finding("t.public", b1, Severity.CRITICAL),
    ]
    errors = [
        ScanError(
            source="api",
            message="Access denied",
            provider="aws",
            account="111122223333",
            service="s3",
            operation="ListBuckets",
            code="AccessDenied",
        )
    ]
    accounts = [("aws", "111122223333"), ("gcp", "proj-a"), ("gcp", "proj-empty")]
    return scan(findings, rules, errors=errors, accounts=accounts, resources_scanned=10)


# ---------------------------------------------------------------- document shape


def test_a_mixed_scan_is_schema_valid_and_follows_githubs_rules(mixed: ScanResult) -> None:
    data, doc = render(mixed)
    assert schema_problems(doc) == []
    assert check_github_rules(doc) == []
    assert_accepted(data)
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    data.decode("utf-8")


def test_the_sarif_format_is_registered_for_dot_sarif() -> None:
    assert isinstance(REPORTERS["sarif"], SarifReporter)
    assert ".sarif" in REPORTERS["sarif"].extensions


def test_driver_names_cloudscan_its_version_and_home(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    for run in doc["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] == "cloudscan"
        assert driver["version"] == "9.9.9"
        assert driver["informationUri"] == INFORMATION_URI


def test_rule_descriptor_carries_github_metadata(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    rules = run_for(doc, "gcp", "proj-a")["tool"]["driver"]["rules"]
    public = next(r for r in rules if r["id"] == "t.public")
    assert public["name"] == "TPublic"
    assert public["shortDescription"]["text"] == "Title of t.public"
    assert public["fullDescription"]["text"] == "Why t.public matters."
    assert "How to fix t.public." in public["help"]["text"]
    assert "How to fix t.public." in public["help"]["markdown"]
    assert "cis-x-1.0: 2.1" in public["help"]["markdown"]
    assert public["defaultConfiguration"]["level"] == "error"
    assert public["properties"]["security-severity"] == "9.5"
    assert public["properties"]["tags"][:2] == ["security", "bucket"]
    assert "storage" in public["properties"]["tags"]
    assert "cis-x-1.0/2.1" in public["properties"]["tags"]
    assert "helpUri" not in public


def test_levels_and_security_severity_follow_the_severity() -> None:
    expected = {
        Severity.CRITICAL: ("error", 9.0, 10.0),
        Severity.HIGH: ("error", 7.0, 8.9),
        Severity.MEDIUM: ("warning", 4.0, 6.9),
        Severity.LOW: ("note", 0.1, 3.9),
        Severity.INFO: ("note", 0.0, 0.0),
    }
    rules = [rule(f"r.{s.value}", s) for s in Severity]
    findings = [finding(f"r.{s.value}", ref(f"res-{s.value}"), s) for s in Severity]
    data, doc = render(scan(findings, rules))
    assert_accepted(data)
    run = doc["runs"][0]
    for descriptor in run["tool"]["driver"]["rules"]:
        severity = Severity(descriptor["id"].split(".")[1])
        level, low, high = expected[severity]
        assert descriptor["defaultConfiguration"]["level"] == level
        assert low <= float(descriptor["properties"]["security-severity"]) <= high
    for result in run["results"]:
        assert result["level"] == expected[Severity(result["ruleId"].split(".")[1])][0]


def test_help_uri_appears_only_where_the_rule_has_one() -> None:
    rules = [rule("with.uri", help_uri="https://example.com/r"), rule("without.uri")]
    findings = [finding("with.uri", ref("a")), finding("without.uri", ref("a"))]
    _, doc = render(scan(findings, rules))
    by_id = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["with.uri"]["helpUri"] == "https://example.com/r"
    assert "helpUri" not in by_id["without.uri"]


def test_rules_list_only_rules_with_results_and_rule_index_agrees(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    gcp = run_for(doc, "gcp", "proj-a")
    assert [r["id"] for r in gcp["tool"]["driver"]["rules"]] == ["t.logging", "t.public"]
    aws = run_for(doc, "aws", "111122223333")
    assert [r["id"] for r in aws["tool"]["driver"]["rules"]] == ["t.public"]
    for run in doc["runs"]:
        rules = run["tool"]["driver"]["rules"]
        for result in run["results"]:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_tags_are_capped_at_twenty() -> None:
    many = rule("t.many", frameworks={"fw": tuple(str(i) for i in range(40))}, tags=("a", "b"))
    data, doc = render(scan([finding("t.many", ref("x"))], [many]))
    tags = doc["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["tags"]
    assert len(tags) == 20
    assert tags[0] == "security"
    assert_accepted(data)


def test_long_descriptions_are_cut_to_githubs_limit() -> None:
    long = Rule(
        id="t.long",
        title="T" * 2000,
        severity=Severity.LOW,
        kind="bucket",
        description="D" * 5000,
        remediation="R",
    )
    data, doc = render(scan([finding("t.long", ref("x"), Severity.LOW)], [long]))
    descriptor = doc["runs"][0]["tool"]["driver"]["rules"][0]
    assert len(descriptor["shortDescription"]["text"]) <= 1024
    assert len(descriptor["fullDescription"]["text"]) <= 1024
    assert_accepted(data)


def test_a_finding_whose_rule_metadata_is_missing_still_gets_a_descriptor() -> None:
    data, doc = render(scan([finding("orphan.rule", ref("x"))], []))
    assert doc["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "orphan.rule"
    assert_accepted(data)


# ---------------------------------------------------------------- results


def test_result_message_names_the_resource_and_logical_location_is_the_id(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    result = run_for(doc, "gcp", "proj-a")["results"][0]
    assert result["message"]["text"] == "bucket logs violates t.public."
    logical = result["locations"][0]["logicalLocations"][0]
    assert logical == {"name": "logs", "fullyQualifiedName": "//gcp/proj-a/bucket/logs", "kind": "resource"}


def test_a_message_that_forgets_the_resource_gets_its_name_appended() -> None:
    resource = ref("quiet-bucket")
    silent = Finding(rule_id="t.r", severity=Severity.LOW, message="Versioning is off.", resource=resource)
    data, doc = render(scan([silent], [rule("t.r", Severity.LOW)]))
    assert doc["runs"][0]["results"][0]["message"]["text"] == "Versioning is off. (resource: quiet-bucket)"
    assert_accepted(data)


def test_terraform_origin_points_at_the_file_and_line_and_names_the_address() -> None:
    resource = ref(
        "web",
        kind="firewall_rule",
        rid="aws_security_group_rule.ssh",
        file="infra/network/main.tf",
        line=42,
        address="module.net.aws_security_group_rule.ssh",
    )
    data, doc = render(scan([finding("t.r", resource)], [rule("t.r")]))
    location = doc["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "infra/network/main.tf"
    assert location["physicalLocation"]["region"]["startLine"] == 42
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "module.net.aws_security_group_rule.ssh"
    assert_accepted(data)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("./stacks/prod env/main.tf", "stacks/prod%20env/main.tf"),
        ("stacks\\windows\\main.tf", "stacks/windows/main.tf"),
        ("stacks/ünïcode/main.tf", "stacks/%C3%BCn%C3%AFcode/main.tf"),
    ],
)
def test_terraform_paths_become_relative_percent_encoded_uris(file: str, expected: str) -> None:
    resource = ref("x", file=file, line=3)
    data, doc = render(scan([finding("t.r", resource)], [rule("t.r")]))
    assert uri_of(doc["runs"][0]["results"][0]) == expected
    assert_accepted(data)


@pytest.mark.parametrize("file", ["/home/ci/repo/main.tf", "C:\\repo\\main.tf", "../outside/main.tf"])
def test_terraform_paths_outside_the_repository_fall_back_to_the_cloud_path(file: str) -> None:
    resource = ref("x", file=file, line=3)
    data, doc = render(scan([finding("t.r", resource)], [rule("t.r")]))
    result = doc["runs"][0]["results"][0]
    assert uri_of(result).startswith("cloud/gcp/proj-a/global/bucket/x-")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert_accepted(data)


def test_terraform_line_zero_or_missing_becomes_line_one() -> None:
    findings = [finding("t.r", ref("a", file="a.tf", line=0)), finding("t.r", ref("b", file="b.tf"))]
    _, doc = render(scan(findings, [rule("t.r")]))
    assert {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results_of(doc)} == {1}


def test_cloud_path_names_provider_account_region_kind_and_resource() -> None:
    resource = ref("prod-db", provider="alibaba", account="5012345678", region="cn-hangzhou", kind="database")
    _, doc = render(scan([finding("t.r", resource)], [rule("t.r")]))
    result = doc["runs"][0]["results"][0]
    uri = uri_of(result)
    assert uri.startswith("cloud/alibaba/5012345678/cn-hangzhou/database/prod-db-")
    assert len(uri.rsplit("-", 1)[1]) == 10
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


@pytest.mark.parametrize(
    "name",
    [
        "name with spaces",
        "生产数据库",
        "sg/with/slashes",
        "back\\slash",
        "..",
        "",
        "100%?#[]@!$&'()*+,;=",
        "x" * 300,
        "tab\tand\nnewline",
    ],
)
def test_weird_names_give_relative_uris_without_spaces_or_unsafe_characters(name: str) -> None:
    resource = ref(name, rid=f"arn:aws:ec2:us-east-1:111122223333:thing/{name}")
    data, doc = render(scan([finding("t.r", resource)], [rule("t.r")]))
    uri = uri_of(doc["runs"][0]["results"][0])
    assert relative_uri_problem(uri) is None
    assert " " not in uri
    assert uri.count("/") == 5
    assert_accepted(data)


def test_same_name_in_one_account_gives_distinct_paths_and_fingerprints() -> None:
    twins = [
        finding("t.r", ref("default", rid="sg-0001", kind="firewall_rule")),
        finding("t.r", ref("default", rid="sg-0002", kind="firewall_rule")),
    ]
    data, doc = render(scan(twins, [rule("t.r")]))
    first, second = doc["runs"][0]["results"]
    assert uri_of(first) != uri_of(second)
    assert fingerprint_of(first) != fingerprint_of(second)
    assert_accepted(data)


# ---------------------------------------------------------------- stability


def test_rendering_twice_gives_identical_bytes(mixed: ScanResult) -> None:
    assert render(mixed)[0] == render(mixed)[0]


def test_fingerprints_and_paths_survive_other_changes_in_the_account() -> None:
    target = ref("logs")
    before = scan([finding("t.r", target)], [rule("t.r")], accounts=[("gcp", "proj-a")])
    reworded = Finding(rule_id="t.r", severity=Severity.HIGH, message="Now logs is worse.", resource=target)
    after = scan(
        [finding("t.r", ref("aaa-new")), reworded, finding("t.other", target)],
        [rule("t.r"), rule("t.other")],
        accounts=[("gcp", "proj-a")],
    )
    old = render(before)[1]["runs"][0]["results"][0]
    new = next(
        r
        for r in render(after)[1]["runs"][0]["results"]
        if r["ruleId"] == "t.r" and r["locations"][0]["logicalLocations"][0]["name"] == "logs"
    )
    assert fingerprint_of(new) == fingerprint_of(old)
    assert new["partialFingerprints"] == old["partialFingerprints"]
    assert uri_of(new) == uri_of(old)


def test_fingerprints_differ_between_resources_rules_and_accounts() -> None:
    findings = [
        finding("t.a", ref("one")),
        finding("t.a", ref("two")),
        finding("t.b", ref("one")),
        finding("t.a", ref("one", account="proj-b", rid="//gcp/proj-a/bucket/one")),
    ]
    _, doc = render(scan(findings, [rule("t.a"), rule("t.b")]))
    prints = [fingerprint_of(r) for r in results_of(doc)]
    assert len(set(prints)) == 4
    assert all(p.endswith(":1") for p in prints)


# ---------------------------------------------------------------- runs


def test_one_run_per_account_sorted_with_distinct_categories(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    assert [run["automationDetails"]["id"] for run in doc["runs"]] == [
        "cloudscan/aws/111122223333/",
        "cloudscan/gcp/proj-a/",
        "cloudscan/gcp/proj-empty/",
    ]


def test_an_account_without_findings_still_gets_an_empty_run(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    empty = run_for(doc, "gcp", "proj-empty")
    assert empty["results"] == []
    assert empty["tool"]["driver"]["rules"] == []
    assert empty["invocations"][0]["executionSuccessful"] is True


def test_accounts_seen_only_in_findings_or_errors_get_runs() -> None:
    errors = [ScanError(source="api", message="denied", provider="aws", account="999999999999")]
    result = scan([finding("t.r", ref("x", account="proj-z"))], [rule("t.r")], errors=errors)
    data, doc = render(result)
    assert [run["automationDetails"]["id"] for run in doc["runs"]] == [
        "cloudscan/aws/999999999999/collection-errors/",
        "cloudscan/gcp/proj-z/",
    ]
    assert_accepted(data)


def test_no_account_at_all_gives_one_empty_run() -> None:
    data, doc = render(scan([], []))
    assert len(doc["runs"]) == 1
    assert doc["runs"][0]["automationDetails"]["id"] == "cloudscan/"
    assert doc["runs"][0]["results"] == []
    assert_accepted(data)


def test_more_than_twenty_accounts_are_grouped_never_refused() -> None:
    accounts = [("aws", f"{i:012d}") for i in range(45)]
    findings = [finding("t.r", ref(f"r{i}", provider="aws", account=a)) for i, (_, a) in enumerate(accounts)]
    data, doc = render(scan(findings, [rule("t.r")], accounts=accounts))
    assert_accepted(data)
    assert 1 < len(doc["runs"]) <= 20
    assert all(run["automationDetails"]["id"].startswith("cloudscan/group-") for run in doc["runs"])
    placed = {
        r["properties"]["account"]: run["automationDetails"]["id"]
        for run in doc["runs"]
        for r in run["results"]
    }
    assert len(placed) == 45
    _, again = render(scan(findings[::-1], [rule("t.r")], accounts=accounts[::-1]))
    assert placed == {
        r["properties"]["account"]: run["automationDetails"]["id"]
        for run in again["runs"]
        for r in run["results"]
    }


def test_twenty_accounts_fit() -> None:
    accounts = [("aws", f"{i:012d}") for i in range(20)]
    data, doc = render(scan([], [], accounts=accounts))
    assert len(doc["runs"]) == 20
    assert_accepted(data)


# ---------------------------------------------------------------- errors and suppressions


def test_collection_errors_become_error_notifications_of_their_run(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    invocation = run_for(doc, "aws", "111122223333")["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "api aws/111122223333 s3.ListBuckets: AccessDenied: Access denied"
    assert note["properties"]["code"] == "AccessDenied"
    other = run_for(doc, "gcp", "proj-a")["invocations"][0]
    assert other["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in other


def test_errors_without_account_reach_every_run_of_their_provider_or_every_run() -> None:
    errors = [
        ScanError(source="api", message="cannot list projects", provider="gcp"),
        ScanError(source="snapshot inv.json", message="bad record"),
    ]
    accounts = [("aws", "111122223333"), ("gcp", "p1"), ("gcp", "p2")]
    data, doc = render(scan([], [], errors=errors, accounts=accounts))
    texts = {
        run["automationDetails"]["id"]: [
            n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]
        ]
        for run in doc["runs"]
    }
    assert texts == {
        "cloudscan/aws/111122223333/": ["snapshot inv.json: bad record"],
        "cloudscan/gcp/p1/": ["api gcp: cannot list projects", "snapshot inv.json: bad record"],
        "cloudscan/gcp/p2/": ["api gcp: cannot list projects", "snapshot inv.json: bad record"],
    }
    assert all(run["invocations"][0]["executionSuccessful"] is False for run in doc["runs"])
    assert_accepted(data)


def test_an_account_seen_only_in_errors_never_closes_its_alerts() -> None:
    errors = [ScanError(source="api", message="denied", provider="gcp", account="locked", code="403")]
    data, doc = render(scan([], [], errors=errors, accounts=[("gcp", "open")]))
    ids = sorted(run["automationDetails"]["id"] for run in doc["runs"])
    assert ids == ["cloudscan/gcp/locked/collection-errors/", "cloudscan/gcp/open/"]
    assert_accepted(data)


def test_suppressed_findings_carry_an_external_suppression_with_the_justification(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    results = run_for(doc, "gcp", "proj-a")["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "external", "justification": "accepted risk: test data only"}
    ]
    assert suppressed[0]["locations"][0]["logicalLocations"][0]["name"] == "data"


# ---------------------------------------------------------------- limits


def _spread(count: int, account: str = "proj-a") -> list[Finding]:
    severities = list(Severity)
    return [
        finding(f"t.{severities[i % 5].value}", ref(f"res-{i:06d}", account=account), severities[i % 5])
        for i in range(count)
    ]


def _rules() -> list[Rule]:
    return [rule(f"t.{s.value}", s) for s in Severity]


def test_results_over_the_per_run_limit_keep_the_most_severe_and_say_what_was_cut() -> None:
    findings = _spread(10)  # two of each severity
    findings.append(finding("t.critical", ref("waived"), Severity.CRITICAL, suppressed="known"))
    data, doc = render(scan(findings, _rules()), SarifReporter(max_results=5))
    run = doc["runs"][0]
    levels = [r["ruleId"] for r in run["results"]]
    assert levels == ["t.critical", "t.critical", "t.high", "t.high", "t.medium"]
    assert all("suppressions" not in r for r in run["results"])
    assert run["properties"]["omittedResults"] == {
        "resultsPerRunLimit": {"critical": 1, "info": 2, "low": 2, "medium": 1}
    }
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning"
    assert note["message"]["text"].startswith(
        "6 of 11 results left out (1 critical, 1 medium, 2 low, 2 info)"
    )
    assert run["invocations"][0]["executionSuccessful"] is True
    assert_accepted(data)


def test_the_per_run_limit_applies_to_each_run_separately() -> None:
    findings = _spread(4, "p1") + _spread(2, "p2")
    _, doc = render(scan(findings, _rules()), SarifReporter(max_results=3))
    assert [len(run["results"]) for run in doc["runs"]] == [3, 2]
    assert "properties" not in doc["runs"][1]


def test_real_size_run_is_cut_to_25000_results_and_stays_under_10_mb_gzip() -> None:
    findings = _spread(25_100)
    data, doc = render(scan(findings, _rules(), accounts=[("gcp", "proj-a")]))
    run = doc["runs"][0]
    assert len(run["results"]) == 25_000
    assert sum(run["properties"]["omittedResults"]["resultsPerRunLimit"].values()) == 100
    assert run["properties"]["omittedResults"]["resultsPerRunLimit"] == {"info": 100}
    assert len(gzip.compress(data, compresslevel=6)) < 10_000_000
    assert check_github_rules(doc) == []


def test_a_file_over_the_gzip_limit_drops_the_least_severe_results_and_says_so() -> None:
    findings = _spread(400, "p1") + _spread(400, "p2")
    reporter = SarifReporter(max_gzip_bytes=30_000)
    data, doc = render(scan(findings, _rules()), reporter)
    assert len(gzip.compress(data, compresslevel=6)) <= 30_000
    kept = results_of(doc)
    assert 0 < len(kept) < 800
    worst_kept = max(Severity(r["ruleId"][2:]).rank for r in kept)
    for run in doc["runs"]:
        dropped = run["properties"]["omittedResults"]["gzipSizeLimit"]
        assert all(Severity(sev).rank >= worst_kept for sev in dropped)
        texts = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
        assert any("at most 30,000 bytes gzip-compressed" in t for t in texts)
    assert check_github_rules(doc) == []


# ---------------------------------------------------------------- through the engine and the CLI


def _write_policies(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "public.yaml").write_text(PUBLIC_BUCKET, encoding="utf-8")
    (directory / "versioning.yaml").write_text(UNVERSIONED_BUCKET, encoding="utf-8")
    # a framework of the team's own is declared beside its policies (issue #14: keys must be declared)
    (directory / "frameworks.yaml").write_text(
        "test-framework-1.0: {title: Test framework}\n", encoding="utf-8"
    )
    return directory


def _resources() -> list[Any]:
    origin = Origin(source="snapshot")
    return [
        Bucket(
            provider="gcp",
            account="proj-a",
            id="//storage.googleapis.com/public logs",
            name="public logs",
            origin=origin,
            public_read=True,
            versioning=False,
        ),
        Bucket(
            provider="aws",
            account="111122223333",
            region="us-east-1",
            id="arn:aws:s3:::tf-bucket",
            name="tf-bucket",
            origin=Origin(source="terraform", file="envs/prod/s3.tf", line=7, address="aws_s3_bucket.b"),
            public_read=True,
        ),
        Bucket(
            provider="gcp",
            account="proj-clean",
            id="//storage.googleapis.com/private",
            name="private",
            origin=origin,
            public_read=False,
            versioning=True,
        ),
        FirewallRule(
            provider="gcp",
            account="proj-a",
            id="projects/proj-a/global/firewalls/allow-ssh",
            name="allow-ssh",
            origin=origin,
            direction="ingress",
            protocol="tcp",
            ports=(PortRange(22, 22),),
            source_ranges=("0.0.0.0/0",),
        ),
    ]


def test_engine_results_with_test_policies_render_valid_sarif(tmp_path: Path) -> None:
    policies = load_policies([_write_policies(tmp_path / "policies")])
    result = evaluate(policies, Inventory(_resources()))
    data, doc = render(result)
    assert_accepted(data)
    assert [run["automationDetails"]["id"] for run in doc["runs"]] == [
        "cloudscan/terraform/",  # Terraform findings: one category, whatever their accounts
        "cloudscan/gcp/proj-a/",
        "cloudscan/gcp/proj-clean/",
    ]
    code = doc["runs"][0]
    aws = code["results"][0]
    assert aws["properties"] == {
        "provider": "aws",
        "account": "111122223333",
        "region": "us-east-1",
        "terraformRoot": ".",
    }
    assert uri_of(aws) == "envs/prod/s3.tf"
    assert aws["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    descriptor = code["tool"]["driver"]["rules"][0]
    assert descriptor["helpUri"] == "https://example.com/policies/bucket-public-read"
    assert "test-framework-1.0/1.2" in descriptor["properties"]["tags"]
    gcp = run_for(doc, "gcp", "proj-a")["results"]
    assert {r["ruleId"] for r in gcp} == {"test.bucket-public-read", "test.bucket-versioning-off"}
    assert all(relative_uri_problem(uri_of(r)) is None for r in gcp)
    assert run_for(doc, "gcp", "proj-clean")["results"] == []


def test_builtin_policies_render_valid_sarif() -> None:
    policies = load_policies([builtin_policy_dir()])
    result = evaluate(policies, Inventory(_resources()))
    data, _ = render(result)
    assert_accepted(data)


def test_cli_writes_a_valid_sarif_file(tmp_path: Path) -> None:
    snapshot = tmp_path / "inventory.json"
    dump_snapshot(Snapshot(resources=tuple(_resources())), snapshot)
    policies = _write_policies(tmp_path / "policies")
    out = tmp_path / "reports" / "x.sarif"
    outcome = CliRunner().invoke(
        cli,
        ["scan", "--inventory", str(snapshot), "--policies", str(policies), "--output", str(out), "-q"],
    )
    assert outcome.exit_code == 1, outcome.output
    data = out.read_bytes()
    assert check_sarif_file(data) == []
    doc = json.loads(data)
    assert len(results_of(doc)) == 3
    assert {run["tool"]["driver"]["version"] for run in doc["runs"]} == {__import__("scanner").__version__}


def test_cli_writes_more_than_twenty_accounts_as_grouped_runs(tmp_path: Path) -> None:
    origin = Origin(source="snapshot")
    buckets = tuple(
        Bucket(provider="aws", account=f"{i:012d}", id=f"arn:aws:s3:::b{i}", name=f"b{i}", origin=origin)
        for i in range(21)
    )
    snapshot = tmp_path / "inventory.json"
    dump_snapshot(Snapshot(resources=buckets), snapshot)
    out = tmp_path / "x.sarif"
    outcome = CliRunner().invoke(
        cli,
        ["scan", "-i", str(snapshot), "-p", str(_write_policies(tmp_path / "p")), "-o", str(out), "-q"],
    )
    assert outcome.exit_code == 0, outcome.output
    assert_accepted(out.read_bytes())
    assert len(json.loads(out.read_bytes())["runs"]) <= 20


# ---------------------------------------------------------------- the checker itself


def test_the_github_rules_checker_reports_what_github_would_reject(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    run = run_for(doc, "gcp", "proj-a")
    result = run["results"][0]
    result["ruleIndex"] = 5
    result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "file:///abs/my file.tf"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    result["message"]["text"] = "Something is wrong."
    del result["partialFingerprints"]
    descriptor = run["tool"]["driver"]["rules"][0]
    descriptor["properties"]["tags"] = ["storage"]
    descriptor["properties"]["security-severity"] = "high"
    descriptor["fullDescription"]["text"] = ""
    doc["runs"][0]["automationDetails"]["id"] = run["automationDetails"]["id"]
    problems = "\n".join(check_github_rules(doc))
    for expected in (
        "ruleIndex 5 does not point at rule",
        "is not relative",
        "startLine 0 must be >= 1",
        "does not name the resource",
        "primaryLocationLineHash is required",
        "lacks 'security'",
        "security-severity 'high'",
        "fullDescription.text is required",
        "runs share a category",
    ):
        assert expected in problems


@pytest.mark.parametrize(
    ("uri", "ok"),
    [
        ("cloud/gcp/p/global/bucket/a-1", True),
        ("a/b%20c.tf", True),
        ("a/b c.tf", False),
        ("/abs/a.tf", False),
        ("https://example.com/a", False),
        ("a/../b", False),
        ("a/ü.tf", False),
        ("a/%zz", False),
    ],
)
def test_the_uri_check_accepts_only_clean_relative_references(uri: str, ok: bool) -> None:
    assert (relative_uri_problem(uri) is None) is ok


def test_the_schema_check_catches_a_schema_violation(mixed: ScanResult) -> None:
    _, doc = render(mixed)
    doc["runs"][0]["results"].append({"ruleId": "x", "level": "fatal", "message": {"text": "m"}})
    assert any("fatal" in problem for problem in schema_problems(doc))
