"""Who may do what: principals, grants, password rules, keys, and the account's own settings."""

from __future__ import annotations

from typing import Literal

from scanner.inventory.model.base import AccessKey, Resource


class IamPrincipal(Resource, tag="iam_principal", kw_only=True):
    """A RAM user or role, a GCP user, group or service account, an AWS IAM user or role, a root account.

    * ``console_access``: the principal can sign in to the console with a password.
    * ``mfa``: a second factor is enrolled.
    * ``admin``: it holds every action on every resource.
    * ``access_keys``: its long-lived user-managed keys (GCP: user-managed service
      account keys only, never Google-managed ones).
    * ``password_last_used_days``: days since its last console sign-in.
    * ``roles``: roles granted to it on the account scope (GCP project IAM policy
      roles, one principal per member named there; RAM/IAM attached policy names).
    * ``groups``: the names of the groups the user belongs to (Alibaba RAM: ListUsersForGroup
      per group, Terraform group memberships; AWS IAM: the user's ``GroupList``).
    """

    principal_type: Literal["user", "role", "service_account", "group", "root"] = "user"
    console_access: bool | None = None
    mfa: bool | None = None
    admin: bool | None = None
    access_keys: tuple[AccessKey, ...] = ()
    password_last_used_days: int | None = None
    roles: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()


class IamBinding(Resource, tag="iam_binding", kw_only=True):
    """A grant of a role or policy to members on a scope (project, account, resource).

    ``primitive`` marks GCP basic roles (owner/editor/viewer); ``admin`` marks a
    grant of every action on every resource; ``public`` marks members such as
    ``allUsers``/``allAuthenticatedUsers`` or a ``*`` principal. ``scope`` is
    ``project``, ``folder``, ``organization``, ``account`` or a resource id.
    """

    role: str
    members: tuple[str, ...] = ()
    scope: str | None = None
    primitive: bool | None = None
    admin: bool | None = None
    public: bool | None = None


class PasswordPolicy(Resource, tag="password_policy", kw_only=True):
    """The account password policy; ``None`` fields are not set by the provider.

    ``max_age_days`` is the password expiry (0 or ``None``: passwords never expire);
    ``reuse_prevention`` the number of earlier passwords that cannot be reused;
    ``max_login_attempts`` the failed sign-ins before a temporary lockout (0: never).
    """

    min_length: int | None = None
    require_uppercase: bool | None = None
    require_lowercase: bool | None = None
    require_numbers: bool | None = None
    require_symbols: bool | None = None
    max_age_days: int | None = None
    reuse_prevention: int | None = None
    max_login_attempts: int | None = None


class KmsKey(Resource, tag="kms_key", kw_only=True):
    """A customer-managed encryption key: Cloud KMS crypto key, Alibaba KMS key, AWS KMS key.

    * ``state``: ``enabled``, ``disabled``, ``pending_deletion`` or the provider's word in lower case.
    * ``purpose``: ``encrypt_decrypt`` (symmetric), ``sign_verify``, ``asymmetric_decrypt`` ...
      (rotation applies to symmetric keys only).
    * ``rotation_period_days``: automatic rotation interval; ``None`` when rotation is off.
    * ``public``: derived from its IAM policy: ``allUsers``/``allAuthenticatedUsers`` or ``*`` holds a role.
    * ``origin_external``: the key material was imported (BYOK), so the provider cannot rotate it.
    * ``deletion_protection``: the key cannot be scheduled for deletion.
    """

    state: str | None = None
    purpose: str | None = None
    rotation_period_days: int | None = None
    public: bool | None = None
    origin_external: bool | None = None
    deletion_protection: bool | None = None


class ApiKey(Resource, tag="api_key", kw_only=True):
    """An API key that authenticates calls without a principal: GCP API key (API Keys API).

    * ``age_days``: days since the key was created (or last rotated).
    * ``api_restrictions``: the APIs it may call; empty means every API.
    * ``application_restrictions``: it is limited to referrers, addresses or apps.
    """

    age_days: int | None = None
    api_restrictions: tuple[str, ...] = ()
    application_restrictions: bool | None = None


class Account(Resource, tag="account", kw_only=True):
    """The account itself and its account-wide settings: GCP project, Alibaba account, AWS account.

    One record per scanned account; fields are facts about the account, some derived
    from several resources by the link step.

    * ``enabled_services``: API services turned on (GCP ``serviceusage``; ``cloudasset.googleapis.com`` ...).
    * ``essential_contacts``: notification categories with an Essential Contact
      (``security``, ``technical``, ``legal``, ``suspension``, ``billing``, ``all``) on the
      project or an ancestor.
    * ``access_approval``: Access Approval is enrolled.
    * ``os_login``: project metadata ``enable-oslogin`` is true.
    * ``log_sink_all_entries``: derived: an enabled log sink exports every log entry (an empty filter).
    * ``alerted_changes``: derived: the change classes for which a log-based metric
      with the CIS filter has an enabled alert (``project_ownership``,
      ``audit_configuration``, ``custom_role``, ``firewall_rule``, ``network_route``,
      ``network``, ``bucket_permission``, ``database_configuration``, ``ram_role``,
      ``cloud_firewall``, ``unauthorized_api_call``, ``console_signin_without_mfa``,
      ``root_usage``, ``console_authentication_failure``, ``kms_key_deletion``,
      ``bucket_policy``). The collector maps each provider's filter to its class.
    * ``security_center_edition``: Alibaba Security Center edition in lower case
      (``basic``, ``advanced``, ``enterprise``, ``ultimate``, ``anti_virus``).
    * ``security_notifications_high``: high-risk Security Center items notify someone.
    * ``vulnerability_scan_scheduled``: scheduled vulnerability scans cover every server.
    """

    enabled_services: tuple[str, ...] = ()
    essential_contacts: tuple[str, ...] = ()
    access_approval: bool | None = None
    os_login: bool | None = None
    log_sink_all_entries: bool | None = None
    alerted_changes: tuple[str, ...] = ()
    security_center_edition: str | None = None
    security_notifications_high: bool | None = None
    vulnerability_scan_scheduled: bool | None = None
