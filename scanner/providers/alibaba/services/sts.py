"""STS (2015-04-01): who the credentials are, and temporary credentials in a member account's role.

GetCallerIdentity needs no RAM permission and answers ``AccountId``, ``Arn``, ``IdentityType``.
AssumeRole answers ``Credentials`` (``AccessKeyId``, ``AccessKeySecret``, ``SecurityToken``,
``Expiration``) and ``AssumedRoleUser``; only the three key fields are returned from here, so
nothing else of the answer (and never the answer itself) travels further.
"""

from __future__ import annotations

from typing import Any

from alibabacloud_sts20150401 import models as m

from scanner.providers.alibaba.services.base import call, single

SESSION_NAME = "cloudscan"
SESSION_SECONDS = 3600  # the default maximum session of a RAM role; the minimum is 900


def caller_identity(client: Any) -> dict[str, Any]:
    body = call(client.get_caller_identity)
    return {k: body[k] for k in ("AccountId", "Arn", "IdentityType") if k in body}


def assume_role(client: Any, role_arn: str) -> tuple[str, str, str]:
    """``(access key id, secret, security token)`` for one session in the role."""
    request = m.AssumeRoleRequest(
        role_arn=role_arn, role_session_name=SESSION_NAME, duration_seconds=SESSION_SECONDS
    )
    credentials = single(client.assume_role, request).get("Credentials") or {}
    return (
        str(credentials.get("AccessKeyId") or ""),
        str(credentials.get("AccessKeySecret") or ""),
        str(credentials.get("SecurityToken") or ""),
    )
