# ruff: noqa: E501 - raw API rows read best on one line
"""Pure translate and link steps, from raw API dicts (no server, no SDK)."""

from __future__ import annotations

from datetime import UTC, datetime

from scanner.inventory.model import Instance, Origin, PortRange
from scanner.providers.alibaba import link
from scanner.providers.alibaba.translate import bucket, database, firewall, iam, network, registry

NOW = datetime(2026, 11, 27, tzinfo=UTC)


def test_port_ranges() -> None:
    assert firewall.parse_ports("tcp", "22/22") == (PortRange(22, 22),)
    assert firewall.parse_ports("all", "-1/-1") == (PortRange(0, 65535),)
    assert firewall.parse_ports("icmp", "-1/-1") == ()
    assert firewall.parse_ports("udp", "bad") is None


def _attribute(*perms: dict) -> dict:
    return {
        "SecurityGroupId": "sg-1",
        "SecurityGroupName": "web",
        "VpcId": "vpc-1",
        "Permissions": {"Permission": list(perms)},
    }


def test_firewall_rule_fields_and_unknown_prefix_list() -> None:
    rules = firewall.firewall_rules("acct", "cn-hangzhou", _attribute(
        {"SecurityGroupRuleId": "sgr-1", "Direction": "ingress", "IpProtocol": "TCP", "PortRange": "3389/3389",
         "Policy": "Accept", "Priority": "1", "SourceCidrIp": "0.0.0.0/0"},
        {"SecurityGroupRuleId": "sgr-2", "Direction": "ingress", "IpProtocol": "TCP", "PortRange": "22/22",
         "Policy": "Drop", "Priority": "100", "SourcePrefixListId": "pl-1"},
        {"SecurityGroupRuleId": "sgr-3", "Direction": "egress", "IpProtocol": "ALL", "PortRange": "-1/-1",
         "Policy": "Accept", "Ipv6DestCidrIp": "::/0"},
    ))  # fmt: skip
    rdp, ssh, out = rules
    assert (rdp.id, rdp.protocol, rdp.ports, rdp.source_ranges, rdp.priority) == (
        "sg-1/sgr-1", "tcp", (PortRange(3389, 3389),), ("0.0.0.0/0",), 1,
    )  # fmt: skip
    assert ssh.action == "deny" and ssh.unknown == {"source_ranges"}
    assert (out.direction, out.destination_ranges, out.ports) == ("egress", ("::/0",), (PortRange(0, 65535),))
    assert rdp.relations == {"network": ("vpc-1",)} and rdp.targets == ("sg-1",)


def test_database_details_and_missing_calls() -> None:
    raw = {"DBInstanceId": "rm-1", "Engine": "PostgreSQL", "VSwitchId": "vsw-a,vsw-b", "VpcId": "vpc-1"}
    db = database.database(
        "acct", "r", raw,
        net_info={"DBInstanceNetInfos": {"DBInstanceNetInfo": [{"IPType": "Private"}]}},
        ip_arrays={"Items": {"DBInstanceIPArray": [{"SecurityIPList": "127.0.0.1"}]}},
        ssl={"SSLEnabled": "on", "ForceEncryption": "1"}, tde={"TDEStatus": "Enabled"},
        backup={"BackupRetentionPeriod": "0"},
    )  # fmt: skip
    assert (db.engine, db.public_endpoint, db.allowed_networks, db.ssl_required, db.encrypted, db.backups) == (
        "postgresql", False, ("127.0.0.1",), True, True, False,
    )  # fmt: skip
    assert db.relations["subnet"] == ("vsw-a", "vsw-b")
    bare = database.database("acct", "r", raw)
    assert bare.unknown == {
        "public_endpoint", "allowed_networks", "ssl_required", "encrypted", "backups",
        "tde", "tde_key", "audit_log", "audit_retention_days",
    }  # fmt: skip
    assert bare.flags is None


def test_bucket_public_from_policy_and_blocked_by_block_public_access() -> None:
    policy = '{"Statement": [{"Effect": "Allow", "Principal": ["*"], "Action": ["oss:GetObject"], "Resource": ["*"]}]}'
    raw = {"Name": "b1"}
    common = {"encryption": None, "versioning": {"Status": None}, "logging": {"LoggingEnabled": None}}
    public = bucket.bucket(
        "acct",
        "r",
        raw,
        acl={"Grant": "private"},
        policy={"Policy": policy},
        block={"BlockPublicAccess": False},
        **common,
    )
    assert (public.public_read, public.public_write, public.encryption) == (True, False, "none")
    blocked = bucket.bucket(
        "acct",
        "r",
        raw,
        acl={"Grant": "public-read-write"},
        policy=None,
        block={"BlockPublicAccess": True},
        **common,
    )
    assert (blocked.public_read, blocked.public_write, blocked.public_access_blocked) == (False, False, True)
    unknown = bucket.bucket("acct", "r", raw, acl={"Grant": "private"}, policy=None, **common)
    assert unknown.public_read is None and "public_read" in unknown.unknown


def test_bucket_encryption_kinds() -> None:
    args = {"acl": {"Grant": "private"}, "policy": None, "block": {"BlockPublicAccess": True}}
    assert (
        bucket.bucket("a", "r", {"Name": "b"}, encryption={"SSEAlgorithm": "AES256"}, **args).encryption
        == "provider"
    )
    kms = bucket.bucket(
        "a", "r", {"Name": "b"}, encryption={"SSEAlgorithm": "KMS", "KMSMasterKeyID": "k1"}, **args
    )
    assert (kms.encryption, kms.kms_key) == ("customer_key", "k1")


def test_ram_user_admin_mfa_and_key_age() -> None:
    user = iam.user(
        "acct", {"UserName": "u"}, NOW,
        detail={"User": {"LastLoginDate": "2026-11-20T00:00:00Z"}},
        login_profile={"LoginProfile": {}}, mfa=None,
        keys=[{"AccessKeyId": "k", "Status": "Active", "CreateDate": "2026-01-01T00:00:00Z"}],
        key_last_used={"k": {"AccessKeyLastUsed": {"LastUsedDate": "2026-11-17T00:00:00Z"}}},
        policies=[{"PolicyName": "AdministratorAccess", "PolicyType": "System"}],
        documents={"System:AdministratorAccess": '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'},
    )  # fmt: skip
    assert (user.console_access, user.mfa, user.admin, user.password_last_used_days) == (True, False, True, 7)
    assert (user.access_keys[0].age_days, user.access_keys[0].unused_days) == (330, 10)
    assert not iam.grants_everything({"Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]})


def _report(**user_info: object) -> dict:
    return {
        "RequestId": "r",
        "AccountSecurityPracticeInfo": {"AccountSecurityPracticeUserInfo": user_info, "Score": 63},
    }


def test_root_account_mfa_and_counted_access_keys() -> None:
    root = iam.root(
        "acct", mfa_info={"RequestId": "r", "IsMFAEnable": False}, report=_report(RootWithAccessKey=2)
    )
    assert root is not None
    assert (root.id, root.principal_type, root.mfa, root.unknown) == (
        "acs:ram::acct:root",
        "root",
        False,
        frozenset(),
    )
    assert [(k.id, k.active) for k in root.access_keys] == [
        ("root-access-key-1", True),
        ("root-access-key-2", True),
    ]
    assert root.origin == Origin(source="api", call="ims:GetAccountMFAInfo+GetAccountSecurityPracticeReport")
    clean = iam.root("acct", mfa_info={"IsMFAEnable": True}, report=_report(RootWithAccessKey=0))
    assert clean is not None and (clean.mfa, clean.access_keys) == (True, ())


def test_root_account_fields_of_a_failed_call_are_unknown() -> None:
    no_report = iam.root("acct", mfa_info={"IsMFAEnable": True})
    assert no_report is not None and no_report.unknown == frozenset({"access_keys"})
    no_mfa = iam.root("acct", report=_report(RootWithAccessKey=1))
    assert no_mfa is not None and (no_mfa.mfa, no_mfa.unknown) == (None, frozenset({"mfa"}))
    assert iam.root("acct") is None


def test_registry_endpoint_exposure() -> None:
    def reg(endpoints: list) -> registry.Registry:
        return registry.registry("a", "r", {"InstanceId": "cri-1"}, endpoints=endpoints, namespaces=[])

    internet = {"EndpointType": "internet", "Enable": True}
    assert reg([{**internet, "AclEnable": False}]).endpoint_allowed_ranges == ("0.0.0.0/0",)
    assert reg([{**internet, "AclEnable": True, "AclEntries": []}]).endpoint_allowed_ranges == ("0.0.0.0/0",)
    limited = reg([{**internet, "AclEnable": True, "AclEntries": [{"Entry": "203.0.113.0/24"}]}])
    assert (limited.public_endpoint, limited.endpoint_allowed_ranges) == (True, ("203.0.113.0/24",))
    assert reg([{"EndpointType": "vpc", "Enable": True}]).public_endpoint is False


def test_personal_edition_repository_public_from_repo_type() -> None:
    raw = {"repoId": 675756, "repoNamespace": "team", "repoName": "web", "repoType": "PUBLIC",
           "regionId": "cn-hangzhou", "repoStatus": "NORMAL"}  # fmt: skip
    public = registry.personal_repository("acct", "cn-hangzhou", raw)
    assert (public.id, public.name, public.public, public.relations) == ("675756", "team/web", True, {})
    assert public.native["edition"] == "personal" and public.origin.call == "cr:GetRepoList"
    private = registry.personal_repository("acct", "cn-hangzhou", {**raw, "repoType": "PRIVATE"})
    assert private.public is False
    untyped = registry.personal_repository(
        "acct", "cn-hangzhou", {k: v for k, v in raw.items() if k != "repoType"}
    )
    assert (untyped.public, untyped.unknown) == (None, frozenset({"public"}))


def _vswitch(vsw: str, table: str = "vtb-sys") -> dict:
    return {
        "VSwitchId": vsw,
        "VpcId": "vpc-1",
        "CidrBlock": "10.0.1.0/24",
        "RouteTable": {"RouteTableId": table, "RouteTableType": "System"},
    }


def test_vswitch_rule_public_address_ipv6_gateway_and_nat_egress() -> None:
    subnets = [network.subnet("a", "r", _vswitch(v)) for v in ("vsw-web", "vsw-nat", "vsw-v6", "vsw-priv")]
    subnets[2] = network.subnet("a", "r", _vswitch("vsw-v6", "vtb-v6"))
    tables = [
        {"RouteTableId": "vtb-sys", "RouteTableType": "System", "VpcId": "vpc-1"},
        {
            "RouteTableId": "vtb-v6",
            "RouteTableType": "Custom",
            "VpcId": "vpc-1",
            "VSwitchIds": {"VSwitchId": ["vsw-v6"]},
        },
    ]
    entries = {
        "vtb-sys": [
            {"DestinationCidrBlock": "0.0.0.0/0", "NextHops": {"NextHop": [{"NextHopType": "NatGateway"}]}}
        ],
        "vtb-v6": [
            {"DestinationCidrBlock": "::/0", "NextHops": {"NextHop": [{"NextHopType": "IPv6Gateway"}]}}
        ],
    }
    web = Instance(provider="alibaba", account="a", id="i-1", name="i-1", origin=Origin(source="api"),
                   relations={"subnet": ("vsw-web",)}, public_ips=("198.51.100.1",))  # fmt: skip
    nat = {
        "NatGatewayId": "ngw-1",
        "NatGatewayPrivateInfo": {"VswitchId": "vsw-nat"},
        "IpLists": {"IpList": [{"IpAddress": "198.51.100.2"}]},
    }
    linked = {
        s.id: s
        for s in link.link_subnets(
            subnets,
            tables=tables,
            entries=entries,
            nat_gateways=[nat],
            snat_entries=[],
            instances=[web],
            flow_logs=[],
        )
    }
    assert {k: v.routes_to_internet for k, v in linked.items()} == {
        "vsw-web": True, "vsw-nat": True, "vsw-v6": True, "vsw-priv": False,
    }  # fmt: skip
    assert linked["vsw-priv"].native["internet_egress"] == "nat"
    assert linked["vsw-v6"].native["route_table"] == "vtb-v6"


def test_vswitch_unknown_when_route_tables_failed() -> None:
    sub = network.subnet("a", "r", _vswitch("vsw-1"))
    (linked,) = link.link_subnets(
        [sub], tables=None, entries={}, nat_gateways=[], snat_entries=[], instances=[], flow_logs=None
    )
    assert linked.routes_to_internet is None
    assert {"routes_to_internet", "flow_logs"} <= linked.unknown


def test_vswitch_unknown_when_instances_or_nat_gateways_failed() -> None:
    sub = network.subnet("a", "r", _vswitch("vsw-1"))
    tables = [{"RouteTableId": "vtb-sys", "RouteTableType": "System", "VpcId": "vpc-1"}]
    listed = {"tables": tables, "entries": {"vtb-sys": []}, "snat_entries": [], "flow_logs": []}
    (clear,) = link.link_subnets([sub], nat_gateways=[], instances=[], **listed)
    assert clear.routes_to_internet is False
    (no_instances,) = link.link_subnets([sub], nat_gateways=[], instances=None, **listed)
    (no_nats,) = link.link_subnets([sub], nat_gateways=None, instances=[], **listed)
    for linked in (no_instances, no_nats):
        assert linked.routes_to_internet is None and "routes_to_internet" in linked.unknown
    web = Instance(provider="alibaba", account="a", id="i-1", name="i-1", origin=Origin(source="api"),
                   relations={"subnet": ("vsw-1",)}, public_ips=("198.51.100.1",))  # fmt: skip
    (seen,) = link.link_subnets([sub], nat_gateways=None, instances=[web], **listed)
    assert seen.routes_to_internet is True  # a reason found is certain even with a list missing


def test_eips_placed_through_their_instance_or_nat_gateway_only() -> None:
    subs = [network.subnet("a", "r", _vswitch(v)) for v in ("vsw-ecs", "vsw-nat", "vsw-eni")]
    app = Instance(provider="alibaba", account="a", id="i-1", name="i-1", origin=Origin(source="api"),
                   relations={"subnet": ("vsw-ecs",)})  # fmt: skip
    nat = {"NatGatewayId": "ngw-1", "NatGatewayPrivateInfo": {"VswitchId": "vsw-nat"}}
    eips = [
        {"AllocationId": "eip-1", "IpAddress": "198.51.100.1", "InstanceType": "EcsInstance", "InstanceId": "i-1"},
        {"AllocationId": "eip-2", "IpAddress": "198.51.100.2", "InstanceType": "Nat", "InstanceId": "ngw-1"},
        {"AllocationId": "eip-3", "IpAddress": "198.51.100.3", "InstanceType": "NetworkInterface",
         "InstanceId": "eni-1"},
    ]  # fmt: skip
    linked = {
        s.id: s.routes_to_internet
        for s in link.link_subnets(
            subs, tables=[{"RouteTableId": "vtb-sys", "RouteTableType": "System", "VpcId": "vpc-1"}],
            entries={"vtb-sys": []}, nat_gateways=[nat], snat_entries=[], instances=[app], flow_logs=[],
            eips=eips,
        )
    }  # fmt: skip
    assert linked == {"vsw-ecs": True, "vsw-nat": True, "vsw-eni": False}


def test_bucket_policy_actions_are_patterns() -> None:
    for pattern in (
        "oss:GetObject",
        "oss:Get*",
        "oss:*Object",
        "oss:*",
        "*",
        "OSS:GETOBJECT",
        "oss:GetObjec?",
    ):
        assert bucket.action_matches(pattern, bucket.READ_ACTIONS), pattern
    for pattern in ("oss:GetBucketAcl", "oss:ListObjects", "oss:Put*", "ecs:*"):
        assert not bucket.action_matches(pattern, bucket.READ_ACTIONS), pattern
    assert bucket.action_matches("oss:*Object", bucket.WRITE_ACTIONS)
    statements = bucket.parse_policy(
        '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "oss:Put*"}]}'
    )
    assert bucket.policy_allows_public(statements, bucket.WRITE_ACTIONS)
    assert not bucket.policy_allows_public(statements, bucket.READ_ACTIONS)


def test_database_ssl_required_only_when_forced() -> None:
    raw = {"DBInstanceId": "rm-1", "Engine": "MySQL"}
    cases = [
        ({"SSLEnabled": "Yes", "ForceEncryption": "1"}, True),
        ({"SSLEnabled": "on", "ForceEncryption": "1"}, True),  # PostgreSQL spells it on/off
        ({"SSLEnabled": "Yes", "ForceEncryption": "0"}, False),
        ({"SSLEnabled": "Yes"}, False),
        ({"SSLEnabled": "No", "ForceEncryption": "0"}, False),
    ]
    for ssl, required in cases:
        db = database.database("acct", "r", raw, ssl=ssl)
        assert db.ssl_required is required, ssl
        assert "ssl_required" not in db.unknown


def test_role_and_group_bindings() -> None:
    admin = '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}'
    attached = [{"PolicyName": "AdministratorAccess", "PolicyType": "System"}]
    docs = {"System:AdministratorAccess": admin}
    (role,) = iam.bindings("acct", "ops", attached, docs, principal_type="role")
    assert (role.id, role.members, role.admin, role.origin.call) == (
        "acs:ram::acct:role/ops#System:AdministratorAccess", ("role:ops",), True, "ram:ListPoliciesForRole",
    )  # fmt: skip
    (group,) = iam.bindings("acct", "admins", attached, {}, principal_type="group")
    assert (group.members, group.admin, group.unknown) == (("group:admins",), None, frozenset({"admin"}))
