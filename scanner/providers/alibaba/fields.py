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
        "alerted_changes native security_center_edition security_notifications_high unknown "
        "vulnerability_scan_scheduled"
    ),
    "address": "external in_use ip native relations status",
    "audit_trail": "all_regions all_services enabled event_types native relations",
    "bucket": (
        "access_logging allowed_source_ranges encryption https_only kms_key native public_access_blocked "
        "public_read public_write versioning"
    ),
    "database": (
        "allowed_networks audit_log audit_retention_days backups encrypted engine engine_version flags "
        "native public_endpoint relations ssl_required tde unknown"
    ),
    "disk": "attached boot created_days disk_type encryption kms_key native relations size_gb status",
    "disk_snapshot": "age_days automatic encryption native size_gb source_disk",
    "firewall_rule": (
        "action destination_ranges direction disabled group native ports priority protocol relations "
        "source_groups source_ranges targets unknown"
    ),
    "iam_binding": "admin members native public role scope",
    "iam_principal": (
        "access_keys admin console_access groups mfa native password_last_used_days principal_type"
    ),
    "instance": (
        "billed_while_stopped charge_type legacy_network native private_ips public_ips relations "
        "running_days security_agent security_groups state"
    ),
    "kms_key": "deletion_protection native origin_external purpose rotation_period_days state unknown",
    "kubernetes_cluster": (
        "authorized_networks authorized_networks_enabled control_plane_logging dashboard deletion_protection "
        "eni_multi_ip last_check_days logging monitoring native network_policy public_endpoint relations "
        "version version_supported workload_identity"
    ),
    "log_store": "native retention_days unknown",
    "network": "auto_subnets cidrs flow_logs is_default native",
    "node_pool": "auto_repair auto_upgrade image_type native public_ips relations",
    "password_policy": (
        "max_age_days max_login_attempts min_length native require_lowercase require_numbers require_symbols "
        "require_uppercase reuse_prevention"
    ),
    "registry": (
        "admins deleters endpoint_allowed_ranges global_admins native public_endpoint pushers scan_on_push "
        "scan_rule"
    ),
    "repository": "admins deleters format native public pushers relations tag_immutability",
    "subnet": "cidr flow_logs native relations routes_to_internet",
}
TERRAFORM: dict[str, str] = {
    "audit_trail": "all_regions all_services enabled event_types native relations unknown",
    "bucket": (
        "access_logging allowed_source_ranges encryption https_only native public_access_blocked public_read "
        "public_write versioning"
    ),
    "database": (
        "allowed_networks audit_log audit_retention_days encrypted engine engine_version flags native "
        "public_endpoint relations ssl_required tde unknown"
    ),
    "disk": "attached encryption kms_key native relations size_gb",
    "firewall_rule": (
        "action destination_ranges direction disabled group native ports priority protocol relations "
        "source_ranges targets unknown"
    ),
    "iam_binding": "admin members native public role unknown",
    "iam_principal": "admin console_access groups native principal_type unknown",
    "instance": "native public_ips relations unknown",
    "kms_key": "deletion_protection native origin_external purpose rotation_period_days state unknown",
    "kubernetes_cluster": (
        "control_plane_logging dashboard deletion_protection eni_multi_ip logging native network_policy "
        "public_endpoint unknown workload_identity"
    ),
    "log_store": "native retention_days",
    "network": "auto_subnets cidrs is_default native",
    "node_pool": "auto_upgrade native public_ips relations unknown",
    "password_policy": (
        "max_age_days max_login_attempts min_length native require_lowercase require_numbers require_symbols "
        "require_uppercase reuse_prevention unknown"
    ),
    "registry": (
        "admins deleters endpoint_allowed_ranges global_admins native public_endpoint pushers unknown"
    ),
    "repository": "admins deleters format native public pushers relations unknown",
    "subnet": "cidr native relations routes_to_internet unknown",
}
