"""Inline suppression in Terraform (issue #13, item 4): active, expired, malformed, unknown policy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import run

ROOT = Path(__file__).resolve().parent.parent
TERRAFORM = ROOT / "examples" / "landing-zone-terraform"
BLOCK = 'resource "alicloud_oss_bucket" "assets" {\n'


def copy_with(tmp_path: Path, comment: str) -> Path:
    root = tmp_path / "tf"
    shutil.copytree(TERRAFORM, root)
    storage = root / "modules" / "alibaba" / "storage.tf"
    text = storage.read_text(encoding="utf-8")
    assert BLOCK in text
    storage.write_text(text.replace(BLOCK, BLOCK + f"  {comment}\n", 1), encoding="utf-8")
    return root


def sarif_of(root: Path, *extra: str):
    result = run("scan", "--terraform", str(root), "-f", "sarif", "--fail-on", "none", *extra)
    results = json.loads(result.stdout)["runs"][0]["results"] if result.exit_code == 0 else []
    return result, results


def test_an_ignore_comment_suppresses_that_policy_in_source(tmp_path: Path) -> None:
    root = copy_with(
        tmp_path, '# cloudscan:ignore bucket.public-read reason="static downloads" expires=2999-12-31'
    )
    result, results = sarif_of(root)
    assert result.exit_code == 0, result.output
    [waived] = [r for r in results if r.get("suppressions")]
    assert waived["ruleId"] == "bucket.public-read"
    assert waived["suppressions"] == [{"kind": "inSource", "justification": "static downloads"}]
    # other policies on the same bucket stay active
    assert any(r["ruleId"] == "bucket.encryption-disabled" and not r.get("suppressions") for r in results)


def test_an_expired_ignore_comment_no_longer_applies_and_warns(tmp_path: Path) -> None:
    root = copy_with(tmp_path, '// cloudscan:ignore bucket.public-read reason="old" expires=2020-01-31')
    result, results = sarif_of(root)
    assert not any(r.get("suppressions") for r in results)
    assert (
        "modules/alibaba/storage.tf:3: waiver (inline cloudscan:ignore bucket.public-read) "
        "expired on 2020-01-31" in result.stderr
    )


@pytest.mark.parametrize(
    ("comment", "message"),
    [
        ("# cloudscan:ignore bucket.public-read", "a reason is required"),
        (
            '# cloudscan:ignore bucket.public-read reason="x" expires=2027-02-30',
            "expires must be a date YYYY-MM-DD",
        ),
        (
            '# cloudscan:ignore bucket.publc-read reason="x"',
            "unknown policy 'bucket.publc-read' (did you mean 'bucket.public-read'?)",
        ),
        ('# cloudscan:ignore bucket.public-read reson="x"', "unknown key 'reson' (did you mean 'reason'?)"),
    ],
)
def test_malformed_ignore_comments_name_file_and_line(tmp_path: Path, comment: str, message: str) -> None:
    root = copy_with(tmp_path, comment)
    result = run("scan", "--terraform", str(root), "--fail-on", "none")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert "modules/alibaba/storage.tf:3: " in line
    assert message in line
