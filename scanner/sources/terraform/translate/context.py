"""What a translator may ask about the other resources of the same scan.

A translator gets the resource it translates and a :class:`TfContext`: the
whole set of parsed resources, indexed once, so it can follow a reference
(``ctx.target(value, "google_compute_network")``) or gather the companion
resources that configure it (``ctx.companions(address, "google_storage_bucket_iam_member",
via="bucket")``). The context is read-only and built per scan: no global state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from scanner.inventory.model import Resource
from scanner.sources.terraform.model import UNKNOWN, ProviderConfig, Ref, TfResource, base_address

Translator = Callable[[TfResource, "TfContext"], Iterable[Resource]]
"""Resource type -> records: ``fn(res, ctx)`` yields zero or more inventory records."""

# Attributes whose literal values identify a resource when another resource names it
# by value instead of by reference (plan/state values, hand-written names in HCL).
IDENTITY_KEYS: tuple[str, ...] = ("id", "self_link", "arn", "name", "bucket", "repository")


class TfContext:
    """Lookup over every parsed resource of one scan."""

    def __init__(self, resources: Sequence[TfResource], providers: ProviderConfig | None = None) -> None:
        self.resources = list(resources)
        self.providers = providers or ProviderConfig()
        self._by_address: dict[str, list[TfResource]] = defaultdict(list)
        self._by_type: dict[str, list[TfResource]] = defaultdict(list)
        for res in self.resources:
            self._by_address[res.address].append(res)
            for other in {base_address(res.address), without_key(res.address)} - {res.address}:
                self._by_address[other].append(res)
            self._by_type[res.type].append(res)

    def get(self, address: str) -> TfResource | None:
        """The resource at ``address``; an address without instance key gives its first instance.

        An address with a key (``aws_s3_bucket.this[0]``) whose block was scanned as
        one record because its ``count``/``for_each`` is not known before apply
        (``aws_s3_bucket.this``) gives that record: it stands for every instance.
        """
        found = self._by_address.get(address)
        if not found and "[" in address:
            found = [r for r in self._by_address.get(without_key(address), ()) if r.index is UNKNOWN]
        return found[0] if found else None

    def of_type(self, *types: str) -> list[TfResource]:
        return [res for t in types for res in self._by_type.get(t, ())]

    def target(self, value: Any, *types: str) -> str | None:
        """The address of the resource ``value`` points at, if it is one of ``types``.

        ``value`` is a :class:`Ref` (HCL reference, plan ``references``) or a literal
        id / self link / ARN / name as found in plan and state values. A GCP self
        link matches with or without the ``https://www.googleapis.com/compute/v1/``
        prefix. ``None`` when nothing in the scan matches.
        """
        if isinstance(value, Ref):
            res = self.get(value.address)
            if res is not None and (not types or res.type in types):
                return res.address
            return None
        if not isinstance(value, str) or not value:
            return None
        wanted = _norm(value)
        for res in self.of_type(*types) if types else self.resources:
            if wanted in _identities(res):
                return res.address
        return None

    def companions(
        self, address: str, *types: str, via: str | Iterable[str] | None = None
    ) -> list[TfResource]:
        """Resources of ``types`` that configure the resource at ``address``.

        A candidate is joined when its attribute ``via`` (or any of several names,
        or any top-level attribute when ``via`` is ``None``) is a :class:`Ref` to
        ``address`` or a literal equal to one of the target's identifying values
        (id, self link, ARN, name, bucket).
        """
        target = self.get(address)
        if target is None:
            return []
        base = without_key(address)
        identities = _identities(target)
        keys = (via,) if isinstance(via, str) else tuple(via) if via is not None else None
        out = []
        for cand in self.of_type(*types):
            values = [cand.values.get(k) for k in keys] if keys is not None else list(cand.values.values())
            if any(_points_at(v, address, base, identities, target.index is UNKNOWN) for v in values):
                out.append(cand)
        return out


def without_key(address: str) -> str:
    """The address without its own instance key: ``module.m[0].x.y["k"]`` -> ``module.m[0].x.y``."""
    if not address.endswith("]"):
        return address
    start, depth, quoted, escaped = -1, 0, False, False
    for at, char in enumerate(address):  # keys are JSON: brackets inside quotes do not count
        if quoted:
            escaped, quoted = (not escaped and char == "\\"), quoted and (escaped or char != '"')
        elif char == '"':
            quoted = True
        elif char == "[":
            start = at if depth == 0 else start
            depth += 1
        elif char == "]":
            depth -= 1
    return address[:start] if start > 0 else address


def _norm(value: str) -> str:
    for prefix in ("https://www.googleapis.com/compute/v1/", "https://www.googleapis.com/compute/beta/"):
        if value.startswith(prefix):
            return value[len(prefix) :]
    return value


def _identities(res: TfResource) -> set[str]:
    return {_norm(v) for k in IDENTITY_KEYS if isinstance(v := res.values.get(k), str) and v}


def _points_at(value: Any, address: str, base: str, identities: set[str], unknown_instances: bool) -> bool:
    if isinstance(value, Ref):  # b["logs"] points at that instance only; a keyless reference at any
        if value.address in (address, base):
            return True
        # A target with unknown instances stands for all of them: this[0] is one of them.
        return unknown_instances and without_key(value.address) == base
    if isinstance(value, str):
        return _norm(value) in identities
    return False
