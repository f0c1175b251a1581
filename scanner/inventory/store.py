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
        # Grouped by record type (a C-level look-up) rather than by the ``kind`` property (a
        # Python call per record), then named by each type's kind: the same lists, in order.
        by_type: dict[type[Resource], list[Resource]] = defaultdict(list)
        for resource in self._resources:
            by_type[type(resource)].append(resource)
        by_kind: dict[str, list[Resource]] = defaultdict(list)
        for cls, items in by_type.items():
            if cls.__struct_config__.tag not in by_kind:  # type: ignore[attr-defined]
                by_kind[cls.__struct_config__.tag] += items  # type: ignore[attr-defined]
            else:  # two types of one kind (a subclass): keep the inventory's order
                by_kind = self._by_kind_in_order()
                break
        by_id = {resource.id: resource for resource in self._resources}
        if len(by_id) != len(self._resources):
            raise ValueError(f"duplicate resource id {first_duplicate_id(self._resources)!r} in inventory")
        self._by_kind = {kind: tuple(items) for kind, items in by_kind.items()}
        self._by_id = by_id

    def _by_kind_in_order(self) -> dict[str, list[Resource]]:
        by_kind: dict[str, list[Resource]] = defaultdict(list)
        for resource in self._resources:
            by_kind[resource.kind].append(resource)
        return by_kind

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
