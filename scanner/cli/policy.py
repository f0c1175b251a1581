"""``cloudscan policy list|validate|test`` and ``cloudscan schema``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import click

from scanner.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    handles_input_errors,
    resolve_policy_paths,
)
from scanner.inventory.model import KINDS
from scanner.inventory.snapshot import snapshot_json_schema
from scanner.policy import Policy, load_policies
from scanner.policy.compliance import section_policies
from scanner.policy.fields import render_kind, render_markdown
from scanner.policy.frameworks import builtin_frameworks, suggest
from scanner.policy.loader import validate_policies
from scanner.policy.schema import render_schema
from scanner.policy.select import SelectionError, check_framework
from scanner.policy.testing import run_policy_tests
from scanner.textsafe import safe_text

PATHS = click.argument("paths", nargs=-1, metavar="[PATH]...")


def _load(paths: Sequence[str]) -> list[Policy]:
    return load_policies(resolve_policy_paths(paths))


@click.group()
def policy() -> None:
    """List, validate and test policies."""


@policy.command("list")
@PATHS
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handles_input_errors
def policy_list(paths: tuple[str, ...], fmt: str) -> None:
    """List policies (default: the built-in pack) with severity, kind, providers and frameworks."""
    items = sorted(_load(paths), key=lambda p: (p.severity.rank, p.id))
    if fmt == "json":
        rows = [
            {
                "id": p.id,
                "title": p.title,
                "severity": p.severity.value,
                "kind": p.kind,
                "providers": sorted(p.providers) if p.providers else "all",
                "frameworks": {k: list(v) for k, v in sorted(p.frameworks.items())},
                "tags": list(p.tags),
                "help_uri": dict(sorted(p.help_uris.items())) or p.help_uri,
                **({"parameters": p.parameter_specs} if p.parameter_specs else {}),
                "source": p.source,
            }
            for p in items
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max([len("POLICY"), *(len(p.id) for p in items)])
    click.echo(f"{'SEVERITY':<8} {'KIND':<18} {'POLICY':<{width}} {'PROVIDERS':<14} FRAMEWORKS")
    for item in items:
        frameworks = "; ".join(f"{k} {', '.join(v)}" for k, v in sorted(item.frameworks.items())) or "-"
        providers = ",".join(sorted(item.providers)) if item.providers else "all"
        line = f"{item.severity.value:<8} {item.kind:<18} {item.id:<{width}} {providers:<14} {frameworks}"
        click.echo(safe_text(line))


@policy.command("validate")
@PATHS
@handles_input_errors
def policy_validate(paths: tuple[str, ...]) -> None:
    """Check policy files against the schema and the inventory kinds; every bad file is reported."""
    valid, errors = validate_policies(resolve_policy_paths(paths))
    for error in errors:
        click.echo(f"cloudscan: error: {safe_text(str(error))}", err=True)
    if not errors:
        click.echo(f"{valid} policies valid")
        return
    if len(errors) > 1:  # one bad file stays the one-line error every input error is
        click.echo(f"cloudscan: {len(errors)} policy files with errors, {valid} valid", err=True)
    sys.exit(EXIT_ERROR)


@policy.command("coverage")
@click.argument("framework")
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@handles_input_errors
def policy_coverage(framework: str, paths: tuple[str, ...], fmt: str) -> None:
    """How many sections of FRAMEWORK the policies map (default: the built-in pack)."""
    check_framework(framework, "policy coverage")
    bench = builtin_frameworks()[framework]
    if not bench.sections:
        raise SelectionError(f"{framework} lists no sections in frameworks.yaml: coverage cannot be measured")
    mapped = section_policies(framework, [(p.id, p.frameworks) for p in _load(paths)])
    rows = []
    for section in bench.sections:
        policies = mapped.get(section.id, [])
        status = "covered" if policies else "manual" if section.assessment == "manual" else "not covered"
        rows.append({"id": section.id, "title": section.title, "assessment": section.assessment,
                     "status": status, "policies": policies})  # fmt: skip
    covered = sum(1 for r in rows if r["status"] == "covered")
    automated = [r for r in rows if r["assessment"] == "automated"]
    covered_automated = sum(1 for r in automated if r["status"] == "covered")
    summary = (
        f"{bench.title} {bench.version}: {covered} of {len(rows)} sections covered by a policy "
        f"({covered_automated} of {len(automated)} automated); "
        f"{sum(1 for r in rows if r['status'] == 'manual')} manual, "
        f"{sum(1 for r in rows if r['status'] == 'not covered')} not covered"
    )
    if fmt == "json":
        click.echo(json.dumps({"framework": framework, "summary": summary, "sections": rows}, indent=2))
        return
    for row in rows:
        listed = ", ".join(row["policies"])
        click.echo(safe_text(f"{row['id']:<7} {row['status']:<12} {row['title'][:60]:<60} {listed}".rstrip()))
    click.echo(summary)


@policy.command("test")
@PATHS
@click.option(
    "--require-cases/--no-require-cases",
    default=True,
    show_default=True,
    help="Fail a policy that has no pass or no fail case.",
)
@handles_input_errors
def policy_test(paths: tuple[str, ...], require_cases: bool) -> None:
    """Run every policy's own pass and fail cases."""
    passed = failed = 0
    for item in _load(paths):
        results = run_policy_tests(item)
        for case in results:
            if case.ok:
                passed += 1
                continue
            failed += 1
            where = f"{case.file}:{case.line}" if case.line else case.file
            click.echo(safe_text(f"FAIL {item.id} [{case.expect}] {case.name}: {case.detail} ({where})"))
        if require_cases:
            for expect in ("pass", "fail"):
                if not any(c.expect == expect for c in results):
                    failed += 1
                    click.echo(safe_text(f"FAIL {item.id}: no '{expect}' test case ({item.source})"))
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _filled_by() -> dict[str, dict[str, dict[str, tuple[str, ...]]]]:
    """Each provider's table of the fields it fills (pure data modules: no SDK is imported)."""
    from scanner.providers.alibaba import fields as alibaba  # noqa: PLC0415
    from scanner.providers.aws import fields as aws  # noqa: PLC0415
    from scanner.providers.gcp import fields as gcp  # noqa: PLC0415

    tables = {"alibaba": alibaba, "gcp": gcp, "aws": aws}

    def split(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
        return {kind: tuple(names.split()) for kind, names in table.items()}

    return {p: {"live": split(m.LIVE), "terraform": split(m.TERRAFORM)} for p, m in tables.items()}


@click.command("schema")
@click.argument("which", type=click.Choice(["policy", "snapshot", "fields"]))
@click.argument("kind", required=False)
@handles_input_errors
def schema(which: str, kind: str | None) -> None:
    """Print the JSON Schema of policy files or snapshots, or the fields of an inventory KIND."""
    if kind is not None and which != "fields":
        raise click.UsageError(f"schema {which} takes no KIND")
    if which == "policy":
        click.echo(render_schema(), nl=False)
    elif which == "snapshot":
        click.echo(json.dumps(snapshot_json_schema(), indent=2))
    elif kind is None:
        click.echo(render_markdown(_filled_by()), nl=False)
    elif kind not in KINDS:
        raise SelectionError(
            f"unknown kind {kind!r}" + suggest(kind, sorted(KINDS)) + f"; one of {', '.join(sorted(KINDS))}"
        )
    else:
        click.echo(render_kind(kind, _filled_by()), nl=False)
