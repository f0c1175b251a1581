"""Live to code: place a live resource at the ``.tf`` line of the Terraform address that manages it.

The state (``terraform show -json`` or ``terraform.tfstate``) records, for each
address, the cloud's ids of what it created: ``id``, ``self_link``, ``arn``.
A live record whose id matches one of them (after normalising) gets a copy with
``origin.file``/``line``/``address`` set, so its findings open on the code that
created it. Normalising: GCP URLs and relative names compare by their path from
``projects/`` on (``https://www.googleapis.com/compute/v1/projects/p/global/networks/n``
equals ``projects/p/global/networks/n``); a ``#N`` suffix (one of several records
of a firewall) is ignored. This is a pure step: records in, records out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import msgspec

from scanner.inventory.model import Origin, Resource
from scanner.sources.terraform.model import TfResource, base_address

ID_KEYS = ("id", "self_link", "arn")


def normalise(cloud_id: str) -> str:
    text = cloud_id.split("#", 1)[0].rstrip("/")
    at = text.find("projects/")
    return text[at:] if at > 0 and "://" in text[:at] else text


def state_index(state: Iterable[TfResource]) -> dict[str, TfResource]:
    """Normalised cloud id -> the state resource that manages it."""
    out: dict[str, TfResource] = {}
    for res in state:
        for key in ID_KEYS:
            value = res.values.get(key)
            if isinstance(value, str) and value:
                out.setdefault(normalise(value), res)
    return out


def link_live(
    records: Iterable[Resource],
    state: Iterable[TfResource],
    locations: Mapping[str, tuple[str, int]],
) -> tuple[list[Resource], int]:
    """Copies of ``records`` placed at their Terraform code; also how many were matched.

    ``locations`` maps base addresses to (file, line) from the source directory;
    a managed resource whose address is not found there still gets its address.
    """
    index = state_index(state)
    out: list[Resource] = []
    matched = 0
    for rec in records:
        res = index.get(normalise(rec.id))
        if res is None:
            out.append(rec)
            continue
        matched += 1
        file, line = locations.get(base_address(res.address), (None, None))
        origin = Origin(
            source=rec.origin.source, call=rec.origin.call, file=file, line=line, address=res.address
        )
        out.append(msgspec.structs.replace(rec, origin=origin))
    return out, matched
