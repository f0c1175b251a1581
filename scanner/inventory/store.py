"""An inventory indexed for evaluation: by kind for policies, by id for relations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from scanner.inventory.model import Resource


def first_duplicate_id(resources: Sequence[Resource]) -> str | None:
    """The first id that a later record repeats, or ``None``: the check :class:`Inventory` makes.

    A snapshot is checked with this when it is read, without building the indexes
    it would throw away: the scan builds its one inventory from every source.
    """
    ids = {resource.id for resource in resources}
    if len(ids) == len(resources):
        return None
    seen: set[str] = set()
    for resource in resources:
        if resource.id in seen:
            return resource.id
        seen.add(resource.id)
    return None


class Inventory:
    """A read-only collection of resources with the two look-ups the engine needs.

    Ids are unique per inventory; a second record with the same id is rejected so
    that relations always resolve to exactly one resource.
    """

    __slots__ = ("_by_id", "_by_kind", "_resources")

    def __init__(self, resources: Iterable[Resource] = ()) -> None:
        self._resources: tuple[Resource, ...] = tuple(resources)
        by_kind: dict[str, list[Resource]] = defaultdict(list)
        by_id: dict[str, Resource] = {}
        for resource in self._resources:
            if resource.id in by_id:
                raise ValueError(f"duplicate resource id {resource.id!r} in inventory")
            by_id[resource.id] = resource
            by_kind[resource.kind].append(resource)
        self._by_kind = {kind: tuple(items) for kind, items in by_kind.items()}
        self._by_id = by_id

    def __iter__(self) -> Iterator[Resource]:
        return iter(self._resources)

    def __len__(self) -> int:
        return len(self._resources)

    @property
    def resources(self) -> tuple[Resource, ...]:
        return self._resources

    def of_kind(self, kind: str) -> tuple[Resource, ...]:
        return self._by_kind.get(kind, ())

    def get(self, resource_id: str) -> Resource | None:
        return self._by_id.get(resource_id)

    def kinds(self) -> dict[str, int]:
        return {kind: len(items) for kind, items in sorted(self._by_kind.items())}
