"""ECR Describe/Get calls: repositories, their policies and lifecycle policies, registry scanning."""

from __future__ import annotations

from typing import Any

from scanner.providers.aws.services import absent_on, call, pages, strip

NO_POLICY = frozenset({"RepositoryPolicyNotFoundException"})
NO_LIFECYCLE = frozenset({"LifecyclePolicyNotFoundException"})


def repositories(client: Any) -> list[dict[str, Any]]:
    return pages(client, "describe_repositories", "repositories")


def repository_policy(client: Any, name: str) -> str | None:
    return absent_on(NO_POLICY, lambda: client.get_repository_policy(repositoryName=name)["policyText"])


def lifecycle_policy(client: Any, name: str) -> str | None:
    return absent_on(
        NO_LIFECYCLE, lambda: client.get_lifecycle_policy(repositoryName=name)["lifecyclePolicyText"]
    )


def registry_scanning(client: Any) -> dict[str, Any]:
    return strip(call(client.get_registry_scanning_configuration))
