"""STS: who the credentials are, and temporary credentials in a member account's role."""

from __future__ import annotations

from typing import Any

from scanner.providers.aws.services import call

SESSION_NAME = "cloudscan"


def identity(client: Any) -> dict[str, Any]:
    found = call(client.get_caller_identity)
    return {k: found[k] for k in ("Account", "Arn", "UserId") if k in found}


def assume(client: Any, role_arn: str) -> dict[str, Any]:
    """Credentials for one hour (the shortest the role's maximum session always allows)."""
    return dict(
        call(
            lambda: client.assume_role(RoleArn=role_arn, RoleSessionName=SESSION_NAME, DurationSeconds=3600)
        )["Credentials"]
    )
