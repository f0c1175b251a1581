"""Plan and state JSON -> :class:`TfResource` records.

Accepted inputs, told apart by their keys:

* a plan, ``terraform show -json PLANFILE``: ``planned_values`` (what will exist
  after apply), with ``resource_changes[].change.after_unknown`` marking values
  known only after apply, and ``configuration`` giving the references of those
  values (so an unknown ``network`` still relates the firewall to its network);
* a state, ``terraform show -json`` (``values``), or a raw ``terraform.tfstate``
  (format version 4: ``resources[].instances[]``).

Anything else raises :class:`NotTerraformJson` (the CLI exits 2). Only managed
resources are read; data sources are not resources of the account.

Locations: the plan has no ``.tf`` lines. When the source directory is given
(``--terraform-source DIR``) each address is looked up in it; otherwise the
record points at the line of the plan JSON where the address first appears
(``terraform show -json`` writes one line, so that is line 1 of the file).

The parts: :mod:`.document` reads the JSON within the limits, :mod:`.shape`
checks each part as it is read, :mod:`.resources` makes the records (with
:mod:`.unknowns` for what only apply will know) and :mod:`.locations` says
where each record is shown.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from scanner.sources.terraform.model import ProviderConfig, TfResource
from scanner.sources.terraform.plan.document import parse_document
from scanner.sources.terraform.plan.locations import AddressLines, Locations, placer
from scanner.sources.terraform.plan.resources import (
    module_resources,
    plan_providers,
    plan_resources,
    raw_state_resources,
)
from scanner.sources.terraform.plan.shape import NotTerraformJson, Shape

__all__ = ["LoadedJson", "Locations", "NotTerraformJson", "load_json"]


@dataclass
class LoadedJson:
    resources: list[TfResource]
    providers: ProviderConfig
    kind: str  # "plan" | "state"


def load_json(text: str, shown: str, locations: Locations | None = None, root: str = "") -> LoadedJson:
    """Parse plan/state JSON text; ``shown`` is the file name used when no source location is known.

    A plan or state is one root module; its resources get ``root`` as their root label.
    """
    loaded = _load_json(text, shown, locations)
    if root:
        loaded.resources = [dataclasses.replace(r, root=root) for r in loaded.resources]
    return loaded


def _load_json(text: str, shown: str, locations: Locations | None) -> LoadedJson:
    doc = parse_document(text, shown)
    lines = AddressLines(text)
    place = placer(locations, lines, shown)
    shape = Shape(shown)
    if "planned_values" in doc or "resource_changes" in doc:
        return LoadedJson(list(plan_resources(doc, place, shape)), plan_providers(doc, shape), "plan")
    if isinstance(doc.get("values"), dict) and "root_module" in doc["values"]:
        root = shape.obj(doc["values"]["root_module"], "$.values.root_module")
        return LoadedJson(
            list(module_resources(root, "$.values.root_module", {}, {}, place, shape)),
            ProviderConfig(),
            "state",
        )
    if isinstance(doc.get("resources"), list) and "version" in doc:
        return LoadedJson(list(raw_state_resources(doc, place, shape)), ProviderConfig(), "state")
    if "format_version" in doc and "terraform_version" in doc:
        return LoadedJson([], ProviderConfig(), "state")  # an empty plan or state
    raise NotTerraformJson(
        f"{shown}: not a Terraform plan or state: expected the output of `terraform show -json` "
        "(planned_values / values) or a terraform.tfstate file"
    )
