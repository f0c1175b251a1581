"""docs/fields.md says which providers fill each field, live and from Terraform (issue #14, item 6).

The column comes from each provider's declared table (``scanner/providers/<cloud>/fields.py``);
this test holds every table to what the translators produce on the suite's own inputs (see
:mod:`tests.field_sources`), in both directions: a field a translator fills must be declared,
and a declared field must be filled somewhere. A stale table is rewritten, and the test fails
so that the new table (and docs/fields.md after it) gets committed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from scanner.inventory.model import KINDS, PROVIDERS
from tests.field_sources import ROOT, filled, live_records, render_module, terraform_records
from tests.helpers import run


def _split(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    return {kind: tuple(names.split()) for kind, names in table.items()}


def _diff(declared: dict[str, tuple[str, ...]], seen: dict[str, set[str]]) -> list[str]:
    out = []
    for kind in sorted(set(declared) | set(seen)):
        missing = sorted(seen.get(kind, set()) - set(declared.get(kind, ())))
        extra = sorted(set(declared.get(kind, ())) - seen.get(kind, set()))
        out += [f"{kind}: filled but not declared: {', '.join(missing)}"] if missing else []
        out += [f"{kind}: declared but never filled: {', '.join(extra)}"] if extra else []
    return out


def test_each_provider_declares_exactly_the_fields_its_translators_fill(tmp_path: Path) -> None:
    observed = {"live": filled(live_records(tmp_path)), "terraform": filled(terraform_records())}
    problems = []
    for provider in PROVIDERS:
        module = importlib.import_module(f"scanner.providers.{provider}.fields")
        live, terraform = observed["live"].get(provider, {}), observed["terraform"].get(provider, {})
        found = _diff(_split(module.LIVE), live) + _diff(_split(module.TERRAFORM), terraform)
        assert set(module.LIVE) | set(module.TERRAFORM) <= set(KINDS)
        if found:
            path = ROOT / "scanner" / "providers" / provider / "fields.py"
            path.write_text(render_module(live, terraform), encoding="utf-8")
            problems += [f"{provider}: {line}" for line in found]
    assert not problems, "fields.py regenerated, commit it (and docs/fields.md):\n" + "\n".join(problems)
    # The inputs reach every provider through both sources: a broken fake cannot empty the tables.
    for source in ("live", "terraform"):
        for provider in PROVIDERS:
            kinds = set(observed[source].get(provider, {}))
            assert {"bucket", "database", "firewall_rule", "network", "subnet", "instance"} <= kinds, (
                source,
                provider,
            )


def test_the_field_reference_names_the_providers_that_fill_each_field() -> None:
    text = run("schema", "fields", "bucket").stdout
    assert "Filled by: live: alibaba, gcp, aws; Terraform: alibaba, gcp, aws" in text
    assert "| `uniform_access` | true/false |" in text
    row = next(line for line in text.splitlines() if line.startswith("| `uniform_access` |"))
    assert row.endswith("| live: gcp; Terraform: gcp |")
    row = next(line for line in text.splitlines() if line.startswith("| `https_only` |"))
    assert row.endswith("| live: alibaba; Terraform: alibaba |")
    row = next(line for line in text.splitlines() if line.startswith("| `id` |"))
    assert row.endswith("| every source |")
    doc = (ROOT / "docs" / "fields.md").read_text(encoding="utf-8")
    assert "| field | type | meaning | filled by |" in doc
    assert Path(ROOT / "scanner" / "providers" / "aws" / "fields.py").is_file()
