"""The policy document behind an ``alicloud_ram_*_policy_attachment`` in Terraform code.

An attachment names its policy by ``policy_name`` and ``policy_type`` (``System`` or ``Custom``;
terraform-provider-alicloud, resource_alicloud_ram_user_policy_attachment.go and its group and role
siblings). A custom policy written in the same code is an ``alicloud_ram_policy`` whose document is
``policy_document`` (its deprecated spelling ``document``; name ``policy_name``, deprecated ``name``:
website/docs/r/ram_policy.html.markdown). The ``statement`` blocks deprecated since v1.49.0 are not
read: such a policy's document is ``UNKNOWN``. A system policy has no document in the code: only those whose
document Alibaba Cloud publishes are known here (:data:`SYSTEM_DOCUMENTS`); any other, a custom policy
defined outside the scanned code, and a document Terraform computes (a variable, a reference) are
``UNKNOWN``, so what depends on them is unknown rather than a guess.
"""

from __future__ import annotations

from typing import Any

from scanner.providers.alibaba.terraform.common import first_of
from scanner.sources.terraform.model import UNKNOWN, is_unknown
from scanner.sources.terraform.translate.common import policy_document
from scanner.sources.terraform.translate.context import TfContext

_EVERYTHING = {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

SYSTEM_DOCUMENTS: dict[str, dict[str, Any]] = {
    # Container Registry, "Attach system policies to a RAM user": AdministratorAccess gives "full
    # permissions on all Alibaba Cloud resources, including Container Registry".
    # https://www.alibabacloud.com/help/en/acr/user-guide/grant-ram-user-system-policy
    "AdministratorAccess": _EVERYTHING,
    # The same page gives both Container Registry system policies' documents.
    "AliyunContainerRegistryFullAccess": {
        "Version": "1",
        "Statement": [{"Action": "cr:*", "Effect": "Allow", "Resource": "*"}],
    },
    "AliyunContainerRegistryReadOnlyAccess": {
        "Version": "1",
        "Statement": [{"Action": ["cr:Get*", "cr:List*", "cr:Pull*"], "Effect": "Allow", "Resource": "*"}],
    },
}


def custom_policy(ctx: TfContext, name: Any) -> str | None:
    """The address of the ``alicloud_ram_policy`` that ``name`` (a reference or a literal name) is."""
    target = ctx.target(name, "alicloud_ram_policy")
    if target is None and isinstance(name, str):
        target = next(
            (
                p.address
                for p in ctx.of_type("alicloud_ram_policy")
                if first_of(p, "policy_name", "name") == name
            ),
            None,
        )
    return target


def attached_document(ctx: TfContext, name: Any, kind: Any) -> Any:
    """The document of the attached policy as a dict, or ``UNKNOWN`` when the code does not tell it."""
    target = custom_policy(ctx, name)
    if target is not None:
        policy = ctx.get(target)
        doc = policy_document(first_of(policy, "policy_document", "document")) if policy else UNKNOWN
        return doc if isinstance(doc, dict) else UNKNOWN
    if is_unknown(name) or is_unknown(kind) or not isinstance(name, str):
        return UNKNOWN
    if str(kind or "").lower() == "system":
        return SYSTEM_DOCUMENTS.get(name, UNKNOWN)
    return UNKNOWN
