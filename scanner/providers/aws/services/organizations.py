"""Organizations: the Organization of the credentials and its member accounts (management account only)."""

from __future__ import annotations

from typing import Any

from scanner.providers.aws.services import call, pages


def organization(client: Any) -> dict[str, Any]:
    return dict(call(client.describe_organization)["Organization"])


def accounts(client: Any) -> list[dict[str, Any]]:
    return pages(client, "list_accounts", "Accounts")
