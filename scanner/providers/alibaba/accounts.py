"""``--resource-directory``: which accounts to scan, and the credentials to scan each with.

The rules, in order:

1. ``sts:GetCallerIdentity`` (no RAM permission needed) says whose credentials these are.
   Keys the API rejects stop the scan (exit 2), as for one account.
2. ``resourcemanager:ListAccounts`` (paged) lists the members of the Resource Directory these
   credentials manage; only its management account or a delegated administrator may call it.
   When the call fails, or lists nobody, that is a recorded error and the credentials' own
   account is scanned alone, so the run still says something.
3. Every listed member is scanned, each as its own account (its own SARIF run and category).
   The credentials' own account is scanned with them as they are; every other member through
   ``sts:AssumeRole`` into ``acs:ram::<AccountId>:role/<member role>``, one one-hour session
   per member. A member whose role cannot be assumed (denied by the role's trust policy, no
   such role, an account that is not ready) is a recorded error for that account, with STS's
   own code, and the other members go on.

The temporary credentials live in a :class:`~.settings.StaticKeys` of that member's clients
only: they are never logged, printed or stored in the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from scanner.inventory.snapshot import CollectionError
from scanner.providers.alibaba.clients import Clients
from scanner.providers.alibaba.errors import error_info, is_invalid_key
from scanner.providers.alibaba.services import resourcemanager, sts
from scanner.providers.alibaba.settings import Settings, StaticKeys
from scanner.sources.live import CollectorError

HINT = " (run from the Resource Directory's management account or a delegated administrator)"


def role_arn(account: str, role: str) -> str:
    return f"acs:ram::{account}:role/{role}"


def _error(account: str, service: str, operation: str, code: str, message: str) -> CollectionError:
    return CollectionError(
        provider="alibaba", account=account, service=service, operation=operation, code=code, message=message
    )


@dataclass
class Directory:
    """The caller's own account (``None`` when unknown), the members to scan, and what went wrong."""

    own: str | None = None
    members: list[str] = field(default_factory=list)
    errors: list[CollectionError] = field(default_factory=list)


def discover(clients: Clients, home: str) -> Directory:
    """Rules 1 and 2 of the module docstring."""
    found = Directory()
    try:
        found.own = str(sts.caller_identity(clients.get("sts", home)).get("AccountId") or "") or None
    except Exception as exc:
        info = error_info(exc)
        if is_invalid_key(info):
            raise CollectorError(
                f"Alibaba Cloud rejected the access key ({info.code}): check ALIBABA_CLOUD_ACCESS_KEY_ID "
                "and ALIBABA_CLOUD_ACCESS_KEY_SECRET"
            ) from None
        found.errors.append(_error("unknown", "sts", "GetCallerIdentity", info.code, info.message))
    where = found.own or "unknown"
    try:
        listed = resourcemanager.list_accounts(clients.get("resourcemanager", home))
    except Exception as exc:
        info = error_info(exc)
        found.errors.append(_error(where, "resourcemanager", "ListAccounts", info.code, info.message + HINT))
        listed = []
    else:
        if not listed:
            empty = "the Resource Directory listed no member account" + HINT
            found.errors.append(_error(where, "resourcemanager", "ListAccounts", "NoAccounts", empty))
    ids = [str(a.get("AccountId")) for a in listed if _account_id(a.get("AccountId"))]
    found.members = sorted(dict.fromkeys(ids)) or ([found.own] if found.own else [])
    return found


def _account_id(value: Any) -> bool:
    return isinstance(value, str | int) and str(value).isdigit()


def member_settings(clients: Clients, settings: Settings, home: str, account: str) -> Settings:
    """The settings to scan ``account`` with: the member role's temporary keys (rule 3).

    Raises whatever AssumeRole raised; the caller records it for that account.
    """
    key_id, secret, token = sts.assume_role(
        clients.get("sts", home), role_arn(account, settings.member_role or "")
    )
    if not (key_id and secret and token):
        raise CollectorError("AssumeRole answered without complete credentials")
    return replace(settings, keys=StaticKeys(key_id, secret, token))


def assume_failed(account: str, role: str, exc: BaseException) -> CollectionError:
    info = error_info(exc)
    code = info.code if info.service_error else (info.code or "AssumeRoleFailed")
    message = f"cannot assume {role_arn(account, role)}: {info.message}; the account was not collected"
    return _error(account, "sts", "AssumeRole", code, message)
