"""The identity every record shares, and the conventions every kind follows.

One record type per kind, shared by all providers, so that one policy covers every
cloud. Common identity fields live on :class:`Resource`; each kind (in the modules
beside this one) adds the normalised facts policies need. Whatever a provider
returns beyond that is kept verbatim under ``native`` so provider-specific policies can still reach it.

Conventions that policies rely on:

* ``None`` means the source did not report the value (not applicable, not returned).
* A field named in ``unknown`` has a value that cannot be known yet (a Terraform
  value known only after apply, an API call that was denied). Policies never fail
  a resource on an unknown value.
* Derived facts (``routes_to_internet``, ``public_read``, ``public_endpoint`` ...)
  are computed once by the source's translate or link step, never inside policies.
* Lists are tuples so records stay hashable and cannot be changed after loading.
* Ages and durations are whole days at collection time (``*_days``), so policies
  compare numbers and never read a clock.
* Each kind's docstring says what its fields mean (``field``: meaning).
* Records hold no reference cycles (they are trees of plain values), so they are
  declared ``gc=False``: the cyclic garbage collector never tracks or scans them,
  and each is 16 bytes smaller. Reference counting frees them as usual.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

import msgspec

Provider = Literal["alibaba", "gcp", "aws"]
PROVIDERS: tuple[str, ...] = ("alibaba", "gcp", "aws")


class Origin(
    msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True, gc=False
):
    """Where a record came from, so a finding can point at it.

    ``source`` is one of ``api`` (a live adapter), ``terraform``, ``snapshot`` or
    ``policy-test``. ``call`` names the API operation; ``file``/``line`` locate
    Terraform source; ``address`` is the Terraform resource address.
    """

    source: str
    call: str | None = None
    file: str | None = None
    line: int | None = None
    address: str | None = None


class PortRange(msgspec.Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """An inclusive port range; a single port has ``start == end``."""

    start: int
    end: int


class AccessKey(
    msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True, forbid_unknown_fields=True, gc=False
):
    """A long-lived API key of a principal; ages are whole days at collection time."""

    id: str
    active: bool = True
    created_at: str | None = None
    last_used_at: str | None = None
    age_days: int | None = None
    unused_days: int | None = None


class Resource(
    msgspec.Struct,
    frozen=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    tag_field="kind",
    gc=False,
):
    """Identity, relations and provenance shared by every kind.

    ``id`` is the cloud's own unique id (ARN, self link, acs id) or a Terraform
    address. ``relations`` maps a relation name (declared per kind in
    ``RELATIONS``) to the ids of related resources.
    """

    RELATIONS: ClassVar[dict[str, str]] = {}

    provider: Provider
    account: str
    id: str
    name: str
    origin: Origin
    region: str = "global"
    relations: dict[str, tuple[str, ...]] = {}
    tags: dict[str, str] = {}
    unknown: frozenset[str] = frozenset()
    native: dict[str, Any] = {}

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]

    def related(self, relation: str) -> tuple[str, ...]:
        return self.relations.get(relation, ())
