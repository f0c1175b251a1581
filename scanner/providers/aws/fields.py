"""The inventory fields this provider fills, per source ("filled by" in docs/fields.md).

Written from what the translators do, not by hand: tests/test_field_sources.py collects the
test fakes' landing zone through the live adapter and translates the suite's Terraform
snippets, and fails (rewriting this file) unless each kind lists exactly the fields that hold
a value in some record. The identity fields every record has are not listed. Each kind's
fields are one space-separated string.
"""

from __future__ import annotations

LIVE: dict[str, str] = {
    "bucket": (
        "access_logging encryption kms_key native public_access_blocked public_read public_write versioning"
    ),
    "database": "backups encrypted engine engine_version native public_endpoint relations ssl_required",
    "firewall_rule": (
        "action destination_ranges direction disabled group native ports protocol relations source_groups "
        "source_ranges targets"
    ),
    "iam_binding": "admin members native public role scope",
    "iam_principal": "admin console_access groups mfa native principal_type",
    "instance": "native private_ips public_ips relations security_groups tags",
    "network": "cidrs flow_logs is_default native tags",
    "password_policy": (
        "max_age_days min_length native require_lowercase require_numbers require_symbols require_uppercase"
    ),
    "registry": "anonymous_pull native scan_on_push",
    "repository": (
        "anonymous_pull encryption format native public pushers relations scan_on_push tag_immutability"
    ),
    "subnet": "cidr flow_logs native relations routes_to_internet tags",
}
TERRAFORM: dict[str, str] = {
    "bucket": (
        "access_logging encryption kms_key native public_access_blocked public_read public_write versioning"
    ),
    "database": (
        "backups encrypted engine engine_version native public_endpoint relations ssl_required unknown"
    ),
    "firewall_rule": (
        "action destination_ranges direction disabled group native ports protocol relations source_ranges "
        "targets unknown"
    ),
    "iam_binding": "admin members native public role scope unknown",
    "iam_principal": "admin console_access native principal_type unknown",
    "instance": "native public_ips",
    "network": "auto_subnets cidrs flow_logs is_default native",
    "password_policy": (
        "max_age_days min_length native require_lowercase require_numbers require_symbols require_uppercase "
        "reuse_prevention"
    ),
    "repository": "anonymous_pull encryption format native public pushers scan_on_push tag_immutability",
    "subnet": "cidr native relations routes_to_internet unknown",
}
