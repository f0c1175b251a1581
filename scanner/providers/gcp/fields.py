"""The inventory fields this provider fills, per source ("filled by" in docs/fields.md).

Written from what the translators do, not by hand: tests/test_field_sources.py collects the
test fakes' landing zone through the live adapter and translates the suite's Terraform
snippets, and fails (rewriting this file) unless each kind lists exactly the fields that hold
a value in some record. The identity fields every record has are not listed. Each kind's
fields are one space-separated string.
"""

from __future__ import annotations

LIVE: dict[str, str] = {
    "account": (
        "access_approval alerted_changes enabled_services essential_contacts log_sink_all_entries native "
        "os_login"
    ),
    "address": "external in_use ip native relations status",
    "api_key": "age_days api_restrictions application_restrictions native",
    "audit_trail": "all_services enabled event_types exempted_members native",
    "bucket": (
        "access_logging encryption kms_key log_destination native public_access_blocked public_read "
        "public_write retention_days retention_locked tags uniform_access versioning"
    ),
    "data_cluster": "encryption kms_key native tags",
    "database": (
        "allowed_networks backups encrypted engine engine_version flags native public_endpoint relations "
        "ssl_required"
    ),
    "dataset": "default_encryption default_kms_key native public tables_without_customer_key",
    "disk": "attached boot created_days disk_type encryption native relations size_gb status",
    "disk_snapshot": "age_days automatic encryption native size_gb source_disk",
    "dns_zone": "dns_name dnssec key_signing_algorithms logging native visibility zone_signing_algorithms",
    "firewall_rule": (
        "action direction disabled group native ports priority protocol relations source_ranges targets"
    ),
    "iam_binding": "members native primitive public role scope",
    "iam_principal": "access_keys native principal_type roles",
    "instance": (
        "block_project_ssh_keys confidential_computing default_service_account full_api_access ip_forwarding "
        "native network_tags os_login private_ips public_ips relations serial_port service_account "
        "shielded_vm state"
    ),
    "kms_key": "native origin_external public purpose rotation_period_days state",
    "kubernetes_cluster": (
        "authorized_networks authorized_networks_enabled basic_auth binary_authorization client_certificate "
        "control_plane_logging dashboard legacy_abac logging monitoring native network_policy private_nodes "
        "public_endpoint relations release_channel secrets_encryption shielded_nodes version "
        "workload_identity"
    ),
    "load_balancer": "logging native protocols scheme",
    "log_metric_alert": "alert_enabled change_class filter native notification_channels",
    "log_sink": "destination enabled filter native relations",
    "log_store": "native retention_days retention_locked",
    "network": "auto_subnets cidrs dns_logging is_default legacy native",
    "node_pool": (
        "auto_repair auto_upgrade default_service_account image_type integrity_monitoring metadata_concealed "
        "native public_ips relations secure_boot service_account version"
    ),
    "repository": (
        "admins anonymous_pull cleanup_policy deleters encryption format kms_key native public pushers "
        "tag_immutability vulnerability_scanning"
    ),
    "subnet": "cidr flow_logs native private_api_access relations routes_to_internet",
}
TERRAFORM: dict[str, str] = {
    "account": "log_sink_all_entries native unknown",
    "address": "external in_use native relations",
    "api_key": "api_restrictions application_restrictions native",
    "audit_trail": "all_services enabled event_types exempted_members native",
    "bucket": (
        "access_logging encryption log_destination native public_access_blocked public_read public_write "
        "retention_days retention_locked uniform_access unknown versioning"
    ),
    "data_cluster": "encryption native unknown",
    "database": (
        "allowed_networks backups encrypted engine engine_version flags native public_endpoint relations "
        "ssl_required"
    ),
    "dataset": "default_encryption native public tables_without_customer_key unknown",
    "disk": "attached encryption native relations size_gb unknown",
    "dns_zone": "dns_name dnssec key_signing_algorithms logging native visibility zone_signing_algorithms",
    "firewall_rule": (
        "action direction disabled group native ports priority protocol relations source_groups "
        "source_ranges targets unknown"
    ),
    "iam_binding": "members native primitive public role scope unknown",
    "iam_principal": "native principal_type roles unknown",
    "instance": (
        "block_project_ssh_keys confidential_computing default_service_account full_api_access ip_forwarding "
        "native os_login public_ips serial_port service_account shielded_vm unknown"
    ),
    "kms_key": "native origin_external public purpose rotation_period_days state unknown",
    "kubernetes_cluster": (
        "authorized_networks authorized_networks_enabled binary_authorization client_certificate "
        "deletion_protection legacy_abac logging monitoring native network_policy private_nodes "
        "public_endpoint release_channel secrets_encryption shielded_nodes unknown workload_identity"
    ),
    "load_balancer": "logging native protocols scheme",
    "log_sink": "destination enabled filter native relations",
    "log_store": "native retention_days retention_locked",
    "network": "auto_subnets is_default native unknown",
    "node_pool": (
        "auto_repair auto_upgrade default_service_account metadata_concealed native relations secure_boot "
        "service_account unknown"
    ),
    "repository": (
        "admins anonymous_pull cleanup_policy deleters encryption format native public pushers "
        "tag_immutability unknown vulnerability_scanning"
    ),
    "subnet": "cidr flow_logs native private_api_access relations routes_to_internet unknown",
}
