# ruff: noqa: E501 - fixture rows read best one resource per line
"""A small Alibaba Cloud landing zone for the fake server, and a generator of bigger accounts.

Every id, address and name is made up. Item shapes follow the public API
references (the keys are the documented response fields). The landing zone:

* ``cn-hangzhou``: VPC ``vpc-lz0001`` with a public vSwitch (web instance with an
  EIP, the NAT gateway and its EIP) and a private vSwitch (app instance, RDS);
  the system route table sends ``0.0.0.0/0`` to the NAT gateway, SNAT covers the
  private vSwitch. No flow logs.
* ``sg-lz0web``: HTTPS and **RDP from 0.0.0.0/0**; ``sg-lz0app``: 8080 from the web
  group, SSH from a prefix list, MySQL from the VPC.
* RDS ``rm-lz0001`` (MySQL) in the private vSwitch with a **public connection string**,
  a whitelist that contains **0.0.0.0/0**, SSL off, TDE off, 7-day backups.
* OSS ``lz-public-assets`` **public-read**, no encryption (404), no logging;
  ``lz-audit-logs`` private, KMS with a key, versioning and logging on; ``lz-backups``
  private, AES256, versioning, logging and Block Public Access on.
* CR EE ``cri-lz0001``: internet endpoint with ACL entry **0.0.0.0/0**; namespace ``apps``
  auto-creates **PUBLIC** repositories; repository ``apps/frontend`` **PUBLIC**.
* RAM: ``alice`` has console login, **no MFA**, an old access key and AdministratorAccess;
  ``bob`` has console login and MFA; ``ci-deployer`` has only an access key and a custom policy.
  The password policy is **weak** (length 8, no uppercase or symbols, no expiry, reuse or lockout).
  Roles: ``ops-admin`` has **AdministratorAccess**, ``deploy`` the custom policy, ``backup-runner``
  nothing; groups: ``admins`` has **AdministratorAccess**, ``developers`` the custom policy,
  ``auditors`` nothing (three of each, so ListRoles and ListGroups page).
* Root account (IMS): **no MFA**, and **one AccessKey pair** in its security practice report.
* ``cn-shanghai`` is visible but empty.
"""

from __future__ import annotations

import json
from typing import Any

ACCOUNT = "1234567890123456"
HANGZHOU, SHANGHAI = "cn-hangzhou", "cn-shanghai"


def _region(region_id: str) -> dict[str, Any]:
    return {
        "RegionId": region_id,
        "LocalName": region_id,
        "RegionEndpoint": f"ecs.{region_id}.aliyuncs.com",
        "Status": "available",
    }


def _perm(
    direction: str, protocol: str, ports: str, rule_id: str, priority: int = 1, **extra: Any
) -> dict[str, Any]:
    return {
        "SecurityGroupRuleId": rule_id,
        "Direction": direction,
        "IpProtocol": protocol,
        "PortRange": ports,
        "Policy": "Accept",
        "Priority": str(priority),
        "NicType": "intranet",
        "SourceCidrIp": "",
        "DestCidrIp": "",
        "CreateTime": "2024-03-01T08:00:00Z",
        **extra,
    }


def empty_region() -> dict[str, Any]:
    return {
        "security_groups": [], "permissions": {}, "instances": [], "vpcs": [], "vswitches": [],
        "route_tables": [], "route_entries": {}, "nat_gateways": [], "snat_entries": {}, "eips": [],
        "flow_logs": [], "rds": [], "rds_net": {}, "rds_ip": {}, "rds_ssl": {}, "rds_tde": {},
        "rds_backup": {}, "cr_instances": [], "cr_endpoints": {}, "cr_namespaces": {}, "cr_repos": {},
        "cr_personal_repos": [],
    }  # fmt: skip


def _hangzhou() -> dict[str, Any]:
    r = empty_region()
    vpc, pub, priv, table, nat = "vpc-lz0001", "vsw-lz0pub", "vsw-lz0priv", "vtb-lz0sys", "ngw-lz0001"
    r["vpcs"] = [
        {"VpcId": vpc, "VpcName": "landing-zone", "CidrBlock": "10.0.0.0/16", "IsDefault": False, "RegionId": HANGZHOU,
         "Status": "Available", "OwnerId": int(ACCOUNT), "VRouterId": "vrt-lz0001",
         "VSwitchIds": {"VSwitchId": [pub, priv]}, "RouterTableIds": {"RouterTableIds": [table]},
         "NatGatewayIds": {"NatGatewayIds": [nat]}, "CreationTime": "2024-03-01T08:00:00Z"},
    ]  # fmt: skip
    r["vswitches"] = [
        {"VSwitchId": pub, "VSwitchName": "public-a", "VpcId": vpc, "CidrBlock": "10.0.1.0/24", "ZoneId": "cn-hangzhou-h",
         "Status": "Available", "IsDefault": False, "OwnerId": int(ACCOUNT),
         "RouteTable": {"RouteTableId": table, "RouteTableType": "System"}},
        {"VSwitchId": priv, "VSwitchName": "private-a", "VpcId": vpc, "CidrBlock": "10.0.2.0/24", "ZoneId": "cn-hangzhou-h",
         "Status": "Available", "IsDefault": False, "OwnerId": int(ACCOUNT),
         "RouteTable": {"RouteTableId": table, "RouteTableType": "System"}},
    ]  # fmt: skip
    r["route_tables"] = [
        {"RouteTableId": table, "RouteTableName": "", "RouteTableType": "System", "VpcId": vpc, "RouterId": "vrt-lz0001",
         "RouterType": "VRouter", "Status": "Available", "OwnerId": int(ACCOUNT), "VSwitchIds": {"VSwitchId": [pub, priv]}},
    ]  # fmt: skip
    r["route_entries"] = {
        table: [
            {"RouteEntryId": "rte-lz0sys1", "RouteTableId": table, "DestinationCidrBlock": "10.0.1.0/24", "Type": "System",
             "IpVersion": "ipv4", "Status": "Available", "NextHops": {"NextHop": []}},
            {"RouteEntryId": "rte-lz0sys2", "RouteTableId": table, "DestinationCidrBlock": "10.0.2.0/24", "Type": "System",
             "IpVersion": "ipv4", "Status": "Available", "NextHops": {"NextHop": []}},
            {"RouteEntryId": "rte-lz0nat", "RouteTableId": table, "DestinationCidrBlock": "0.0.0.0/0", "Type": "Custom",
             "IpVersion": "ipv4", "Status": "Available",
             "NextHops": {"NextHop": [{"NextHopType": "NatGateway", "NextHopId": nat, "Enabled": 1}]}},
        ]
    }  # fmt: skip
    r["nat_gateways"] = [
        {"NatGatewayId": nat, "Name": "lz-nat", "VpcId": vpc, "NatType": "Enhanced", "NetworkType": "internet",
         "Status": "Available", "RegionId": HANGZHOU, "SnatTableIds": {"SnatTableId": ["stb-lz0001"]},
         "ForwardTableIds": {"ForwardTableId": ["ftb-lz0001"]},
         "NatGatewayPrivateInfo": {"VswitchId": pub, "PrivateIpAddress": "10.0.1.10", "EniInstanceId": "eni-lz0nat"},
         "IpLists": {"IpList": [{"AllocationId": "eip-lz0nat", "IpAddress": "198.51.100.10", "UsingStatus": "UsedBySnat",
                                 "SnatEntryEnabled": True}]}},
    ]  # fmt: skip
    r["snat_entries"] = {
        "stb-lz0001": [
            {"SnatEntryId": "snat-lz0001", "SnatTableId": "stb-lz0001", "NatGatewayId": nat, "SourceVSwitchId": priv,
             "SourceCIDR": "10.0.2.0/24", "SnatIp": "198.51.100.10", "Status": "Available"},
        ]
    }  # fmt: skip
    r["eips"] = [
        {"AllocationId": "eip-lz0nat", "IpAddress": "198.51.100.10", "InstanceId": nat, "InstanceType": "Nat",
         "Status": "InUse", "RegionId": HANGZHOU, "Bandwidth": "100"},
        {"AllocationId": "eip-lz0web", "IpAddress": "198.51.100.20", "InstanceId": "i-lz0web", "InstanceType": "EcsInstance",
         "Status": "InUse", "RegionId": HANGZHOU, "Bandwidth": "10"},
    ]  # fmt: skip
    r["security_groups"] = [
        {"SecurityGroupId": "sg-lz0web", "SecurityGroupName": "web", "VpcId": vpc, "SecurityGroupType": "normal",
         "CreationTime": "2024-03-01T08:00:00Z"},
        {"SecurityGroupId": "sg-lz0app", "SecurityGroupName": "app", "VpcId": vpc, "SecurityGroupType": "normal",
         "CreationTime": "2024-03-01T08:00:00Z"},
    ]  # fmt: skip
    r["permissions"] = {
        "sg-lz0web": [
            _perm("ingress", "TCP", "443/443", "sgr-lz0https", SourceCidrIp="0.0.0.0/0"),
            _perm("ingress", "TCP", "3389/3389", "sgr-lz0rdp", SourceCidrIp="0.0.0.0/0"),
            _perm("egress", "ALL", "-1/-1", "sgr-lz0out", DestCidrIp="0.0.0.0/0"),
        ],
        "sg-lz0app": [
            _perm("ingress", "TCP", "8080/8080", "sgr-lz0app", SourceGroupId="sg-lz0web", SourceGroupOwnerAccount=ACCOUNT),
            _perm("ingress", "TCP", "22/22", "sgr-lz0ssh", SourcePrefixListId="pl-lz0office", SourcePrefixListName="office"),
            _perm("ingress", "TCP", "3306/3306", "sgr-lz0mysql", SourceCidrIp="10.0.0.0/16"),
            _perm("ingress", "ICMP", "-1/-1", "sgr-lz0ping", SourceCidrIp="10.0.0.0/8"),
        ],
    }  # fmt: skip
    r["instances"] = [
        {"InstanceId": "i-lz0web", "InstanceName": "web-1", "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h",
         "Status": "Running", "InstanceNetworkType": "vpc", "OSType": "windows",
         "VpcAttributes": {"VpcId": vpc, "VSwitchId": pub, "PrivateIpAddress": {"IpAddress": ["10.0.1.20"]}, "NatIpAddress": ""},
         "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": []},
         "EipAddress": {"AllocationId": "eip-lz0web", "IpAddress": "198.51.100.20", "InternetChargeType": "PayByTraffic"},
         "SecurityGroupIds": {"SecurityGroupId": ["sg-lz0web"]}},
        {"InstanceId": "i-lz0app", "InstanceName": "app-1", "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h",
         "Status": "Running", "InstanceNetworkType": "vpc", "OSType": "linux",
         "VpcAttributes": {"VpcId": vpc, "VSwitchId": priv, "PrivateIpAddress": {"IpAddress": ["10.0.2.30"]}, "NatIpAddress": ""},
         "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": []},
         "EipAddress": {"AllocationId": "", "IpAddress": ""},
         "SecurityGroupIds": {"SecurityGroupId": ["sg-lz0app"]}},
    ]  # fmt: skip
    db = "rm-lz0001"
    r["rds"] = [
        {"DBInstanceId": db, "DBInstanceDescription": "orders-db", "Engine": "MySQL", "EngineVersion": "8.0",
         "DBInstanceStatus": "Running", "DBInstanceNetType": "Internet", "InstanceNetworkType": "VPC",
         "VpcId": vpc, "VSwitchId": priv, "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h", "ConnectionMode": "Standard"},
    ]  # fmt: skip
    r["rds_net"][db] = {
        "InstanceNetworkType": "VPC", "SecurityIPMode": "normal",
        "DBInstanceNetInfos": {"DBInstanceNetInfo": [
            {"ConnectionString": "rm-lz0001.mysql.rds.aliyuncs.com", "IPAddress": "10.0.2.50", "IPType": "Private",
             "Port": "3306", "VPCId": vpc, "VSwitchId": priv},
            {"ConnectionString": "rm-lz0001o.mysql.rds.aliyuncs.com", "IPAddress": "198.51.100.30", "IPType": "Public",
             "Port": "3306"},
        ]},
    }  # fmt: skip
    r["rds_ip"][db] = {
        "Items": {"DBInstanceIPArray": [
            {"DBInstanceIPArrayName": "default", "DBInstanceIPArrayAttribute": "", "SecurityIPType": "ipv4",
             "SecurityIPList": "10.0.0.0/16,0.0.0.0/0"},
            {"DBInstanceIPArrayName": "hidden_dts", "DBInstanceIPArrayAttribute": "hidden", "SecurityIPType": "ipv4",
             "SecurityIPList": "100.104.0.0/16"},
        ]}
    }  # fmt: skip
    r["rds_ssl"][db] = {
        "SSLEnabled": "No",
        "ForceEncryption": "0",
        "ConnectionString": "",
        "RequireUpdate": "No",
    }
    r["rds_tde"][db] = {"TDEStatus": "Disabled"}
    r["rds_backup"][db] = {
        "BackupRetentionPeriod": "7",
        "PreferredBackupTime": "02:00Z-03:00Z",
        "PreferredBackupPeriod": "Monday,Thursday",
    }
    cri = "cri-lz0001"
    r["cr_instances"] = [
        {"InstanceId": cri, "InstanceName": "lz-registry", "RegionId": HANGZHOU, "InstanceStatus": "RUNNING",
         "InstanceSpecification": "Enterprise_Basic", "CreateTime": "2024-03-01T08:00:00Z"},
    ]  # fmt: skip
    r["cr_endpoints"][cri] = [
        {"EndpointType": "internet", "Enable": True, "Status": "RUNNING", "AclEnable": True,
         "AclEntries": [{"Entry": "0.0.0.0/0", "Comment": "everyone"}],
         "Domains": [{"Domain": "lz-registry-registry.cn-hangzhou.cr.aliyuncs.com", "Type": "SYSTEM"}]},
        {"EndpointType": "vpc", "Enable": True, "Status": "RUNNING", "AclEnable": False, "AclEntries": [],
         "LinkedVpcs": [{"VpcId": vpc, "VswitchId": priv, "Ip": "10.0.2.60", "DefaultAccess": False}],
         "Domains": [{"Domain": "lz-registry-registry-vpc.cn-hangzhou.cr.aliyuncs.com", "Type": "SYSTEM"}]},
    ]  # fmt: skip
    r["cr_namespaces"][cri] = [
        {"InstanceId": cri, "NamespaceId": "crn-lz0apps", "NamespaceName": "apps", "NamespaceStatus": "NORMAL",
         "AutoCreateRepo": True, "DefaultRepoType": "PUBLIC"},
        {"InstanceId": cri, "NamespaceId": "crn-lz0base", "NamespaceName": "base", "NamespaceStatus": "NORMAL",
         "AutoCreateRepo": False, "DefaultRepoType": "PRIVATE"},
    ]  # fmt: skip
    r["cr_repos"][cri] = [
        {"InstanceId": cri, "RepoId": "crr-lz0front", "RepoName": "frontend", "RepoNamespaceName": "apps",
         "RepoType": "PUBLIC", "RepoStatus": "NORMAL", "RepoBuildType": "MANUAL", "Summary": "web frontend"},
        {"InstanceId": cri, "RepoId": "crr-lz0golang", "RepoName": "golang", "RepoNamespaceName": "base",
         "RepoType": "PRIVATE", "RepoStatus": "NORMAL", "RepoBuildType": "MANUAL", "Summary": "base image"},
    ]  # fmt: skip
    # Personal Edition (GetRepoList, 2016-06-07): three repositories, so the fake's page cap of 2 pages.
    r["cr_personal_repos"] = [
        _personal_repo(810001, "lz-personal", "demo-site", "PUBLIC"),
        _personal_repo(810002, "lz-personal", "tools", "PRIVATE"),
        _personal_repo(810003, "lz-personal", "scratch", "PRIVATE"),
    ]
    return r


def _personal_repo(repo_id: int, namespace: str, name: str, repo_type: str) -> dict[str, Any]:
    """A GetRepoList item (camelCase, as the 2016-06-07 API answers)."""
    return {
        "repoId": repo_id, "repoNamespace": namespace, "repoName": name, "repoType": repo_type,
        "regionId": HANGZHOU, "repoStatus": "NORMAL", "repoBuildType": "MANUAL", "repoOriginType": "ALI_HUB",
        "repoAuthorizeType": "ADMIN", "summary": f"{name} images", "gmtCreate": 1709280000000,
        "gmtModified": 1709280000000, "downloads": 0, "stars": 0, "logo": "",
        "repoDomainList": {"public": f"registry.{HANGZHOU}.aliyuncs.com",
                           "internal": f"registry-internal.{HANGZHOU}.aliyuncs.com",
                           "vpc": f"registry-vpc.{HANGZHOU}.aliyuncs.com"},
    }  # fmt: skip


ADMIN_DOCUMENT = {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
DEPLOY_DOCUMENT = {
    "Version": "1",
    "Statement": [{"Effect": "Allow", "Action": ["ecs:Describe*"], "Resource": "*"}],
}


def _ram() -> dict[str, Any]:
    users = [
        {"UserName": "alice", "UserId": "200000000000000001", "DisplayName": "Alice", "CreateDate": "2023-01-10T08:00:00Z"},
        {"UserName": "bob", "UserId": "200000000000000002", "DisplayName": "Bob", "CreateDate": "2023-02-10T08:00:00Z"},
        {"UserName": "ci-deployer", "UserId": "200000000000000003", "DisplayName": "CI", "CreateDate": "2024-01-05T08:00:00Z"},
    ]  # fmt: skip
    return {
        "users": users,
        "details": {u["UserName"]: {**u, "LastLoginDate": "2026-11-01T08:00:00Z"} for u in users},
        "login_profiles": {
            "alice": {
                "UserName": "alice",
                "PasswordResetRequired": False,
                "MFABindRequired": False,
                "CreateDate": "2023-01-10T08:00:00Z",
            },
            "bob": {
                "UserName": "bob",
                "PasswordResetRequired": False,
                "MFABindRequired": True,
                "CreateDate": "2023-02-10T08:00:00Z",
            },
        },
        "mfa": {"bob": {"SerialNumber": f"acs:ram::{ACCOUNT}:mfa/bob", "Type": "VMFA"}},
        "access_keys": {
            "alice": [
                {"AccessKeyId": "LTAI0000alice0001", "Status": "Active", "CreateDate": "2023-01-10T08:00:00Z"}
            ],
            "ci-deployer": [
                {"AccessKeyId": "LTAI0000cideploy1", "Status": "Active", "CreateDate": "2024-01-05T08:00:00Z"}
            ],
        },
        "key_last_used": {
            "LTAI0000alice0001": {"LastUsedDate": "2026-10-01T08:00:00Z", "ServiceName": "ecs"},
            "LTAI0000cideploy1": {"LastUsedDate": "2026-11-20T08:00:00Z", "ServiceName": "ecs"},
        },
        "user_policies": {
            "alice": [
                {
                    "PolicyName": "AdministratorAccess",
                    "PolicyType": "System",
                    "DefaultVersion": "v1",
                    "AttachDate": "2023-01-10T08:00:00Z",
                    "Description": "full access",
                }
            ],
            "ci-deployer": [
                {
                    "PolicyName": "DeployOnly",
                    "PolicyType": "Custom",
                    "DefaultVersion": "v2",
                    "AttachDate": "2024-01-05T08:00:00Z",
                    "Description": "describe ECS",
                }
            ],
        },
        "policies": {
            "System:AdministratorAccess": {
                "PolicyName": "AdministratorAccess",
                "PolicyType": "System",
                "DefaultVersion": "v1",
                "PolicyDocument": json.dumps(ADMIN_DOCUMENT),
            },
            "Custom:DeployOnly": {
                "PolicyName": "DeployOnly",
                "PolicyType": "Custom",
                "DefaultVersion": "v2",
                "PolicyDocument": json.dumps(DEPLOY_DOCUMENT),
            },
        },
        "roles": [_role("ops-admin", 1), _role("deploy", 2), _role("backup-runner", 3)],
        "role_policies": {
            "ops-admin": [_attachment("AdministratorAccess", "System", "v1")],
            "deploy": [_attachment("DeployOnly", "Custom", "v2")],
        },
        "groups": [_group("admins", 1), _group("developers", 2), _group("auditors", 3)],
        "group_policies": {
            "admins": [_attachment("AdministratorAccess", "System", "v1")],
            "developers": [_attachment("DeployOnly", "Custom", "v2")],
        },
        "password_policy": {
            "MinimumPasswordLength": 8,
            "RequireLowercaseCharacters": True,
            "RequireUppercaseCharacters": False,
            "RequireNumbers": True,
            "RequireSymbols": False,
            "HardExpiry": False,
            "MaxPasswordAge": 0,
            "PasswordReusePrevention": 0,
            "MaxLoginAttemps": 0,
        },
    }


def _role(name: str, n: int) -> dict[str, Any]:
    """A ListRoles item."""
    return {"RoleName": name, "RoleId": f"30000000000000000{n}", "Arn": f"acs:ram::{ACCOUNT}:role/{name}",
            "Description": f"{name} role", "CreateDate": "2024-01-05T08:00:00Z", "UpdateDate": "2024-01-05T08:00:00Z",
            "MaxSessionDuration": 3600}  # fmt: skip


def _group(name: str, n: int) -> dict[str, Any]:
    """A ListGroups item."""
    return {"GroupName": name, "GroupId": f"40000000000000000{n}", "Comments": f"{name} group",
            "CreateDate": "2024-01-05T08:00:00Z", "UpdateDate": "2024-01-05T08:00:00Z"}  # fmt: skip


def _attachment(name: str, policy_type: str, version: str) -> dict[str, Any]:
    """A ListPoliciesForRole / ListPoliciesForGroup item."""
    return {"PolicyName": name, "PolicyType": policy_type, "DefaultVersion": version,
            "AttachDate": "2024-01-05T08:00:00Z", "Description": name}  # fmt: skip


AUDIT_POLICY = {
    "Version": "1",
    "Statement": [
        {"Effect": "Allow", "Principal": ["*"], "Action": ["oss:GetObject"], "Resource": ["acs:oss:*:*:lz-audit-logs/*"],
         "Condition": {"StringEquals": {"acs:SourceVpc": ["vpc-lz0001"]}}},
    ],
}  # fmt: skip


def _buckets() -> list[dict[str, Any]]:
    return [
        {"Name": "lz-public-assets", "Region": HANGZHOU, "acl": "public-read", "policy": None, "encryption": None,
         "versioning": None, "logging": None, "block": False},
        {"Name": "lz-audit-logs", "Region": HANGZHOU, "acl": "private", "policy": json.dumps(AUDIT_POLICY),
         "encryption": {"SSEAlgorithm": "KMS", "KMSMasterKeyID": "key-lz0audit"}, "versioning": "Enabled",
         "logging": {"TargetBucket": "lz-audit-logs", "TargetPrefix": "access/"}, "block": False},
        {"Name": "lz-backups", "Region": HANGZHOU, "acl": "private", "policy": None, "encryption": {"SSEAlgorithm": "AES256"},
         "versioning": "Enabled", "logging": {"TargetBucket": "lz-audit-logs", "TargetPrefix": "backups/"}, "block": True},
    ]  # fmt: skip


def _root() -> dict[str, Any]:
    """GetAccountMFAInfo's ``IsMFAEnable`` and the report's ``AccountSecurityPracticeUserInfo``."""
    return {
        "mfa_enabled": False,
        "security_report": {"UnusedAkNum": 0, "SubUserWithUnusedAccessKey": 0, "RootWithAccessKey": 1,
                            "SubUser": 3, "BindMfa": False, "OldAkNum": 1, "SubUserPwdLevel": "low",
                            "SubUserWithOldAccessKey": 2, "SubUserBindMfa": 1},
    }  # fmt: skip


def landing_zone() -> dict[str, Any]:
    """The account the fake serves: ``regions`` (per-region data), ``ram``, ``root``, ``buckets``."""
    return {
        "account": ACCOUNT,
        "regions": {HANGZHOU: _hangzhou(), SHANGHAI: empty_region()},
        "ram": _ram(),
        "root": _root(),
        "buckets": _buckets(),
    }


REGIONS = ("cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1")


def _scaled_region(region: str, n: int) -> dict[str, Any]:
    """A mid-sized production region: ``n`` scales every count."""
    r = empty_region()
    tag = region.replace("-", "")[:10]
    for v in range(3):
        vpc, table = f"vpc-{tag}{v}", f"vtb-{tag}{v}"
        r["vpcs"].append(
            {
                "VpcId": vpc,
                "VpcName": f"vpc-{v}",
                "CidrBlock": f"10.{v}.0.0/16",
                "OwnerId": int(ACCOUNT),
                "IsDefault": v == 0,
            }
        )
        r["route_tables"].append(
            {"RouteTableId": table, "RouteTableType": "System", "VpcId": vpc, "OwnerId": int(ACCOUNT)}
        )
        r["route_entries"][table] = [
            {
                "RouteEntryId": f"rte-{tag}{v}",
                "RouteTableId": table,
                "DestinationCidrBlock": "0.0.0.0/0",
                "Type": "Custom",
                "NextHops": {"NextHop": [{"NextHopType": "NatGateway", "NextHopId": f"ngw-{tag}{v}"}]},
            },
        ]
        for s in range(4):
            r["vswitches"].append(
                {
                    "VSwitchId": f"vsw-{tag}{v}{s}",
                    "VpcId": vpc,
                    "CidrBlock": f"10.{v}.{s}.0/24",
                    "RouteTable": {"RouteTableId": table, "RouteTableType": "System"},
                }
            )
        r["nat_gateways"].append(
            {
                "NatGatewayId": f"ngw-{tag}{v}",
                "VpcId": vpc,
                "SnatTableIds": {"SnatTableId": [f"stb-{tag}{v}"]},
                "NatGatewayPrivateInfo": {"VswitchId": f"vsw-{tag}{v}0"},
                "IpLists": {"IpList": [{"IpAddress": f"198.51.{v}.1"}]},
            }
        )
        r["snat_entries"][f"stb-{tag}{v}"] = [
            {"SnatEntryId": f"snat-{tag}{v}", "SourceVSwitchId": f"vsw-{tag}{v}1"}
        ]
    for g in range(8 * n):
        sg = f"sg-{tag}{g:03d}"
        r["security_groups"].append(
            {"SecurityGroupId": sg, "SecurityGroupName": f"sg-{g}", "VpcId": f"vpc-{tag}{g % 3}"}
        )
        r["permissions"][sg] = [
            _perm(
                "ingress", "TCP", f"{8000 + p}/{8000 + p}", f"sgr-{tag}{g:03d}{p}", SourceCidrIp="10.0.0.0/8"
            )
            for p in range(6)
        ]
    for i in range(20 * n):
        r["instances"].append(
            {
                "InstanceId": f"i-{tag}{i:04d}",
                "InstanceName": f"vm-{i}",
                "VpcAttributes": {
                    "VpcId": f"vpc-{tag}{i % 3}",
                    "VSwitchId": f"vsw-{tag}{i % 3}{1 + i % 3}",
                    "PrivateIpAddress": {"IpAddress": [f"10.{i % 3}.1.{i % 250}"]},
                },
                "PublicIpAddress": {"IpAddress": []},
                "EipAddress": {"IpAddress": ""},
                "SecurityGroupIds": {"SecurityGroupId": [f"sg-{tag}{i % (8 * n):03d}"]},
            }
        )
        if i % 5 == 0:
            r["eips"].append(
                {
                    "AllocationId": f"eip-{tag}{i}",
                    "IpAddress": f"203.0.113.{i % 250}",
                    "InstanceType": "EcsInstance",
                }
            )
    for d in range(n + 1):
        db = f"rm-{tag}{d:02d}"
        r["rds"].append(
            {
                "DBInstanceId": db,
                "Engine": "MySQL",
                "EngineVersion": "8.0",
                "VpcId": f"vpc-{tag}0",
                "VSwitchId": f"vsw-{tag}02",
            }
        )
        r["rds_net"][db] = {
            "DBInstanceNetInfos": {
                "DBInstanceNetInfo": [
                    {"IPType": "Private", "ConnectionString": f"{db}.mysql.rds.aliyuncs.com"}
                ]
            }
        }
        r["rds_ip"][db] = {
            "Items": {
                "DBInstanceIPArray": [{"DBInstanceIPArrayName": "default", "SecurityIPList": "10.0.0.0/8"}]
            }
        }
        r["rds_ssl"][db] = {"SSLEnabled": "Yes", "ForceEncryption": "1", "RequireUpdate": "No"}
        r["rds_tde"][db] = {"TDEStatus": "Enabled"}
        r["rds_backup"][db] = {"BackupRetentionPeriod": "7"}
    cri = f"cri-{tag}"
    r["cr_instances"] = [{"InstanceId": cri, "InstanceName": f"registry-{tag}", "RegionId": region}]
    r["cr_endpoints"][cri] = [
        {"EndpointType": "internet", "Enable": False, "AclEnable": True, "AclEntries": []}
    ]
    r["cr_namespaces"][cri] = [
        {"NamespaceName": f"ns{k}", "AutoCreateRepo": False, "DefaultRepoType": "PRIVATE"} for k in range(4)
    ]
    r["cr_repos"][cri] = [
        {
            "RepoId": f"crr-{tag}{k:03d}",
            "RepoName": f"app{k}",
            "RepoNamespaceName": f"ns{k % 4}",
            "RepoType": "PRIVATE",
        }
        for k in range(10 * n)
    ]
    return r


def generated_account(regions: int = 5, scale: int = 5) -> dict[str, Any]:
    """For the benchmark: ``regions`` regions of :func:`_scaled_region`, 6*scale buckets, 4*scale users."""
    account = landing_zone()
    account["regions"] = {region: _scaled_region(region, scale) for region in REGIONS[:regions]}
    ram = account["ram"]
    for u in range(4 * scale):
        name = f"user{u:03d}"
        ram["users"].append({"UserName": name, "UserId": f"3{u:017d}", "CreateDate": "2025-01-01T00:00:00Z"})
        ram["details"][name] = {"UserName": name, "LastLoginDate": "2026-11-01T00:00:00Z"}
        ram["access_keys"][name] = [
            {"AccessKeyId": f"LTAI{u:012d}", "Status": "Active", "CreateDate": "2026-09-01T00:00:00Z"}
        ]
        ram["key_last_used"][f"LTAI{u:012d}"] = {"LastUsedDate": "2026-11-20T00:00:00Z"}
        ram["user_policies"][name] = [{"PolicyName": "DeployOnly", "PolicyType": "Custom"}]
    account["buckets"] += [
        {
            "Name": f"bench-bucket-{b:03d}",
            "Region": REGIONS[b % regions],
            "acl": "private",
            "policy": None,
            "encryption": {"SSEAlgorithm": "AES256"},
            "versioning": "Enabled",
            "logging": None,
            "block": True,
        }
        for b in range(6 * scale)
    ]
    return account
