"""Project IAM: one record per policy binding, and one per service account with its user-managed keys.

``admin`` is left unset: it marks a policy document that grants ``*`` on ``*``
(AWS, Alibaba Cloud), and Google Cloud roles are not such documents. The basic
roles that come closest (owner, editor) are marked ``primitive`` instead.

Service accounts become ``iam_principal`` records (``principal_type``
``service_account``). Their user-managed keys are the long-lived credentials:
``age_days`` counts whole days from the key's ``validAfterTime`` (when it was
created or uploaded) to ``now``, the collection time, passed in so the
function stays pure. A key is ``active`` unless it or its service account is
disabled: neither can authenticate while disabled. Google-managed keys are
left out (Google rotates them). Console access and MFA do not apply to
service accounts and are left unset.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from scanner.inventory.model import AccessKey, AuditTrail, IamBinding, IamPrincipal
from scanner.providers.gcp import link
from scanner.providers.gcp.link import BASIC_ROLES, PUBLIC_MEMBERS
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base


def bindings(raw: ProjectRaw) -> list[IamBinding]:
    if raw.project_iam is None:
        return []
    scope = f"projects/{raw.project}"
    out = []
    for binding in raw.project_iam.get("bindings", []) or []:
        role = binding["role"]
        condition = (binding.get("condition") or {}).get("title")
        binding_id = f"//cloudresourcemanager.googleapis.com/{scope}/bindings/{role}"
        if condition:
            binding_id += f"?condition={condition}"
        members = tuple(binding.get("members", []) or ())
        out.append(
            IamBinding(
                **base(
                    raw.project,
                    binding,
                    "cloudresourcemanager.projects.getIamPolicy",
                    id=binding_id,
                    name=f"{role} on {scope}",
                    region="",
                ),
                role=role,
                members=members,
                scope=scope,
                primitive=role in BASIC_ROLES,
                public=any(m in PUBLIC_MEMBERS for m in members),
            )
        )
    return out


def _parse_time(value: Any) -> datetime | None:
    """An RFC 3339 timestamp as the API writes it (``2023-01-15T10:20:30.123456789Z``), or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _days(earlier: datetime | None, now: datetime) -> int | None:
    if earlier is None:
        return None
    if earlier.tzinfo is None:
        earlier = earlier.replace(tzinfo=now.tzinfo)
    return max(0, (now - earlier).days)


def _key(raw: dict[str, Any], account_disabled: bool, now: datetime) -> AccessKey:
    created = raw.get("validAfterTime")
    return AccessKey(
        id=str(raw.get("name", "")).rsplit("/", 1)[-1],
        active=not raw.get("disabled", False) and not account_disabled,
        created_at=created,
        age_days=_days(_parse_time(created), now),
    )


def service_accounts(raw: ProjectRaw, now: datetime) -> list[IamPrincipal]:
    """One principal per service account, one per other member of the project IAM policy.

    A service account's ``roles`` are those its ``serviceAccount:`` member holds in
    the project policy; keys are unknown where their listing failed. Members that
    are not this project's service accounts (users, groups, domains, other
    projects' accounts) become principals with their roles only; public members
    are bindings' business (``iam_binding.public``), not principals.
    """
    roles = link.member_roles(raw.project_iam) if raw.project_iam is not None else {}
    roles_unknown = frozenset({"roles"}) if raw.project_iam is None else frozenset()
    out: list[IamPrincipal] = []
    own = set()
    for account in raw.service_accounts or []:
        own.add(f"serviceAccount:{account.get('email', '')}")
        name = account["name"]
        keys = raw.service_account_keys.get(name)
        disabled = bool(account.get("disabled", False))
        user_keys = [k for k in keys or [] if k.get("keyType", "USER_MANAGED") == "USER_MANAGED"]
        native = {**account, "keys": user_keys} if keys is not None else account
        out.append(
            IamPrincipal(
                **base(
                    raw.project,
                    native,
                    "iam.projects.serviceAccounts.list",
                    id=f"//iam.googleapis.com/{name}",
                    name=account.get("email") or name.rsplit("/", 1)[-1],
                    region="",
                ),
                principal_type="service_account",
                access_keys=tuple(_key(k, disabled, now) for k in user_keys),
                roles=roles.get(f"serviceAccount:{account.get('email', '')}", ()),
                unknown=(frozenset() if keys is not None else frozenset({"access_keys"})) | roles_unknown,
            )
        )
    scope = f"//cloudresourcemanager.googleapis.com/projects/{raw.project}"
    for member, held in roles.items():
        if member in own or member in PUBLIC_MEMBERS:
            continue
        out.append(
            IamPrincipal(
                **base(
                    raw.project,
                    {"member": member, "roles": list(held)},
                    "cloudresourcemanager.projects.getIamPolicy",
                    id=f"{scope}/members/{member}",
                    name=member.split(":", 1)[-1] if ":" in member else member,
                    region="",
                ),
                principal_type=_member_type(member),
                roles=held,
            )
        )
    return out


# IAM member prefixes -> principal types (``deleted:`` members keep their kind).
_MEMBER_TYPES = {"user": "user", "serviceAccount": "service_account", "group": "group", "domain": "group"}


def _member_type(member: str) -> Any:
    kind = member.removeprefix("deleted:").split(":", 1)[0]
    return _MEMBER_TYPES.get(kind, "group")


def audit_trails(raw: ProjectRaw) -> list[AuditTrail]:
    """The project's audit configuration (IAM policy ``auditConfigs``) as one audit_trail record."""
    if raw.project_iam is None:
        return []
    configs = raw.project_iam.get("auditConfigs", []) or []
    return [
        AuditTrail(
            **base(
                raw.project,
                {"auditConfigs": configs},
                "cloudresourcemanager.projects.getIamPolicy",
                id=f"//cloudresourcemanager.googleapis.com/projects/{raw.project}/auditConfigs",
                name=raw.project,
                region="",
            ),
            **link.audit_summary(raw.project_iam),
        )
    ]
