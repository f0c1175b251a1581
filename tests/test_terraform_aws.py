"""aws_* Terraform resources -> inventory records, judged by the built-in policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.inventory.model import Resource
from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "aws" { region = "eu-west-1" }'


@pytest.fixture(scope="module")
def policies() -> list:
    return builtin_policies()


def scan(tmp_path: Path, hcl: str) -> dict[str, Resource]:
    return scan_hcl(tmp_path, PROVIDER, hcl)


def test_security_group_inline_and_separate_rules(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "office" {}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.v.id
  ingress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1"]
  }
  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }
  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  ipv6_cidr_blocks  = ["::/0"]
  security_group_id = aws_security_group.web.id
}
resource "aws_vpc_security_group_ingress_rule" "db" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_vpc_security_group_ingress_rule" "office" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = var.office
}
"""
    records = scan(tmp_path, hcl)
    split = records["aws_security_group.web#ingress-0"]
    assert (split.protocol, split.ports[0].end, split.group) == ("all", 65535, "aws_security_group.web")
    assert split.relations == {"network": ("aws_vpc.v",)}
    assert "source_ranges" in records["aws_vpc_security_group_ingress_rule.office"].unknown
    found = findings(records, policies)
    assert ("firewall.ssh-open-to-internet", "aws_security_group.web#ingress-0") in found
    assert ("firewall.ssh-open-to-internet", "aws_security_group_rule.ssh") in found
    assert ("firewall.database-port-open-to-internet", "aws_vpc_security_group_ingress_rule.db") in found
    for quiet in ("aws_security_group.web#ingress-1", "aws_security_group.web#egress-0"):
        assert not any(rid == quiet for _, rid in found), quiet
    assert not any(rid == "aws_vpc_security_group_ingress_rule.office" for _, rid in found)


def test_s3_bucket_companions_and_defaults(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "aws_s3_bucket" "open" { bucket = "open" }
resource "aws_s3_bucket_public_access_block" "open" {
  bucket = aws_s3_bucket.open.id
}
resource "aws_s3_bucket_acl" "open" {
  bucket = aws_s3_bucket.open.id
  acl    = "public-read"
}
resource "aws_s3_bucket" "plain" { bucket = "plain" }
resource "aws_s3_bucket" "kms" { bucket = "kms" }
resource "aws_s3_bucket_server_side_encryption_configuration" "kms" {
  bucket = aws_s3_bucket.kms.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/example"
    }
  }
}
resource "aws_s3_bucket_versioning" "kms" {
  bucket = aws_s3_bucket.kms.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket" "blocked" { bucket = "blocked" }
resource "aws_s3_bucket_policy" "blocked" {
  bucket = aws_s3_bucket.blocked.id
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*",
    Action = "s3:GetObject", Resource = "arn:aws:s3:::blocked/*"}]})
}
resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""
    records = scan(tmp_path, hcl)
    open_bucket = records["aws_s3_bucket.open"]
    assert (open_bucket.public_read, open_bucket.public_access_blocked) == (True, False)
    plain = records["aws_s3_bucket.plain"]
    assert (plain.encryption, plain.public_read, plain.public_access_blocked) == ("provider", False, True)
    kms = records["aws_s3_bucket.kms"]
    assert (kms.encryption, kms.versioning) == ("customer_key", True)
    assert records["aws_s3_bucket.blocked"].public_read is False
    found = findings(records, policies)
    assert ("bucket.public-read", "aws_s3_bucket.open") in found
    assert ("bucket.public-access-not-blocked", "aws_s3_bucket.open") in found
    assert ("bucket.encryption-disabled", "aws_s3_bucket.plain") not in found
    assert ("bucket.public-read", "aws_s3_bucket.blocked") not in found


def test_db_instance_defaults_and_public_subnet(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "gw" { vpc_id = aws_vpc.v.id }
resource "aws_subnet" "pub" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "priv" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_route_table" "pub" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "pub" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.pub.id
}
resource "aws_db_subnet_group" "g" {
  name       = "g"
  subnet_ids = [aws_subnet.pub.id]
}
resource "aws_db_instance" "db" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  db_subnet_group_name = aws_db_subnet_group.g.name
}
resource "aws_db_instance" "safe" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = false
  storage_encrypted   = true
}
"""
    records = scan(tmp_path, hcl)
    assert records["aws_subnet.pub"].routes_to_internet is True
    assert records["aws_subnet.priv"].routes_to_internet is False
    db = records["aws_db_instance.db"]
    assert (db.public_endpoint, db.encrypted, db.relations["subnet"]) == (False, False, ("aws_subnet.pub",))
    found = findings(records, policies)
    assert ("database.encryption-disabled", "aws_db_instance.db") in found
    assert ("database.in-public-subnet", "aws_db_instance.db") in found
    assert ("database.public-endpoint", "aws_db_instance.db") not in found
    assert ("network.flow-logs-disabled", "aws_vpc.v") in found
    # only placement: no DB subnet group (database.outside-private-network)
    assert {rule for rule, rid in found if rid == "aws_db_instance.safe"} <= {
        "database.outside-private-network"
    }


def test_iam_admin_grants_and_password_policy(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "aws_iam_user" "bob" { name = "bob" }
resource "aws_iam_user_login_profile" "bob" { user = aws_iam_user.bob.name }
resource "aws_iam_policy" "all" {
  name   = "all"
  policy = <<EOF
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
EOF
}
resource "aws_iam_user_policy_attachment" "bob" {
  user       = aws_iam_user.bob.name
  policy_arn = aws_iam_policy.all.arn
}
resource "aws_iam_role_policy_attachment" "ro" {
  role       = "reader"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_account_password_policy" "p" { minimum_password_length = 14 }
"""
    records = scan(tmp_path, hcl)
    bob = records["aws_iam_user.bob"]
    assert (bob.console_access, bob.admin) == (True, True)
    assert "mfa" in bob.unknown
    policy = records["aws_iam_account_password_policy.p"]
    assert (policy.min_length, policy.reuse_prevention) == (14, 0)
    found = findings(records, policies)
    assert ("iam.wildcard-admin-grant", "aws_iam_user_policy_attachment.bob") in found
    assert ("iam.wildcard-admin-grant", "aws_iam_role_policy_attachment.ro") not in found
    assert ("password-policy.reuse", "aws_iam_account_password_policy.p") in found
    assert ("password-policy.min-length", "aws_iam_account_password_policy.p") not in found
    assert ("iam.user-without-mfa", "aws_iam_user.bob") not in found  # MFA unknown


def test_ecr_repository_policy_for_everyone(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "aws_ecr_repository" "app" { name = "app" }
resource "aws_ecr_repository_policy" "app" {
  repository = aws_ecr_repository.app.name
  policy = jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Principal = "*",
    Action = ["ecr:BatchGetImage", "ecr:PutImage"]}]})
}
resource "aws_ecr_repository" "safe" {
  name                 = "safe"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration { scan_on_push = true }
}
"""
    records = scan(tmp_path, hcl)
    app = records["aws_ecr_repository.app"]
    assert (app.public, app.pushers, app.tag_immutability, app.scan_on_push) == (True, ("*",), False, False)
    safe = records["aws_ecr_repository.safe"]
    assert (safe.public, safe.tag_immutability, safe.scan_on_push) == (False, True, True)
    found = findings(records, policies)
    assert ("registry.repository-public", "aws_ecr_repository.app") in found
    assert ("registry.repository-public-push", "aws_ecr_repository.app") in found
    assert not any(rid == "aws_ecr_repository.safe" for _, rid in found)


def test_string_booleans_and_public_instance_address(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "public" {
  type    = string
  default = "true"
}
resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = var.public
  storage_encrypted   = "false"
}
resource "aws_s3_bucket" "b" { bucket = "b" }
resource "aws_s3_bucket_acl" "b" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = "true"
  ignore_public_acls      = "true"
  block_public_policy     = "true"
  restrict_public_buckets = "true"
}
resource "aws_instance" "web" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = var.public
}
resource "aws_instance" "inner" {
  ami                         = "ami-1"
  instance_type               = "t3.micro"
  associate_public_ip_address = "false"
}
"""
    records = scan(tmp_path, hcl)
    db = records["aws_db_instance.db"]
    assert (db.public_endpoint, db.encrypted) == (True, False)
    bucket = records["aws_s3_bucket.b"]
    assert (bucket.public_read, bucket.public_access_blocked) == (False, True)
    assert records["aws_instance.web"].public_ips == ("assigned",)
    assert records["aws_instance.inner"].public_ips == ()
    found = findings(records, policies)
    assert {
        ("database.public-endpoint", "aws_db_instance.db"),
        ("instance.public-ip", "aws_instance.web"),
    } <= found
    assert ("bucket.public-read", "aws_s3_bucket.b") not in found
    assert not any(rid == "aws_instance.inner" for _, rid in found)
