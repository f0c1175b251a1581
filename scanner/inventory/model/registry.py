"""Container registries and the repositories in them."""

from __future__ import annotations

from typing import ClassVar, Literal

from scanner.inventory.model.base import Resource


class Registry(Resource, tag="registry", kw_only=True):
    """A container registry: an Alibaba ACR instance, an ECR private registry.

    * ``public_endpoint`` / ``endpoint_allowed_ranges``: the internet endpoint
      is on, and the ranges its ACL admits.
    * ``anonymous_pull``: images can be pulled without credentials.
    * ``scan_on_push``: new images are scanned for vulnerabilities.
    * ``scan_rule``: at least one scan rule (ACR EE ``ListScanRule``; ECR registry
      scanning rule) covers the repositories of the registry.
    * ``pushers`` / ``deleters`` / ``admins``: the principals (``user:NAME``, ``role:NAME``,
      ``group:NAME``) whose grants cover every repository of the registry: push images, delete
      repositories, every registry action. Derived from identity policies (ACR: RAM).
    * ``global_admins``: principals granted every registry action on every resource of every
      registry (RAM ``cr:*`` or ``*`` on ``*``), not only this one.
    """

    public_endpoint: bool | None = None
    endpoint_allowed_ranges: tuple[str, ...] = ()
    anonymous_pull: bool | None = None
    scan_on_push: bool | None = None
    scan_rule: bool | None = None
    pushers: tuple[str, ...] = ()
    deleters: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    global_admins: tuple[str, ...] = ()


class Repository(Resource, tag="repository", kw_only=True):
    """A repository in a registry: ACR repo, Artifact Registry repository, ECR repository.

    ``pushers`` lists the principals that may push; ``*`` or ``allUsers`` there
    means anyone may. ``deleters``: the principals that may delete it or its images;
    ``admins``: those that may do everything to it (Artifact Registry ``roles/artifactregistry.admin``;
    ACR every ``cr:`` action). Members are written as the cloud writes them (``user:alice@example.com``,
    ``serviceAccount:...``; ACR ``user:NAME``, ``role:NAME``, ``group:NAME`` for RAM identities).

    * ``format``: the package format in lower case (``docker``, ``maven``, ``npm`` ...).
    * ``public`` / ``anonymous_pull``: anyone may list or pull.
    * ``scan_on_push``: images are scanned when pushed.
    * ``vulnerability_scanning``: images are scanned continuously (Artifact Registry
      ``vulnerabilityScanningConfig`` not disabled and the scanning API on; ACR EE scan
      rule covering the repository; ECR enhanced scanning).
    * ``tag_immutability``: a tag, once pushed, cannot be moved to another image.
    * ``cleanup_policy``: old or untagged images are deleted by a cleanup or lifecycle policy.
    * ``encryption`` / ``kms_key``: encryption at rest and its customer key.
    """

    RELATIONS: ClassVar[dict[str, str]] = {"registry": "registry"}

    format: str | None = None
    public: bool | None = None
    anonymous_pull: bool | None = None
    pushers: tuple[str, ...] = ()
    deleters: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    scan_on_push: bool | None = None
    vulnerability_scanning: bool | None = None
    tag_immutability: bool | None = None
    cleanup_policy: bool | None = None
    encryption: Literal["none", "provider", "customer_key"] | None = None
    kms_key: str | None = None
