"""Project IAM policy bindings: one record per binding (role, condition) on the project.

``admin`` is left unset: it marks a policy document that grants ``*`` on ``*``
(AWS, Alibaba Cloud), and Google Cloud roles are not such documents. The basic
roles that come closest (owner, editor) are marked ``primitive`` instead.
"""

from __future__ import annotations

from scanner.inventory.model import IamBinding
from scanner.providers.gcp.link import BASIC_ROLES, PUBLIC_MEMBERS
from scanner.providers.gcp.raw import ProjectRaw
from scanner.providers.gcp.translate.common import base

# Google Cloud's basic (formerly "primitive") roles.


def bindings(raw: ProjectRaw) -> list[IamBinding]:
    if raw.project_iam is None:
        return []
    scope = f"projects/{raw.project}"
    out = []
    for binding in raw.project_iam.get("bindings", []) or []:
        role = binding["role"]
        condition = (binding.get("condition") or {}).get("title")
        binding_id = f"//cloudresourcemanager.googleapis.com/{scope}/bindings/{role}"
        if condition:
            binding_id += f"?condition={condition}"
        members = tuple(binding.get("members", []) or ())
        out.append(
            IamBinding(
                **base(
                    raw.project,
                    binding,
                    "cloudresourcemanager.projects.getIamPolicy",
                    id=binding_id,
                    name=f"{role} on {scope}",
                    region="",
                ),
                role=role,
                members=members,
                scope=scope,
                primitive=role in BASIC_ROLES,
                public=any(m in PUBLIC_MEMBERS for m in members),
            )
        )
    return out
