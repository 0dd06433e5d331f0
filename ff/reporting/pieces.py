"""A journal's ideas, each assembled from the journal's own records: the piece of a
report that one journal gives, made in whichever process reads the journal, and
gathered with the other journals' pieces by ff.reporting.collect."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ff.journal.reading import assembled, by_idea, plain
from ff.journal.records import IDEAS, ITERATIONS, STATUS_CHANGES, Record
from ff.light import dataclass

# What a report makes of an idea as it is gathered (see collect); None leaves it out.
Look = Callable[[Record], Any]


@dataclass
class Piece:
    """A journal's ideas, each assembled from the journal's own records (``piece_of``),
    to be gathered with the other journals' (and made in another process when there
    are many journals: see ff.reporting.parallel)."""

    name: str  # the journal's, as output names it
    ideas: list[tuple[str, str, Any, Any]]  # id, created, the idea as kept, its look
    left: dict[str, tuple[list[Any], list[Any]]]  # records of ideas it has not, by idea


def piece_of(
    tables: Mapping[str, Mapping[str, Any]],
    name: str,
    stored: Callable[[Record], Any],
    look: Look,
) -> Piece:
    """A journal's ideas assembled, as ``stored`` keeps them, and what ``look`` makes of each."""
    tries, changes = _by_idea(tables, ITERATIONS), _by_idea(tables, STATUS_CHANGES)
    ideas = []
    ordered = in_order(look)
    for key, record in tables.get(IDEAS, {}).items():
        own = plain(record)
        idea = {
            **assembled(own, tries.pop(key, []), changes.pop(key, []), in_order=ordered),
            "journals": [name],
        }
        ideas.append((key, str(own.get("created", "")), stored(idea), look(idea)))
    left = {
        key: (tries.get(key, []), changes.get(key, []))
        for key in [*tries, *(key for key in changes if key not in tries)]
    }
    return Piece(name, ideas, left)


def in_order(look: Look) -> bool:
    """Whether each idea's iterations are put in order (by number) as it is gathered: yes,
    unless ``look`` says not (a ``Looker`` for the CSV export, which puts each idea's in
    order as it writes them, just before its rows, where the records are in the
    processor's cache: each idea's records are met once out of the order they lie in,
    rather than twice. Timed in turn, the CSV of 100k took 910 ms rather than 1006
    (medians of 7), of 1M 9.6–10.0 s rather than 10.7–10.9, of 10k 136 ms rather
    than 139)."""
    return bool(getattr(look, "in_order", True))


def _by_idea(tables: Mapping[str, Mapping[str, Any]], name: str) -> dict[str, list[Any]]:
    """A table's records by the idea they belong to, in the table's order."""
    return by_idea(map(plain, tables.get(name, {}).values()))
