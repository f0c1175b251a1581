"""A small Google Cloud landing zone, as the fake API server serves it (made-up ids throughout).

Organisation 583920174613 > folder "prod" (207839461055) > project ``lz-prod-7f3a``
(with a second, sandbox project beside it in the same folder and a deleted one).
The prod project is what a quick start leaves behind: the classic auto-mode
``my-vpc`` with its default internet route and an ``allow-ssh`` rule open to
the world, a public Cloud SQL instance, a public bucket, a public Artifact
Registry repository, and an owner binding to a user; next to it, well-configured
resources that must not produce findings. Field names and nesting follow the
public REST references of each API.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp.raw import ProjectRaw
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


def _binding(role: str, *members: str) -> dict[str, Any]:
    return {"role": role, "members": list(members)}


def prod_project() -> dict[str, Any]:
    p = PROD
    internet = {"nextHopGateway": _link(p, "global/gateways/default-internet-gateway")}
    return {
        "project": _project(p, "418276350912"),
        "networks": [
            _network(p, "my-vpc", True, "6042817755203310101"),
            _network(p, "prod-vpc", False, "6042817755203310102"),
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
                },
                "diskEncryptionConfiguration": {
                    "kmsKeyName": f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/sql",
                    "kind": "sql#diskEncryptionConfiguration",
                },
            },
        ],
        "buckets": [
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
            },
        ],
        "bucket_iam": {
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
                    "createTime": "2024-04-02T08:00:00Z",
                    "updateTime": "2024-04-02T08:00:00Z",
                    "sizeBytes": "734003200",
                }
            ],
            "europe-west1": [
                {
                    "name": f"projects/{p}/locations/europe-west1/repositories/python-internal",
                    "format": "PYTHON",
                    "mode": "STANDARD_REPOSITORY",
                    "kmsKeyName": f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/ar",
                    "createTime": "2024-04-03T08:00:00Z",
                    "updateTime": "2024-04-03T08:00:00Z",
                }
            ],
        },
        "repository_iam": {
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
                ]
            },
        },
        "iam": {
            "bindings": [
                _binding("roles/owner", "user:alice@example.com"),
                _binding("roles/editor", "serviceAccount:418276350912@cloudservices.gserviceaccount.com"),
                _binding("roles/compute.networkViewer", "group:netops@example.com"),
            ]
        },
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
        "iam": {"bindings": [_binding("roles/compute.admin", "group:sandbox@example.com")]},
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
        **flat,
    )
