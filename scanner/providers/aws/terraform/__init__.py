"""AWS (``aws_*``) resource types -> inventory records.

Defaults where the configuration is silent come from the provider docs or the AWS
API reference (cited beside the code); values known only after apply are named in
the record's ``unknown`` set.

Derived facts, computed here once:

* **Subnet** ``routes_to_internet``: the subnet's route table (the one an
  ``aws_route_table_association`` gives it, else the VPC's main table set with
  ``aws_main_route_table_association`` / ``aws_default_route_table``) has a
  ``0.0.0.0/0`` or ``::/0`` route (inline ``route`` block or ``aws_route``) whose
  ``gateway_id`` is an ``aws_internet_gateway`` or a literal ``igw-...``. NAT
  gateways and egress-only gateways are outbound only. A route whose gateway is
  unknown before apply makes the value unknown, unless another route decides it.
* **S3 bucket** ``public_read``/``public_write`` combine the ACL (``aws_s3_bucket_acl``
  canned ACL or AllUsers/AuthenticatedUsers grants, or the legacy inline ``acl``)
  and the bucket policy (an ``Allow`` for principal ``*`` without condition), and
  are cancelled by the code's own ``aws_s3_bucket_public_access_block``
  (``ignore_public_acls``/``block_public_acls`` for ACLs,
  ``restrict_public_buckets``/``block_public_policy`` for policies). Code states
  intent: S3 turns Block Public Access on for new buckets since April 2023, so a
  public grant in code only applies with the block off, and the bucket is then
  reported public and ``public_access_blocked`` false.
* **S3 encryption**: without an encryption configuration the bucket is ``provider``
  encrypted: "Amazon S3 now applies server-side encryption with Amazon S3 managed
  keys (SSE-S3) as the base level of encryption for every bucket" since
  January 5, 2023 (S3 User Guide, UsingServerSideEncryption).
"""

from __future__ import annotations

from scanner.providers.aws.terraform.bucket import s3_bucket
from scanner.providers.aws.terraform.database import db_instance, rds_cluster
from scanner.providers.aws.terraform.firewall import security_group, security_group_rule, vpc_rule
from scanner.providers.aws.terraform.iam import (
    attachment,
    iam_account_password_policy,
    iam_policy_attachment,
    iam_user,
)
from scanner.providers.aws.terraform.instance import instance
from scanner.providers.aws.terraform.network import subnet, vpc
from scanner.providers.aws.terraform.registry import ecr_repository
from scanner.sources.terraform.translate.context import Translator

TRANSLATORS: dict[str, Translator] = {
    "aws_vpc": vpc,
    "aws_subnet": subnet,
    "aws_security_group": security_group,
    "aws_security_group_rule": security_group_rule,
    "aws_vpc_security_group_ingress_rule": vpc_rule("ingress"),
    "aws_vpc_security_group_egress_rule": vpc_rule("egress"),
    "aws_instance": instance,
    "aws_db_instance": db_instance,
    "aws_rds_cluster": rds_cluster,
    "aws_s3_bucket": s3_bucket,
    "aws_iam_user": iam_user,
    "aws_iam_user_policy_attachment": attachment("user", "user"),
    "aws_iam_role_policy_attachment": attachment("role", "role"),
    "aws_iam_group_policy_attachment": attachment("group", "group"),
    "aws_iam_user_policy": attachment("user", "user", inline=True),
    "aws_iam_role_policy": attachment("role", "role", inline=True),
    "aws_iam_group_policy": attachment("group", "group", inline=True),
    "aws_iam_policy_attachment": iam_policy_attachment,
    "aws_iam_account_password_policy": iam_account_password_policy,
    "aws_ecr_repository": ecr_repository,
}
COMPANIONS: frozenset[str] = frozenset(
    {
        "aws_route_table",
        "aws_route",
        "aws_route_table_association",
        "aws_main_route_table_association",
        "aws_default_route_table",
        "aws_internet_gateway",
        "aws_flow_log",
        "aws_eip",
        "aws_db_subnet_group",
        "aws_db_parameter_group",
        "aws_rds_cluster_parameter_group",
        "aws_s3_bucket_acl",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_logging",
        # The other split configuration resources of AWS provider v4+: joined to their bucket
        # (ownership controls decide whether ACLs apply); the rest configure nothing a policy reads.
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_lifecycle_configuration",
        "aws_s3_bucket_cors_configuration",
        "aws_s3_bucket_website_configuration",
        "aws_s3_bucket_object_lock_configuration",
        "aws_s3_bucket_request_payment_configuration",
        "aws_s3_bucket_accelerate_configuration",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_intelligent_tiering_configuration",
        "aws_s3_bucket_notification",
        "aws_s3_bucket_analytics_configuration",
        "aws_s3_bucket_inventory",
        "aws_s3_bucket_metric",
        "aws_iam_policy",
        "aws_iam_user_login_profile",
        "aws_iam_access_key",
        "aws_ecr_repository_policy",
    }
)
