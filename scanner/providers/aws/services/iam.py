"""IAM Get/List calls: the credential report, the password policy, the account summary and the
authorization details (users, groups, roles, their inline and attached policies, in one paged call)."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from scanner.providers.aws.services import absent_on, call

NOT_READY = frozenset({"ReportInProgress", "ReportNotPresent", "ReportExpired"})
REPORT_WAIT = (1.0, 2.0, 3.0, 5.0, 5.0, 8.0, 10.0, 10.0)  # about 45 s, as long as a large account needs


def credential_report(client: Any, sleep: Callable[[float], None] = time.sleep) -> list[dict[str, str]]:
    """The credential report's rows: generated once (IAM reuses a report under four hours old),
    then read as soon as IAM has it ready."""
    call(client.generate_credential_report)
    for wait in (*REPORT_WAIT, None):
        try:
            content = call(client.get_credential_report)["Content"]
            break
        except ClientError as exc:
            code = (exc.response.get("Error") or {}).get("Code")
            if code not in NOT_READY or wait is None:
                raise
            if code != "ReportInProgress":  # none yet, or too old: ask for a new one
                call(client.generate_credential_report)
            sleep(wait)
    text = content.decode("utf-8") if isinstance(content, bytes) else str(content)
    return list(csv.DictReader(io.StringIO(text)))


def password_policy(client: Any) -> dict[str, Any] | None:
    """The account password policy, ``None`` when the account has none (IAM answers NoSuchEntity)."""
    return absent_on(
        frozenset({"NoSuchEntity"}), lambda: client.get_account_password_policy()["PasswordPolicy"]
    )


def account_summary(client: Any) -> dict[str, Any]:
    return dict(call(client.get_account_summary)["SummaryMap"])


AUTHORIZATION_KEYS = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")


def authorization_details(client: Any) -> dict[str, list[dict[str, Any]]]:
    """Users, groups, roles and customer managed policies with their documents, in one listing."""

    def listing() -> dict[str, list[dict[str, Any]]]:
        paginator = client.get_paginator("get_account_authorization_details")
        result = paginator.paginate(
            Filter=["User", "Group", "Role", "LocalManagedPolicy"]
        ).build_full_result()
        return {key: list(result.get(key, []) or []) for key in AUTHORIZATION_KEYS}

    return call(listing)
