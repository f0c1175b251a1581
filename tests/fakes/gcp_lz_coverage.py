"""The landing zone's resources for the coverage APIs of issue #15, with violating and compliant pairs.

Kept beside ``gcp_landing_zone.py`` so that file stays readable; field names and
nesting follow the Compute Engine v1 and Cloud SQL Admin v1 references (and the
googleapis discovery documents of the other APIs). Each violating resource has a
look-alike that must not be reported: an attached disk and an unattached one, a
snapshot taken 400 days ago and a recent one, an address in use and a spare one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

COMPUTE = "https://www.googleapis.com/compute/v1/projects"


def _link(project: str, path: str) -> str:
    return f"{COMPUTE}/{project}/{path}"


def _ago(days: int) -> str:
    """An RFC 3339 time ``days`` ago, as Compute writes ``creationTimestamp`` (with an offset)."""
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.000-00:00")


def metadata(*items: tuple[str, str]) -> dict[str, Any]:
    """Compute ``Metadata``: ``{"kind", "fingerprint", "items": [{"key", "value"}]}``."""
    return {
        "kind": "compute#metadata",
        "fingerprint": "yVVxF3_nvW8=",
        "items": [{"key": k, "value": v} for k, v in items],
    }


def attached(source: str, boot: bool = True) -> dict[str, Any]:
    """An instance's ``AttachedDisk`` entry."""
    return {
        "kind": "compute#attachedDisk",
        "type": "PERSISTENT",
        "mode": "READ_WRITE",
        "source": source,
        "deviceName": source.rsplit("/", 1)[-1],
        "index": 0,
        "boot": boot,
        "autoDelete": True,
    }


def legacy_network(project: str, name: str, number: str) -> dict[str, Any]:
    """A legacy network: one ``IPv4Range`` for the project and no subnetworks (CIS GCP 3.2)."""
    return {
        "kind": "compute#network",
        "id": number,
        "creationTimestamp": "2016-05-02T10:00:00.000-07:00",
        "name": name,
        "selfLink": _link(project, f"global/networks/{name}"),
        "IPv4Range": "10.240.0.0/16",
        "gatewayIPv4": "10.240.0.1",
    }


def _disk(project: str, zone: str, name: str, size: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "compute#disk",
        "id": str(abs(hash((project, name))) % 10**18),
        "creationTimestamp": _ago(300),
        "name": name,
        "sizeGb": size,
        "zone": _link(project, f"zones/{zone}"),
        "status": "READY",
        "selfLink": _link(project, f"zones/{zone}/disks/{name}"),
        "type": _link(project, f"zones/{zone}/diskTypes/pd-balanced"),
        "physicalBlockSizeBytes": "4096",
        **extra,
    }


def _address(project: str, region: str, name: str, ip: str, status: str, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "compute#address",
        "id": str(abs(hash((project, name))) % 10**18),
        "creationTimestamp": _ago(200),
        "name": name,
        "address": ip,
        "addressType": "EXTERNAL",
        "networkTier": "PREMIUM",
        "status": status,
        "region": _link(project, f"regions/{region}"),
        "selfLink": _link(project, f"regions/{region}/addresses/{name}"),
        **extra,
    }


def _backend_service(project: str, scope: str, name: str, scheme: str, **extra: Any) -> dict[str, Any]:
    """Compute v1 ``BackendService``: ``scope`` is ``global`` or ``regions/R``."""
    return {
        "kind": "compute#backendService",
        "id": str(abs(hash((project, name))) % 10**18),
        "creationTimestamp": _ago(150),
        "name": name,
        "selfLink": _link(project, f"{scope}/backendServices/{name}"),
        "backends": [
            {
                "group": _link(project, "zones/us-central1-a/instanceGroups/web"),
                "balancingMode": "UTILIZATION",
            }
        ],
        "healthChecks": [_link(project, "global/healthChecks/web-hc")],
        "timeoutSec": 30,
        "port": 80,
        "protocol": "HTTP",
        "portName": "http",
        "loadBalancingScheme": scheme,
        "sessionAffinity": "NONE",
        "fingerprint": "w3DmS2hVVqU=",
        **({"region": _link(project, scope)} if scope.startswith("regions/") else {}),
        **extra,
    }


def _dataproc(project: str, region: str, name: str, **encryption: str) -> dict[str, Any]:
    """Dataproc v1 ``Cluster``; ``encryption`` is its ``config.encryptionConfig``."""
    return {
        "projectId": project,
        "clusterName": name,
        "clusterUuid": f"5c1f2a3e-{abs(hash((project, name))) % 10**4:04d}-4b7d-9e21-0a8c3f6d2b19",
        "config": {
            "configBucket": f"dataproc-staging-{region}-{name}",
            "gceClusterConfig": {"zoneUri": f"{region}-b", "internalIpOnly": True},
            "masterConfig": {"numInstances": 1, "machineTypeUri": "n2-standard-4"},
            "workerConfig": {"numInstances": 2, "machineTypeUri": "n2-standard-4"},
            **({"encryptionConfig": encryption} if encryption else {}),
        },
        "labels": {"team": "data"},
        "status": {"state": "RUNNING", "stateStartTime": _ago(30)},
    }


def _snapshot(project: str, name: str, days: int, **extra: Any) -> dict[str, Any]:
    return {
        "kind": "compute#snapshot",
        "id": str(abs(hash((project, name))) % 10**18),
        "creationTimestamp": _ago(days),
        "name": name,
        "status": "READY",
        "sourceDisk": _link(project, "zones/us-central1-a/disks/bastion-1"),
        "diskSizeGb": "10",
        "storageBytes": "2147483648",
        "storageLocations": ["us"],
        "selfLink": _link(project, f"global/snapshots/{name}"),
        **extra,
    }


def _sql(project: str, name: str, version: str, flags: dict[str, str]) -> dict[str, Any]:
    """A private, TLS-only Cloud SQL instance with backups: only its ``databaseFlags`` are under test."""
    return {
        "kind": "sql#instance",
        "name": name,
        "project": project,
        "databaseVersion": version,
        "region": "europe-west1",
        "state": "RUNNABLE",
        "instanceType": "CLOUD_SQL_INSTANCE",
        "selfLink": f"https://sqladmin.googleapis.com/v1/projects/{project}/instances/{name}",
        "ipAddresses": [{"type": "PRIVATE", "ipAddress": "10.20.0.9"}],
        "settings": {
            "tier": "db-custom-2-7680",
            "ipConfiguration": {
                "ipv4Enabled": False,
                "privateNetwork": f"projects/{project}/global/networks/prod-vpc",
                "sslMode": "ENCRYPTED_ONLY",
            },
            "backupConfiguration": {"enabled": True},
            "databaseFlags": [{"name": k, "value": v} for k, v in flags.items()],
        },
    }


def sql_instances(p: str) -> list[dict[str, Any]]:
    """Flag cases: a MySQL instance with local_infile on and skip_show_database unset (CIS 6.1.2, 6.1.3);
    a PostgreSQL instance set as CIS asks (the look-alike of orders-db, which sets no flag); a SQL
    Server instance that chains ownership across databases (6.3.2) and is right otherwise."""
    return [
        _sql(p, "legacy-mysql", "MYSQL_5_7", {"local_infile": "on"}),
        _sql(
            p,
            "reports-db",
            "POSTGRES_15",
            {
                "log_error_verbosity": "default",
                "log_connections": "on",
                "log_disconnections": "on",
                "log_duration": "on",
                "log_statement": "ddl",
                "log_min_messages": "warning",
                "log_min_error_statement": "error",
                "log_min_duration_statement": "-1",
                "cloudsql.enable_pgaudit": "on",
            },
        ),
        _sql(
            p,
            "erp-sql",
            "SQLSERVER_2019_STANDARD",
            {
                "external scripts enabled": "off",
                "cross db ownership chaining": "on",
                "contained database authentication": "off",
                "remote access": "off",
                "3625": "on",
                "user connections": "0",
            },
        ),
    ]


def prod(p: str, number: str) -> dict[str, Any]:
    """Project metadata enables OS Login; disks, addresses and snapshots in violating/compliant pairs."""
    default_sa = f"{number}-compute@developer.gserviceaccount.com"
    return {
        **coverage_services(p, number),
        "compute_project": {
            "kind": "compute#project",
            "id": "5029384756102938475",
            "name": p,
            "creationTimestamp": "2024-03-11T02:10:00.000-07:00",
            "commonInstanceMetadata": metadata(("enable-oslogin", "TRUE")),
            "defaultServiceAccount": default_sa,
            "selfLink": _link(p, "").rstrip("/"),
            "xpnProjectStatus": "UNSPECIFIED_XPN_PROJECT_STATUS",
            "defaultNetworkTier": "PREMIUM",
        },
        "disks": {
            "zones/us-central1-a": [
                _disk(
                    p,
                    "us-central1-a",
                    "bastion-1",
                    "10",
                    users=[_link(p, "zones/us-central1-a/instances/bastion-1")],
                    lastAttachTimestamp=_ago(300),
                ),
                # left behind when its VM was deleted: unattached, still billed
                _disk(p, "us-central1-a", "old-data", "500", lastDetachTimestamp=_ago(120)),
            ],
            "zones/europe-west1-b": [
                _disk(
                    p,
                    "europe-west1-b",
                    "app-1",
                    "20",
                    users=[_link(p, "zones/europe-west1-b/instances/app-1")],
                    # a customer-supplied key (CSEK): the API returns only its SHA-256
                    diskEncryptionKey={"sha256": "t3FXz5b6Vb4bH0E0Ox9ZxNBlnDUwCNPYj1Vx5fGd5tY="},
                ),
            ],
        },
        "addresses": {
            "regions/us-central1": [
                _address(
                    p,
                    "us-central1",
                    "bastion-ip",
                    "198.51.100.23",
                    "IN_USE",
                    users=[_link(p, "zones/us-central1-a/instances/bastion-1")],
                ),
                _address(p, "us-central1", "spare-ip", "198.51.100.99", "RESERVED"),
            ]
        },
        # a global external HTTP(S) load balancer without request logs, a regional one with them
        "backendServices": {
            "global": [
                _backend_service(p, "global", "web-backend", "EXTERNAL_MANAGED", logConfig={"enable": False}),
            ],
            "regions/us-central1": [
                _backend_service(
                    p,
                    "regions/us-central1",
                    "api-backend",
                    "INTERNAL_MANAGED",
                    logConfig={"enable": True, "sampleRate": 1.0},
                ),
            ],
        },
        # Dataproc (CIS GCP 8.1): a cluster on Google's key vs one on a Cloud KMS key
        "dataproc_clusters": {
            "us-central1": [_dataproc(p, "us-central1", "etl-nightly")],
            "europe-west1": [
                _dataproc(
                    p,
                    "europe-west1",
                    "etl-eu",
                    gcePdKmsKeyName=f"projects/{p}/locations/europe-west1/keyRings/lz/cryptoKeys/dataproc",
                )
            ],
        },
        "snapshots": [
            _snapshot(p, "before-upgrade-2025", 400),
            _snapshot(p, "nightly-bastion-1", 200, autoCreated=True),
            _snapshot(p, "before-patch", 10),
        ],
    }


def sandbox(p: str, number: str) -> dict[str, Any]:
    """The compliant account-wide settings: contacts, Access Approval, Asset Inventory, a sink for everything,
    an alert for every CIS change class; no resources of the other coverage APIs."""
    metrics = [_metric(p, f"cis-{cls}", flt) for cls, flt in CIS_FILTERS.items()]
    return {
        "compute_project": None,
        "disks": {},
        "addresses": {},
        "backendServices": {},
        "snapshots": [],
        "services": ["compute.googleapis.com", "cloudasset.googleapis.com", "logging.googleapis.com"],
        "contacts": [
            {
                "name": f"organizations/583920174613/contacts/{n}",
                "email": "security@example.com",
                "notificationCategorySubscriptions": ["SECURITY", "TECHNICAL"],
                "languageTag": "en",
                "validationState": "VALID",
            }
            for n in ("1", "2")
        ],
        "access_approval": {
            "name": f"projects/{p}/accessApprovalSettings",
            "enrolledServices": [{"cloudProduct": "all", "enrollmentLevel": "BLOCK_ALL"}],
            "notificationEmails": ["security@example.com"],
        },
        "sinks": [
            _sink(p, "everything-to-bq", f"bigquery.googleapis.com/projects/{p}/datasets/all_logs", ""),
        ],
        "log_buckets": [],
        "dns_policies": [
            {
                "kind": "dns#policy",
                "id": "5582937465102938",
                "name": "sandbox-dns-logging",
                "enableLogging": True,
                "networks": [
                    {"networkUrl": _link(p, "global/networks/sandbox-vpc"), "kind": "dns#policyNetwork"}
                ],
            }
        ],
        "metrics": metrics,
        "alert_policies": [_alert(p, f"alert-{m['name']}", [m["name"]]) for m in metrics],
    }


def raw_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The coverage part of ``as_raw``: what the adapter's new calls gather, aggregated lists flattened."""
    flat = {k: [i for items in data.get(k, {}).values() for i in items] for k in ("disks", "addresses")}
    flat["dataproc_clusters"] = data.get("dataproc_clusters", {})  # type: ignore[assignment]
    flat["backend_services"] = [i for items in data.get("backendServices", {}).values() for i in items]
    keys = [k for keys in data.get("kms_keys", {}).values() for k in keys]
    return {
        "compute_project": data.get("compute_project"),
        "snapshots": data.get("snapshots", []),
        **flat,
        "enabled_services": data.get("services", []),
        "essential_contacts": data.get("contacts", []),
        "access_approval": data.get("access_approval", {}),
        "sinks": data.get("sinks", []),
        "log_buckets": data.get("log_buckets", []),
        "log_metrics": data.get("metrics", []),
        "alert_policies": data.get("alert_policies", []),
        "dns_zones": data.get("dns_zones", []),
        "dns_policies": data.get("dns_policies", []),
        "kms_keys": keys,
        "kms_key_iam": {k["name"]: data.get("kms_iam", {}).get(k["name"], {}) for k in keys},
        "datasets": data.get("datasets", []),
        "dataset_tables": data.get("tables", {}),
        "api_keys": data.get("api_keys", []),
        "clusters": data.get("clusters", []),
    }


# The CIS GCP 3.0 filters of sections 2.4-2.11, written out as an operator would paste them.
CIS_FILTERS = {
    "project-ownership": """(protoPayload.serviceName="cloudresourcemanager.googleapis.com")
AND (ProjectOwnership OR projectOwnerInvitee)
OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE"
AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")
OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD"
AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")""",
    "audit-configuration": """protoPayload.methodName="SetIamPolicy" AND
protoPayload.serviceData.policyDelta.auditConfigDeltas:*""",
    "custom-role": """resource.type="iam_role"
AND (protoPayload.methodName="google.iam.admin.v1.CreateRole"
OR protoPayload.methodName="google.iam.admin.v1.DeleteRole"
OR protoPayload.methodName="google.iam.admin.v1.UpdateRole")""",
    "firewall-rule": """resource.type="gce_firewall_rule"
AND (protoPayload.methodName:"compute.firewalls.patch"
OR protoPayload.methodName:"compute.firewalls.insert"
OR protoPayload.methodName:"compute.firewalls.delete")""",
    "network-route": """resource.type="gce_route"
AND (protoPayload.methodName:"compute.routes.delete"
OR protoPayload.methodName:"compute.routes.insert")""",
    "network": """resource.type="gce_network"
AND (protoPayload.methodName:"compute.networks.insert"
OR protoPayload.methodName:"compute.networks.patch"
OR protoPayload.methodName:"compute.networks.delete"
OR protoPayload.methodName:"compute.networks.removePeering"
OR protoPayload.methodName:"compute.networks.addPeering")""",
    "bucket-permission": 'resource.type="gcs_bucket"\n'
    'AND protoPayload.methodName="storage.setIamPermissions"',
    "database-configuration": 'protoPayload.methodName="cloudsql.instances.update"',
}


def _sink(project: str, name: str, destination: str, log_filter: str, **extra: Any) -> dict[str, Any]:
    """A LogSink as ``sinks.list`` returns it."""
    return {
        "name": name,
        "resourceName": f"projects/{project}/sinks/{name}",
        "destination": destination,
        **({"filter": log_filter} if log_filter else {}),
        "writerIdentity": "serviceAccount:service-418276350912@gcp-sa-logging.iam.gserviceaccount.com",
        "createTime": "2024-05-01T10:00:00.000000Z",
        "updateTime": "2024-05-01T10:00:00.000000Z",
        **extra,
    }


def _metric(project: str, name: str, log_filter: str) -> dict[str, Any]:
    """A LogMetric as ``metrics.list`` returns it (a counter)."""
    return {
        "name": name,
        "resourceName": f"projects/{project}/metrics/{name}",
        "filter": log_filter,
        "metricDescriptor": {
            "name": f"projects/{project}/metricDescriptors/logging.googleapis.com/user/{name}",
            "metricKind": "DELTA",
            "valueType": "INT64",
            "unit": "1",
            "type": f"logging.googleapis.com/user/{name}",
        },
        "createTime": "2024-05-02T10:00:00.000000Z",
        "updateTime": "2024-05-02T10:00:00.000000Z",
    }


def _alert(project: str, name: str, metrics: list[str], enabled: bool = True) -> dict[str, Any]:
    """An AlertPolicy with one threshold condition per user metric."""
    return {
        "name": f"projects/{project}/alertPolicies/{abs(hash(name)) % 10**19}",
        "displayName": name,
        "combiner": "OR",
        "enabled": enabled,
        "conditions": [
            {
                "name": f"projects/{project}/alertPolicies/1/conditions/{i}",
                "displayName": f"{metric} > 0",
                "conditionThreshold": {
                    "filter": 'resource.type = "global" AND '
                    f'metric.type = "logging.googleapis.com/user/{metric}"',
                    "comparison": "COMPARISON_GT",
                    "thresholdValue": 0,
                    "duration": "0s",
                    "aggregations": [{"alignmentPeriod": "60s", "perSeriesAligner": "ALIGN_COUNT"}],
                },
            }
            for i, metric in enumerate(metrics)
        ],
        "notificationChannels": [f"projects/{project}/notificationChannels/8812736455"],
    }


def _zone(
    project: str, name: str, dns_name: str, visibility: str, dnssec: dict[str, Any] | None
) -> dict[str, Any]:
    """A ManagedZone as ``managedZones.list`` returns it."""
    zone: dict[str, Any] = {
        "kind": "dns#managedZone",
        "name": name,
        "dnsName": dns_name,
        "id": str(abs(hash((project, name))) % 10**18),
        "creationTime": "2024-06-01T10:00:00.000Z",
        "visibility": visibility,
        "nameServers": [f"ns-cloud-a{i}.googledomains.com." for i in range(1, 5)],
    }
    if dnssec is not None:
        zone["dnssecConfig"] = {"kind": "dns#managedZoneDnsSecConfig", **dnssec}
    if visibility == "private":
        zone["privateVisibilityConfig"] = {
            "networks": [{"networkUrl": _link(project, "global/networks/prod-vpc")}]
        }
    return zone


def _dnssec(state: str, ksk: str, zsk: str) -> dict[str, Any]:
    return {
        "state": state,
        "nonExistence": "nsec3",
        "defaultKeySpecs": [
            {"keyType": "keySigning", "algorithm": ksk, "keyLength": 2048, "kind": "dns#dnsKeySpec"},
            {"keyType": "zoneSigning", "algorithm": zsk, "keyLength": 1024, "kind": "dns#dnsKeySpec"},
        ],
    }


def _key(ring: str, name: str, purpose: str, rotation: str | None, state: str | None) -> dict[str, Any]:
    """A CryptoKey as ``cryptoKeys.list`` returns it (asymmetric keys have no primary version)."""
    key: dict[str, Any] = {
        "name": f"{ring}/cryptoKeys/{name}",
        "purpose": purpose,
        "createTime": "2024-04-01T10:00:00.000000Z",
        "versionTemplate": {"protectionLevel": "SOFTWARE", "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION"},
        "destroyScheduledDuration": "2592000s",
    }
    if rotation:
        key["rotationPeriod"] = rotation
        key["nextRotationTime"] = "2027-01-01T00:00:00Z"
    if state:
        key["primary"] = {
            "name": f"{ring}/cryptoKeys/{name}/cryptoKeyVersions/1",
            "state": state,
            "protectionLevel": "SOFTWARE",
            "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
            "createTime": "2024-04-01T10:00:00.000000Z",
        }
    return key


def _dataset(project: str, name: str, access: list[dict[str, Any]], kms_key: str | None) -> dict[str, Any]:
    """A Dataset as ``datasets.get`` returns it."""
    item: dict[str, Any] = {
        "kind": "bigquery#dataset",
        "etag": "7Zx3Qw==",
        "id": f"{project}:{name}",
        "selfLink": f"https://bigquery.googleapis.com/bigquery/v2/projects/{project}/datasets/{name}",
        "datasetReference": {"datasetId": name, "projectId": project},
        "access": access,
        "creationTime": "1717236000000",
        "lastModifiedTime": "1717236000000",
        "location": "EU",
        "type": "DEFAULT",
    }
    if kms_key:
        item["defaultEncryptionConfiguration"] = {"kmsKeyName": kms_key}
    return item


def _table(project: str, dataset: str, name: str, kms_key: str | None) -> dict[str, Any]:
    """A Table as ``tables.get`` returns it (``view=BASIC``)."""
    item: dict[str, Any] = {
        "kind": "bigquery#table",
        "id": f"{project}:{dataset}.{name}",
        "tableReference": {"projectId": project, "datasetId": dataset, "tableId": name},
        "type": "TABLE",
        "creationTime": "1717236000000",
        "location": "EU",
    }
    if kms_key:
        item["encryptionConfiguration"] = {"kmsKeyName": kms_key}
    return item


def _api_key(
    project_number: str, uid: str, name: str, days: int, restrictions: dict[str, Any]
) -> dict[str, Any]:
    """A V2Key as ``keys.list`` returns it (no ``keyString``)."""
    return {
        "name": f"projects/{project_number}/locations/global/keys/{uid}",
        "uid": uid,
        "displayName": name,
        "createTime": _ago(days).replace(".000-00:00", ".000000Z"),
        "updateTime": _ago(days).replace(".000-00:00", ".000000Z"),
        "restrictions": restrictions,
        "etag": 'W/"k9Q="',
    }


def coverage_services(p: str, number: str) -> dict[str, Any]:
    """Violating and compliant pairs for KMS, DNS, logging, BigQuery, API keys and GKE in the prod project."""
    ring = f"projects/{p}/locations/europe-west1/keyRings/lz"
    cmek = f"{ring}/cryptoKeys/ar"
    metrics = [
        _metric(p, "ownership-changes", CIS_FILTERS["project-ownership"]),
        _metric(p, "firewall-changes", CIS_FILTERS["firewall-rule"]),
        _metric(p, "route-changes", CIS_FILTERS["network-route"]),
        # almost the CIS filter: misses the delete method, so it matches no class
        _metric(
            p,
            "network-changes",
            'resource.type="gce_network" AND protoPayload.methodName:"compute.networks.insert"',
        ),
    ]
    return {
        "services": [
            "compute.googleapis.com",
            "sqladmin.googleapis.com",
            "storage.googleapis.com",
            "logging.googleapis.com",
        ],
        "contacts": [],
        "access_approval": {"name": f"projects/{p}/accessApprovalSettings", "notificationEmails": []},
        "sinks": [
            # filtered: exports the audit logs only (CIS 2.2 wants one sink without a filter)
            _sink(
                p,
                "audit-to-gcs",
                "storage.googleapis.com/lz-audit-logs-7f3a",
                'logName:"cloudaudit.googleapis.com"',
            ),
            # no filter, but disabled: exports nothing
            _sink(p, "all-to-archive", "storage.googleapis.com/lz-log-archive-7f3a", "", disabled=True),
        ],
        "log_buckets": [
            {
                "name": f"projects/{p}/locations/global/buckets/_Required",
                "retentionDays": 400,
                "locked": True,
                "lifecycleState": "ACTIVE",
            },
            {
                "name": f"projects/{p}/locations/global/buckets/_Default",
                "retentionDays": 30,
                "lifecycleState": "ACTIVE",
            },
        ],
        "metrics": metrics,
        "alert_policies": [
            _alert(p, "ownership", ["ownership-changes"]),
            _alert(p, "firewall", ["firewall-changes"], enabled=False),
            _alert(p, "network", ["network-changes"]),
        ],
        "dns_zones": [
            _zone(p, "legacy-zone", "legacy.example.com.", "public", _dnssec("on", "rsasha1", "rsasha1")),
            _zone(p, "shop-zone", "shop.example.com.", "public", {"state": "off"}),
            _zone(p, "www-zone", "www.example.com.", "public", _dnssec("on", "rsasha256", "rsasha256")),
            _zone(p, "internal-zone", "corp.internal.", "private", None),
        ],
        "dns_policies": [
            {
                "kind": "dns#policy",
                "id": "4482937465102938",
                "name": "prod-dns-logging",
                "enableLogging": True,
                "enableInboundForwarding": False,
                "networks": [
                    {"networkUrl": _link(p, "global/networks/prod-vpc"), "kind": "dns#policyNetwork"}
                ],
            },
            {
                "kind": "dns#policy",
                "id": "4482937465102939",
                "name": "forwarding-only",
                "enableLogging": False,
                "enableInboundForwarding": True,
                "networks": [{"networkUrl": _link(p, "global/networks/my-vpc"), "kind": "dns#policyNetwork"}],
            },
        ],
        "kms_locations": ["global", "europe-west1"],
        "kms_key_rings": {
            "europe-west1": [{"name": ring, "createTime": "2024-04-01T09:00:00.000000Z"}],
            "global": [],
        },
        "kms_keys": {
            ring: [
                _key(ring, "ar", "ENCRYPT_DECRYPT", "7776000s", "ENABLED"),  # 90 days
                _key(ring, "sql", "ENCRYPT_DECRYPT", "34560000s", "ENABLED"),  # 400 days
                _key(ring, "logs", "ENCRYPT_DECRYPT", None, "ENABLED"),  # never rotated
                _key(ring, "old", "ENCRYPT_DECRYPT", None, "DISABLED"),  # disabled: not judged
                _key(ring, "signing", "ASYMMETRIC_SIGN", None, None),
                _key(ring, "partner", "ENCRYPT_DECRYPT", "2592000s", "ENABLED"),
            ]
        },
        "kms_iam": {
            f"{ring}/cryptoKeys/partner": {
                "bindings": [
                    {
                        "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                        "members": ["allAuthenticatedUsers"],
                    }
                ]
            },
            f"{ring}/cryptoKeys/ar": {
                "bindings": [
                    {
                        "role": "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                        "members": [
                            f"serviceAccount:service-{number}@gcp-sa-artifactregistry.iam.gserviceaccount.com"
                        ],
                    }
                ]
            },
        },
        "datasets": [
            _dataset(
                p,
                "analytics",
                [
                    {"role": "OWNER", "specialGroup": "projectOwners"},
                    {"role": "READER", "specialGroup": "allAuthenticatedUsers"},
                ],
                None,
            ),
            _dataset(
                p,
                "finance",
                [
                    {"role": "OWNER", "specialGroup": "projectOwners"},
                    {"role": "READER", "groupByEmail": "finance@example.com"},
                ],
                cmek,
            ),
        ],
        "tables": {
            "analytics": [_table(p, "analytics", "events", None), _table(p, "analytics", "sessions", None)],
            "finance": [_table(p, "finance", "ledger", cmek), _table(p, "finance", "invoices", cmek)],
        },
        "api_keys": [
            _api_key(
                number,
                "0c2a7f3e-6b1d-4a58-9e2f-1d3c5b7a9e01",
                "maps-frontend",
                400,
                {
                    "browserKeyRestrictions": {"allowedReferrers": ["https://shop.example.com/*"]},
                    "apiTargets": [{"service": "maps-backend.googleapis.com"}],
                },
            ),
            _api_key(number, "7f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f", "quick-test", 10, {}),
        ],
        "clusters": [gke_public_cluster(p), gke_private_cluster(p, number)],
    }


def gke_public_cluster(p: str) -> dict[str, Any]:
    """The older fields: public endpoint open to 0.0.0.0/0, legacy ABAC, basic auth, default node account."""
    zone = "us-central1-a"
    return {
        "name": "legacy-gke",
        "location": zone,
        "zone": zone,
        "selfLink": f"https://container.googleapis.com/v1/projects/{p}/zones/{zone}/clusters/legacy-gke",
        "network": "my-vpc",
        "subnetwork": "my-vpc",
        "currentMasterVersion": "1.29.8-gke.1031000",
        "status": "RUNNING",
        "endpoint": "203.0.113.10",
        "masterAuth": {
            "username": "admin",
            "password": "not-a-real-password",
            "clientCertificate": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
            "clusterCaCertificate": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t",
        },
        "masterAuthorizedNetworksConfig": {
            "enabled": True,
            "cidrBlocks": [{"displayName": "any", "cidrBlock": "0.0.0.0/0"}],
        },
        "legacyAbac": {"enabled": True},
        "addonsConfig": {"kubernetesDashboard": {}, "httpLoadBalancing": {}},  # the dashboard add-on on
        "loggingService": "logging.googleapis.com/kubernetes",
        "monitoringService": "monitoring.googleapis.com/kubernetes",
        "loggingConfig": {"componentConfig": {"enableComponents": ["SYSTEM_COMPONENTS", "WORKLOADS"]}},
        "databaseEncryption": {"state": "DECRYPTED"},
        "nodePools": [
            {
                "name": "default-pool",
                "config": {
                    "machineType": "e2-medium",
                    "serviceAccount": "default",
                    "imageType": "COS_CONTAINERD",
                    "shieldedInstanceConfig": {"enableIntegrityMonitoring": True},
                },
                "management": {"autoUpgrade": False, "autoRepair": True},
                "version": "1.29.8-gke.1031000",
                "status": "RUNNING",
            }
        ],
    }


def gke_private_cluster(p: str, number: str) -> dict[str, Any]:
    """The newer fields: private endpoint only, private nodes, Dataplane V2, Workload Identity, channel."""
    region = "europe-west1"
    return {
        "name": "prod-gke",
        "location": region,
        "selfLink": f"https://container.googleapis.com/v1/projects/{p}/locations/{region}/clusters/prod-gke",
        "network": "prod-vpc",
        "subnetwork": "prod-app",
        "currentMasterVersion": "1.30.5-gke.1014001",
        "addonsConfig": {"kubernetesDashboard": {"disabled": True}},
        "status": "RUNNING",
        "masterAuth": {"clusterCaCertificate": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"},
        "controlPlaneEndpointsConfig": {
            "ipEndpointsConfig": {
                "enabled": True,
                "enablePublicEndpoint": False,
                "authorizedNetworksConfig": {"enabled": True, "cidrBlocks": [{"cidrBlock": "10.0.0.0/8"}]},
                "privateEndpoint": "10.10.0.2",
            },
            "dnsEndpointConfig": {
                "endpoint": "gke-1a2b3c.europe-west1.gke.goog",
                "allowExternalTraffic": False,
            },
        },
        "networkConfig": {"defaultEnablePrivateNodes": True, "datapathProvider": "ADVANCED_DATAPATH"},
        "workloadIdentityConfig": {"workloadPool": f"{p}.svc.id.goog"},
        "shieldedNodes": {"enabled": True},
        "releaseChannel": {"channel": "REGULAR"},
        "binaryAuthorization": {"evaluationMode": "PROJECT_SINGLETON_POLICY_ENFORCE"},
        "loggingService": "logging.googleapis.com/kubernetes",
        "monitoringService": "monitoring.googleapis.com/kubernetes",
        "loggingConfig": {
            "componentConfig": {"enableComponents": ["SYSTEM_COMPONENTS", "APISERVER", "WORKLOADS"]}
        },
        "databaseEncryption": {
            "state": "ENCRYPTED",
            "keyName": f"projects/{p}/locations/{region}/keyRings/lz/cryptoKeys/gke",
        },
        "nodePools": [
            {
                "name": "apps",
                "config": {
                    "machineType": "e2-standard-4",
                    "serviceAccount": f"gke-nodes@{p}.iam.gserviceaccount.com",
                    "imageType": "COS_CONTAINERD",
                    "shieldedInstanceConfig": {"enableSecureBoot": True, "enableIntegrityMonitoring": True},
                    "workloadMetadataConfig": {"mode": "GKE_METADATA"},
                },
                "management": {"autoUpgrade": True, "autoRepair": True},
                "version": "1.30.5-gke.1014001",
                "status": "RUNNING",
            }
        ],
    }


def archive_bucket(p: str, number: str) -> dict[str, Any]:
    """The log archive bucket: a locked 10-year retention policy (the look-alike of lz-audit-logs)."""
    return {
        "kind": "storage#bucket",
        "id": "lz-log-archive-7f3a",
        "name": "lz-log-archive-7f3a",
        "selfLink": "https://www.googleapis.com/storage/v1/b/lz-log-archive-7f3a",
        "projectNumber": number,
        "location": "EUROPE-WEST1",
        "locationType": "region",
        "storageClass": "ARCHIVE",
        "metageneration": "2",
        "etag": "CAI=",
        "iamConfiguration": {
            "uniformBucketLevelAccess": {"enabled": True},
            "publicAccessPrevention": "enforced",
        },
        "versioning": {"enabled": True},
        "logging": {"logBucket": "lz-access-logs-7f3a", "logObjectPrefix": "archive"},
        "retentionPolicy": {
            "retentionPeriod": "315360000",
            "effectiveTime": "2024-05-01T10:00:00.000Z",
            "isLocked": True,
        },
    }


# An Artifact Registry CleanupPolicy (``cleanupPolicies`` maps its id to it): keep the 10 newest versions.
KEEP_RECENT = {"id": "keep-recent", "action": "KEEP", "mostRecentVersions": {"keepCount": 10}}


def base_images_repository(p: str) -> dict[str, Any]:
    """A Docker repository as it should be: immutable tags, scanning on, a cleanup policy, not public."""
    return {
        "name": f"projects/{p}/locations/europe-west1/repositories/base-images",
        "format": "DOCKER",
        "mode": "STANDARD_REPOSITORY",
        "description": "Hardened base images",
        "dockerConfig": {"immutableTags": True},
        "cleanupPolicies": {
            "delete-untagged": {
                "id": "delete-untagged",
                "action": "DELETE",
                "condition": {"tagState": "UNTAGGED"},
            },
            "keep-recent": KEEP_RECENT,
        },
        "vulnerabilityScanningConfig": {
            "enablementConfig": "INHERITED",
            "enablementState": "SCANNING_ACTIVE",
        },
        "createTime": "2024-04-05T08:00:00Z",
        "updateTime": "2024-04-05T08:00:00Z",
    }
