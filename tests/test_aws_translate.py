"""The AWS derived facts from canned API answers (no server): routes, public buckets, ECR, SSL, admin."""

from __future__ import annotations

import json

from scanner.providers.aws import link

PUBLIC_ACL = {
    "Grants": [{"Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]
}
OPEN_POLICY = json.dumps(
    {
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
        ]
    }
)


def table(*routes: dict[str, str]) -> dict[str, object]:
    return {"Routes": list(routes)}


def test_only_an_active_default_route_to_an_internet_gateway_reaches_the_internet() -> None:
    assert link.routes_to_internet(table({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}))
    assert link.routes_to_internet(table({"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"}))
    assert not link.routes_to_internet(
        table({"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "blackhole"})
    )
    assert not link.routes_to_internet(table({"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}))
    assert not link.routes_to_internet(table({"DestinationCidrBlock": "10.0.0.0/8", "GatewayId": "igw-1"}))
    egress_only = table({"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"})
    assert not link.routes_to_internet(egress_only) and link.ipv6_egress_only(egress_only)


def test_the_explicit_association_wins_over_the_main_table() -> None:
    main = {"VpcId": "vpc-1", "Associations": [{"Main": True}], "RouteTableId": "rtb-main"}
    own = {"VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-1"}], "RouteTableId": "rtb-own"}
    by_subnet, by_vpc = link.subnet_tables([main, own])
    assert (
        by_subnet["subnet-1"]["RouteTableId"] == "rtb-own" and by_vpc["vpc-1"]["RouteTableId"] == "rtb-main"
    )


def test_block_public_access_cancels_acls_and_policies_at_either_level() -> None:
    details = {"acl": PUBLIC_ACL, "policy": OPEN_POLICY, "policy_status": {"IsPublic": True}}
    assert link.bucket_public(details, None) == (True, False)
    assert link.bucket_public(details, {"IgnorePublicAcls": True}) == (True, False)  # the policy still
    assert link.bucket_public(details, {"IgnorePublicAcls": True, "RestrictPublicBuckets": True}) == (
        False,
        False,
    )
    blocked_bucket = {
        **details,
        "public_access_block": {"IgnorePublicAcls": True, "RestrictPublicBuckets": True},
    }
    assert link.bucket_public(blocked_bucket, None) == (False, False)
    # BlockPublicPolicy only refuses new policies: the one in force stays public
    assert link.bucket_public({**details, "acl": {}}, {"BlockPublicPolicy": True}) == (True, False)
    # S3's own verdict wins over the statement reading
    assert link.bucket_public({"policy": OPEN_POLICY, "policy_status": {"IsPublic": False}}, None) == (
        False,
        False,
    )


def test_no_default_encryption_configuration_is_provider_encryption() -> None:
    assert link.bucket_encryption(None) == ("provider", None)
    kms = {
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"}}]
    }
    assert link.bucket_encryption(kms) == ("customer_key", "k")
    managed = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]}
    assert link.bucket_encryption(managed) == ("provider", None)


def test_repository_policy_public_pull_and_pushers() -> None:
    policy = {
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "ecr:*"},
            {"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": {"x": {}}},
        ]
    }
    assert link.repository_public(json.dumps(policy)) == (True, ("*",))
    conditioned = {"Statement": [policy["Statement"][1]]}
    assert link.repository_public(conditioned) == (False, ())
    assert link.repository_public(None) == (False, ())


def test_registry_scanning_rules_cover_repositories_by_filter() -> None:
    rules = {
        "scanningConfiguration": {
            "scanType": "BASIC",
            "rules": [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "prod-*"}]}],
        }
    }
    assert not link.registry_scan_on_push(rules)
    assert link.repository_scan_on_push({"repositoryName": "prod-api"}, rules)
    assert not link.repository_scan_on_push({"repositoryName": "dev-api"}, rules)
    assert link.registry_scan_on_push({"scanningConfiguration": {"scanType": "ENHANCED"}})


def test_ssl_parameter_per_engine() -> None:
    on = [{"ParameterName": "rds.force_ssl", "ParameterValue": "1"}]
    assert link.ssl_required("postgres", on) is True
    assert link.ssl_required("postgres", [{"ParameterName": "rds.force_ssl", "ParameterValue": "0"}]) is False
    assert link.ssl_required("mysql", [{"ParameterName": "require_secure_transport", "ParameterValue": "ON"}])
    assert link.ssl_required("mysql", on) is None  # the group did not say
    assert link.ssl_required("oracle-ee", on) is None


def test_admin_managed_policies() -> None:
    everything = {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    assert link.managed_policy_admin("arn:aws:iam::aws:policy/AdministratorAccess", {}) is True
    assert link.managed_policy_admin("arn:aws:iam::aws:policy/ReadOnlyAccess", {}) is False
    assert (
        link.managed_policy_admin("arn:aws:iam::1:policy/p", {"arn:aws:iam::1:policy/p": everything}) is True
    )
    assert link.managed_policy_admin("arn:aws:iam::1:policy/unknown", {}) is None
