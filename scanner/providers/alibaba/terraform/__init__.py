"""Alibaba Cloud (``alicloud_*``) resource types -> inventory records.

Field meanings are the live adapter's (``scanner.providers.alibaba.translate``), so a
policy judges the code and the account alike. Where the configuration leaves a
value out, the provider's documented default is used (each one cited beside the
code). A value known only after apply goes into the record's ``unknown`` set.

Derived facts, computed here once:

* **vSwitch** ``routes_to_internet`` follows the live link rule
  (``scanner.providers.alibaba.link``): true when an ECS instance in it gets a
  public IP (``internet_max_bandwidth_out`` > 0, or an EIP associated with it),
  a NAT gateway in it has an EIP, or its effective route table (the custom table
  attached with ``alicloud_route_table_attachment``, else the VPC's system table)
  sends ``::/0`` to an ``IPv6Gateway``. A ``0.0.0.0/0`` route to a ``NatGateway``
  is outbound only: ``native.internet_egress = "nat"``. Unknown instead of false
  when an instance's bandwidth is not known before apply.
* **OSS bucket** ``public_read``/``public_write`` combine the ACL (inline or
  ``alicloud_oss_bucket_acl``), the policy (inline or ``alicloud_oss_bucket_policy``)
  and ``alicloud_oss_bucket_public_access_block``. Terraform code states intent: a
  public ACL or policy in the code can only be applied when Block Public Access is
  off, so it makes the bucket public unless the code itself turns the block on.
* **RDS** ``public_endpoint`` is true when an ``alicloud_db_connection`` (which
  "allocate[s] an Internet connection string", provider docs) targets the
  instance; Terraform creates none otherwise, so it is false.
"""

from __future__ import annotations

from scanner.providers.alibaba.terraform.bucket import oss_bucket
from scanner.providers.alibaba.terraform.coverage import (
    actiontrail_trail,
    disk,
    managed_kubernetes,
    node_pool,
)
from scanner.providers.alibaba.terraform.database import db_instance
from scanner.providers.alibaba.terraform.firewall import nothing, security_group_rule
from scanner.providers.alibaba.terraform.iam import (
    ram_account_password_policy,
    ram_attachment,
    ram_password_policy,
    ram_user,
)
from scanner.providers.alibaba.terraform.instance import instance
from scanner.providers.alibaba.terraform.kms import kms_key
from scanner.providers.alibaba.terraform.logs_and_databases import (
    kvstore_instance,
    log_store,
    mongodb_instance,
    polardb_cluster,
)
from scanner.providers.alibaba.terraform.network import vpc, vswitch
from scanner.providers.alibaba.terraform.registry import cr_ee_instance, cr_namespace, repository
from scanner.sources.terraform.translate.context import Translator

TRANSLATORS: dict[str, Translator] = {
    "alicloud_vpc": vpc,
    "alicloud_vswitch": vswitch,
    "alicloud_security_group": nothing,
    "alicloud_security_group_rule": security_group_rule,
    "alicloud_instance": instance,
    "alicloud_db_instance": db_instance,
    "alicloud_oss_bucket": oss_bucket,
    "alicloud_ram_user": ram_user,
    "alicloud_ram_user_policy_attachment": ram_attachment("user", "user_name", "alicloud_ram_user"),
    "alicloud_ram_group_policy_attachment": ram_attachment("group", "group_name", "alicloud_ram_group"),
    "alicloud_ram_role_policy_attachment": ram_attachment("role", "role_name", "alicloud_ram_role"),
    "alicloud_ram_account_password_policy": ram_account_password_policy,
    "alicloud_ram_password_policy": ram_password_policy,
    "alicloud_cr_ee_instance": cr_ee_instance,
    "alicloud_cr_ee_repo": repository("instance_id", "alicloud_cr_ee_instance"),
    "alicloud_cr_namespace": cr_namespace,
    "alicloud_cr_repo": repository("namespace", "alicloud_cr_namespace"),
    "alicloud_ecs_disk": disk,
    "alicloud_disk": disk,
    "alicloud_actiontrail_trail": actiontrail_trail,
    "alicloud_cs_managed_kubernetes": managed_kubernetes,
    "alicloud_cs_kubernetes_node_pool": node_pool,
    "alicloud_log_store": log_store,
    "alicloud_polardb_cluster": polardb_cluster,
    "alicloud_kvstore_instance": kvstore_instance,
    "alicloud_mongodb_instance": mongodb_instance,
    "alicloud_mongodb_sharding_instance": mongodb_instance,
    "alicloud_kms_key": kms_key,
}
COMPANIONS: frozenset[str] = frozenset(
    {
        "alicloud_route_entry",
        "alicloud_route_table",
        "alicloud_route_table_attachment",
        "alicloud_nat_gateway",
        "alicloud_eip",
        "alicloud_eip_address",
        "alicloud_eip_association",
        "alicloud_db_connection",
        "alicloud_oss_bucket_acl",
        "alicloud_oss_bucket_policy",
        "alicloud_oss_bucket_server_side_encryption",
        "alicloud_oss_bucket_versioning",
        "alicloud_oss_bucket_logging",
        "alicloud_oss_bucket_public_access_block",
        "alicloud_ram_login_profile",
        "alicloud_ram_access_key",
        "alicloud_ram_policy",
        "alicloud_ram_security_preference",
        "alicloud_ram_group",
        "alicloud_ram_group_membership",
        "alicloud_ram_user_group_attachment",
        "alicloud_cr_ee_namespace",
        "alicloud_cr_endpoint_acl_policy",
        "alicloud_cr_chain",
        "alicloud_ecs_disk_attachment",
        "alicloud_disk_attachment",
        "alicloud_polardb_endpoint_address",
        "alicloud_kvstore_connection",
    }
)
