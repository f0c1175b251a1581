"""google_* translators for the coverage kinds of issue #15: each a violating resource and a look-alike."""

from __future__ import annotations

from pathlib import Path

from tests.terraform_support import builtin_policies, findings, scan_hcl

PROVIDER = 'provider "google" {\n  project = "demo"\n  region  = "europe-west1"\n}\n'
BOOT = """
  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }
  network_interface {
    network = "default"
  }
"""
CODE = (
    """
resource "google_compute_project_metadata_item" "oslogin" {
  key   = "enable-oslogin"
  value = "TRUE"
}
resource "google_compute_instance" "bad" {
  name           = "bad"
  machine_type   = "e2-small"
  zone           = "europe-west1-b"
  can_ip_forward = true
  metadata = {
    enable-oslogin     = "FALSE"
    serial-port-enable = "true"
  }
"""
    + BOOT
    + """
  service_account {
    scopes = ["cloud-platform"]
  }
}
resource "google_compute_instance" "good" {
  name         = "good"
  machine_type = "n2d-standard-2"
  zone         = "europe-west1-b"
  metadata = {
    block-project-ssh-keys = "true"
  }
  boot_disk {
    source = google_compute_disk.csek.self_link
  }
  network_interface {
    network = "default"
    access_config {
      nat_ip = google_compute_address.used.address
    }
  }
  service_account {
    email  = "app@demo.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }
  shielded_instance_config {
    enable_secure_boot = true
  }
  confidential_instance_config {
    enable_confidential_compute = true
  }
}
resource "google_compute_disk" "csek" {
  name = "csek"
  zone = "europe-west1-b"
  size = 20
  disk_encryption_key {
    raw_key = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="
  }
}
resource "google_compute_disk" "plain" {
  name = "plain"
  zone = "europe-west1-b"
  size = 500
}
resource "google_compute_address" "used" {
  name = "used"
}
resource "google_sql_database_instance" "pg" {
  name             = "pg"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-custom-2-7680"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/p/global/networks/vpc"
      ssl_mode        = "ENCRYPTED_ONLY"
    }
    backup_configuration {
      enabled = true
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "off"
    }
  }
}
resource "google_kms_key_ring" "lz" {
  name     = "lz"
  location = "europe-west1"
}
resource "google_kms_crypto_key" "rotated" {
  name            = "rotated"
  key_ring        = google_kms_key_ring.lz.id
  rotation_period = "7776000s"
}
resource "google_kms_crypto_key" "yearly" {
  name            = "yearly"
  key_ring        = google_kms_key_ring.lz.id
  rotation_period = "31536000s"
}
resource "google_kms_crypto_key_iam_member" "anyone" {
  crypto_key_id = google_kms_crypto_key.yearly.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "allAuthenticatedUsers"
}
resource "google_dns_managed_zone" "weak" {
  name     = "weak"
  dns_name = "weak.example.com."
  dnssec_config {
    state = "on"
    default_key_specs {
      algorithm  = "rsasha1"
      key_length = 2048
      key_type   = "keySigning"
    }
    default_key_specs {
      algorithm  = "rsasha256"
      key_length = 1024
      key_type   = "zoneSigning"
    }
  }
}
resource "google_dns_managed_zone" "unsigned" {
  name     = "unsigned"
  dns_name = "unsigned.example.com."
}
resource "google_dns_managed_zone" "internal" {
  name       = "internal"
  dns_name   = "corp.internal."
  visibility = "private"
}
resource "google_project_iam_audit_config" "partial" {
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type         = "DATA_WRITE"
    exempted_members = ["user:alice@example.com"]
  }
}
resource "google_project_iam_audit_config" "complete" {
  project = "other"
  service = "allServices"
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
}
resource "google_bigquery_dataset" "open" {
  dataset_id = "open"
  location   = "EU"
  access {
    role          = "READER"
    special_group = "allAuthenticatedUsers"
  }
}
resource "google_bigquery_table" "events" {
  dataset_id = google_bigquery_dataset.open.dataset_id
  table_id   = "events"
}
resource "google_bigquery_dataset" "closed" {
  dataset_id = "closed"
  location   = "EU"
  default_encryption_configuration {
    kms_key_name = google_kms_crypto_key.rotated.id
  }
}
resource "google_bigquery_table" "ledger" {
  dataset_id = google_bigquery_dataset.closed.dataset_id
  table_id   = "ledger"
  encryption_configuration {
    kms_key_name = google_kms_crypto_key.rotated.id
  }
}
resource "google_apikeys_key" "open" {
  name         = "open"
  display_name = "open"
}
resource "google_apikeys_key" "maps" {
  name         = "maps"
  display_name = "maps"
  restrictions {
    api_targets {
      service = "maps-backend.googleapis.com"
    }
    browser_key_restrictions {
      allowed_referrers = ["https://shop.example.com/*"]
    }
  }
}
"""
)
RULES = {
    "instance.confidential-computing-disabled",
    "instance.default-service-account",
    "instance.default-service-account-full-access",
    "instance.ip-forwarding-enabled",
    "instance.os-login-disabled",
    "instance.project-ssh-keys-allowed",
    "instance.serial-port-enabled",
    "instance.shielded-vm-disabled",
}
EXPECTED = {
    *((rule, "google_compute_instance.bad") for rule in RULES),
    ("instance.public-ip", "google_compute_instance.good"),  # its access_config holds the reserved address
    ("disk.not-csek", "google_compute_disk.plain"),
    ("database.postgres-pgaudit-off", "google_sql_database_instance.pg"),
    ("database.postgres-log-disconnections-off", "google_sql_database_instance.pg"),
    ("database.postgres-log-duration-off", "google_sql_database_instance.pg"),
    ("database.postgres-log-statement", "google_sql_database_instance.pg"),
    ("kms.rotation-over-90-days", "google_kms_crypto_key.yearly"),
    ("kms.key-public", "google_kms_crypto_key.yearly"),
    ("dns-zone.rsasha1-key-signing", "google_dns_managed_zone.weak"),
    ("dns-zone.dnssec-disabled", "google_dns_managed_zone.unsigned"),
    ("audit-trail.gcp-audit-incomplete", "google_project_iam_audit_config.partial"),
    ("dataset.public", "google_bigquery_dataset.open"),
    ("dataset.no-default-cmek", "google_bigquery_dataset.open"),
    ("dataset.tables-without-cmek", "google_bigquery_dataset.open"),
    ("api-key.exists", "google_apikeys_key.open"),
    ("api-key.exists", "google_apikeys_key.maps"),
    ("api-key.not-restricted-to-apis", "google_apikeys_key.open"),
}


def test_coverage_kinds_from_terraform_yield_exactly_the_expected_findings(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, CODE)
    found = findings(records, builtin_policies())
    assert found == EXPECTED


def test_unknown_project_metadata_leaves_os_login_unknown(tmp_path: Path) -> None:
    code = 'resource "google_compute_instance" "vm" {\n  name = "vm"\n  machine_type = "e2-small"\n'
    code += '  zone = "europe-west1-b"\n' + BOOT + "}\n"
    vm = scan_hcl(tmp_path, PROVIDER, code)["google_compute_instance.vm"]
    assert "os_login" in vm.unknown and "serial_port" in vm.unknown
    assert (vm.default_service_account, vm.block_project_ssh_keys, vm.shielded_vm) == (False, False, False)


def test_a_disk_no_instance_in_the_code_uses_is_not_called_unattached(tmp_path: Path) -> None:
    records = scan_hcl(
        tmp_path,
        PROVIDER,
        'resource "google_compute_disk" "d" {\n  name = "d"\n  zone = "europe-west1-b"\n}\n',
    )
    assert "attached" in records["google_compute_disk.d"].unknown


GKE = """
resource "google_container_cluster" "legacy" {
  name               = "legacy"
  location           = "us-central1-a"
  enable_legacy_abac = true
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "0.0.0.0/0"
    }
  }
  master_auth {
    client_certificate_config {
      issue_client_certificate = true
    }
  }
  node_pool {
    name = "default-pool"
    node_config {
      machine_type = "e2-medium"
    }
  }
}
resource "google_container_cluster" "private" {
  name                = "private"
  location            = "europe-west1"
  datapath_provider   = "ADVANCED_DATAPATH"
  deletion_protection = true
  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = true
  }
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block = "10.0.0.0/8"
    }
  }
  workload_identity_config {
    workload_pool = "demo.svc.id.goog"
  }
  release_channel {
    channel = "REGULAR"
  }
  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }
  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/demo/locations/europe-west1/keyRings/lz/cryptoKeys/gke"
  }
}
resource "google_container_node_pool" "apps" {
  name     = "apps"
  cluster  = google_container_cluster.private.id
  location = "europe-west1"
  node_config {
    service_account = "gke-nodes@demo.iam.gserviceaccount.com"
    shielded_instance_config {
      enable_secure_boot = true
    }
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  management {
    auto_upgrade = true
    auto_repair  = true
  }
}
"""
GKE_EXPECTED = {
    *(
        (f"kubernetes.{rule}", "google_container_cluster.legacy")
        for rule in (
            "binary-authorization-disabled",
            "client-certificate-issued",
            "legacy-abac-enabled",
            "network-policy-disabled",
            "private-nodes-disabled",
            "public-endpoint",
            "public-endpoint-unrestricted",
            "secrets-not-encrypted",
            "workload-identity-disabled",
        )
    ),
    ("node-pool.default-service-account", "google_container_cluster.legacy#pool0"),
    ("node-pool.secure-boot-disabled", "google_container_cluster.legacy#pool0"),
}


def test_gke_from_terraform_public_cluster_vs_private_one(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, GKE)
    found = {
        f for f in findings(records, builtin_policies()) if f[0].startswith(("kubernetes.", "node-pool."))
    }
    assert found == GKE_EXPECTED
    assert records["google_container_node_pool.apps"].related("cluster") == (
        "google_container_cluster.private",
    )


IAM = """
resource "google_project_iam_member" "bob_admin" {
  project = "demo"
  role    = "roles/iam.serviceAccountAdmin"
  member  = "user:bob@example.com"
}
resource "google_project_iam_binding" "users" {
  project = "demo"
  role    = "roles/iam.serviceAccountUser"
  members = ["user:bob@example.com", "serviceAccount:ci@demo.iam.gserviceaccount.com"]
}
resource "google_project_iam_member" "kms_admin" {
  project = "demo"
  role    = "roles/cloudkms.admin"
  member  = "group:kms-admins@example.com"
}
"""


def test_roles_granted_by_different_resources_meet_on_one_principal(tmp_path: Path) -> None:
    records = scan_hcl(tmp_path, PROVIDER, IAM)
    principals = {r.name: r for r in records.values() if r.kind == "iam_principal"}
    assert principals["bob@example.com"].roles == (
        "roles/iam.serviceAccountAdmin",
        "roles/iam.serviceAccountUser",
    )
    found = {f for f in findings(records, builtin_policies()) if f[0].startswith("iam.")}
    assert ("iam.service-account-duties-not-separated", principals["bob@example.com"].id) in found
    assert not any(rid == principals["kms-admins@example.com"].id for _, rid in found)
