"""IAM v1: a project's service accounts, and each account's user-managed keys.

``projects.serviceAccounts.list`` is paged (``nextPageToken``). Keys are listed per
service account by API design (``projects.serviceAccounts.keys.list`` takes one
account and has no project-wide form); asking only for ``USER_MANAGED`` keys leaves
out the Google-managed signing keys that Google rotates itself.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import call, json_object, pages
from scanner.providers.gcp.settings import Settings

USER_MANAGED = "USER_MANAGED"


def service_accounts(settings: Settings, project: str) -> list[dict[str, Any]]:
    accounts = clients.iam_service_accounts(settings)

    def page(token: str | None) -> tuple[list[dict[str, Any]], str | None]:
        request = accounts.list(name=f"projects/{project}", pageToken=token)
        response = json_object(request.execute(num_retries=0), "serviceAccounts.list")
        return list(response.get("accounts", [])), response.get("nextPageToken") or None

    return pages(page)


def user_managed_keys(settings: Settings, account_name: str) -> list[dict[str, Any]]:
    """``account_name`` is the account's resource name, ``projects/P/serviceAccounts/EMAIL``."""
    keys = clients.iam_keys(settings)
    request = keys.list(name=account_name, keyTypes=[USER_MANAGED])
    return call(lambda: list(json_object(request.execute(num_retries=0), "keys.list").get("keys", [])))
