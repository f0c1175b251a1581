"""IAM v1: a project's service accounts, and each account's user-managed keys.

``projects.serviceAccounts.list`` is paged (``nextPageToken``). Keys are listed per
service account by API design (``projects.serviceAccounts.keys.list`` takes one
account and has no project-wide form); asking only for ``USER_MANAGED`` keys leaves
out the Google-managed signing keys that Google rotates itself.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.gcp import clients
from scanner.providers.gcp.services import call
from scanner.providers.gcp.settings import Settings

USER_MANAGED = "USER_MANAGED"


def service_accounts(settings: Settings, project: str) -> list[dict[str, Any]]:
    accounts = clients.iam_service_accounts(settings)

    def listing() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        request = accounts.list(name=f"projects/{project}")
        while request is not None:
            response = request.execute(num_retries=0)
            items.extend(response.get("accounts", []))
            request = accounts.list_next(request, response)
        return items

    return call(listing)


def user_managed_keys(settings: Settings, account_name: str) -> list[dict[str, Any]]:
    """``account_name`` is the account's resource name, ``projects/P/serviceAccounts/EMAIL``."""
    keys = clients.iam_keys(settings)
    request = keys.list(name=account_name, keyTypes=[USER_MANAGED])
    return call(lambda: list(request.execute(num_retries=0).get("keys", [])))
