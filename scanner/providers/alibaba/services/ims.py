"""IMS (RAM's Identity Management Service API, 2019-08-15): the root (main) account's own credentials.

The RAM 2015-05-01 API describes RAM users only; the Alibaba Cloud account itself is
reported by two IMS calls without parameters, both authorised as ``ram:`` actions:

* ``GetAccountMFAInfo``: ``IsMFAEnable``, whether the account has an MFA device enabled;
* ``GetAccountSecurityPracticeReport``: ``AccountSecurityPracticeInfo.AccountSecurityPracticeUserInfo``,
  whose ``RootWithAccessKey`` is the number of AccessKey pairs of the account.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.alibaba.services.base import single


def get_account_mfa_info(client: Any) -> dict[str, Any]:
    return single(client.get_account_mfainfo)


def get_account_security_practice_report(client: Any) -> dict[str, Any]:
    return single(client.get_account_security_practice_report)
