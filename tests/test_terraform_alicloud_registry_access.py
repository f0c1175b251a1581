"""Registry RBAC in Terraform code: the RAM policies of the code decide who may push, delete or
administer each Container Registry EE instance and repository, as the live scan does from the account."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.engine import evaluate
from scanner.inventory.model import Resource
from scanner.inventory.store import Inventory
from scanner.policy import Policy
from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "alicloud" { region = "cn-hangzhou" }'
PUSH_RULE, ADMIN_RULE = "registry.push-granted-to-user", "registry.admin-on-all-registries"
REPO, REGISTRY = "alicloud_cr_ee_repo.web", "alicloud_cr_ee_instance.cr"

REGISTRY_HCL = """
resource "alicloud_cr_ee_instance" "cr" { instance_name = "reg" }
resource "alicloud_cr_ee_namespace" "apps" {
  instance_id = alicloud_cr_ee_instance.cr.id
  name        = "apps"
}
resource "alicloud_cr_ee_repo" "web" {
  instance_id = alicloud_cr_ee_instance.cr.id
  namespace   = alicloud_cr_ee_namespace.apps.name
  name        = "web"
  repo_type   = "PRIVATE"
  summary     = "web"
}
"""

PUSH_POLICY = """
resource "alicloud_ram_policy" "push" {
  policy_name     = "push-web"
  policy_document = jsonencode({
    Version   = "1"
    Statement = [{
      Effect = "Allow", Action = ["cr:PushRepository"], Resource = ["acs:cr:*:*:repository/*/apps/web"]
    }]
  })
}
"""


@pytest.fixture(scope="module")
def policies() -> list[Policy]:
    return [p for p in builtin_policies() if p.id in (PUSH_RULE, ADMIN_RULE)]


def scan(tmp_path: Path, hcl: str) -> dict[str, Resource]:
    return scan_hcl(tmp_path, PROVIDER, REGISTRY_HCL + hcl)


def undecided(records: dict[str, Resource], policies: list[Policy]) -> dict[str, list[str]]:
    result = evaluate(policies, Inventory(records.values()), record_checks=True)
    return {rule: sorted(r.id for r in refs) for rule, refs in (result.undecided or {}).items()}


def test_a_user_granted_push_directly_is_flagged(tmp_path: Path, policies: list[Policy]) -> None:
    records = scan(
        tmp_path,
        PUSH_POLICY
        + """
resource "alicloud_ram_user" "alice" { name = "alice" }
resource "alicloud_ram_user_policy_attachment" "alice_push" {
  user_name   = alicloud_ram_user.alice.name
  policy_name = alicloud_ram_policy.push.policy_name
  policy_type = "Custom"
}
""",
    )
    repo = records[REPO]
    assert (repo.pushers, repo.deleters, repo.admins) == (("user:alice",), (), ())
    assert (PUSH_RULE, REPO) in findings(records, policies)
    # The grant names one repository, not every repository of the instance.
    assert records[REGISTRY].pushers == ()


def test_push_through_a_group_lists_the_member_and_is_not_flagged(
    tmp_path: Path, policies: list[Policy]
) -> None:
    records = scan(
        tmp_path,
        PUSH_POLICY
        + """
resource "alicloud_ram_user" "bob" { name = "bob" }
resource "alicloud_ram_group" "release" { name = "release" }
resource "alicloud_ram_group_membership" "release" {
  group_name = alicloud_ram_group.release.name
  user_names = [alicloud_ram_user.bob.name]
}
resource "alicloud_ram_group_policy_attachment" "release_push" {
  group_name  = alicloud_ram_group.release.name
  policy_name = alicloud_ram_policy.push.policy_name
  policy_type = "Custom"
}
""",
    )
    assert records[REPO].pushers == ("group:release", "user:bob (via group:release)")
    assert (PUSH_RULE, REPO) not in findings(records, policies)


def test_a_deny_in_the_users_group_removes_push(tmp_path: Path, policies: list[Policy]) -> None:
    records = scan(
        tmp_path,
        PUSH_POLICY
        + """
resource "alicloud_ram_policy" "no_push" {
  policy_name     = "no-push"
  policy_document = <<EOT
{"Version": "1", "Statement": [{"Effect": "Deny", "Action": "cr:PushRepository", "Resource": "*"}]}
EOT
}
resource "alicloud_ram_user_policy_attachment" "carol_push" {
  user_name   = "carol"
  policy_name = alicloud_ram_policy.push.policy_name
  policy_type = "Custom"
}
resource "alicloud_ram_user_group_attachment" "carol" {
  group_name = "contractors"
  user_name  = "carol"
}
resource "alicloud_ram_group_policy_attachment" "contractors" {
  group_name  = "contractors"
  policy_name = "no-push"
  policy_type = "Custom"
}
""",
    )
    assert records[REPO].pushers == ()
    assert (PUSH_RULE, REPO) not in findings(records, policies)


def test_a_role_with_every_registry_action_everywhere(tmp_path: Path, policies: list[Policy]) -> None:
    # One literal (the registry with it) so that tests/field_sources.py sees these fields filled.
    records = scan_hcl(
        tmp_path,
        PROVIDER,
        """
resource "alicloud_cr_ee_instance" "cr" { instance_name = "reg" }
resource "alicloud_cr_ee_namespace" "apps" {
  instance_id = alicloud_cr_ee_instance.cr.id
  name        = "apps"
}
resource "alicloud_cr_ee_repo" "web" {
  instance_id = alicloud_cr_ee_instance.cr.id
  namespace   = alicloud_cr_ee_namespace.apps.name
  name        = "web"
  repo_type   = "PRIVATE"
  summary     = "web"
}
resource "alicloud_ram_policy" "cr_all" {
  policy_name     = "cr-all"
  policy_document = jsonencode({
    Version = "1", Statement = [{ Effect = "Allow", Action = "cr:*", Resource = "*" }]
  })
}
resource "alicloud_ram_role_policy_attachment" "ci" {
  role_name   = "ci-deployer"
  policy_name = alicloud_ram_policy.cr_all.policy_name
  policy_type = "Custom"
}
""",
    )
    registry, repo = records[REGISTRY], records[REPO]
    assert registry.global_admins == ("role:ci-deployer",)
    assert (registry.pushers, registry.deleters, registry.admins) == (("role:ci-deployer",),) * 3
    assert (repo.pushers, repo.deleters, repo.admins) == (("role:ci-deployer",),) * 3
    assert registry.native["namespace_access"]["apps"]["admins"] == ["role:ci-deployer"]
    found = findings(records, policies)
    assert (ADMIN_RULE, REGISTRY) in found
    assert (PUSH_RULE, REPO) not in found  # a role, not a user


def test_the_container_registry_system_policy_is_read_from_its_published_document(
    tmp_path: Path, policies: list[Policy]
) -> None:
    records = scan(
        tmp_path,
        """
resource "alicloud_ram_user_policy_attachment" "dave" {
  user_name   = "dave"
  policy_name = "AliyunContainerRegistryFullAccess"
  policy_type = "System"
}
""",
    )
    assert records[REPO].pushers == ("user:dave",)
    assert records[REGISTRY].global_admins == ("user:dave",)
    found = findings(records, policies)
    assert {(PUSH_RULE, REPO), (ADMIN_RULE, REGISTRY)} <= found


def test_a_system_policy_whose_document_is_not_published_makes_the_verdicts_unknown(
    tmp_path: Path, policies: list[Policy]
) -> None:
    records = scan(
        tmp_path,
        """
resource "alicloud_ram_user_policy_attachment" "erin" {
  user_name   = "erin"
  policy_name = "AliyunCSFullAccess"
  policy_type = "System"
}
""",
    )
    assert {"pushers", "deleters", "admins"} <= records[REPO].unknown
    assert {"pushers", "global_admins"} <= records[REGISTRY].unknown
    assert findings(records, policies) == set()
    assert undecided(records, policies) == {PUSH_RULE: [REPO], ADMIN_RULE: [REGISTRY]}


def test_a_policy_document_from_a_variable_makes_the_verdicts_unknown(
    tmp_path: Path, policies: list[Policy]
) -> None:
    records = scan(
        tmp_path,
        """
variable "document" { type = string }
resource "alicloud_ram_policy" "given" {
  policy_name     = "given"
  policy_document = var.document
}
resource "alicloud_ram_user_policy_attachment" "frank" {
  user_name   = "frank"
  policy_name = alicloud_ram_policy.given.policy_name
  policy_type = "Custom"
}
""",
    )
    assert "pushers" in records[REPO].unknown
    assert findings(records, policies) == set()
    assert undecided(records, policies) == {PUSH_RULE: [REPO], ADMIN_RULE: [REGISTRY]}


def test_a_grant_naming_an_instance_id_the_code_does_not_know_is_unknown(
    tmp_path: Path, policies: list[Policy]
) -> None:
    """The instance's id exists only after apply: a grant on ``cri-123`` may or may not be this one."""
    records = scan(
        tmp_path,
        """
resource "alicloud_ram_policy" "one" {
  policy_name     = "one-instance"
  policy_document = jsonencode({
    Version = "1", Statement = [{
      Effect = "Allow", Action = "cr:PushRepository", Resource = "acs:cr:*:*:repository/cri-123/*"
    }]
  })
}
resource "alicloud_ram_user_policy_attachment" "gina" {
  user_name   = "gina"
  policy_name = alicloud_ram_policy.one.policy_name
  policy_type = "Custom"
}
""",
    )
    assert "pushers" in records[REPO].unknown
    assert "pushers" in records[REGISTRY].unknown
    assert records[REPO].deleters == ()  # nothing could grant delete: still known
    assert undecided(records, policies) == {PUSH_RULE: [REPO]}


def test_a_literal_instance_id_decides_a_grant_naming_it(tmp_path: Path, policies: list[Policy]) -> None:
    records = scan_hcl(
        tmp_path,
        PROVIDER,
        """
resource "alicloud_cr_ee_repo" "web" {
  instance_id = "cri-123"
  namespace   = "apps"
  name        = "web"
  repo_type   = "PRIVATE"
  summary     = "web"
}
resource "alicloud_cr_ee_repo" "other" {
  instance_id = "cri-999"
  namespace   = "apps"
  name        = "web"
  repo_type   = "PRIVATE"
  summary     = "web"
}
resource "alicloud_ram_policy" "one" {
  policy_name     = "one-instance"
  policy_document = jsonencode({
    Version = "1", Statement = [{
      Effect = "Allow", Action = "cr:PushRepository", Resource = "acs:cr:*:*:repository/cri-123/*"
    }]
  })
}
resource "alicloud_ram_user_policy_attachment" "gina" {
  user_name   = "gina"
  policy_name = alicloud_ram_policy.one.policy_name
  policy_type = "Custom"
}
""",
    )
    assert records[REPO].pushers == ("user:gina",)
    assert records["alicloud_cr_ee_repo.other"].pushers == ()
    assert findings(records, policies) == {(PUSH_RULE, REPO)}
