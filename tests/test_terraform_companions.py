"""Companion resources of a counted parent (``aws_s3_bucket.this[0]``) attach to the bucket.

The community S3 module creates its bucket with ``count`` and configures it
with split ``aws_s3_bucket_*`` resources that refer to ``aws_s3_bucket.this[0]``.
Whether the count is known (a literal condition) or not (a variable without
default), the ACL, public access block, versioning, logging and encryption
resources must join the bucket, so a public-read ACL is caught and no false
"no versioning / no logging" finding remains.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from terraform_support import builtin_policies, findings, scan_hcl

AWS = 'provider "aws" {\n  region = "eu-west-1"\n}\n'

BUCKET = """
variable "create" {COUNT_DEFAULT}
resource "aws_s3_bucket" "this" {
  count  = var.create ? 1 : 0
  bucket = "data"
}
resource "aws_s3_bucket_acl" "this" {
  count  = var.create ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "this" {
  count                   = var.create ? 1 : 0
  bucket                  = aws_s3_bucket.this[0].id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}
resource "aws_s3_bucket_versioning" "this" {
  count  = var.create ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_logging" "this" {
  count         = var.create ? 1 : 0
  bucket        = aws_s3_bucket.this[0].id
  target_bucket = "logs"
  target_prefix = "data/"
}
"""


@pytest.mark.parametrize(
    ("default", "address"),
    [("{ default = true }", "aws_s3_bucket.this[0]"), ("{}", "aws_s3_bucket.this")],
    ids=["known-count", "unknown-count"],
)
def test_split_s3_resources_attach_to_a_counted_bucket(tmp_path: Path, default: str, address: str) -> None:
    records = scan_hcl(tmp_path, AWS, BUCKET.replace("{COUNT_DEFAULT}", default))
    bucket = records[address]
    assert (bucket.public_read, bucket.public_access_blocked) == (True, False)
    assert (bucket.versioning, bucket.access_logging) == (True, True)
    rules = {rule for rule, _ in findings(records, builtin_policies())}
    assert "bucket.public-read" in rules
    assert "bucket.versioning-disabled" not in rules
    assert "bucket.access-logging-disabled" not in rules


def test_companions_stay_with_their_own_module_instance(tmp_path: Path) -> None:
    (tmp_path / "modules/s3").mkdir(parents=True)
    (tmp_path / "modules/s3/main.tf").write_text(
        BUCKET.replace("{COUNT_DEFAULT}", "{ default = true }").replace(
            'acl    = "public-read"', "acl    = var.acl"
        )
        + 'variable "acl" {}\nvariable "name" {}\n'
    )
    (tmp_path / "main.tf").write_text(
        'module "s3" {\n  for_each = { open = "public-read", closed = "private" }\n'
        '  source = "./modules/s3"\n  acl = each.value\n  name = each.key\n}\n'
    )
    records = scan_hcl(tmp_path, AWS, (tmp_path / "main.tf").read_text())
    public = {rid: rec.public_read for rid, rec in records.items()}
    assert public == {
        'module.s3["closed"].aws_s3_bucket.this[0]': False,
        'module.s3["open"].aws_s3_bucket.this[0]': True,
    }
