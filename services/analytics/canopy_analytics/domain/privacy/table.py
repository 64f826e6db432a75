"""The cells and relations of one suppression run in a canonical form: cells sorted by id and
numbered, relations de-duplicated and sorted, every relation checked against the data.

Working on the canonical form is what makes `suppress` depend only on *which* cells and
relations it gets, never on the order a query returned them in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from canopy_analytics.domain.privacy.model import CellId, CellStats, Relation

_ADDITIVE = ("walkthroughs", "ratings", "rating_sum", "at_or_above")


@dataclass(frozen=True)
class Table:
    ids: tuple[CellId, ...]  # sorted; a cell is its position here
    stats: tuple[CellStats, ...]
    relations: tuple[tuple[int, tuple[int, ...]], ...]  # (parent, children), sorted
    relations_of: tuple[tuple[int, ...], ...]  # cell -> the relations it takes part in

    @classmethod
    def build(cls, cells: Mapping[CellId, CellStats], relations: Sequence[Relation]) -> Table:
        ids = tuple(sorted(cells))
        position = {cell: i for i, cell in enumerate(ids)}
        canonical = sorted({_canonical(r, position) for r in relations})
        for relation in canonical:
            _check_sums(relation, ids, [cells[ids[i]] for i in (relation[0], *relation[1])])
        member_of: list[list[int]] = [[] for _ in ids]
        for index, (parent, children) in enumerate(canonical):
            for cell in (parent, *children):
                member_of[cell].append(index)
        return cls(
            ids=ids,
            stats=tuple(cells[cell] for cell in ids),
            relations=tuple(canonical),
            relations_of=tuple(tuple(m) for m in member_of),
        )


def _canonical(relation: Relation, position: Mapping[CellId, int]) -> tuple[int, tuple[int, ...]]:
    for cell in relation.cells:
        if cell not in position:
            raise ValueError(
                f"relation of {relation.parent} names cell {cell}, which is not among the cells; "
                "pass every cell a relation names (empty cells too, with zero counts)"
            )
    children = sorted(position[c] for c in relation.children)
    if len(set(children)) != len(children) or position[relation.parent] in children:
        raise ValueError(f"relation of {relation.parent} repeats a cell: {relation}")
    if not children:
        raise ValueError(f"relation of {relation.parent} has no children")
    return position[relation.parent], tuple(children)


def _check_sums(
    relation: tuple[int, tuple[int, ...]], ids: Sequence[CellId], stats: Sequence[CellStats]
) -> None:
    """Refuse data that contradicts a relation: the rule's guarantees rest on the relations
    being true, and a missing child (a cube cut short) is the usual cause."""
    parent, *children = stats
    for measure in _ADDITIVE:
        expected = getattr(parent, measure)
        parts = [getattr(child, measure) for child in children]
        if expected is None:
            continue
        if None in parts or expected != sum(parts):
            raise ValueError(
                f"cell {ids[relation[0]]}: {measure} is {expected} but its children in this "
                f"relation sum to {parts}; a relation must list every child that has data"
            )
    if children and not (
        max(c.teachers for c in children) <= parent.teachers <= sum(c.teachers for c in children)
    ):
        raise ValueError(
            f"cell {ids[relation[0]]}: distinct teachers must lie between its largest child's "
            "and the sum of its children's"
        )
