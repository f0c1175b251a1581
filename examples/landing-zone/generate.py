"""Write ``inventory.json``: the bundled example landing zone, as a saved inventory snapshot.

Why a script and not only the JSON: the snapshot has ~70 resources whose ids and
relations must agree (a database points at a vSwitch, a permission at its security
group and VPC). Building them here keeps those references consistent and lets the
example grow by a few lines. The JSON is the artifact that is committed and scanned;
this script only regenerates it, byte for byte (no clock, no randomness):

    .venv/bin/python examples/landing-zone/generate.py

All ids, account numbers, names and addresses are made up. Public addresses come
from the documentation ranges 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737).
Which resource is meant to break which guardrail is listed in README.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from scanner.atomic import write_atomic
from scanner.inventory.snapshot import SCHEMA_VERSION, parse_snapshot

OUT = Path(__file__).with_name("inventory.json")
CREATED_AT = "2025-06-02T09:00:00Z"
INTERNET = "0.0.0.0/0"
OFFICE = "198.51.100.0/24"  # TEST-NET-2 stands in for the office / VPN egress range
ALL_PORTS = [{"start": 0, "end": 65535}]

GCP_PROJECT = "acme-prod-network"
ALI_ACCOUNT = "5183726401958273"
ALI_REGION = "cn-hangzhou"
AWS_ACCOUNT = "123456789012"
AWS_REGION = "us-east-1"

Record = dict[str, Any]


def resource(
    kind: str,
    provider: str,
    account: str,
    region: str,
    ident: str,
    name: str,
    call: str,
    *,
    relations: dict[str, list[str]] | None = None,
    tags: dict[str, str] | None = None,
    native: dict[str, Any] | None = None,
    **fields: Any,
) -> Record:
    """One snapshot record, keys in reading order: identity, normalised facts, links, raw data."""
    out: Record = {
        "kind": kind,
        "provider": provider,
        "account": account,
        "region": region,
        "id": ident,
        "name": name,
        **fields,
    }
    if relations:
        out["relations"] = relations
    if tags:
        out["tags"] = tags
    out["origin"] = {"source": "snapshot", "call": call}
    if native:
        out["native"] = native
    return out


def ports(start: int, end: int | None = None) -> list[dict[str, int]]:
    return [{"start": start, "end": start if end is None else end}]


# --------------------------------------------------------------------------------------------
# Google Cloud: the starter landing zone many teams copy (auto-mode VPC, SSH open to the world)
# --------------------------------------------------------------------------------------------
COMPUTE = f"https://www.googleapis.com/compute/v1/projects/{GCP_PROJECT}"
MY_VPC = f"{COMPUTE}/global/networks/my-vpc"
GCP_TAGS = {"env": "prod", "owner": "platform"}
# Auto mode creates one subnetwork per region from 10.128.0.0/9, named like the network.
AUTO_SUBNETS = {
    "us-central1": "10.128.0.0/20",
    "europe-west1": "10.132.0.0/20",
    "asia-east1": "10.140.0.0/20",
}
WEB_SA = f"web-frontend@{GCP_PROJECT}.iam.gserviceaccount.com"
CI_SA = f"ci-builder@{GCP_PROJECT}.iam.gserviceaccount.com"


def gcp(kind: str, region: str, ident: str, name: str, call: str, **kw: Any) -> Record:
    return resource(kind, "gcp", GCP_PROJECT, region, ident, name, call, **kw)


def gcp_subnet(region: str, name: str, cidr: str, *, private_access: bool, flow_logs: bool) -> Record:
    ident = f"{COMPUTE}/regions/{region}/subnetworks/{name}"
    return gcp(
        "subnet",
        region,
        ident,
        name,
        "compute.subnetworks.aggregatedList",
        cidr=cidr,
        routes_to_internet=True,  # the network's default route goes to the default internet gateway
        private_api_access=private_access,
        flow_logs=flow_logs,
        relations={"network": [MY_VPC]},
        native={
            "ipCidrRange": cidr,
            "gatewayAddress": cidr.replace(".0/", ".1/").split("/")[0],
            "privateIpGoogleAccess": private_access,
            "logConfig": {"enable": flow_logs},
            "network": MY_VPC,
            "region": f"{COMPUTE}/regions/{region}",
        },
    )


def gcp_firewall(
    name: str,
    protocol: str,
    port_list: list[str],
    sources: list[str],
    *,
    targets: list[str] | None = None,
    priority: int = 1000,
) -> Record:
    if protocol == "all":
        normalised: list[dict[str, int]] = ALL_PORTS
        allowed: dict[str, Any] = {"IPProtocol": "all"}
    else:
        normalised = []
        for item in port_list:
            low, _, high = item.partition("-")
            normalised += ports(int(low), int(high or low))
        allowed = {"IPProtocol": protocol, "ports": port_list}
    native: dict[str, Any] = {
        "direction": "INGRESS",
        "priority": priority,
        "sourceRanges": sources,
        "allowed": [allowed],
        "network": MY_VPC,
        "disabled": False,
    }
    if targets:
        native["targetTags"] = targets
    return gcp(
        "firewall_rule",
        "global",
        f"{COMPUTE}/global/firewalls/{name}",
        name,
        "compute.firewalls.list",
        direction="ingress",
        action="allow",
        protocol=protocol,
        ports=normalised,
        source_ranges=sources,
        **({"targets": targets} if targets else {}),
        priority=priority,
        relations={"network": [MY_VPC]},
        native=native,
    )


def gcp_binding(role: str, members: list[str], **facts: Any) -> Record:
    scope = f"//cloudresourcemanager.googleapis.com/projects/{GCP_PROJECT}"
    return gcp(
        "iam_binding",
        "global",
        f"{scope}/bindings/{role}",  # a binding has no id of its own: scope + role
        role,
        "cloudresourcemanager.projects.getIamPolicy",
        role=role,
        members=members,
        scope=scope,
        **facts,
        native={"role": role, "members": members},
    )


def gcp_service_account(email: str, display: str, unique_id: str) -> Record:
    return gcp(
        "iam_principal",
        "global",
        f"projects/{GCP_PROJECT}/serviceAccounts/{email}",
        email,
        "iam.projects.serviceAccounts.list",
        principal_type="service_account",
        native={"email": email, "displayName": display, "uniqueId": unique_id, "disabled": False},
    )


def google_cloud() -> list[Record]:
    out = [
        gcp(
            "network",
            "global",
            MY_VPC,
            "my-vpc",
            "compute.networks.list",
            is_default=False,
            auto_subnets=True,
            tags=GCP_TAGS,
            native={"autoCreateSubnetworks": True, "routingConfig": {"routingMode": "REGIONAL"}, "mtu": 1460},
        )
    ]
    for region, cidr in AUTO_SUBNETS.items():
        out.append(gcp_subnet(region, "my-vpc", cidr, private_access=False, flow_logs=False))
    out.append(gcp_subnet("us-central1", "app-subnet", "10.10.0.0/24", private_access=True, flow_logs=True))
    out += [
        gcp_firewall("allow-ssh", "tcp", ["22"], [INTERNET]),
        gcp_firewall("allow-ssh-from-iap", "tcp", ["22"], ["35.235.240.0/20"], targets=["ssh-iap"]),
        gcp_firewall("allow-internal", "all", [], ["10.128.0.0/9", "10.10.0.0/24"], priority=65534),
        gcp_firewall("allow-https", "tcp", ["443"], [INTERNET], targets=["web"]),
    ]
    web_subnet = f"{COMPUTE}/regions/us-central1/subnetworks/app-subnet"
    out.append(
        gcp(
            "instance",
            "us-central1",
            f"{COMPUTE}/zones/us-central1-a/instances/web-1",
            "web-1",
            "compute.instances.aggregatedList",
            public_ips=["203.0.113.10"],
            private_ips=["10.10.0.2"],
            network_tags=["web", "ssh-iap"],
            service_account=WEB_SA,
            relations={"subnet": [web_subnet], "network": [MY_VPC]},
            tags=GCP_TAGS,
            native={
                "machineType": f"{COMPUTE}/zones/us-central1-a/machineTypes/e2-medium",
                "status": "RUNNING",
                "networkInterfaces": [
                    {
                        "network": MY_VPC,
                        "subnetwork": web_subnet,
                        "networkIP": "10.10.0.2",
                        "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "203.0.113.10"}],
                    }
                ],
            },
        )
    )
    out.append(
        gcp(
            "database",
            "us-central1",
            f"https://sqladmin.googleapis.com/sql/v1beta4/projects/{GCP_PROJECT}/instances/orders-db",
            "orders-db",
            "sql.instances.list",
            engine="postgres",
            engine_version="15",
            public_endpoint=False,
            allowed_networks=[],
            ssl_required=True,
            backups=True,
            encrypted=True,
            relations={"network": [MY_VPC]},
            tags=GCP_TAGS,
            native={
                "databaseVersion": "POSTGRES_15",
                "state": "RUNNABLE",
                "settings": {
                    "tier": "db-custom-2-7680",
                    "ipConfiguration": {
                        "ipv4Enabled": False,
                        "privateNetwork": f"projects/{GCP_PROJECT}/global/networks/my-vpc",
                        "sslMode": "ENCRYPTED_ONLY",
                        "authorizedNetworks": [],
                    },
                    "backupConfiguration": {"enabled": True},
                },
            },
        )
    )
    tfstate_key = f"projects/{GCP_PROJECT}/locations/us-central1/keyRings/storage/cryptoKeys/tfstate"
    out += [
        gcp(
            "bucket",
            "us-central1",
            "https://www.googleapis.com/storage/v1/b/acme-prod-tfstate",
            "acme-prod-tfstate",
            "storage.buckets.list",
            public_read=False,
            public_write=False,
            encryption="customer_key",
            kms_key=tfstate_key,
            versioning=True,
            access_logging=True,
            uniform_access=True,
            public_access_blocked=True,
            tags=GCP_TAGS,
            native={
                "location": "US-CENTRAL1",
                "storageClass": "STANDARD",
                "versioning": {"enabled": True},
                "encryption": {"defaultKmsKeyName": tfstate_key},
                "logging": {"logBucket": "acme-audit-access-logs"},
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": True},
                    "publicAccessPrevention": "enforced",
                },
            },
        ),
        gcp(
            "bucket",
            "us",
            "https://www.googleapis.com/storage/v1/b/acme-prod-public-assets",
            "acme-prod-public-assets",
            "storage.buckets.getIamPolicy",
            public_read=True,  # roles/storage.objectViewer granted to allUsers
            public_write=False,
            encryption="provider",
            versioning=True,
            access_logging=True,
            uniform_access=True,
            public_access_blocked=False,
            tags={**GCP_TAGS, "owner": "marketing"},
            native={
                "location": "US",
                "storageClass": "STANDARD",
                "versioning": {"enabled": True},
                "logging": {"logBucket": "acme-audit-access-logs"},
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": True},
                    "publicAccessPrevention": "inherited",
                },
                "bindings": [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}],
            },
        ),
        gcp(
            "repository",
            "us-central1",
            f"projects/{GCP_PROJECT}/locations/us-central1/repositories/containers",
            "containers",
            "artifactregistry.projects.locations.repositories.list",
            format="docker",
            public=False,
            anonymous_pull=False,
            pushers=[f"serviceAccount:{CI_SA}"],
            tag_immutability=True,
            encryption="provider",
            tags=GCP_TAGS,
            native={
                "format": "DOCKER",
                "mode": "STANDARD_REPOSITORY",
                "dockerConfig": {"immutableTags": True},
            },
        ),
        gcp_service_account(WEB_SA, "web frontend", "104518237745119826301"),
        gcp_service_account(CI_SA, "CI image builder", "117200354869021734455"),
        gcp_binding("roles/owner", ["user:alex@example.com"], primitive=True, public=False),
        gcp_binding("roles/cloudsql.client", [f"serviceAccount:{WEB_SA}"], primitive=False, public=False),
        gcp_binding(
            "roles/artifactregistry.writer", [f"serviceAccount:{CI_SA}"], primitive=False, public=False
        ),
    ]
    return out


# --------------------------------------------------------------------------------------------
# Alibaba Cloud: one VPC in Hangzhou with a public and two private vSwitches
# --------------------------------------------------------------------------------------------
ALI_VPC = "vpc-bp1q8n2x5k7m3r9t4w6ya"
VSW_PUBLIC = "vsw-bp1h5k2m8n4q7r3t9x6wz"
VSW_PRIVATE_H = "vsw-bp1c7m4q9t2w5y8k3n6rd"
VSW_PRIVATE_I = "vsw-bp1f3r8w2y6k9n4q7t5ma"
SG_WEB = "sg-bp1a7k3m9q2w5t8y4n6rc"
SG_JUMP = "sg-bp1d4n8q2t6w9y3k7m5rb"
SG_APP = "sg-bp1g6r2w8y4k9n3q7t5mx"
CR_INSTANCE = "cri-k8s3m9q2w5t7y4n6"
ALI_GROUPS = {"web-sg": SG_WEB, "windows-jump-sg": SG_JUMP, "app-sg": SG_APP}
ALI_TAGS = {"env": "prod", "owner": "platform"}

# Permissions: rule id, group, direction, protocol, PortRange, peer (CIDR or group id), Description.
ALI_PERMISSIONS = [
    ("sgr-bp1a2c4e6g8j1m3p5r7t", "web-sg", "ingress", "tcp", "443/443", INTERNET, "HTTPS"),
    ("sgr-bp1b3d5f7h9k2n4q6s8u", "web-sg", "ingress", "tcp", "80/80", INTERNET, "HTTP to HTTPS redirect"),
    ("sgr-bp1c4e6g8j1m3p5r7t9v", "web-sg", "ingress", "tcp", "22/22", "10.20.0.0/16", "SSH inside the VPC"),
    ("sgr-bp1d5f7h9k2n4q6s8u1w", "web-sg", "egress", "all", "-1/-1", INTERNET, ""),
    (
        "sgr-bp1e6g8j1m3p5r7t9v2x",
        "windows-jump-sg",
        "ingress",
        "tcp",
        "3389/3389",
        INTERNET,
        "RDP for vendor",
    ),
    ("sgr-bp1f7h9k2n4q6s8u1w3y", "windows-jump-sg", "egress", "all", "-1/-1", INTERNET, ""),
    ("sgr-bp1g8j1m3p5r7t9v2x4z", "app-sg", "ingress", "tcp", "8080/8080", SG_WEB, "from the web tier"),
]


def ali(kind: str, region: str, ident: str, name: str, call: str, **kw: Any) -> Record:
    return resource(kind, "alibaba", ALI_ACCOUNT, region, ident, name, call, **kw)


def ali_vswitch(ident: str, name: str, zone: str, cidr: str, public: bool) -> Record:
    return ali(
        "subnet",
        ALI_REGION,
        ident,
        name,
        "vpc:DescribeVSwitches",
        cidr=cidr,
        routes_to_internet=public,
        relations={"network": [ALI_VPC]},
        tags=ALI_TAGS,
        native={"VSwitchId": ident, "VSwitchName": name, "VpcId": ALI_VPC, "ZoneId": zone, "CidrBlock": cidr},
    )


def ali_permission(
    rule_id: str, group_name: str, direction: str, protocol: str, port_range: str, peer: str, description: str
) -> Record:
    """One permission of DescribeSecurityGroupAttribute; ``peer`` is a CIDR or a security group id."""
    group = ALI_GROUPS[group_name]
    cidr, source_group = (None, peer) if peer.startswith("sg-") else (peer, None)
    if port_range == "-1/-1":
        normalised = ALL_PORTS
    else:
        low, high = port_range.split("/")
        normalised = ports(int(low), int(high))
    native: dict[str, Any] = {
        "SecurityGroupRuleId": rule_id,
        "Direction": direction,
        "IpProtocol": protocol.upper(),
        "PortRange": port_range,
        "Policy": "Accept",
        "Priority": 1,
        "NicType": "intranet",
        "Description": description,
    }
    facts: dict[str, Any] = {}
    if direction == "egress":
        native["DestCidrIp"] = cidr
        facts["destination_ranges"] = [cidr]
    elif source_group:
        native["SourceGroupId"] = source_group
        facts["source_groups"] = [source_group]
    else:
        native["SourceCidrIp"] = cidr
        facts["source_ranges"] = [cidr]
    return ali(
        "firewall_rule",
        ALI_REGION,
        rule_id,
        f"{group_name}/{rule_id}",
        "ecs:DescribeSecurityGroupAttribute",
        direction=direction,
        action="allow",
        protocol=protocol,
        ports=normalised,
        **facts,
        priority=1,
        group=group,
        relations={"network": [ALI_VPC]},
        native=native,
    )


def ali_user(name: str, user_id: str, *, console: bool, mfa: bool | None, keys: list[Record]) -> Record:
    native: dict[str, Any] = {"UserName": name, "UserId": user_id, "CreateDate": "2024-03-18T02:11:09Z"}
    if console:
        native["LoginProfile"] = {"MFABindRequired": bool(mfa), "PasswordResetRequired": False}
    return ali(
        "iam_principal",
        "global",
        f"acs:ram::{ALI_ACCOUNT}:user/{name}",
        name,
        "ram:ListUsers",
        principal_type="user",
        console_access=console,
        mfa=mfa,
        admin=False,
        access_keys=keys,
        native=native,
    )


def ali_attachment(policy: str, user: str) -> Record:
    scope = f"acs:ram::{ALI_ACCOUNT}:root"
    member = f"acs:ram::{ALI_ACCOUNT}:user/{user}"
    return ali(
        "iam_binding",
        "global",
        f"{scope}/bindings/{policy}/user/{user}",  # an attachment has no id of its own
        f"{policy} -> {user}",
        "ram:ListPoliciesForUser",
        role=policy,
        members=[member],
        scope=scope,
        admin=False,
        public=False,
        native={"PolicyName": policy, "PolicyType": "System"},
    )


def alibaba() -> list[Record]:
    return [
        ali(
            "network",
            ALI_REGION,
            ALI_VPC,
            "acme-prod-vpc",
            "vpc:DescribeVpcs",
            cidrs=["10.20.0.0/16"],
            flow_logs=True,
            is_default=False,
            tags=ALI_TAGS,
            native={
                "VpcId": ALI_VPC,
                "VpcName": "acme-prod-vpc",
                "CidrBlock": "10.20.0.0/16",
                "IsDefault": False,
            },
        ),
        ali_vswitch(VSW_PUBLIC, "public-web-h", "cn-hangzhou-h", "10.20.1.0/24", public=True),
        ali_vswitch(VSW_PRIVATE_H, "private-data-h", "cn-hangzhou-h", "10.20.2.0/24", public=False),
        ali_vswitch(VSW_PRIVATE_I, "private-data-i", "cn-hangzhou-i", "10.20.3.0/24", public=False),
        *(ali_permission(*row) for row in ALI_PERMISSIONS),
        ali(
            "instance",
            ALI_REGION,
            "i-bp1j4n8q2t6w9y3k7m5r",
            "windows-jump-01",
            "ecs:DescribeInstances",
            public_ips=["203.0.113.24"],
            private_ips=["10.20.1.15"],
            security_groups=[SG_JUMP],
            relations={"subnet": [VSW_PUBLIC], "network": [ALI_VPC]},
            tags=ALI_TAGS,
            native={
                "InstanceId": "i-bp1j4n8q2t6w9y3k7m5r",
                "InstanceType": "ecs.g7.large",
                "OSType": "windows",
            },
        ),
        ali(
            "instance",
            ALI_REGION,
            "i-bp1k5p9r3t7w2y4n8q6m",
            "web-01",
            "ecs:DescribeInstances",
            public_ips=["203.0.113.25"],
            private_ips=["10.20.1.20"],
            security_groups=[SG_WEB],
            relations={"subnet": [VSW_PUBLIC], "network": [ALI_VPC]},
            tags=ALI_TAGS,
            native={
                "InstanceId": "i-bp1k5p9r3t7w2y4n8q6m",
                "InstanceType": "ecs.g7.large",
                "OSType": "linux",
            },
        ),
        ali(
            "database",
            ALI_REGION,
            "rm-bp1m6r2w8y4k9n3q7t5x",
            "orders-mysql",
            "rds:DescribeDBInstances",
            engine="mysql",
            engine_version="8.0",
            public_endpoint=True,  # a public connection string was allocated
            allowed_networks=["10.20.0.0/16", OFFICE],
            ssl_required=True,
            backups=True,
            encrypted=True,
            relations={"subnet": [VSW_PRIVATE_H], "network": [ALI_VPC]},
            tags=ALI_TAGS,
            native={
                "DBInstanceId": "rm-bp1m6r2w8y4k9n3q7t5x",
                "Engine": "MySQL",
                "EngineVersion": "8.0",
                "VpcId": ALI_VPC,
                "VSwitchId": VSW_PRIVATE_H,
                "DBInstanceNetInfos": [
                    {
                        "IPType": "Private",
                        "ConnectionString": "rm-bp1m6r2w8y4k9n3q7t5x.mysql.rds.aliyuncs.com",
                        "Port": "3306",
                    },
                    {
                        "IPType": "Public",
                        "ConnectionString": "acme-orders-pub.mysql.rds.aliyuncs.com",
                        "Port": "3306",
                    },
                ],
            },
        ),
        ali(
            "database",
            ALI_REGION,
            "rm-bp1n7t3y9k5q2w8r4m6z",
            "billing-pg",
            "rds:DescribeDBInstances",
            engine="postgres",
            engine_version="15.0",
            public_endpoint=False,
            allowed_networks=["10.20.0.0/16"],
            ssl_required=True,
            backups=True,
            encrypted=True,
            relations={"subnet": [VSW_PRIVATE_I], "network": [ALI_VPC]},
            tags=ALI_TAGS,
            native={
                "DBInstanceId": "rm-bp1n7t3y9k5q2w8r4m6z",
                "Engine": "PostgreSQL",
                "EngineVersion": "15.0",
                "VpcId": ALI_VPC,
                "VSwitchId": VSW_PRIVATE_I,
                "DBInstanceNetInfos": [
                    {
                        "IPType": "Private",
                        "ConnectionString": "pgm-bp1n7t3y9k5q2w8r4m6z.pg.rds.aliyuncs.com",
                        "Port": "5432",
                    }
                ],
            },
        ),
        ali(
            "bucket",
            ALI_REGION,
            f"acs:oss:*:{ALI_ACCOUNT}:acme-marketing-downloads",
            "acme-marketing-downloads",
            "oss:GetBucketAcl",
            public_read=True,
            public_write=False,
            encryption="none",
            versioning=False,
            access_logging=True,
            public_access_blocked=False,
            tags={**ALI_TAGS, "owner": "marketing"},
            native={"Location": "oss-cn-hangzhou", "StorageClass": "Standard", "Grant": "public-read"},
        ),
        ali(
            "bucket",
            ALI_REGION,
            f"acs:oss:*:{ALI_ACCOUNT}:acme-prod-backups",
            "acme-prod-backups",
            "oss:ListBuckets",
            public_read=False,
            public_write=False,
            encryption="customer_key",
            kms_key="9468da86-3509-4f8d-a61e-6eab1eac0b3f",
            versioning=True,
            access_logging=True,
            public_access_blocked=True,
            tags=ALI_TAGS,
            native={
                "Location": "oss-cn-hangzhou",
                "StorageClass": "IA",
                "Grant": "private",
                "ServerSideEncryptionRule": {
                    "SSEAlgorithm": "KMS",
                    "KMSMasterKeyID": "9468da86-3509-4f8d-a61e-6eab1eac0b3f",
                },
            },
        ),
        ali(
            "registry",
            ALI_REGION,
            CR_INSTANCE,
            "acme-registry",
            "cr:ListInstance",
            public_endpoint=False,
            anonymous_pull=False,
            tags=ALI_TAGS,
            native={"InstanceId": CR_INSTANCE, "InstanceName": "acme-registry", "RegionId": ALI_REGION},
        ),
        ali(
            "repository",
            ALI_REGION,
            "crr-t4n8q2w6y9k3m5r7",
            "acme/web-frontend",
            "cr:ListRepository",
            format="docker",
            public=True,  # RepoType PUBLIC: anyone who can reach the instance may pull
            tag_immutability=False,
            relations={"registry": [CR_INSTANCE]},
            native={
                "RepoId": "crr-t4n8q2w6y9k3m5r7",
                "InstanceId": CR_INSTANCE,
                "RepoNamespaceName": "acme",
                "RepoName": "web-frontend",
                "RepoType": "PUBLIC",
                "RepoStatus": "NORMAL",
                "TagImmutability": False,
            },
        ),
        ali(
            "repository",
            ALI_REGION,
            "crr-w9y3k7m5r2t6n4q8",
            "acme/payments-api",
            "cr:ListRepository",
            format="docker",
            public=False,
            tag_immutability=True,
            relations={"registry": [CR_INSTANCE]},
            native={
                "RepoId": "crr-w9y3k7m5r2t6n4q8",
                "InstanceId": CR_INSTANCE,
                "RepoNamespaceName": "acme",
                "RepoName": "payments-api",
                "RepoType": "PRIVATE",
                "RepoStatus": "NORMAL",
                "TagImmutability": True,
            },
        ),
        ali_user("ops-alice", "264810937526410", console=True, mfa=False, keys=[]),
        ali_user("sec-bob", "271937406158237", console=True, mfa=True, keys=[]),
        ali_user(
            "ci-deployer",
            "283645019273645",
            console=False,
            mfa=None,
            keys=[
                {
                    "id": "LTAI5tEXAMPLEKEYID000001",
                    "active": True,
                    "created_at": "2025-04-14T08:00:00Z",
                    "last_used_at": "2025-06-01T22:41:00Z",
                    "age_days": 49,
                    "unused_days": 0,
                }
            ],
        ),
        ali_attachment("ReadOnlyAccess", "ops-alice"),
        ali_attachment("AliyunOSSReadOnlyAccess", "ci-deployer"),
        ali(
            "password_policy",
            "global",
            f"acs:ram::{ALI_ACCOUNT}:password-policy",
            "RAM password policy",
            "ram:GetPasswordPolicy",
            min_length=8,
            require_uppercase=False,
            require_lowercase=True,
            require_numbers=True,
            require_symbols=False,
            max_age_days=0,
            reuse_prevention=0,
            max_login_attempts=5,
            native={
                "MinimumPasswordLength": 8,
                "RequireLowercaseCharacters": True,
                "RequireUppercaseCharacters": False,
                "RequireNumbers": True,
                "RequireSymbols": False,
                "HardExpiry": False,
                "MaxPasswordAge": 0,
                "PasswordReusePrevention": 0,
                "MaxLoginAttemps": 5,
            },
        ),
    ]


# --------------------------------------------------------------------------------------------
# AWS: one VPC in us-east-1 with public and private subnets
# --------------------------------------------------------------------------------------------
EC2_ARN = f"arn:aws:ec2:{AWS_REGION}:{AWS_ACCOUNT}"
AWS_VPC_ID = "vpc-0a3f5c7e9b1d24680"
AWS_VPC = f"{EC2_ARN}:vpc/{AWS_VPC_ID}"
AWS_SUBNETS = {
    # name: (subnet id, zone, cidr, public)
    "public-a": ("subnet-0b4e6a8c0d2f13579", "us-east-1a", "10.30.0.0/24", True),
    "public-b": ("subnet-0c5f7b9d1e3a24680", "us-east-1b", "10.30.1.0/24", True),
    "private-a": ("subnet-0d6a8c0e2f4b35791", "us-east-1a", "10.30.10.0/24", False),
    "private-b": ("subnet-0e7b9d1f3a5c46802", "us-east-1b", "10.30.11.0/24", False),
}
AWS_SGS = {
    "web-alb-sg": "sg-0a1b2c3d4e5f60718",
    "app-sg": "sg-0b2c3d4e5f6071829",
    "legacy-mysql-sg": "sg-0c3d4e5f607182930",
    "bastion-sg": "sg-0d4e5f60718293a41",
}
AWS_TAGS = {"env": "prod", "owner": "platform"}
# Rules: rule id, group, egress?, protocol, FromPort, ToPort, peer (CIDR or group name), Description.
AWS_RULES = [
    ("sgr-0a1b2c3d4e5f60001", "web-alb-sg", False, "tcp", 443, 443, INTERNET, ""),
    ("sgr-0a1b2c3d4e5f60002", "web-alb-sg", False, "tcp", 443, 443, "::/0", ""),
    ("sgr-0a1b2c3d4e5f60003", "web-alb-sg", False, "tcp", 80, 80, INTERNET, ""),
    ("sgr-0a1b2c3d4e5f60004", "web-alb-sg", True, "all", -1, -1, INTERNET, ""),
    ("sgr-0b2c3d4e5f6070005", "app-sg", False, "tcp", 8080, 8080, "web-alb-sg", ""),
    ("sgr-0b2c3d4e5f6070006", "app-sg", True, "all", -1, -1, INTERNET, ""),
    ("sgr-0c3d4e5f6071820007", "legacy-mysql-sg", False, "tcp", 3306, 3306, INTERNET, "reporting tool"),
    ("sgr-0d4e5f60718290008", "bastion-sg", False, "tcp", 22, 22, OFFICE, "office VPN"),
]


def aws(kind: str, region: str, ident: str, name: str, call: str, **kw: Any) -> Record:
    return resource(kind, "aws", AWS_ACCOUNT, region, ident, name, call, **kw)


def subnet_arn(name: str) -> str:
    return f"{EC2_ARN}:subnet/{AWS_SUBNETS[name][0]}"


def aws_subnet(name: str) -> Record:
    subnet_id, zone, cidr, public = AWS_SUBNETS[name]
    return aws(
        "subnet",
        AWS_REGION,
        subnet_arn(name),
        name,
        "ec2:DescribeSubnets",
        cidr=cidr,
        routes_to_internet=public,  # route table has 0.0.0.0/0 -> internet gateway
        relations={"network": [AWS_VPC]},
        tags=AWS_TAGS,
        native={
            "SubnetId": subnet_id,
            "VpcId": AWS_VPC_ID,
            "AvailabilityZone": zone,
            "CidrBlock": cidr,
            "MapPublicIpOnLaunch": public,
        },
    )


def aws_rule(
    rule_id: str,
    group_name: str,
    egress: bool,
    protocol: str,
    low: int,
    high: int,
    peer: str,
    description: str,
) -> Record:
    """One rule of DescribeSecurityGroupRules; ``peer`` is an IPv4/IPv6 CIDR or a group name."""
    from_port, to_port = low, high
    source_group = peer if peer in AWS_SGS else None
    cidr = peer if not source_group and ":" not in peer else None
    cidr6 = peer if ":" in peer else None
    group_id = AWS_SGS[group_name]
    native: dict[str, Any] = {
        "SecurityGroupRuleId": rule_id,
        "GroupId": group_id,
        "GroupOwnerId": AWS_ACCOUNT,
        "IsEgress": egress,
        "IpProtocol": "-1" if protocol == "all" else protocol,
        "FromPort": from_port,
        "ToPort": to_port,
    }
    if description:
        native["Description"] = description
    facts: dict[str, Any] = {}
    ranges = [r for r in (cidr, cidr6) if r]
    if cidr:
        native["CidrIpv4"] = cidr
    if cidr6:
        native["CidrIpv6"] = cidr6
    if source_group:
        native["ReferencedGroupInfo"] = {"GroupId": AWS_SGS[source_group], "UserId": AWS_ACCOUNT}
        facts["source_groups"] = [f"{EC2_ARN}:security-group/{AWS_SGS[source_group]}"]
    if ranges:
        facts["destination_ranges" if egress else "source_ranges"] = ranges
    return aws(
        "firewall_rule",
        AWS_REGION,
        f"{EC2_ARN}:security-group-rule/{rule_id}",
        f"{group_name}/{rule_id}",
        "ec2:DescribeSecurityGroupRules",
        direction="egress" if egress else "ingress",
        action="allow",
        protocol=protocol,
        ports=ALL_PORTS if protocol == "all" else ports(from_port, to_port),
        **facts,
        group=f"{EC2_ARN}:security-group/{group_id}",
        relations={"network": [AWS_VPC]},
        native=native,
    )


def aws_user(
    name: str, user_id: str, *, console: bool, mfa: bool | None, keys: list[Record], admin: bool = False
) -> Record:
    arn = f"arn:aws:iam::{AWS_ACCOUNT}:user/{name}"
    return aws(
        "iam_principal",
        "global",
        arn,
        name,
        "iam:ListUsers",
        principal_type="user",
        console_access=console,
        mfa=mfa,
        admin=admin,
        access_keys=keys,
        native={"UserName": name, "UserId": user_id, "Arn": arn, "CreateDate": "2023-11-06T10:15:00Z"},
    )


def aws_attachment(policy_arn: str, user: str, *, admin: bool) -> Record:
    scope = f"arn:aws:iam::{AWS_ACCOUNT}:root"
    policy_name = policy_arn.rsplit("/", 1)[1]
    return aws(
        "iam_binding",
        "global",
        f"{scope}/bindings/{policy_name}/user/{user}",  # an attachment has no id of its own
        f"{policy_name} -> {user}",
        "iam:ListAttachedUserPolicies",
        role=policy_arn,
        members=[f"arn:aws:iam::{AWS_ACCOUNT}:user/{user}"],
        scope=scope,
        admin=admin,
        public=False,
        native={"PolicyName": policy_name, "PolicyArn": policy_arn},
    )


def aws_database(
    name: str, engine: str, version: str, subnets: list[str], *, public: bool, sg: str
) -> Record:
    return aws(
        "database",
        AWS_REGION,
        f"arn:aws:rds:{AWS_REGION}:{AWS_ACCOUNT}:db:{name}",
        name,
        "rds:DescribeDBInstances",
        engine=engine,
        engine_version=version,
        public_endpoint=public,
        backups=True,
        encrypted=True,
        relations={"subnet": [subnet_arn(s) for s in subnets], "network": [AWS_VPC]},
        tags=AWS_TAGS,
        native={
            "DBInstanceIdentifier": name,
            "Engine": engine,
            "EngineVersion": version,
            "PubliclyAccessible": public,
            "StorageEncrypted": True,
            "BackupRetentionPeriod": 7,
            "VpcSecurityGroups": [{"VpcSecurityGroupId": AWS_SGS[sg], "Status": "active"}],
            "DBSubnetGroup": {
                "VpcId": AWS_VPC_ID,
                "Subnets": [{"SubnetIdentifier": AWS_SUBNETS[s][0]} for s in subnets],
            },
        },
    )


def aws_bucket(name: str, *, versioning: bool, kms_key: str | None = None) -> Record:
    encryption = (
        {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": kms_key} if kms_key else {"SSEAlgorithm": "AES256"}
    )
    return aws(
        "bucket",
        AWS_REGION,
        f"arn:aws:s3:::{name}",
        name,
        "s3:ListBuckets",
        public_read=False,
        public_write=False,
        encryption="customer_key" if kms_key else "provider",
        **({"kms_key": kms_key} if kms_key else {}),
        versioning=versioning,
        access_logging=True,
        public_access_blocked=True,
        tags=AWS_TAGS,
        native={
            "VersioningConfiguration": {"Status": "Enabled" if versioning else "Suspended"},
            "ServerSideEncryptionConfiguration": {
                "Rules": [{"ApplyServerSideEncryptionByDefault": encryption}]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
            "LoggingEnabled": {"TargetBucket": "acme-audit-access-logs", "TargetPrefix": f"s3/{name}/"},
        },
    )


def amazon() -> list[Record]:
    registry = f"{AWS_ACCOUNT}.dkr.ecr.{AWS_REGION}.amazonaws.com"
    audit_key = f"arn:aws:kms:{AWS_REGION}:{AWS_ACCOUNT}:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
    return [
        aws(
            "network",
            AWS_REGION,
            AWS_VPC,
            "prod-vpc",
            "ec2:DescribeVpcs",
            cidrs=["10.30.0.0/16"],
            flow_logs=True,  # ec2:DescribeFlowLogs reports an active flow log for the VPC
            is_default=False,
            tags=AWS_TAGS,
            native={
                "VpcId": AWS_VPC_ID,
                "CidrBlock": "10.30.0.0/16",
                "IsDefault": False,
                "State": "available",
            },
        ),
        *(aws_subnet(name) for name in AWS_SUBNETS),
        *(aws_rule(*row) for row in AWS_RULES),
        aws(
            "instance",
            AWS_REGION,
            f"{EC2_ARN}:instance/i-0f1e2d3c4b5a69788",
            "bastion",
            "ec2:DescribeInstances",
            public_ips=["203.0.113.40"],
            private_ips=["10.30.0.10"],
            security_groups=[f"{EC2_ARN}:security-group/{AWS_SGS['bastion-sg']}"],
            relations={"subnet": [subnet_arn("public-a")], "network": [AWS_VPC]},
            tags=AWS_TAGS,
            native={
                "InstanceId": "i-0f1e2d3c4b5a69788",
                "InstanceType": "t3.micro",
                "PublicIpAddress": "203.0.113.40",
            },
        ),
        aws(
            "instance",
            AWS_REGION,
            f"{EC2_ARN}:instance/i-0a9b8c7d6e5f43210",
            "app-1",
            "ec2:DescribeInstances",
            private_ips=["10.30.10.21"],
            security_groups=[f"{EC2_ARN}:security-group/{AWS_SGS['app-sg']}"],
            relations={"subnet": [subnet_arn("private-a")], "network": [AWS_VPC]},
            tags=AWS_TAGS,
            native={"InstanceId": "i-0a9b8c7d6e5f43210", "InstanceType": "m6i.large"},
        ),
        aws_database(
            "legacy-reports", "mysql", "8.0.35", ["public-a", "public-b"], public=True, sg="legacy-mysql-sg"
        ),
        aws_database(
            "orders-postgres", "postgres", "16.3", ["private-a", "private-b"], public=False, sg="app-sg"
        ),
        aws_bucket("acme-prod-app-uploads", versioning=False),
        aws_bucket("acme-prod-audit-trail", versioning=True, kms_key=audit_key),
        aws(
            "registry",
            AWS_REGION,
            registry,
            registry,
            "ecr:DescribeRegistry",
            anonymous_pull=False,
            scan_on_push=True,
            native={"registryId": AWS_ACCOUNT},
        ),
        aws(
            "repository",
            AWS_REGION,
            f"arn:aws:ecr:{AWS_REGION}:{AWS_ACCOUNT}:repository/payments-api",
            "payments-api",
            "ecr:DescribeRepositories",
            format="docker",
            public=False,
            anonymous_pull=False,
            scan_on_push=True,
            tag_immutability=True,
            encryption="provider",
            relations={"registry": [registry]},
            tags=AWS_TAGS,
            native={
                "repositoryName": "payments-api",
                "repositoryUri": f"{registry}/payments-api",
                "imageTagMutability": "IMMUTABLE",
                "imageScanningConfiguration": {"scanOnPush": True},
                "encryptionConfiguration": {"encryptionType": "AES256"},
            },
        ),
        aws_user("dana", "AIDA4EXAMPLEUSER00001", console=True, mfa=False, keys=[]),
        aws_user("erin", "AIDA4EXAMPLEUSER00002", console=True, mfa=True, keys=[]),
        aws_user(
            "deploy-bot",
            "AIDA4EXAMPLEUSER00003",
            console=False,
            mfa=None,
            admin=True,
            keys=[
                {
                    "id": "AKIAIOSFODNN7EXAMPLE",
                    "active": True,
                    "created_at": "2025-03-20T12:00:00Z",
                    "last_used_at": "2025-06-02T07:55:00Z",
                    "age_days": 74,
                    "unused_days": 0,
                }
            ],
        ),
        aws_attachment(f"arn:aws:iam::{AWS_ACCOUNT}:policy/legacy-full-admin", "deploy-bot", admin=True),
        aws_attachment("arn:aws:iam::aws:policy/ReadOnlyAccess", "erin", admin=False),
        aws(
            "password_policy",
            "global",
            f"arn:aws:iam::{AWS_ACCOUNT}:password-policy",
            "IAM password policy",
            "iam:GetAccountPasswordPolicy",
            min_length=14,
            require_uppercase=True,
            require_lowercase=True,
            require_numbers=True,
            require_symbols=True,
            max_age_days=90,
            reuse_prevention=24,
            native={
                "MinimumPasswordLength": 14,
                "RequireUppercaseCharacters": True,
                "RequireLowercaseCharacters": True,
                "RequireNumbers": True,
                "RequireSymbols": True,
                "AllowUsersToChangePassword": True,
                "ExpirePasswords": True,
                "MaxPasswordAge": 90,
                "PasswordReusePrevention": 24,
            },
        ),
    ]


def build() -> bytes:
    """The snapshot as pretty JSON, checked against the snapshot model before it is returned."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "generator": "examples/landing-zone/generate.py",
        "created_at": CREATED_AT,
        "resources": [*google_cloud(), *alibaba(), *amazon()],
        "errors": [],
    }
    data = msgspec.json.format(msgspec.json.encode(document), indent=2) + b"\n"
    parse_snapshot(data, str(OUT))  # raises SnapshotError with the place of any mistake
    return data


if __name__ == "__main__":
    write_atomic(OUT, build())
