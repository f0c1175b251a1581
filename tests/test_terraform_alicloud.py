"""alicloud_* Terraform resources -> inventory records, judged by the built-in policies."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.inventory.model import Resource
from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "alicloud" { region = "cn-hangzhou" }'


@pytest.fixture(scope="module")
def policies() -> list:
    return builtin_policies()


def scan(tmp_path: Path, hcl: str) -> dict[str, Resource]:
    return scan_hcl(tmp_path, PROVIDER, hcl)


GROUP = """
resource "alicloud_vpc" "v" { cidr_block = "10.0.0.0/8" }
resource "alicloud_security_group" "sg" { vpc_id = alicloud_vpc.v.id }
"""


def rule(name: str, body: str) -> str:
    return f"""
resource "alicloud_security_group_rule" "{name}" {{
  security_group_id = alicloud_security_group.sg.id
{body}
}}
"""


def test_security_group_rules_open_and_not_open(tmp_path: Path, policies: list) -> None:
    hcl = GROUP + "".join(
        [
            rule("ssh", 'type = "ingress"\nip_protocol = "tcp"\nport_range = "22/22"\ncidr_ip = "0.0.0.0/0"'),
            rule("all", 'type = "ingress"\nip_protocol = "all"\nport_range = "-1/-1"\ncidr_ip = "0.0.0.0/0"'),
            rule(
                "drop",
                'type = "ingress"\nip_protocol = "tcp"\nport_range = "22/22"\n'
                'cidr_ip = "0.0.0.0/0"\npolicy = "drop"',
            ),
            rule(
                "egress", 'type = "egress"\nip_protocol = "tcp"\nport_range = "22/22"\ncidr_ip = "0.0.0.0/0"'
            ),
            rule(
                "v6", 'type = "ingress"\nip_protocol = "tcp"\nport_range = "3389/3389"\nipv6_cidr_ip = "::/0"'
            ),
            rule(
                "office",
                'type = "ingress"\nip_protocol = "tcp"\nport_range = "22/22"\ncidr_ip = "10.1.0.0/16"',
            ),
            rule(
                "unknown", 'type = "ingress"\nip_protocol = "tcp"\nport_range = "22/22"\ncidr_ip = var.cidr'
            ),
        ]
    )
    hcl += 'variable "cidr" {}\n'
    records = scan(tmp_path, hcl)
    every = records["alicloud_security_group_rule.all"]
    assert (every.protocol, every.ports[0].start, every.ports[0].end) == ("all", 0, 65535)
    assert every.priority == 1  # documented default
    assert records["alicloud_security_group_rule.drop"].action == "deny"
    assert records["alicloud_security_group_rule.ssh"].relations == {"network": ("alicloud_vpc.v",)}
    assert "source_ranges" in records["alicloud_security_group_rule.unknown"].unknown
    found = findings(records, policies)
    assert ("firewall.ssh-open-to-internet", "alicloud_security_group_rule.ssh") in found
    assert ("firewall.ssh-open-to-internet", "alicloud_security_group_rule.all") in found
    assert ("alibaba.security-group-all-ports-open", "alicloud_security_group_rule.all") in found
    assert ("firewall.rdp-open-to-internet", "alicloud_security_group_rule.v6") in found
    for quiet in ("drop", "egress", "office", "unknown"):
        assert not any(rid == f"alicloud_security_group_rule.{quiet}" for _, rid in found), quiet


def test_internet_split_in_two_rules_of_one_resource_each_is_not_joined(
    tmp_path: Path, policies: list
) -> None:
    # One alicloud_security_group_rule holds one cidr: each half alone is not the internet.
    hcl = GROUP + rule(
        "half", 'type = "ingress"\nip_protocol = "tcp"\nport_range = "22/22"\ncidr_ip = "0.0.0.0/1"'
    )
    assert not findings(scan(tmp_path, hcl), policies)


def test_oss_bucket_public_by_separate_acl_and_encrypted_by_separate_resource(
    tmp_path: Path, policies: list
) -> None:
    hcl = """
resource "alicloud_oss_bucket" "open" { bucket = "open-data" }
resource "alicloud_oss_bucket_acl" "open" {
  bucket = alicloud_oss_bucket.open.bucket
  acl    = "public-read-write"
}
resource "alicloud_oss_bucket" "closed" { bucket = "closed-data" }
resource "alicloud_oss_bucket_server_side_encryption" "closed" {
  bucket        = alicloud_oss_bucket.closed.bucket
  sse_algorithm = "AES256"
}
resource "alicloud_oss_bucket_versioning" "closed" {
  bucket = alicloud_oss_bucket.closed.bucket
  status = "Enabled"
}
resource "alicloud_oss_bucket_logging" "closed" {
  bucket        = alicloud_oss_bucket.closed.bucket
  target_bucket = "logs"
}
resource "alicloud_oss_bucket" "blocked" {
  bucket = "blocked"
  acl    = "public-read"
}
resource "alicloud_oss_bucket_public_access_block" "blocked" {
  bucket              = alicloud_oss_bucket.blocked.bucket
  block_public_access = true
}
"""
    records = scan(tmp_path, hcl)
    open_bucket = records["alicloud_oss_bucket.open"]
    assert (open_bucket.public_read, open_bucket.public_write, open_bucket.encryption) == (True, True, "none")
    closed = records["alicloud_oss_bucket.closed"]
    assert (closed.public_read, closed.encryption, closed.versioning, closed.access_logging) == (
        False,
        "provider",
        True,
        True,
    )
    assert records["alicloud_oss_bucket.blocked"].public_read is False
    found = findings(records, policies)
    assert ("bucket.public-write", "alicloud_oss_bucket.open") in found
    assert ("bucket.encryption-disabled", "alicloud_oss_bucket.open") in found
    # its only findings: no bucket policy denies plain HTTP or names source addresses (CIS Alibaba 5.4, 5.7)
    assert sorted(r for r, rid in found if rid == "alicloud_oss_bucket.closed") == [
        "bucket.http-allowed",
        "bucket.network-access-unrestricted",
    ]
    assert ("bucket.public-read", "alicloud_oss_bucket.blocked") not in found


def test_oss_bucket_policy_for_everyone_is_public_read(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "alicloud_oss_bucket" "b" { bucket = "b" }
resource "alicloud_oss_bucket_policy" "b" {
  bucket = alicloud_oss_bucket.b.bucket
  policy = jsonencode({Version = "1", Statement = [{Effect = "Allow", Principal = ["*"],
    Action = ["oss:GetObject"], Resource = ["acs:oss:*:*:b/*"]}]})
}
"""
    records = scan(tmp_path, hcl)
    assert records["alicloud_oss_bucket.b"].public_read is True
    assert ("bucket.public-read", "alicloud_oss_bucket.b") in findings(records, policies)


def test_rds_public_connection_and_whitelist(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "ips" {}
resource "alicloud_db_instance" "open" {
  engine         = "MySQL"
  engine_version = "8.0"
  security_ips   = ["10.0.0.0/8", "0.0.0.0/0"]
  tde_status     = "Enabled"
}
resource "alicloud_db_connection" "open" { instance_id = alicloud_db_instance.open.id }
resource "alicloud_db_instance" "private" {
  engine         = "MySQL"
  engine_version = "8.0"
  security_ips   = var.ips
}
"""
    records = scan(tmp_path, hcl)
    db = records["alicloud_db_instance.open"]
    assert (db.engine, db.public_endpoint, db.encrypted) == ("mysql", True, True)
    assert db.allowed_networks == ("10.0.0.0/8", "0.0.0.0/0")
    private = records["alicloud_db_instance.private"]
    assert private.public_endpoint is False
    assert "allowed_networks" in private.unknown
    found = findings(records, policies)
    assert ("database.public-endpoint", "alicloud_db_instance.open") in found
    assert ("database.allows-all-networks", "alicloud_db_instance.open") in found
    # Nothing about its network (the whitelist is unknown); SSL and TDE are off when left out.
    private_rules = {rule for rule, rid in found if rid == "alicloud_db_instance.private"}
    assert not private_rules & {"database.public-endpoint", "database.allows-all-networks"}
    assert {"database.ssl-not-required", "database.encryption-disabled"} <= private_rules


def test_vswitch_routes_to_internet_through_instance_public_ip(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "alicloud_vpc" "v" { cidr_block = "10.0.0.0/8" }
resource "alicloud_vswitch" "public" {
  vpc_id     = alicloud_vpc.v.id
  cidr_block = "10.1.0.0/24"
}
resource "alicloud_vswitch" "private" {
  vpc_id     = alicloud_vpc.v.id
  cidr_block = "10.2.0.0/24"
}
resource "alicloud_instance" "web" {
  vswitch_id                 = alicloud_vswitch.public.id
  internet_max_bandwidth_out = 10
}
resource "alicloud_db_instance" "db" {
  engine         = "MySQL"
  engine_version = "8.0"
  vswitch_id     = alicloud_vswitch.public.id
}
"""
    records = scan(tmp_path, hcl)
    assert records["alicloud_vswitch.public"].routes_to_internet is True
    assert records["alicloud_vswitch.private"].routes_to_internet is False
    assert records["alicloud_db_instance.db"].relations["subnet"] == ("alicloud_vswitch.public",)
    assert ("database.in-public-subnet", "alicloud_db_instance.db") in findings(records, policies)


def test_ram_user_admin_attachment_and_password_policy_defaults(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "alicloud_ram_user" "alice" { name = "alice" }
resource "alicloud_ram_login_profile" "alice" {
  user_name = alicloud_ram_user.alice.name
  password  = "x"
}
resource "alicloud_ram_policy" "all" {
  policy_name     = "everything"
  policy_document = jsonencode({Version = "1",
    Statement = [{Effect = "Allow", Action = "*", Resource = "*"}]})
}
resource "alicloud_ram_user_policy_attachment" "alice" {
  user_name   = alicloud_ram_user.alice.name
  policy_name = alicloud_ram_policy.all.policy_name
  policy_type = "Custom"
}
resource "alicloud_ram_user_policy_attachment" "ro" {
  user_name   = alicloud_ram_user.alice.name
  policy_name = "ReadOnlyAccess"
  policy_type = "System"
}
resource "alicloud_ram_account_password_policy" "p" {}
"""
    records = scan(tmp_path, hcl)
    alice = records["alicloud_ram_user.alice"]
    assert (alice.console_access, alice.admin) == (True, True)
    assert "mfa" in alice.unknown
    assert records["alicloud_ram_user_policy_attachment.ro"].admin is False
    policy = records["alicloud_ram_account_password_policy.p"]
    assert (policy.min_length, policy.max_login_attempts, policy.reuse_prevention) == (12, 5, 0)
    found = findings(records, policies)
    assert ("iam.wildcard-admin-grant", "alicloud_ram_user_policy_attachment.alice") in found
    assert ("iam.wildcard-admin-grant", "alicloud_ram_user_policy_attachment.ro") not in found
    assert ("alibaba.ram-policy-attached-to-user", "alicloud_ram_user_policy_attachment.ro") in found
    assert ("password-policy.min-length", "alicloud_ram_account_password_policy.p") in found
    assert ("password-policy.reuse", "alicloud_ram_account_password_policy.p") in found
    assert ("alibaba.ram-password-lockout", "alicloud_ram_account_password_policy.p") not in found
    assert not any(rid == "alicloud_ram_user.alice" for _, rid in found)  # MFA unknown: no finding


def test_container_registry_namespaces_and_repositories(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "alicloud_cr_ee_instance" "cr" { instance_name = "reg" }
resource "alicloud_cr_ee_namespace" "apps" {
  instance_id        = alicloud_cr_ee_instance.cr.id
  name               = "apps"
  auto_create        = true
  default_visibility = "PUBLIC"
}
resource "alicloud_cr_ee_repo" "web" {
  instance_id = alicloud_cr_ee_instance.cr.id
  namespace   = alicloud_cr_ee_namespace.apps.name
  name        = "web"
  summary     = "s"
  repo_type   = "PUBLIC"
}
resource "alicloud_cr_endpoint_acl_policy" "any" {
  instance_id   = alicloud_cr_ee_instance.cr.id
  entry         = "0.0.0.0/0"
  module_name   = "Registry"
  endpoint_type = "internet"
}
resource "alicloud_cr_namespace" "personal" {
  name               = "p"
  auto_create        = false
  default_visibility = "PUBLIC"
}
resource "alicloud_cr_repo" "tool" {
  namespace = alicloud_cr_namespace.personal.name
  name      = "tool"
  summary   = "s"
  repo_type = "PRIVATE"
}
"""
    records = scan(tmp_path, hcl)
    web = records["alicloud_cr_ee_repo.web"]
    assert (web.name, web.public, web.relations["registry"]) == (
        "apps/web",
        True,
        ("alicloud_cr_ee_instance.cr",),
    )
    assert records["alicloud_cr_repo.tool"].public is False
    found = findings(records, policies)
    assert ("alibaba.cr-namespace-auto-creates-public-repositories", "alicloud_cr_ee_instance.cr") in found
    assert ("alibaba.cr-endpoint-open-to-internet", "alicloud_cr_ee_instance.cr") in found
    assert ("registry.repository-public", "alicloud_cr_ee_repo.web") in found
    assert not any(rid in ("alicloud_cr_namespace.personal", "alicloud_cr_repo.tool") for _, rid in found)


def test_icmpv6_rule_has_no_ports_as_in_the_live_adapter(tmp_path: Path, policies: list) -> None:
    hcl = GROUP + rule("icmp6", 'type = "ingress"\nip_protocol = "icmpv6"\nipv6_cidr_ip = "::/0"')
    hcl += rule(
        "tcp_all", 'type = "ingress"\nip_protocol = "tcp"\nport_range = "-1/-1"\ncidr_ip = "0.0.0.0/0"'
    )
    records = scan(tmp_path, hcl)
    icmp6 = records["alicloud_security_group_rule.icmp6"]
    typed_unknown = {u for u in icmp6.unknown if not u.startswith("native.")}  # the group is a reference
    assert (icmp6.protocol, icmp6.ports, typed_unknown) == ("icmpv6", (), set())
    found = findings(records, policies)
    assert not any(rid == "alicloud_security_group_rule.icmp6" for _, rid in found)
    assert ("alibaba.security-group-all-ports-open", "alicloud_security_group_rule.tcp_all") in found


def test_instance_with_bandwidth_or_eip_has_a_public_ip(tmp_path: Path, policies: list) -> None:
    hcl = """
variable "bw" {}
resource "alicloud_instance" "bandwidth" { internet_max_bandwidth_out = "10" }
resource "alicloud_instance" "eip" { instance_name = "eip" }
resource "alicloud_eip_association" "a" { instance_id = alicloud_instance.eip.id }
resource "alicloud_instance" "private" { instance_name = "private" }
resource "alicloud_instance" "maybe" { internet_max_bandwidth_out = var.bw }
"""
    records = scan(tmp_path, hcl)
    assert records["alicloud_instance.bandwidth"].public_ips == ("assigned",)
    assert records["alicloud_instance.eip"].public_ips == ("assigned",)
    assert records["alicloud_instance.private"].public_ips == ()
    assert "public_ips" in records["alicloud_instance.maybe"].unknown
    found = {rid for rule_id, rid in findings(records, policies) if rule_id == "instance.public-ip"}
    assert found == {"alicloud_instance.bandwidth", "alicloud_instance.eip"}


def test_rds_ssl_open_is_not_forced_so_unknown_and_closed_is_false(tmp_path: Path, policies: list) -> None:
    hcl = "".join(
        f"""
resource "alicloud_db_instance" "{name}" {{
  engine         = "MySQL"
  engine_version = "8.0"
  ssl_action     = "{action}"
}}
"""
        for name, action in (("open", "Open"), ("update", "Update"), ("closed", "Close"))
    )
    records = scan(tmp_path, hcl)
    for name in ("open", "update"):
        db = records[f"alicloud_db_instance.{name}"]
        assert db.ssl_required is None and "ssl_required" in db.unknown, name
    assert records["alicloud_db_instance.closed"].ssl_required is False
    found = {rid for rule_id, rid in findings(records, policies) if rule_id == "database.ssl-not-required"}
    assert found == {"alicloud_db_instance.closed"}


def test_oss_policy_wildcard_action_and_string_block_flag(tmp_path: Path, policies: list) -> None:
    hcl = """
resource "alicloud_oss_bucket" "b" { bucket = "b" }
resource "alicloud_oss_bucket_policy" "b" {
  bucket = alicloud_oss_bucket.b.bucket
  policy = jsonencode({Version = "1", Statement = [{Effect = "Allow", Principal = ["*"],
    Action = ["oss:Get*"], Resource = ["acs:oss:*:*:b/*"]}]})
}
resource "alicloud_oss_bucket" "blocked" {
  bucket = "blocked"
  acl    = "public-read"
}
resource "alicloud_oss_bucket_public_access_block" "blocked" {
  bucket              = alicloud_oss_bucket.blocked.bucket
  block_public_access = "true"
}
"""
    records = scan(tmp_path, hcl)
    assert (records["alicloud_oss_bucket.b"].public_read, records["alicloud_oss_bucket.b"].public_write) == (
        True,
        False,
    )
    blocked = records["alicloud_oss_bucket.blocked"]
    assert (blocked.public_read, blocked.public_access_blocked) == (False, True)
    found = findings(records, policies)
    assert ("bucket.public-read", "alicloud_oss_bucket.b") in found
    assert ("bucket.public-read", "alicloud_oss_bucket.blocked") not in found


def test_ram_password_policy_resource_is_judged_and_arguments_left_out_stay_unknown(tmp_path: Path) -> None:
    """alicloud_ram_password_policy (provider v1.247+): a weak one is found; no default is assumed."""
    records = scan(
        tmp_path,
        """
resource "alicloud_ram_password_policy" "weak" {
  minimum_password_length   = 8
  password_reuse_prevention = 1
  max_login_attemps         = 0
}
""",
    )
    policy = records["alicloud_ram_password_policy.weak"]
    assert (policy.min_length, policy.reuse_prevention, policy.max_login_attempts) == (8, 1, 0)
    assert {"require_symbols", "max_age_days"} <= policy.unknown
    found = {rule for rule, _ in findings(records, builtin_policies())}
    assert {"password-policy.min-length", "password-policy.reuse"} <= found
    assert "password-policy.complexity" not in found  # character classes left out: unknown, not weak
