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
  auto-creates **PUBLIC** repositories; repository ``apps/frontend`` **PUBLIC** with **mutable
  tags** (``base/golang`` immutable); its only scan rule is **manual** (no scan of new tags).
* RAM: ``alice`` has console login, **no MFA**, an old access key and AdministratorAccess;
  ``bob`` has console login and MFA; ``ci-deployer`` has only an access key and a custom policy.
  The password policy is **weak** (length 8, no uppercase or symbols, no expiry, reuse or lockout).
  Roles: ``ops-admin`` has **AdministratorAccess**, ``deploy`` the custom policy, ``backup-runner``
  nothing; groups: ``admins`` has **AdministratorAccess** and member ``bob`` (admin through the
  group only), ``developers`` the custom policy and member ``ci-deployer``, ``auditors`` nothing and
  no members (three of each, so ListRoles and ListGroups page).
* Root account (IMS): **no MFA**, and **one AccessKey pair** in its security practice report.
* ECS disks: the web system disk encrypted with a KMS key, the app data disk **attached
  and unencrypted**, ``d-lz0spare`` **unattached and unencrypted**, ``d-lz0keep``
  **unattached** but encrypted. Snapshots: a **manual one from 2024**, an automatic one as
  old (kept by its policy), a manual one from last week. EIP ``eip-lz0spare`` **unbound**.
  Instances: web is **pay-as-you-go since 2024**, app subscription; ``i-lz0classic`` in the
  **classic network**; ``i-lz0idle`` **stopped in KeepCharging mode**, ``i-lz0eco`` stopped
  in StopCharging mode.
* RDS: ``rm-lz0001`` has **SQL audit off**; PostgreSQL ``pgm-lz0pg`` is private, SSL forced,
  **TDE with the service key**, SQL audit **kept 30 days**, ``log_connections`` on,
  **``log_disconnections`` off** and **``log_duration`` not set** (off by default).
* OSS: ``lz-backups``' policy denies plain HTTP; the other two buckets **allow HTTP**.
* ActionTrail: ``lz-audit`` records all events in all regions into ``lz-audit-logs``;
  ``lz-hz-only`` records **write events of cn-hangzhou only** into the **public** ``lz-public-assets``.
* ACK ``c-lz0pub``: API server on an **EIP**, **no deletion protection**, **Kubernetes 1.22**
  (no longer offered), **no Log Service add-on**, the **dashboard**, **Flannel** (no network
  policy, no ENI multi-IP), **no control-plane logs**, **no RRSA**, and a node pool with
  **public IPs**, **no auto-upgrade** and **no CloudMonitor**, **never checked**; its API server's CLB
  ``lb-lz0pubapi`` has a whitelist ACL on port 6443 that holds the office range and **0.0.0.0/0**.
  ``c-lz0priv`` is its private, compliant look-alike (Terway ENI multi-IP with NetworkPolicy, logs,
  RRSA, managed pool); its API server CLB ``lb-lz0privapi`` has no ACL (nothing reads it: no EIP).
* PolarDB ``pc-lz0open`` with a **public endpoint** and a whitelist with **0.0.0.0/0**, ``pc-lz0shut``
  private with the VPC only; Redis ``r-lz0open`` **public, 0.0.0.0/0**, ``r-lz0shut`` private;
  MongoDB ``dds-lz0open`` (sharded) whitelisting **0.0.0.0/0**, ``dds-lz0shut`` the VPC only.
* Security Center: the **Free (basic) edition**, **no notification for AccessKey leaks**, the
  **emergency vulnerability scan off**; its agent is online on every instance but **i-lz0app** (offline).
* KMS (cn-hangzhou; ListKeys lists user keys only): ``key-lz0norot`` enabled with **automatic rotation
  off**, ``key-lz0yearly`` rotating **every 365 days**, ``key-lz0byok`` with **imported material**
  (EXTERNAL: it cannot rotate), ``key-lz0rot90`` rotating every 90 days (compliant), ``key-lz0off``
  disabled, ``key-lz0sign`` an RSA signing key, and ``key-lz0svc``, a key a cloud service created
  (``CreatorType`` ``Service``: not listed). Seven keys, so ListKeys pages.
* ``cn-shanghai`` is visible but empty.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.fakes.alibaba_kms import kms_key

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
        "cr_personal_repos": [], "polardb": [], "polardb_whitelist": {}, "polardb_endpoints": {},
        "kvstore": [], "kvstore_ips": {}, "kvstore_net": {}, "mongodb": [], "mongodb_ips": {},
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
        {"AllocationId": "eip-lz0spare", "IpAddress": "198.51.100.40", "InstanceId": "", "InstanceType": "",
         "Status": "Available", "RegionId": HANGZHOU, "Bandwidth": "5"},
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
         "Status": "Running", "InstanceNetworkType": "vpc", "OSType": "windows", "InstanceChargeType": "PostPaid",
         "CreationTime": "2024-03-01T08:00Z", "StoppedMode": "Not-applicable",
         "VpcAttributes": {"VpcId": vpc, "VSwitchId": pub, "PrivateIpAddress": {"IpAddress": ["10.0.1.20"]}, "NatIpAddress": ""},
         "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": []},
         "EipAddress": {"AllocationId": "eip-lz0web", "IpAddress": "198.51.100.20", "InternetChargeType": "PayByTraffic"},
         "SecurityGroupIds": {"SecurityGroupId": ["sg-lz0web"]}},
        {"InstanceId": "i-lz0app", "InstanceName": "app-1", "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h",
         "Status": "Running", "InstanceNetworkType": "vpc", "OSType": "linux", "InstanceChargeType": "PrePaid",
         "CreationTime": "2024-03-01T08:00Z", "StoppedMode": "Not-applicable",
         "VpcAttributes": {"VpcId": vpc, "VSwitchId": priv, "PrivateIpAddress": {"IpAddress": ["10.0.2.30"]}, "NatIpAddress": ""},
         "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": []},
         "EipAddress": {"AllocationId": "", "IpAddress": ""},
         "SecurityGroupIds": {"SecurityGroupId": ["sg-lz0app"]}},
        _other_instance("i-lz0classic", "legacy-1", "Running", "classic", "Not-applicable"),
        _other_instance("i-lz0idle", "idle-1", "Stopped", "vpc", "KeepCharging"),
        _other_instance("i-lz0eco", "eco-1", "Stopped", "vpc", "StopCharging"),
    ]  # fmt: skip
    r["disks"] = [
        _disk("d-lz0sys", "In_use", "i-lz0web", "system", True, "key-lz0disk"),
        _disk("d-lz0data", "In_use", "i-lz0app", "data", False, ""),
        _disk("d-lz0spare", "Available", "", "data", False, ""),
        _disk("d-lz0keep", "Available", "", "data", True, "key-lz0disk"),
    ]
    recent = (datetime.now(UTC) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
    r["snapshots"] = [
        _snapshot("s-lz0old", "user", "2024-04-01T00:00:00Z"),
        _snapshot("s-lz0auto", "auto", "2024-04-01T00:00:00Z"),
        _snapshot("s-lz0new", "user", recent),
    ]
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
    r["rds_sql_audit"] = {db: {"SQLCollectorStatus": "Disabled", "StoragePeriod": 0}}
    r["rds_sql_retention"] = {db: {"ConfigValue": "30"}}
    _postgres(r, vpc, priv)
    r["ack_clusters"] = [_ack_public(vpc, pub), _ack_private(vpc, priv)]
    _api_server_acls(r)
    _other_databases(r, vpc, priv)
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
         "RepoType": "PUBLIC", "RepoStatus": "NORMAL", "RepoBuildType": "MANUAL", "Summary": "web frontend",
         "TagImmutability": False},
        {"InstanceId": cri, "RepoId": "crr-lz0golang", "RepoName": "golang", "RepoNamespaceName": "base",
         "RepoType": "PRIVATE", "RepoStatus": "NORMAL", "RepoBuildType": "MANUAL", "Summary": "base image",
         "TagImmutability": True},
    ]  # fmt: skip
    # one scan rule, but triggered by hand only: nothing new is scanned
    r["cr_scan_rules"] = {cri: [
        {"ScanRuleId": "crscnr-lz0manual", "RuleName": "weekly", "ScanType": "VUL", "ScanScope": "INSTANCE",
         "TriggerType": "MANUAL", "RepoTagFilterPattern": ".*", "Namespaces": [], "RepoNames": []}]}  # fmt: skip
    # Delivery chains (ListChain, GetChain): "release" blocks on high-severity issues; "nightly" only
    # protects tags; "edge" waits for 5 issues. Three chains: ListChain pages (cap 2).
    r["cr_chains"] = {cri: [
        _chain(cri, "chi-lz0release", "release", "BLOCK", "HIGH", "1"),
        _chain(cri, "chi-lz0nightly", "nightly", "BLOCK_DELETE_TAG", "HIGH", "1"),
        _chain(cri, "chi-lz0edge", "edge", "BLOCK", "MEDIUM", "5"),
    ]}  # fmt: skip
    # Personal Edition (GetRepoList, 2016-06-07): three repositories, so the fake's page cap of 2 pages.
    r["cr_personal_repos"] = [
        _personal_repo(810001, "lz-personal", "demo-site", "PUBLIC"),
        _personal_repo(810002, "lz-personal", "tools", "PRIVATE"),
        _personal_repo(810003, "lz-personal", "scratch", "PRIVATE"),
    ]
    r["kms_keys"] = _kms_keys(HANGZHOU)
    return r


def _other_instance(instance_id: str, name: str, status: str, network: str, stopped: str) -> dict[str, Any]:
    """A DescribeInstances item without addresses, for the network type and stop-mode cases."""
    vpc = {
        "VpcId": "vpc-lz0001",
        "VSwitchId": "vsw-lz0priv",
        "PrivateIpAddress": {"IpAddress": ["10.0.2.40"]},
    }
    return {"InstanceId": instance_id, "InstanceName": name, "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h",
            "Status": status, "InstanceNetworkType": network, "OSType": "linux", "InstanceChargeType": "PrePaid",
            "CreationTime": "2024-03-01T08:00Z", "StoppedMode": stopped,
            "VpcAttributes": vpc if network == "vpc" else {"PrivateIpAddress": {"IpAddress": []}},
            "PublicIpAddress": {"IpAddress": []}, "InnerIpAddress": {"IpAddress": ["10.1.0.5"] if network == "classic" else []},
            "EipAddress": {"AllocationId": "", "IpAddress": ""}, "SecurityGroupIds": {"SecurityGroupId": ["sg-lz0app"]}}  # fmt: skip


def _disk(disk_id: str, status: str, instance: str, kind: str, encrypted: bool, key: str) -> dict[str, Any]:
    """A DescribeDisks item (``Status`` ``In_use``/``Available``, ``Encrypted``, ``KMSKeyId``)."""
    return {"DiskId": disk_id, "DiskName": disk_id, "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h", "Status": status,
            "Type": kind, "Category": "cloud_essd", "Size": 40, "Encrypted": encrypted, "KMSKeyId": key,
            "InstanceId": instance, "Portable": kind == "data", "DeleteWithInstance": kind == "system",
            "CreationTime": "2024-03-01T08:00Z",
            "Attachments": {"Attachment": [{"InstanceId": instance, "Device": "/dev/xvdb"}] if instance else []}}  # fmt: skip


def _snapshot(snapshot_id: str, kind: str, created: str) -> dict[str, Any]:
    """A DescribeSnapshots item (``SnapshotType`` ``auto``/``user``)."""
    return {"SnapshotId": snapshot_id, "SnapshotName": snapshot_id, "SnapshotType": kind, "CreationTime": created,
            "SourceDiskId": "d-lz0data", "SourceDiskSize": "40", "Status": "accomplished", "Encrypted": False,
            "KMSKeyId": "", "Usage": "none", "Category": "standard"}  # fmt: skip


def _postgres(r: dict[str, Any], vpc: str, priv: str) -> None:
    """``pgm-lz0pg``: private and forced SSL, TDE with the service key, 30-day SQL audit, two logging gaps."""
    pg = "pgm-lz0pg"
    r["rds"].append(
        {"DBInstanceId": pg, "DBInstanceDescription": "ledger-pg", "Engine": "PostgreSQL", "EngineVersion": "16.0",
         "DBInstanceStatus": "Running", "DBInstanceNetType": "Intranet", "InstanceNetworkType": "VPC",
         "VpcId": vpc, "VSwitchId": priv, "RegionId": HANGZHOU, "ZoneId": "cn-hangzhou-h", "ConnectionMode": "Standard"}
    )  # fmt: skip
    r["rds_net"][pg] = {"InstanceNetworkType": "VPC", "DBInstanceNetInfos": {"DBInstanceNetInfo": [
        {"ConnectionString": "pgm-lz0pg.pg.rds.aliyuncs.com", "IPAddress": "10.0.2.51", "IPType": "Private",
         "Port": "5432", "VPCId": vpc, "VSwitchId": priv}]}}  # fmt: skip
    r["rds_ip"][pg] = {"Items": {"DBInstanceIPArray": [
        {"DBInstanceIPArrayName": "default", "DBInstanceIPArrayAttribute": "", "SecurityIPType": "ipv4",
         "SecurityIPList": "10.0.0.0/16"}]}}  # fmt: skip
    r["rds_ssl"][pg] = {"SSLEnabled": "on", "ForceEncryption": "1", "RequireUpdate": "No"}
    r["rds_tde"][pg] = {"TDEStatus": "Enabled", "TDEMode": "Aliyun_Generate_Key"}
    r["rds_backup"][pg] = {"BackupRetentionPeriod": "7"}
    r["rds_sql_audit"][pg] = {"SQLCollectorStatus": "Enable", "StoragePeriod": 30}
    r["rds_sql_retention"][pg] = {"ConfigValue": "30"}
    r["rds_parameters"] = {pg: {"Engine": "PostgreSQL", "EngineVersion": "16.0", "ConfigParameters": {"DBInstanceParameter": []},
        "RunningParameters": {"DBInstanceParameter": [
            {"ParameterName": "log_connections", "ParameterValue": "on", "ParameterDescription": ""},
            {"ParameterName": "log_disconnections", "ParameterValue": "off", "ParameterDescription": ""},
            {"ParameterName": "shared_buffers", "ParameterValue": "65536", "ParameterDescription": ""},
        ]}}}  # fmt: skip


def _ack(
    cluster_id: str, name: str, vpc: str, vswitch: str, version: str, api_server: str, **detail: Any
) -> dict[str, Any]:
    """One ACK cluster as the fake serves it: the DescribeClustersV1 item and each per-cluster answer."""
    master = json.dumps(
        {"api_server_endpoint": api_server, "intranet_api_server_endpoint": "https://10.0.1.5:6443"}
    )
    summary = {"cluster_id": cluster_id, "name": name, "cluster_type": "ManagedKubernetes", "region_id": HANGZHOU,
               "current_version": version, "state": "running", "vpc_id": vpc, "vswitch_ids": [vswitch],
               "master_url": master, "profile": "Default", "cluster_spec": "ack.pro.small", "size": 3,
               "created": "2024-03-01T08:00:00+08:00", "network_mode": "vpc"}  # fmt: skip
    return {
        "cluster_id": cluster_id,
        "summary": summary,
        "detail": {**summary, **detail.pop("extra")},
        **detail,
    }


def _pool(pool_id: str, bandwidth: int, managed: bool, cms: bool) -> dict[str, Any]:
    """A DescribeClusterNodePools ``nodepools`` item."""
    return {"nodepool_info": {"nodepool_id": pool_id, "name": pool_id, "type": "ess", "is_default": True},
            "scaling_group": {"internet_max_bandwidth_out": bandwidth, "internet_charge_type": "PayByTraffic" if bandwidth else "",
                              "image_type": "AliyunLinux3", "instance_types": ["ecs.g7.large"], "vswitch_ids": ["vsw-lz0priv"]},
            "management": {"enable": managed, "auto_upgrade": managed, "auto_repair": managed},
            "kubernetes_config": {"cms_enabled": cms, "runtime": "containerd"},
            "status": {"state": "active", "total_nodes": 2}}  # fmt: skip


def _ack_public(vpc: str, vswitch: str) -> dict[str, Any]:
    addons = [{"name": "flannel", "version": "v0.15.1.22", "state": "active"},
              {"name": "kubernetes-dashboard", "version": "v2.0.0", "state": "active"}]  # fmt: skip
    meta = json.dumps({"Addons": [{"name": "flannel", "config": "", "disabled": False}]})
    return _ack("c-lz0pub", "lz-public-cluster", vpc, vswitch, "1.22.15-aliyun.1", "https://198.51.100.50:6443",
                extra={"deletion_protection": False, "meta_data": meta, "rrsa_config": {"enabled": False}},
                nodepools={"nodepools": [_pool("np-lz0pub", 5, False, False)]},
                controlplanelog={"log_project": "", "log_ttl": "", "aliuid": ACCOUNT, "components": []},
                addon_instances={"addons": addons}, checks={"checks": []})  # fmt: skip


def _ack_private(vpc: str, vswitch: str) -> dict[str, Any]:
    addons = [{"name": "terway-eniip", "version": "v1.9.0", "state": "active"},
              {"name": "logtail-ds", "version": "v1.7.0", "state": "active"}]  # fmt: skip
    terway = json.dumps({"NetworkPolicy": "true", "IPVlan": "false"})
    meta = json.dumps({"Addons": [{"name": "terway-eniip", "config": terway, "disabled": False}]})
    return _ack("c-lz0priv", "lz-private-cluster", vpc, vswitch, "1.31.1-aliyun.1", "",
                extra={"deletion_protection": True, "meta_data": meta, "rrsa_config": {"enabled": True}},
                nodepools={"nodepools": [_pool("np-lz0priv", 0, True, True)]},
                controlplanelog={"log_project": "k8s-log-c-lz0priv", "log_ttl": "30", "aliuid": ACCOUNT,
                                 "components": ["apiserver", "kcm", "scheduler"]},
                addon_instances={"addons": addons}, checks={"checks": [_check()]})  # fmt: skip


def cluster_resources(cluster_id: str, load_balancer_id: str) -> list[dict[str, Any]]:
    """A DescribeClusterResources answer: the API server's CLB (as the API reference's example) and the VPC."""
    info = json.dumps({"Id": "k8s_master_slb", "Name": "k8s_master_slb", "Type": "ALIYUN::SLB::LoadBalancer",
                       "Status": "CREATE_COMPLETE", "StatusReason": "state changed",
                       "Updated": "2024-03-01T08:05:00", "PhysicalId": load_balancer_id})  # fmt: skip
    return [
        {"cluster_id": cluster_id, "created": "2024-03-01T08:05:00+08:00", "instance_id": "vpc-lz0001",
         "resource_info": "", "resource_type": "VPC", "state": "CREATE_COMPLETE", "auto_create": 0},
        {"cluster_id": cluster_id, "created": "2024-03-01T08:05:00+08:00", "instance_id": load_balancer_id,
         "resource_info": info, "resource_type": "ALIYUN::SLB::LoadBalancer", "state": "CREATE_COMPLETE",
         "auto_create": 1},
    ]  # fmt: skip


def _api_server_acls(r: dict[str, Any]) -> None:
    """The API servers' CLB listeners on 6443 and the ACL of the public one."""
    for cluster, balancer in zip(r["ack_clusters"], ("lb-lz0pubapi", "lb-lz0privapi"), strict=True):
        cluster["resources"] = cluster_resources(cluster["cluster_id"], balancer)
    r["slb_listeners"] = {
        "lb-lz0pubapi": {6443: {"AclStatus": "on", "AclType": "white", "AclIds": ["acl-lz0api"]}},
        "lb-lz0privapi": {6443: {"AclStatus": "off"}},
    }
    r["slb_acls"] = {
        "acl-lz0api": {"AclName": "api-server", "entries": [
            {"AclEntryIP": "203.0.113.0/24", "AclEntryComment": "office"},
            {"AclEntryIP": "0.0.0.0/0", "AclEntryComment": "temporary"},
        ]},
    }  # fmt: skip


def _check() -> dict[str, Any]:
    """A ListClusterChecks item finished yesterday."""
    done = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"check_id": "chk-lz0priv", "type": "ClusterInspection", "status": "Succeeded", "created_at": done,
            "finished_at": done, "message": ""}  # fmt: skip


ACK_VERSIONS = [
    {"version": "1.31.1-aliyun.1", "release_date": "2024-10-01T00:00:00Z", "expiration_date": "2099-01-01T00:00:00Z",
     "creatable": True, "upgradable_versions": [], "capabilities": {}, "meta_data": {}, "images": [], "runtimes": []},
    {"version": "1.30.7-aliyun.1", "release_date": "2024-07-01T00:00:00Z", "expiration_date": "2099-01-01T00:00:00Z",
     "creatable": True, "upgradable_versions": ["1.31.1-aliyun.1"], "capabilities": {}, "meta_data": {}, "images": [], "runtimes": []},
]  # fmt: skip


def _other_databases(r: dict[str, Any], vpc: str, priv: str) -> None:
    """PolarDB, Redis and MongoDB, one open to the internet and one private look-alike of each."""
    r["polardb"] = [
        {"DBClusterId": c, "DBClusterDescription": c, "DBType": "MySQL", "DBVersion": "8.0", "Engine": "POLARDB",
         "DBClusterStatus": "Running", "VpcId": vpc, "VSwitchId": priv, "RegionId": HANGZHOU, "PayType": "Postpaid"}
        for c in ("pc-lz0open", "pc-lz0shut")
    ]  # fmt: skip
    r["polardb_whitelist"] = {
        c: {"Items": {"DBClusterIPArray": [
            {"DBClusterIPArrayName": "default", "DBClusterIPArrayAttribute": "", "SecurityIps": ips},
            {"DBClusterIPArrayName": "hidden_dts", "DBClusterIPArrayAttribute": "hidden", "SecurityIps": "0.0.0.0/0"}]},
            "DBClusterSecurityGroups": {"DBClusterSecurityGroup": []}}
        for c, ips in (("pc-lz0open", "10.0.0.0/16,0.0.0.0/0"), ("pc-lz0shut", "10.0.0.0/16"))
    }  # fmt: skip
    r["polardb_endpoints"] = {
        c: {"Items": [{"DBEndpointId": f"pe-{c}", "EndpointType": "Cluster", "AddressItems": [
            {"NetType": "Private", "ConnectionString": f"{c}.rwlb.rds.aliyuncs.com", "IPAddress": "10.0.2.70", "Port": "3306"},
            *([{"NetType": "Public", "ConnectionString": f"{c}o.rwlb.rds.aliyuncs.com", "IPAddress": "198.51.100.70",
                "Port": "3306"}] if c == "pc-lz0open" else [])]}]}
        for c in ("pc-lz0open", "pc-lz0shut")
    }  # fmt: skip
    r["kvstore"] = [
        {"InstanceId": i, "InstanceName": i, "InstanceType": "Redis", "EngineVersion": "7.0", "InstanceStatus": "Normal",
         "NetworkType": "VPC", "VpcId": vpc, "VSwitchId": priv, "RegionId": HANGZHOU, "ChargeType": "PostPaid"}
        for i in ("r-lz0open", "r-lz0shut")
    ]  # fmt: skip
    r["kvstore_ips"] = {
        i: {"SecurityIpGroups": {"SecurityIpGroup": [
            {"SecurityIpGroupName": "default", "SecurityIpGroupAttribute": "", "SecurityIpList": ips}]}}
        for i, ips in (("r-lz0open", "0.0.0.0/0"), ("r-lz0shut", "10.0.2.0/24"))
    }  # fmt: skip
    r["kvstore_net"] = {
        i: {"InstanceNetworkType": "VPC", "NetInfoItems": {"InstanceNetInfo": [
            {"IPType": "Private", "ConnectionString": f"{i}.redis.rds.aliyuncs.com", "Port": "6379", "DBInstanceNetType": "2"},
            *([{"IPType": "Public", "ConnectionString": f"{i}.redis.rds.aliyuncs.com", "Port": "6379",
                "DBInstanceNetType": "0"}] if i == "r-lz0open" else [])]}}
        for i in ("r-lz0open", "r-lz0shut")
    }  # fmt: skip
    r["mongodb"] = [
        {"DBInstanceId": "dds-lz0open", "DBInstanceDescription": "events", "DBInstanceType": "sharding", "Engine": "MongoDB",
         "EngineVersion": "6.0", "DBInstanceStatus": "Running", "NetworkType": "VPC", "RegionId": HANGZHOU},
        {"DBInstanceId": "dds-lz0shut", "DBInstanceDescription": "sessions", "DBInstanceType": "replicate", "Engine": "MongoDB",
         "EngineVersion": "6.0", "DBInstanceStatus": "Running", "NetworkType": "VPC", "RegionId": HANGZHOU},
    ]  # fmt: skip
    r["mongodb_ips"] = {
        i: {"SecurityIpGroups": {"SecurityIpGroup": [
            {"SecurityIpGroupName": "default", "SecurityIpGroupAttribute": "", "SecurityIpList": ips}]}}
        for i, ips in (("dds-lz0open", "0.0.0.0/0,10.0.0.0/16"), ("dds-lz0shut", "10.0.0.0/16"))
    }  # fmt: skip


HTTPS_ONLY = {
    "Version": "1",
    "Statement": [
        {"Effect": "Deny", "Principal": ["*"], "Action": ["oss:*"],
         "Resource": ["acs:oss:*:*:lz-backups", "acs:oss:*:*:lz-backups/*"],
         "Condition": {"Bool": {"acs:SecureTransport": ["false"]}}},
        # only the office range and the VPC reach it (CIS 5.7); OSS wants acs:SourceVpc beside acs:SourceIp
        {"Effect": "Deny", "Principal": ["*"], "Action": ["oss:*"],
         "Resource": ["acs:oss:*:*:lz-backups", "acs:oss:*:*:lz-backups/*"],
         "Condition": {"NotIpAddress": {"acs:SourceIp": ["203.0.113.0/24"]},
                       "StringNotLike": {"acs:SourceVpc": ["vpc-lz0001"]}}},
    ],
}  # fmt: skip


def _chain(cri: str, chain_id: str, name: str, action: str, level: str, count: str) -> dict[str, Any]:
    """A GetChain answer; its ListChain item is the same without ``ChainConfig``."""
    nodes = [{"NodeName": n, "Enable": True, "NodeConfig": {"DenyPolicy": {}}}
             for n in ("DOCKER_IMAGE_BUILD", "DOCKER_IMAGE_PUSH", "ACTIVATE_REPLICATION", "TRIGGER")]  # fmt: skip
    nodes.insert(2, {"NodeName": "VULNERABILITY_SCANNING", "Enable": True, "NodeConfig": {
        "DenyPolicy": {"IssueLevel": level, "IssueCount": count, "Action": action, "Logic": "AND"}}})  # fmt: skip
    return {"ChainId": chain_id, "Name": name, "InstanceId": cri, "ScopeType": "REPOSITORY", "ScopeId": "crr-lz0front",
            "Description": "", "CreateTime": 1638255427000, "ModifiedTime": 1638259914000,
            "ChainConfig": {"ChainConfigId": f"cci-{chain_id}", "IsActive": True, "Version": "1", "Nodes": nodes,
                            "Routers": []}}  # fmt: skip


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
        "group_users": {"admins": [_member(users[1])], "developers": [_member(users[2])]},
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


def _member(user: dict[str, Any]) -> dict[str, Any]:
    """A ListUsersForGroup item (``Users.User[]``: UserName, DisplayName, JoinDate)."""
    return {
        "UserName": user["UserName"],
        "DisplayName": user["DisplayName"],
        "JoinDate": "2024-01-06T08:00:00Z",
    }


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
        {"Name": "lz-backups", "Region": HANGZHOU, "acl": "private", "policy": json.dumps(HTTPS_ONLY), "encryption": {"SSEAlgorithm": "AES256"},
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


def _kms_keys(region: str) -> list[dict[str, Any]]:
    return [
        kms_key(region, "key-lz0norot"),
        kms_key(region, "key-lz0yearly", rotation="Enabled", interval="31536000s", protection="Enabled"),
        kms_key(region, "key-lz0byok", origin="EXTERNAL"),
        kms_key(region, "key-lz0rot90", rotation="Enabled", interval="7776000s"),
        kms_key(region, "key-lz0off", state="Disabled"),
        kms_key(region, "key-lz0sign", usage="SIGN/VERIFY", spec="RSA_2048"),
        kms_key(region, "key-lz0svc", rotation="Enabled", interval="31536000s", creator_type="Service"),
    ]


def landing_zone() -> dict[str, Any]:
    """The account the fake serves: ``regions`` (per-region data), ``ram``, ``root``, ``buckets``."""
    return {
        "account": ACCOUNT,
        "regions": {HANGZHOU: _hangzhou(), SHANGHAI: empty_region()},
        "ram": _ram(),
        "root": _root(),
        "buckets": _buckets(),
        "trails": _trails(),
        "ack_versions": ACK_VERSIONS,
        "sas": _security_center(),
        "sls": _log_service(),
    }


# The CIS Alibaba 2.0 audit queries of 2.10 (RAM role changes) and 2.18 (root account usage)
CIS_RAM_ROLE_QUERY = (
    "(event.serviceName: ResourceManager or event.serviceName: Ram) and (event.eventName: CreatePolicy or "
    "event.eventName: DeletePolicy or event.eventName: CreatePolicyVersion or event.eventName: UpdatePolicyVersion "
    "or event.eventName: SetDefaultPolicyVersion or event.eventName: DeletePolicyVersion) | select count(1) as c"
)
CIS_ROOT_QUERY = "event.eventName: ConsoleSignin and event.userIdentity.type : root-account"
CIS_KMS_QUERY = (
    "event.serviceName: Kms and (event.eventName: DisableKey or event.eventName: ScheduleKeyDeletion or "
    "event.eventName: DeleteKeyMaterial"
)


def sls_alert(name: str, query: str, status: str = "ENABLED") -> dict[str, Any]:
    """A ListAlerts ``results`` item (the SLS ``Alert`` structure), querying the ActionTrail logstore."""
    return {"name": name, "displayName": name, "status": status, "createTime": 1700000000,
            "lastModifiedTime": 1700000000, "schedule": {"type": "FixedRate", "interval": "15m"},
            "configuration": {"version": "2.0", "type": "default", "threshold": 1,
                              "queryList": [{"query": query, "store": "actiontrail_lz-audit", "storeType": "log",
                                             "project": "lz-audit-hz", "region": HANGZHOU, "start": "-15m",
                                             "end": "now", "timeSpanType": "Relative"}]}}  # fmt: skip


def _log_service() -> dict[str, Any]:
    """ListProject ``projects``; per project the GetLogStore answers and the ListAlerts ``results``.

    The audit Logstore keeps 365 days, the application one 30 (CIS 2.23); the alerts watch RAM
    role changes (enabled), root usage (enabled, but with a narrower query that does not count)
    and KMS key deletion (disabled): only ``ram_role`` is alerted.
    """
    projects = [{"projectName": name, "region": HANGZHOU, "status": "Normal", "owner": ACCOUNT, "description": "",
                 "createTime": "2024-03-01 08:00:00", "lastModifyTime": "2024-03-01 08:00:00"}
                for name in ("lz-audit-hz", "lz-app-hz")]  # fmt: skip
    stores = {
        "lz-audit-hz": {
            "actiontrail_lz-audit": {"logstoreName": "actiontrail_lz-audit", "ttl": 365, "shardCount": 2,
                                     "mode": "standard", "createTime": 1700000000, "lastModifyTime": 1700000000},
            "oss-log-store": {"logstoreName": "oss-log-store", "ttl": 3650, "shardCount": 2, "mode": "standard"},
        },
        "lz-app-hz": {"app-logs": {"logstoreName": "app-logs", "ttl": 30, "shardCount": 2, "mode": "standard"}},
    }  # fmt: skip
    alerts = {
        "lz-audit-hz": [  # the CIS 2.10 alert is third: on the second page of ListAlerts
            sls_alert("root-login", "event.eventName: ConsoleSignin"),
            sls_alert("kms-deletion", CIS_KMS_QUERY, status="DISABLED"),
            sls_alert("cis-ram-role", CIS_RAM_ROLE_QUERY),
        ],
        "lz-app-hz": [],
    }
    return {"projects": projects, "logstores": stores, "alerts": alerts}


def _security_center() -> dict[str, Any]:
    """DescribeVersionConfig, DescribeNoticeConfig, DescribeVulConfig, DescribeCloudCenterInstances."""
    notices = [{"Project": p, "Route": 6, "TimeLimit": 0, "AliUid": int(ACCOUNT)}
               for p in ("sas_suspicious", "sas_vulnerability", "sas_healthcheck", "yundun_sas_config_alert")]  # fmt: skip
    vul = [
        {"Type": t, "Config": "off" if t == "emg" else "on", "OverAllConfig": "on"}
        for t in ("cve", "sys", "cms", "emg")
    ]
    agents = [{"InstanceId": i, "InstanceName": i, "ClientStatus": "offline" if i == "i-lz0app" else "online",
               "RegionId": HANGZHOU, "Vendor": 0, "AssetType": "0"}
              for i in ("i-lz0web", "i-lz0app", "i-lz0classic", "i-lz0idle", "i-lz0eco")]  # fmt: skip
    return {
        "version": {"Version": 1, "HighestVersion": 1},
        "notices": notices,
        "vul": vul,
        "instances": agents,
    }


def _trail(name: str, region: str, events: str, bucket: str) -> dict[str, Any]:
    """A DescribeTrails ``TrailList`` item."""
    return {"Name": name, "HomeRegion": HANGZHOU, "TrailRegion": region, "EventRW": events, "Status": "Enable",
            "OssBucketName": bucket, "OssKeyPrefix": "trail", "SlsProjectArn": "", "IsOrganizationTrail": False,
            "TrailArn": f"acs:actiontrail:{HANGZHOU}:{ACCOUNT}:trail/{name}", "CreateTime": "2024-03-01T08:00:00Z",
            "StartLoggingTime": "2024-03-01T08:00:00Z", "OssWriteRoleArn": "", "SlsWriteRoleArn": ""}  # fmt: skip


def _trails() -> list[dict[str, Any]]:
    return [
        _trail("lz-audit", "All", "All", "lz-audit-logs"),
        _trail("lz-hz-only", HANGZHOU, "Write", "lz-public-assets"),
    ]


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
    # coverage products: a system disk per instance, snapshots, SQL audit, one ACK cluster per region
    r["disks"] = [
        _disk(f"d-{tag}{i:04d}", "In_use", f"i-{tag}{i:04d}", "system", True, "key-bench")
        for i in range(20 * n)
    ]
    r["snapshots"] = [_snapshot(f"s-{tag}{i:04d}", "auto", "2026-01-01T00:00:00Z") for i in range(5 * n)]
    r["rds_sql_audit"] = {db["DBInstanceId"]: {"SQLCollectorStatus": "Enable"} for db in r["rds"]}
    r["rds_sql_retention"] = {db["DBInstanceId"]: {"ConfigValue": "365"} for db in r["rds"]}
    for d in range(n):
        r["polardb"].append({"DBClusterId": f"pc-{tag}{d:02d}", "DBType": "MySQL", "DBVersion": "8.0"})
        r["polardb_whitelist"][f"pc-{tag}{d:02d}"] = {
            "Items": {"DBClusterIPArray": [{"DBClusterIPArrayName": "default", "SecurityIps": "10.0.0.0/8"}]}
        }
        r["polardb_endpoints"][f"pc-{tag}{d:02d}"] = {"Items": []}
        r["kvstore"].append({"InstanceId": f"r-{tag}{d:02d}", "InstanceType": "Redis"})
        r["kvstore_ips"][f"r-{tag}{d:02d}"] = {
            "SecurityIpGroups": {
                "SecurityIpGroup": [{"SecurityIpGroupName": "default", "SecurityIpList": "10.0.0.0/8"}]
            }
        }
        r["kvstore_net"][f"r-{tag}{d:02d}"] = {"NetInfoItems": {"InstanceNetInfo": [{"IPType": "Private"}]}}
        r["mongodb"].append({"DBInstanceId": f"dds-{tag}{d:02d}", "DBInstanceType": "replicate"})
        r["mongodb_ips"][f"dds-{tag}{d:02d}"] = {
            "SecurityIpGroups": {
                "SecurityIpGroup": [{"SecurityIpGroupName": "default", "SecurityIpList": "10.0.0.0/8"}]
            }
        }
    cluster = _ack_private(f"vpc-{tag}0", f"vsw-{tag}02")
    cluster["cluster_id"] = cluster["summary"]["cluster_id"] = cluster["detail"]["cluster_id"] = f"c-{tag}"
    r["ack_clusters"] = [cluster]
    # KMS: 2*n user keys rotating every 90 days (ListKeys pages, then one DescribeKey each)
    r["kms_keys"] = [
        kms_key(region, f"key-{tag}{k:03d}", rotation="Enabled", interval="7776000s") for k in range(2 * n)
    ]
    # two public API servers whose CLB listeners share one whitelist ACL (read once)
    r["slb_listeners"], r["slb_acls"] = {}, {f"acl-{tag}api": {"AclName": "api", "entries": [
        {"AclEntryIP": f"203.0.113.{k}/32", "AclEntryComment": "office"} for k in range(3)]}}  # fmt: skip
    for k in range(2):
        public = _ack_public(f"vpc-{tag}0", f"vsw-{tag}02")
        cluster_id = public["summary"]["cluster_id"] = public["detail"]["cluster_id"] = f"c-{tag}pub{k}"
        public["cluster_id"] = cluster_id
        public["resources"] = cluster_resources(cluster_id, f"lb-{tag}api{k}")
        r["slb_listeners"][f"lb-{tag}api{k}"] = {
            6443: {"AclStatus": "on", "AclType": "white", "AclIds": [f"acl-{tag}api"]}
        }
        r["ack_clusters"].append(public)
    return r


def generated_account(regions: int = 5, scale: int = 5) -> dict[str, Any]:
    """For the benchmark: ``regions`` regions of :func:`_scaled_region`, 6*scale buckets, 4*scale users
    (each in ``developers``, every fourth in ``auditors`` too)."""
    account = landing_zone()
    account["regions"] = {region: _scaled_region(region, scale) for region in REGIONS[:regions]}
    account["sas"]["instances"] = [
        {"InstanceId": i["InstanceId"], "ClientStatus": "online"}
        for r in account["regions"].values()
        for i in r["instances"]
    ]
    sls = account["sls"]
    for region in REGIONS[:regions]:  # per region one audit project: `scale` Logstores, two alerts
        project = f"audit-{region}"
        sls["projects"].append({"projectName": project, "region": region, "status": "Normal"})
        sls["logstores"][project] = {
            f"store-{n}": {"logstoreName": f"store-{n}", "ttl": 30 if n % 2 else 365, "shardCount": 2}
            for n in range(scale)
        }
        sls["alerts"][project] = [
            sls_alert("cis-ram-role", CIS_RAM_ROLE_QUERY),
            sls_alert("root", CIS_ROOT_QUERY),
        ]
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
        member = {"UserName": name, "DisplayName": name, "JoinDate": "2025-01-02T00:00:00Z"}
        ram["group_users"]["developers"].append(member)
        if u % 4 == 0:
            ram["group_users"].setdefault("auditors", []).append(member)
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
