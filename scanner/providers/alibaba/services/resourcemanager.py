"""Resource Manager (2020-03-31): the member accounts of the Resource Directory the credentials manage.

ListAccounts answers ``{"Accounts": {"Account": [...]}, "TotalCount", "PageNumber", "PageSize"}``
(``PageSize`` 1 to 100); each member carries ``AccountId``, ``DisplayName``, ``Status``, ``Type``,
``FolderId``, ``JoinMethod``. Only the management account of a Resource Directory (or a delegated
administrator) may call it.
"""

from __future__ import annotations

from typing import Any

from alibabacloud_resourcemanager20200331 import models as m

from scanner.providers.alibaba.services.base import paged


def list_accounts(client: Any) -> list[dict[str, Any]]:
    return paged(client.list_accounts, m.ListAccountsRequest, "Accounts", "Account")
