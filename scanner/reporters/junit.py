"""The JUnit XML report, for the test tabs of GitLab, Jenkins and Azure DevOps.

Layout
    ``<testsuites>`` holds one ``<testsuite>`` per policy (``name`` = the policy
    id) and one ``<testcase>`` per policy x resource evaluated, named
    ``provider/account kind address-or-id``, with ``classname`` = the policy id and,
    for Terraform resources, ``file`` and ``line``:

    * an active finding is a ``<failure>`` (``type`` = severity, the message as text);
    * a waived finding is ``<skipped>`` with the justification;
    * a resource whose verdict was unknown is ``<skipped>`` saying so;
    * a resource that passed has no child.

    Passes and unknowns are known only when the engine was asked to record them
    (the CLI does so whenever a JUnit report is requested); without them the
    report lists findings only and says so in a ``<properties>`` entry.
    Collection errors form a last suite, ``cloudscan.collection``, one ``<error>``
    test case each, so a partial scan never looks green.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from scanner.findings import Finding, ResourceRef, ScanResult
from scanner.reporters.base import ReportOptions
from scanner.reporters.text import one_line, xml_text

ERRORS_SUITE = "cloudscan.collection"


def case_name(ref: ResourceRef) -> str:
    return xml_text(one_line(f"{ref.provider}/{ref.account} {ref.kind} {ref.address or ref.id}"))


def _case(suite: ET.Element, policy: str, ref: ResourceRef) -> ET.Element:
    case = ET.SubElement(suite, "testcase", name=case_name(ref), classname=xml_text(policy))
    if ref.file:
        case.set("file", xml_text(ref.file))
        if ref.line:
            case.set("line", str(ref.line))
    return case


def _finding_case(suite: ET.Element, finding: Finding) -> None:
    case = _case(suite, finding.rule_id, finding.resource)
    message = xml_text(one_line(finding.message))
    if finding.suppressed is not None:
        ET.SubElement(case, "skipped", message=xml_text(one_line(f"waived: {finding.suppressed}")))
        return
    failure = ET.SubElement(case, "failure", message=message, type=finding.severity.value)
    failure.text = xml_text(f"{finding.severity.value}: {finding.message}\nresource: {finding.resource.id}")


def _counts(suite: ET.Element) -> tuple[int, int, int, int]:
    cases = suite.findall("testcase")
    failures = sum(1 for c in cases if c.find("failure") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    errors = sum(1 for c in cases if c.find("error") is not None)
    counts = (("tests", len(cases)), ("failures", failures), ("errors", errors), ("skipped", skipped))
    for key, value in counts:
        suite.set(key, str(value))
    return len(cases), failures, errors, skipped


class JunitReporter:
    name = "junit"
    extensions = (".xml",)

    def render(self, result: ScanResult, options: ReportOptions) -> bytes:
        root = ET.Element("testsuites", name="cloudscan")
        if result.passed is None:
            props = ET.SubElement(root, "properties")
            ET.SubElement(props, "property", name="passes", value="not recorded: findings only")
        by_policy: dict[str, list[Finding]] = {}
        for finding in result.findings:
            by_policy.setdefault(finding.rule_id, []).append(finding)
        passed = result.passed or {}
        undecided = result.undecided or {}
        policies = sorted(set(result.rules) | set(by_policy) | set(passed) | set(undecided))
        totals = [0, 0, 0, 0]
        for policy in policies:
            suite = ET.SubElement(root, "testsuite", name=xml_text(policy))
            for finding in by_policy.get(policy, []):
                _finding_case(suite, finding)
            for ref in undecided.get(policy, []):
                case = _case(suite, policy, ref)
                ET.SubElement(case, "skipped", message="verdict unknown: a value the policy reads is unknown")
            for ref in passed.get(policy, []):
                _case(suite, policy, ref)
            totals = [a + b for a, b in zip(totals, _counts(suite), strict=True)]
        if result.errors:
            suite = ET.SubElement(root, "testsuite", name=ERRORS_SUITE)
            for error in result.errors:
                where = error.where() or error.source
                name = xml_text(one_line(where))
                case = ET.SubElement(suite, "testcase", name=name, classname=ERRORS_SUITE)
                text = f"{error.code}: {error.message}" if error.code else error.message
                ET.SubElement(case, "error", message=xml_text(one_line(text)), type=error.source)
            totals = [a + b for a, b in zip(totals, _counts(suite), strict=True)]
        for key, value in zip(("tests", "failures", "errors", "skipped"), totals, strict=True):
            root.set(key, str(value))
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
