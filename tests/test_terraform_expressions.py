"""Expressions Terraform evaluates before apply: operators, ``for``, ``optional()``, functions, modules.

Each expected value is Terraform's documented result (developer.hashicorp.com/
terraform/language/expressions and .../functions/<name>); where Terraform would
report an error, or the scan does not implement a function, the value is
unknown, never a guess.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from terraform_support import builtin_policies, findings, scan_hcl

from scanner.sources.terraform.directory import load_directory
from scanner.sources.terraform.model import UNKNOWN


def value_of(tmp_path: Path, expr: str, extra: str = "") -> Any:
    """The evaluated value of ``expr`` as a resource attribute sees it."""
    (tmp_path / "main.tf").write_text(f'{extra}\nresource "null_resource" "x" {{\n  v = {expr}\n}}\n')
    loaded = load_directory(tmp_path)
    (res,) = loaded.resources
    return res.values.get("v", "absent")


VARIABLES = """
variable "on" { default = true }
variable "off" { default = false }
variable "unset" {}
variable "rules" {
  default = [{ name = "ssh", cidr = "0.0.0.0/0", port = 22, enabled = true },
             { name = "web", cidr = "10.0.0.0/8", port = 80, enabled = false }]
}
variable "m" { default = { b = 2, a = 1 } }
"""

CASES = [
    ("var.on && !var.off", True),
    ("var.on && var.off || var.on", True),
    ("var.off && var.unset", UNKNOWN),  # no short circuit: an unknown operand is unknown
    ("!var.unset", UNKNOWN),
    ('1 == "1"', False),  # different types are never equal
    ("1 == 1.0", True),
    ('"a" != "b"', True),
    ("[1, 2] == [1, 2]", True),
    ("var.m == { a = 1, b = 2 }", True),
    ("2 < 3", True),
    ("3 >= 3", True),
    ('"10" > 9', True),  # numeric strings convert
    ('"x" > 1', UNKNOWN),
    ("1 + 2 * 3", 7),
    ("10 / 4", 2.5),
    ("8 / 4", 2),
    ("-5 % 3", -2),
    ("1 / 0", UNKNOWN),
    ('"a" + 1', UNKNOWN),
    ("-var.m.a", -1),
    ("var.on ? 1 : 0", 1),
    ('length(var.rules) > 1 ? "many" : "one"', "many"),
    ("[for r in var.rules : r.cidr]", ["0.0.0.0/0", "10.0.0.0/8"]),
    ("[for r in var.rules : r.name if r.enabled]", ["ssh"]),
    ("[for i, r in var.rules : i]", [0, 1]),
    ("{ for r in var.rules : r.name => r.port }", {"ssh": 22, "web": 80}),
    ("{ for k, v in var.m : k => v * 10 }", {"a": 10, "b": 20}),
    ('{ for r in var.rules : "all" => r.port... }', {"all": [22, 80]}),
    ('{ for r in var.rules : "same" => r.port }', UNKNOWN),  # a duplicate key is an error
    ("[for r in var.unset : r]", UNKNOWN),
    ("[for r in var.rules : r.name if var.unset]", UNKNOWN),
    ("var.rules[*].port", [22, 80]),
    ("var.rules.*.name", ["ssh", "web"]),
    ('split(",", "a,b,c")[1]', "b"),
    ("merge({ a = 1 }, null, { a = 3, b = 2 })", {"a": 3, "b": 2}),
    ('lookup({ a = 1 }, "b", 5)', 5),
    ('lookup({ a = 1 }, "b")', UNKNOWN),
    ('try(var.m.c, "fallback")', "fallback"),
    ("try(var.rules[5].name, var.rules[0].name)", "ssh"),
    ('try(var.unset.x, "fallback")', UNKNOWN),  # unknown: Terraform cannot tell either
    ('try(pathexpand(null), "x")', "x"),  # null where the function takes none: an error try catches
    ('try(pathexpand("~/rules"), "x")', UNKNOWN),  # not evaluated: which branch is not known
    ('try(upper(null), "d")', "d"),
    ("can(var.m.a)", True),
    ("can(var.m.zz)", False),
    ('coalesce("", null, "x")', "x"),
    ('coalesce("", null)', UNKNOWN),
    ("concat([1], [2, 3])", [1, 2, 3]),
    ("flatten([[1, [2]], [], 3])", [1, 2, 3]),
    ('contains(["a", "b"], "b")', True),
    ('contains([1], "1")', False),
    ("length(var.m)", 2),
    ('length("héllo")', UNKNOWN),  # grapheme clusters: not counted here
    ("keys(var.m)", ["a", "b"]),
    ("values(var.m)", [1, 2]),
    ('toset(["b", "a", "b"])', ["a", "b"]),
    ('format("%s-%d", "web", 3)', "web-3"),
    ('format("%08.3f", 1)', UNKNOWN),
    ('join("-", ["a", "b"])', "a-b"),
    ('lower("ABC")', "abc"),
    ('replace("a.b.c", ".", "-")', "a-b-c"),
    ('replace("abc", "/b/", "x")', UNKNOWN),  # regular expressions are not evaluated
    ('cidrsubnet("10.0.0.0/16", 8, 3)', "10.0.3.0/24"),
    ('cidrsubnet("10.0.0.0/30", 8, 3)', UNKNOWN),  # /38 does not exist
    ('element(["a", "b", "c"], 4)', "b"),
    ('element(["a", "b", "c"], -1)', "c"),
    ("element([], 0)", UNKNOWN),
    ('distinct(["a", "b", "a"])', ["a", "b"]),
    ('compact(["a", "", null, "b"])', ["a", "b"]),
    ('regex("[a-z]+", "abc")', UNKNOWN),
    ('file("secrets.txt")', UNKNOWN),
    ('tobool("maybe")', UNKNOWN),
    ('tonumber("12")', 12),
]


@pytest.mark.parametrize(("expr", "expected"), CASES, ids=[c[0] for c in CASES])
def test_expression_values_follow_terraform(tmp_path: Path, expr: str, expected: Any) -> None:
    assert value_of(tmp_path, expr, VARIABLES) == expected


def test_optional_attributes_take_their_defaults(tmp_path: Path) -> None:
    extra = """
variable "ssl" {
  type    = object({ mode = optional(string, "ALLOW_UNENCRYPTED_AND_ENCRYPTED"), ca = optional(string) })
  default = {}
}
variable "nets" {
  type    = map(object({ cidr = string, flow_logs = optional(bool, true) }))
  default = { a = { cidr = "10.0.0.0/24" }, b = { cidr = "10.0.1.0/24", flow_logs = false } }
}
"""
    assert value_of(tmp_path, "var.ssl", extra) == {"mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "ca": None}
    assert value_of(tmp_path, "var.nets.a.flow_logs", extra) == True  # noqa: E712 - the value, not truthiness
    assert value_of(tmp_path, "var.nets.b.flow_logs", extra) is False


GOOGLE = 'provider "google" {\n  project = "p1"\n  region = "europe-west1"\n}\n'


def test_cloud_sql_ssl_mode_from_an_optional_default_is_judged(tmp_path: Path) -> None:
    hcl = """
variable "ssl" {
  type    = object({ mode = optional(string, "ALLOW_UNENCRYPTED_AND_ENCRYPTED") })
  default = {}
}
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/p1/global/networks/vpc"
      ssl_mode        = var.ssl.mode
    }
  }
}
"""
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    db = records["google_sql_database_instance.db"]
    assert db.ssl_required is False
    assert ("database.ssl-not-required", db.id) in findings(records, builtin_policies())


def test_firewall_rules_built_with_for_expressions_are_judged(tmp_path: Path) -> None:
    hcl = """
variable "rules" {
  default = {
    ssh = { ranges = ["0.0.0.0/0"], ports = ["22"], enabled = true }
    old = { ranges = ["0.0.0.0/0"], ports = ["3389"], enabled = false }
  }
}
locals {
  enabled = { for name, rule in var.rules : name => rule if rule.enabled }
}
resource "google_compute_firewall" "rule" {
  for_each      = local.enabled
  name          = "allow-${each.key}"
  network       = "default"
  source_ranges = [for r in each.value.ranges : r]
  allow {
    protocol = "tcp"
    ports    = each.value.ports
  }
}
"""
    records = scan_hcl(tmp_path, GOOGLE, hcl)
    assert sorted(records) == ['google_compute_firewall.rule["ssh"]']
    found = {rule for rule, _ in findings(records, builtin_policies())}
    assert "firewall.ssh-open-to-internet" in found


def test_count_from_a_false_condition_creates_nothing(tmp_path: Path) -> None:
    (tmp_path / "modules/bucket").mkdir(parents=True)
    (tmp_path / "modules/bucket/main.tf").write_text(
        """
variable "create_bucket" { default = true }
variable "enabled" { default = true }
locals { create = var.create_bucket && var.enabled }
resource "aws_s3_bucket" "this" {
  count  = local.create ? 1 : 0
  bucket = "b"
}
"""
    )
    (tmp_path / "main.tf").write_text(
        'module "off" {\n  source = "./modules/bucket"\n  create_bucket = false\n}\n'
        'module "on" {\n  source = "./modules/bucket"\n}\n'
    )
    loaded = load_directory(tmp_path)
    assert [r.address for r in loaded.resources] == ["module.on.aws_s3_bucket.this[0]"]


def test_module_calls_with_count_and_for_each_are_expanded(tmp_path: Path) -> None:
    (tmp_path / "modules/b").mkdir(parents=True)
    (tmp_path / "modules/b/main.tf").write_text(
        'variable "name" {}\n'
        'resource "google_storage_bucket" "b" {\n  name = var.name\n  location = "EU"\n}\n'
        'output "name" {\n  value = google_storage_bucket.b.name\n}\n'
        'output "given" {\n  value = var.name\n}\n'
    )
    (tmp_path / "main.tf").write_text(
        """
module "each" {
  for_each = toset(["x", "y"])
  source   = "./modules/b"
  name     = "bucket-${each.key}"
}
module "counted" {
  count  = 2
  source = "./modules/b"
  name   = "counted-${count.index}"
}
module "none" {
  count  = 0
  source = "./modules/b"
  name   = "never"
}
resource "null_resource" "uses" {
  given = module.each["y"].given
  other = module.counted[1].given
}
"""
    )
    loaded = load_directory(tmp_path)
    by_address = {r.address: r for r in loaded.resources}
    assert sorted(a for a in by_address if "google_storage_bucket" in a) == [
        "module.counted[0].google_storage_bucket.b",
        "module.counted[1].google_storage_bucket.b",
        'module.each["x"].google_storage_bucket.b',
        'module.each["y"].google_storage_bucket.b',
    ]
    assert by_address['module.each["x"].google_storage_bucket.b'].values["name"] == "bucket-x"
    assert by_address["module.counted[1].google_storage_bucket.b"].module == "module.counted[1]"
    assert by_address["null_resource.uses"].values == {"given": "bucket-y", "other": "counted-1"}


def test_a_for_expression_over_the_value_limit_is_reported_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'locals {\n  big = [for i in range(1000) : [for j in range(1000) : "xx"]]\n}\n'
        'resource "null_resource" "x" {\n  v = local.big\n}\n'
    )
    loaded = load_directory(tmp_path)
    (res,) = loaded.resources
    assert res.values["v"] is UNKNOWN
    assert any(p.code == "limit" and "local.big" in p.message for p in loaded.problems)
