"""A small Google Cloud landing zone, as the fake API server serves it (made-up ids throughout).

Organisation 583920174613 > folder "prod" (207839461055) > project ``lz-prod-7f3a``
(with a second, sandbox project beside it in the same folder and a deleted one).
The prod project is what a quick start leaves behind: the classic auto-mode
``my-vpc`` with its default internet route and an ``allow-ssh`` rule open to
the world, a public Cloud SQL instance, a public bucket (and a legacy one
readable by ``allUsers`` through its ACL), a public Artifact
Registry repository, an owner binding to a user, and a service account whose
user-managed key is over two years old; next to it, well-configured
resources that must not produce findings. Field names and nesting follow the
public REST references of each API.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scanner.providers.gcp.raw import ProjectRaw
from tests.fakes import gcp_lz_coverage as coverage
from tests.fakes.gcp_lz_coverage import attached as _attached
from tests.fakes.gcp_lz_coverage import metadata as _metadata
from tests.fakes.gcp_server import World

ORG = "organizations/583920174613"
FOLDER = "folders/207839461055"
PROD = "lz-prod-7f3a"
SANDBOX = "lz-sandbox-2c9d"
DELETED = "lz-old-9e1b"
COMPUTE = "https://www.googleapis.com/compute/v1/projects"
STORAGE = "https://www.googleapis.com/storage/v1/b"


def _project(project_id: str, number: str, state: str = "ACTIVE") -> dict[str, Any]:
    return {
        "name": f"projects/{number}",
        "parent": FOLDER,
        "projectId": project_id,
        "state": state,
        "displayName": project_id,
        "createTime": "2024-03-11T09:12:44.120Z",
        "etag": 'W/"2d4f"',
    }


def _link(project: str, path: str) -> str:
    return f"{COMPUTE}/{project}/{path}"


def _network(project: str, name: str, auto: bool, number: str) -> dict[str, Any]:
    return {
        "kind": "compute#network",
        "id": number,
        "creationTimestamp": "2024-03-11T02:15:07.442-07:00",
        "name": name,
        "selfLink": _link(project, f"global/networks/{name}"),
        "autoCreateSubnetworks": auto,
        "routingConfig": {"routingMode": "REGIONAL"},
        "networkFirewallPolicyEnforcementOrder": "AFTER_CLASSIC_FIREWALL",
    }


def _subnet(project: str, name: str, network: str, region: str, cidr: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "compute#subnetwork",
        "id": str(abs(hash((project, name))) % 10**18),
        "name": name,
        "network": _link(project, f"global/networks/{network}"),
        "ipCidrRange": cidr,
        "gatewayAddress": cidr.rsplit(".", 1)[0] + ".1",
        "region": _link(project, f"regions/{region}"),
        "selfLink": _link(project, f"regions/{region}/subnetworks/{name}"),
        "privateIpGoogleAccess": False,
        "stackType": "IPV4_ONLY",
        "purpose": "PRIVATE",
        **extra,
    }


def _route(project: str, name: str, network: str, dest: str, **hop: Any) -> dict[str, Any]:
    return {
        "kind": "compute#route",
        "id": str(abs(hash((project, name))) % 10**18),
        "name": name,
        "network": _link(project, f"global/networks/{network}"),
        "destRange": dest,
        "priority": 1000,
        "selfLink": _link(project, f"global/routes/{name}"),
        **hop,
    }


def _firewall(project: str, name: str, network: str, **rule: Any) -> dict[str, Any]:
    return {
        "kind": "compute#firewall",
        "id": str(abs(hash((project, name))) % 10**18),
        "name": name,
        "network": _link(project, f"global/networks/{network}"),
        "priority": 1000,
        "direction": "INGRESS",
        "disabled": False,
        "logConfig": {"enable": False},
        "selfLink": _link(project, f"global/firewalls/{name}"),
        **rule,
    }


def _acl(bucket: str, entity: str, role: str, team: str | None = None) -> dict[str, Any]:
    """A BucketAccessControl entry as ``buckets.list?projection=full`` returns it in ``acl``."""
    entry = {
        "kind": "storage#bucketAccessControl",
        "id": f"{bucket}/{entity}",
        "selfLink": f"{STORAGE}/{bucket}/acl/{entity}",
        "bucket": bucket,
        "entity": entity,
        "role": role,
        "etag": "CAE=",
    }
    if team:
        entry["projectTeam"] = {"projectNumber": entity.rsplit("-", 1)[1], "team": team}
    return entry


def _binding(role: str, *members: str) -> dict[str, Any]:
    return {"role": role, "members": list(members)}


def service_account(project: str, email: str, unique_id: str, title: str) -> dict[str, Any]:
    """A ServiceAccount resource as ``projects.serviceAccounts.list`` returns it."""
    return {
        "name": f"projects/{project}/serviceAccounts/{email}",
        "projectId": project,
        "uniqueId": unique_id,
        "email": email,
        "displayName": title,
        "etag": "MDEwMjE5MjA=",
        "oauth2ClientId": unique_id,
    }


def _timestamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def sa_key(account: dict[str, Any], key_id: str, created: datetime, **extra: Any) -> dict[str, Any]:
    """A ServiceAccountKey as ``keys.list`` returns it (no key material); user-managed unless told."""
    return {
        "name": f"{account['name']}/keys/{key_id}",
        "validAfterTime": _timestamp(created),
        "validBeforeTime": "9999-12-31T23:59:59Z",
        "keyAlgorithm": "KEY_ALG_RSA_2048",
        "keyOrigin": "GOOGLE_PROVIDED",
        "keyType": "USER_MANAGED",
        **extra,
    }


def _service_accounts(p: str, number: str) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The uploader's key is two years old; CI's current key is 12 days old (its old one is disabled)."""
    now = datetime.now(UTC)
    uploader = service_account(p, f"uploader@{p}.iam.gserviceaccount.com", "104729384756102938475", "Uploads")
    ci = service_account(p, f"ci@{p}.iam.gserviceaccount.com", "104729384756102938476", "CI deployer")
    compute = service_account(
        p,
        f"{number}-compute@developer.gserviceaccount.com",
        "104729384756102938477",
        "Compute Engine default",
    )
    keys = {
        uploader["email"]: [
            sa_key(
                uploader, "3f1c9a0e5b7d2c4e6a8f0b1d3c5e7a9b1d3f5a7c", datetime(2023, 2, 14, 9, 30, tzinfo=UTC)
            ),
            sa_key(
                uploader,
                "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
                now - timedelta(days=3),
                validBeforeTime=_timestamp(now + timedelta(days=11)),
                keyType="SYSTEM_MANAGED",
            ),
        ],
        ci["email"]: [
            sa_key(ci, "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567", now - timedelta(days=12)),
            sa_key(
                ci,
                "7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b",
                datetime(2022, 6, 1, 8, 0, tzinfo=UTC),
                disabled=True,
                disableReason="SERVICE_ACCOUNT_KEY_DISABLE_REASON_USER_INITIATED",
            ),
        ],
    }
    return [uploader, ci, compute], keys


def prod_project() -> dict[str, Any]:
    p = PROD
    internet = {"nextHopGateway": _link(p, "global/gateways/default-internet-gateway")}
    return {
        "project": _project(p, "418276350912"),
        "networks": [
            _network(p, "my-vpc", True, "6042817755203310101"),
            _network(p, "prod-vpc", False, "6042817755203310102"),
            coverage.legacy_network(p, "legacy-net", "6042817755203310103"),
        ],
        "subnetworks": {
            "regions/us-central1": [
                _subnet(p, "my-vpc", "my-vpc", "us-central1", "10.128.0.0/20"),
            ],
            "regions/europe-west1": [
                _subnet(p, "my-vpc", "my-vpc", "europe-west1", "10.132.0.0/20"),
                _subnet(
                    p,
                    "prod-app",
                    "prod-vpc",
                    "europe-west1",
                    "10.10.0.0/24",
                    privateIpGoogleAccess=True,
                    logConfig={"enable": True, "aggregationInterval": "INTERVAL_5_SEC"},
                ),
            ],
        },
        "routes": [
            _route(
                p,
                "default-route-3b7e0c1f2a9d4e11",
                "my-vpc",
                "0.0.0.0/0",
                **internet,
                description="Default route to the Internet.",
            ),
            _route(
                p,
                "default-route-5c1d9e2b7f0a3c22",
                "my-vpc",
                "10.128.0.0/20",
                nextHopNetwork=_link(p, "global/networks/my-vpc"),
            ),
            _route(
                p,
                "default-route-8a2f4b6c1d3e5f33",
                "prod-vpc",
                "10.10.0.0/24",
                nextHopNetwork=_link(p, "global/networks/prod-vpc"),
            ),
        ],
        "routers": {
            "regions/us-central1": [
                {
                    "kind": "compute#router",
                    "id": "4711203948571029384",
                    "name": "nat-router",
                    "region": _link(p, "regions/us-central1"),
                    "network": _link(p, "global/networks/my-vpc"),
                    "selfLink": _link(p, "regions/us-central1/routers/nat-router"),
                    "nats": [
                        {
                            "name": "nat-us",
                            "natIpAllocateOption": "AUTO_ONLY",
                            "sourceSubnetworkIpRangesToNat": "ALL_SUBNETWORKS_ALL_IP_RANGES",
                        }
                    ],
                }
            ],
        },
        "firewalls": [
            _firewall(
                p,
                "allow-ssh",
                "my-vpc",
                sourceRanges=["0.0.0.0/0"],
                allowed=[{"IPProtocol": "tcp", "ports": ["22"]}],
            ),
            _firewall(
                p,
                "allow-internal",
                "my-vpc",
                priority=65534,
                sourceRanges=["10.128.0.0/9"],
                allowed=[
                    {"IPProtocol": "tcp", "ports": ["0-65535"]},
                    {"IPProtocol": "udp", "ports": ["0-65535"]},
                    {"IPProtocol": "icmp"},
                ],
            ),
            _firewall(
                p,
                "allow-https-web",
                "prod-vpc",
                sourceRanges=["0.0.0.0/0"],
                targetTags=["web"],
                allowed=[{"IPProtocol": "tcp", "ports": ["443"]}],
            ),
            _firewall(
                p,
                "allow-rdp-office",
                "prod-vpc",
                sourceRanges=["203.0.113.0/24"],
                allowed=[{"IPProtocol": "tcp", "ports": ["3389"]}],
            ),
            _firewall(
                p,
                "deny-telnet",
                "prod-vpc",
                sourceRanges=["0.0.0.0/0"],
                priority=900,
                denied=[{"IPProtocol": "tcp", "ports": ["23"]}],
            ),
        ],
        "instances": {
            "zones/us-central1-a": [
                {
                    "kind": "compute#instance",
                    "id": "3141592653589793238",
                    "name": "bastion-1",
                    "zone": _link(p, "zones/us-central1-a"),
                    "status": "RUNNING",
                    "machineType": _link(p, "zones/us-central1-a/machineTypes/e2-small"),
                    "selfLink": _link(p, "zones/us-central1-a/instances/bastion-1"),
                    "tags": {"items": ["ssh"], "fingerprint": "42WmSpB8rSM="},
                    "networkInterfaces": [
                        {
                            "name": "nic0",
                            "network": _link(p, "global/networks/my-vpc"),
                            "subnetwork": _link(p, "regions/us-central1/subnetworks/my-vpc"),
                            "networkIP": "10.128.0.2",
                            "accessConfigs": [
                                {
                                    "type": "ONE_TO_ONE_NAT",
                                    "name": "External NAT",
                                    "natIP": "198.51.100.23",
                                    "networkTier": "PREMIUM",
                                }
                            ],
                        }
                    ],
                    "serviceAccounts": [
                        {
                            "email": "418276350912-compute@developer.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/cloud-platform"],
                        }
                    ],
                    # overrides the project's enable-oslogin=TRUE; serial console on; routes packets
                    "metadata": _metadata(("enable-oslogin", "FALSE"), ("serial-port-enable", "TRUE")),
                    "canIpForward": True,
                    "shieldedInstanceConfig": {
                        "enableSecureBoot": False,
                        "enableVtpm": True,
                        "enableIntegrityMonitoring": True,
                    },
                    "disks": [_attached(_link(p, "zones/us-central1-a/disks/bastion-1"))],
                }
            ],
            "zones/europe-west1-b": [
                {
                    "kind": "compute#instance",
                    "id": "2718281828459045235",
                    "name": "app-1",
                    "zone": _link(p, "zones/europe-west1-b"),
                    "status": "RUNNING",
                    "selfLink": _link(p, "zones/europe-west1-b/instances/app-1"),
                    "networkInterfaces": [
                        {
                            "name": "nic0",
                            "network": _link(p, "global/networks/prod-vpc"),
                            "subnetwork": _link(p, "regions/europe-west1/subnetworks/prod-app"),
                            "networkIP": "10.10.0.5",
                        }
                    ],
                    # the compliant look-alike: own account (full scope, but not the default one), project
                    # OS Login inherited, project SSH keys blocked, Shielded and Confidential VM
                    "serviceAccounts": [
                        {
                            "email": f"app@{p}.iam.gserviceaccount.com",
                            "scopes": ["https://www.googleapis.com/auth/cloud-platform"],
                        }
                    ],
                    "metadata": _metadata(
                        ("block-project-ssh-keys", "TRUE"), ("serial-port-enable", "FALSE")
                    ),
                    "canIpForward": False,
                    "shieldedInstanceConfig": {
                        "enableSecureBoot": True,
                        "enableVtpm": True,
                        "enableIntegrityMonitoring": True,
                    },
                    "confidentialInstanceConfig": {"enableConfidentialCompute": True},
                    "disks": [_attached(_link(p, "zones/europe-west1-b/disks/app-1"))],
                }
            ],
        },
        "sql_instances": [
            {
                "kind": "sql#instance",
                "name": "orders-db",
                "project": p,
                "databaseVersion": "POSTGRES_15",
                "region": "us-central1",
                "gceZone": "us-central1-c",
                "state": "RUNNABLE",
                "instanceType": "CLOUD_SQL_INSTANCE",
                "backendType": "SECOND_GEN",
                "connectionName": f"{p}:us-central1:orders-db",
                "selfLink": f"https://sqladmin.googleapis.com/v1/projects/{p}/instances/orders-db",
                "ipAddresses": [{"type": "PRIMARY", "ipAddress": "198.51.100.77"}],
                "settings": {
                    "tier": "db-custom-2-7680",
                    "availabilityType": "ZONAL",
                    "ipConfiguration": {
                        "ipv4Enabled": True,
                        "requireSsl": False,
                        "sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
                        "authorizedNetworks": [
                            {"kind": "sql#aclEntry", "name": "anywhere", "value": "0.0.0.0/0"}
                        ],
                    },
                    "backupConfiguration": {
                        "enabled": True,
                        "startTime": "03:00",
                        "pointInTimeRecoveryEnabled": True,
                    },
                },
            },
            {
                "kind": "sql#instance",
                "name": "billing-db",
                "project": p,
                "databaseVersion": "MYSQL_8_0",
                "region": "europe-west1",
                "state": "RUNNABLE",
                "instanceType": "CLOUD_SQL_INSTANCE",
                "selfLink": f"https://sqladmin.googleapis.com/v1/projects/{p}/instances/billing-db",
                "ipAddresses": [{"type": "PRIVATE", "ipAddress": "10.20.0.3"}],
                "settings": {
                    "tier": "db-n1-standard-2",
                    "ipConfiguration": {
                        "ipv4Enabled": False,
                        "privateNetwork": f"projects/{p}/global/networks/prod-vpc",
                        "requireSsl": True,
                        "sslMode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED",
                        "authorizedNetworks": [],
                    },
                    "backupConfiguration": {"enabled": True, "binaryLogEnabled": True},
                    # the look-alike of legacy-mysql: both CIS MySQL flags set as asked
                    "databaseFlags": [
                        {"name": "skip_show_database", "value": "on"},
                        {"name": "local_infile", "value": "off"},
                    ],
                },
                "diskEncryptionConfiguration": {
                    "kmsKeyName": f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/sql",
                    "kind": "sql#diskEncryptionConfiguration",
                },
            },
            *coverage.sql_instances(p),
        ],
        "buckets": [
            coverage.archive_bucket(p, "418276350912"),
            {
                "kind": "storage#bucket",
                "id": "lz-public-assets-7f3a",
                "name": "lz-public-assets-7f3a",
                "selfLink": f"{STORAGE}/lz-public-assets-7f3a",
                "projectNumber": "418276350912",
                "location": "US-CENTRAL1",
                "locationType": "region",
                "storageClass": "STANDARD",
                "timeCreated": "2024-03-12T10:01:02.345Z",
                "updated": "2024-03-12T10:01:02.345Z",
                "metageneration": "3",
                "etag": "CAM=",
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": True},
                    "publicAccessPrevention": "inherited",
                },
                "labels": {"team": "web"},
            },
            {
                "kind": "storage#bucket",
                "id": "lz-audit-logs-7f3a",
                "name": "lz-audit-logs-7f3a",
                "selfLink": f"{STORAGE}/lz-audit-logs-7f3a",
                "projectNumber": "418276350912",
                "location": "EUROPE-WEST1",
                "locationType": "region",
                "storageClass": "STANDARD",
                "metageneration": "5",
                "etag": "CAU=",
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": True},
                    "publicAccessPrevention": "enforced",
                },
                "versioning": {"enabled": True},
                "logging": {"logBucket": "lz-access-logs-7f3a", "logObjectPrefix": "audit"},
                "encryption": {
                    "defaultKmsKeyName": f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/logs"
                },
            },
            {
                "kind": "storage#bucket",
                "id": "lz-legacy-uploads-7f3a",
                "name": "lz-legacy-uploads-7f3a",
                "selfLink": f"{STORAGE}/lz-legacy-uploads-7f3a",
                "projectNumber": "418276350912",
                "location": "US",
                "locationType": "multi-region",
                "storageClass": "STANDARD",
                "metageneration": "1",
                "etag": "CAE=",
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": False},
                    "publicAccessPrevention": "inherited",
                },
                "owner": {"entity": "project-owners-418276350912"},
                "acl": [
                    _acl("lz-legacy-uploads-7f3a", "project-owners-418276350912", "OWNER", "owners"),
                    _acl("lz-legacy-uploads-7f3a", "allUsers", "READER"),
                ],
                "defaultObjectAcl": [
                    {
                        "kind": "storage#objectAccessControl",
                        "entity": "project-owners-418276350912",
                        "role": "OWNER",
                        "projectTeam": {"projectNumber": "418276350912", "team": "owners"},
                        "etag": "CAE=",
                    }
                ],
            },
        ],
        "bucket_iam": {
            "lz-log-archive-7f3a": {
                "bindings": [_binding("roles/storage.legacyBucketOwner", "projectOwner:lz-prod-7f3a")]
            },
            "lz-public-assets-7f3a": {
                "bindings": [
                    _binding("roles/storage.legacyBucketOwner", "projectOwner:lz-prod-7f3a"),
                    _binding("roles/storage.objectViewer", "allUsers"),
                ]
            },
            "lz-audit-logs-7f3a": {
                "bindings": [
                    _binding("roles/storage.legacyBucketOwner", "projectOwner:lz-prod-7f3a"),
                ]
            },
            "lz-legacy-uploads-7f3a": {
                "bindings": [
                    _binding("roles/storage.legacyBucketOwner", "projectOwner:lz-prod-7f3a"),
                    _binding(
                        "roles/storage.objectCreator",
                        "serviceAccount:uploader@lz-prod-7f3a.iam.gserviceaccount.com",
                    ),
                ]
            },
        },
        "ar_locations": ["europe-west1", "us-central1", "us"],
        "repositories": {
            "us-central1": [
                {
                    "name": f"projects/{p}/locations/us-central1/repositories/containers",
                    "format": "DOCKER",
                    "mode": "STANDARD_REPOSITORY",
                    "description": "Public base images",
                    # scanning switched off, no cleanup policy, mutable tags: base-images is the look-alike
                    "vulnerabilityScanningConfig": {
                        "enablementConfig": "DISABLED",
                        "enablementState": "SCANNING_DISABLED",
                        "enablementStateReason": "Repository scanning is disabled by the repository config.",
                    },
                    "createTime": "2024-04-02T08:00:00Z",
                    "updateTime": "2024-04-02T08:00:00Z",
                    "sizeBytes": "734003200",
                }
            ],
            "europe-west1": [
                coverage.base_images_repository(p),
                {
                    "name": f"projects/{p}/locations/europe-west1/repositories/python-internal",
                    "format": "PYTHON",
                    "mode": "STANDARD_REPOSITORY",
                    "kmsKeyName": f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/ar",
                    "cleanupPolicies": {"keep-recent": coverage.KEEP_RECENT},
                    "vulnerabilityScanningConfig": {"enablementState": "SCANNING_UNSUPPORTED"},
                    "createTime": "2024-04-03T08:00:00Z",
                    "updateTime": "2024-04-03T08:00:00Z",
                },
            ],
        },
        "repository_iam": {
            f"projects/{p}/locations/europe-west1/repositories/base-images": {
                "bindings": [_binding("roles/artifactregistry.reader", "group:developers@example.com")]
            },
            f"projects/{p}/locations/europe-west1/repositories/python-internal": {
                "bindings": [_binding("roles/artifactregistry.reader", "group:developers@example.com")]
            },
            f"projects/{p}/locations/us-central1/repositories/containers": {
                "bindings": [
                    _binding("roles/artifactregistry.reader", "allUsers"),
                    _binding(
                        "roles/artifactregistry.writer",
                        "serviceAccount:ci@lz-prod-7f3a.iam.gserviceaccount.com",
                    ),
                    # release engineers delete images; the platform group administers the repository
                    _binding("roles/artifactregistry.repoAdmin", "group:release@example.com"),
                    _binding("roles/artifactregistry.admin", "group:platform@example.com"),
                ]
            },
        },
        "iam": {
            "bindings": [
                _binding("roles/owner", "user:alice@example.com"),
                _binding("roles/editor", "serviceAccount:418276350912@cloudservices.gserviceaccount.com"),
                _binding("roles/compute.networkViewer", "group:netops@example.com"),
                # the CI service account may push to every repository of the project
                _binding("roles/artifactregistry.writer", f"serviceAccount:ci@{p}.iam.gserviceaccount.com"),
                # bob can create service accounts and act as them (CIS 1.6, 1.8); carol administers keys
                # and uses them (1.11); the kms-admins group only administers them
                _binding("roles/iam.serviceAccountAdmin", "user:bob@example.com"),
                _binding("roles/iam.serviceAccountUser", "user:bob@example.com"),
                _binding("roles/cloudkms.admin", "user:carol@example.com", "group:kms-admins@example.com"),
                _binding(
                    "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                    "user:carol@example.com",
                    f"serviceAccount:app@{p}.iam.gserviceaccount.com",
                ),
            ],
            # DATA_READ is missing and alice is exempted from DATA_WRITE (CIS 2.1)
            "auditConfigs": [
                {
                    "service": "allServices",
                    "auditLogConfigs": [
                        {"logType": "ADMIN_READ"},
                        {"logType": "DATA_WRITE", "exemptedMembers": ["user:alice@example.com"]},
                    ],
                }
            ],
        },
        **coverage.prod(p, "418276350912"),
        **dict(
            zip(
                ("service_accounts", "service_account_keys"),
                _service_accounts(p, "418276350912"),
                strict=True,
            )
        ),
    }


def sandbox_project() -> dict[str, Any]:
    """A sandbox with Cloud SQL never enabled and Artifact Registry denied to the scanner."""
    p = SANDBOX
    return {
        "project": _project(p, "902184736155"),
        "networks": [_network(p, "sandbox-vpc", False, "7042817755203310201")],
        "subnetworks": {
            "regions/us-east1": [
                _subnet(
                    p,
                    "sandbox-east",
                    "sandbox-vpc",
                    "us-east1",
                    "10.50.0.0/24",
                    privateIpGoogleAccess=True,
                    logConfig={"enable": True},
                )
            ]
        },
        "routes": [],
        "routers": {},
        "firewalls": [],
        "instances": {},
        "sql_instances": [],
        "buckets": [],
        "bucket_iam": {},
        "ar_locations": [],
        "repositories": {},
        "repository_iam": {},
        "iam": {
            "bindings": [_binding("roles/compute.admin", "group:sandbox@example.com")],
            "auditConfigs": [  # complete: every log type for every service, no exemption
                {
                    "service": "allServices",
                    "auditLogConfigs": [{"logType": t} for t in ("ADMIN_READ", "DATA_READ", "DATA_WRITE")],
                }
            ],
        },
        "service_accounts": [],
        "service_account_keys": {},
        **coverage.sandbox(p, "902184736155"),
    }


def landing_zone() -> World:
    deleted = sandbox_project()
    deleted["project"] = _project(DELETED, "551029384756", state="DELETE_REQUESTED")
    return World(
        projects={PROD: prod_project(), SANDBOX: sandbox_project(), DELETED: deleted},
        folders={ORG: [{"name": FOLDER, "parent": ORG, "displayName": "prod", "state": "ACTIVE"}]},
        disabled={SANDBOX: {"sqladmin.googleapis.com"}},
        denied={SANDBOX: {"artifactregistry.googleapis.com"}},
    )


def as_raw(project_id: str, data: dict[str, Any]) -> ProjectRaw:
    """The same data as the adapter's collection step would gather it (aggregated lists flattened)."""
    flat = {
        key: [i for items in data[key].values() for i in items]
        for key in ("subnetworks", "routers", "instances")
    }
    return ProjectRaw(
        project=project_id,
        networks=data["networks"],
        routes=data["routes"],
        firewalls=data["firewalls"],
        sql_instances=data["sql_instances"],
        buckets=data["buckets"],
        bucket_iam=data["bucket_iam"],
        repositories=[r for repos in data["repositories"].values() for r in repos],
        repository_iam=data["repository_iam"],
        project_iam=data["iam"],
        service_accounts=data["service_accounts"],
        **coverage.raw_fields(data),
        service_account_keys={
            a["name"]: [
                k for k in data["service_account_keys"].get(a["email"], []) if k["keyType"] == "USER_MANAGED"
            ]
            for a in data["service_accounts"]
        },
        **flat,
    )
