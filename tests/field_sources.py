"""What the translators actually fill: the records of each provider's live adapter and Terraform
translators on the test suite's own inputs, reduced to the fields that hold a value.

Live: the real CLI collects the landing zones of the fakes (Google and Alibaba Cloud fake
servers, moto for AWS) through the real SDKs. Terraform: every Terraform snippet of the suite
(module-level strings and string literals of ``tests/test_*.py`` that declare a resource and
load without problems) and the bundled ``examples/landing-zone-terraform``, translated as
``cloudscan scan --terraform`` translates them.

A field counts as filled for (provider, source, kind) when at least one record holds a value
other than null or an empty list/mapping. The identity fields every record has are left out.
"""

from __future__ import annotations

import ast
import importlib
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from scanner.inventory import load_snapshot
from scanner.inventory.model import Resource
from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.translate import translate
from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = frozenset({"provider", "account", "id", "name", "origin", "region", "kind"})
Filled = dict[str, dict[str, set[str]]]  # provider -> kind -> fields
TF_PROVIDERS = {
    "google": 'provider "google" {\n  project = "demo"\n  region  = "europe-west1"\n}\n',
    "alicloud": 'provider "alicloud" { region = "cn-hangzhou" }\n',
    "aws": 'provider "aws" { region = "eu-west-1" }\n',
}


def filled(records: Iterable[Resource]) -> Filled:
    out: Filled = defaultdict(lambda: defaultdict(set))
    for record in records:
        for name in type(record).__struct_fields__:
            value = getattr(record, name)
            if name not in IDENTITY and value is not None and value not in ((), {}, frozenset()):
                out[record.provider][record.kind].add(name)
    return out


def _collect(tmp: Path, provider: str, args: list[str], env: dict[str, str | None]) -> list[Resource]:
    out = tmp / f"{provider}.json"
    result = run("collect", "--provider", provider, "-q", "-o", str(out), *args, env=env)
    assert out.exists(), result.output
    return list(load_snapshot(out).resources)


def live_records(tmp: Path) -> list[Resource]:
    """The three landing zones of the fakes, collected through the CLI."""
    from tests.fakes.alibaba_landing_zone import landing_zone as alibaba_zone  # noqa: PLC0415
    from tests.fakes.alibaba_server import FakeAlibaba  # noqa: PLC0415
    from tests.fakes.aws_landing_zone import build  # noqa: PLC0415
    from tests.fakes.aws_server import aws_env, moto_server  # noqa: PLC0415
    from tests.fakes.gcp_landing_zone import PROD, SANDBOX  # noqa: PLC0415
    from tests.fakes.gcp_landing_zone import landing_zone as gcp_zone  # noqa: PLC0415
    from tests.fakes.gcp_server import FakeGoogle, gcp_env  # noqa: PLC0415

    records: list[Resource] = []
    with FakeGoogle(gcp_zone()) as google:
        records += _collect(tmp, "gcp", ["--project", PROD, "--project", SANDBOX], gcp_env(google.url))
    with FakeAlibaba(alibaba_zone()) as alibaba:
        records += _collect(tmp, "alibaba", [], {"CLOUDSCAN_ALIBABA_ENDPOINT": alibaba.url})
    with moto_server() as server:
        build(server.url)
        records += _collect(tmp, "aws", ["--organization", "--region", "us-east-1"], aws_env(server.url))
    return records


def _strings(path: Path) -> Iterator[str]:
    """The module's string values (joined ones included) and every string literal in its functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = importlib.import_module(f"tests.{path.stem}")
    yield from (v for v in vars(module).values() if isinstance(v, str))
    yield from (n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def terraform_snippets() -> Iterator[str]:
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        if 'resource "' in path.read_text(encoding="utf-8"):
            yield from (text for text in _strings(path) if 'resource "' in text)


def terraform_records() -> list[Resource]:
    records: list[Resource] = []
    loaded = load_directory(ROOT / "examples" / "landing-zone-terraform")
    records += translate(loaded.resources, loaded.providers).records
    for text in dict.fromkeys(terraform_snippets()):
        blocks = [
            b for p, b in TF_PROVIDERS.items() if f'resource "{p}_' in text and f'provider "{p}"' not in text
        ]
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "main.tf").write_text("\n".join(blocks) + "\n" + text, encoding="utf-8")
            loaded = load_directory(Path(tmp))
            if not loaded.problems:
                records += translate(loaded.resources, loaded.providers).records
    return records


MODULE_DOC = '''"""The inventory fields this provider fills, per source ("filled by" in docs/fields.md).

Written from what the translators do, not by hand: tests/test_field_sources.py collects the
test fakes' landing zone through the live adapter and translates the suite's Terraform
snippets, and fails (rewriting this file) unless each kind lists exactly the fields that hold
a value in some record. The identity fields every record has are not listed. Each kind's
fields are one space-separated string.
"""'''


def render_module(live: dict[str, set[str]], terraform: dict[str, set[str]]) -> str:
    """``scanner/providers/<cloud>/fields.py`` for one provider, formatted as ruff formats it.

    Each kind's fields are one space-separated string (wrapped at the line length; readers
    split it), so the table stays a few lines per kind rather than one line per field.
    """
    lines = [MODULE_DOC, "", "from __future__ import annotations", ""]
    for name, table in (("LIVE", live), ("TERRAFORM", terraform)):
        lines.append(f"{name}: dict[str, str] = {{")
        for kind in sorted(table):
            names = " ".join(sorted(table[kind]))
            one = f'    "{kind}": "{names}",'
            if len(one) <= 110:
                lines.append(one)
                continue
            lines.append(f'    "{kind}": (')
            chunk = ""
            for field in sorted(table[kind]):
                if chunk and len(f'        "{chunk} {field} "') > 110:
                    lines.append(f'        "{chunk} "')
                    chunk = field
                else:
                    chunk = f"{chunk} {field}" if chunk else field
            lines.append(f'        "{chunk}"')
            lines.append("    ),")
        lines.append("}")
    return "\n".join(lines) + "\n"
