"""``ff merge``: bring ideas, iterations and status changes from other journals, by id.

Merging is idempotent: a record already here, unchanged, is left alone, so merging
the same journal twice adds nothing the second time. A record that exists on both
sides with different contents is a conflict: it is reported, and the copy here is
kept. An incoming iteration whose number is already taken by a different iteration
of the same idea gets the next free number (reported), since both are real tries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ff.journal.conflicts import about
from ff.journal.reading import read_journal_file
from ff.journal.records import (
    CONFLICTS,
    DELETED,
    IDEAS,
    ITERATIONS,
    STATUS_CHANGES,
    Record,
    Tables,
)
from ff.journal.transaction import Transaction, writing
from ff.light import dataclass, field

TABLES = (IDEAS, STATUS_CHANGES, ITERATIONS)
# Fields that may differ without being a change of the record itself.
_IGNORED = {ITERATIONS: {"number"}}


@dataclass
class MergeReport:
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    unchanged: int = 0
    deleted: int = 0  # records removed here because they were deleted in another journal
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    renumbered: list[dict[str, Any]] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
            "renumbered": self.renumbered,
        }


def _same(table: str, ours: Record, theirs: Record) -> bool:
    ignored = _IGNORED.get(table, set())
    return {k: v for k, v in ours.items() if k not in ignored} == {
        k: v for k, v in theirs.items() if k not in ignored
    }


def _differences(ours: Record, theirs: Record) -> list[str]:
    return sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))


@dataclass
class _Merging:
    """The journal being merged into, as it stands, and what is to be added to it."""

    current: Tables  # table -> record id -> record
    gone: dict[str, Record]  # deleted record ids -> tombstones
    numbers: dict[str, set[int]]  # idea id -> its iterations' numbers
    added: dict[str, list[Record]]
    dropped: dict[str, list[str]]
    tombstones: list[Record]


def merge(path: Path, others: list[Path]) -> MergeReport:
    """Merge ``others`` into the journal at ``path`` in one locked write. Every
    record of every other journal is read and checked before anything is written."""
    incoming = [(other, read_journal_file(other) or {}) for other in others]
    report = MergeReport()
    with writing(path) as tx:
        state = _start(tx)
        for _, theirs in incoming:
            _apply_deletions(state, theirs.get(DELETED, {}), report)
        for source, theirs in incoming:
            for name in TABLES:
                for key, record in theirs.get(name, {}).items():
                    if str(key) in state.gone:
                        continue  # deleted here or in another journal: stays deleted
                    _merge_one(state, name, str(key), dict(record), source, report)
        for table, ids in state.dropped.items():
            tx.drop(table, ids, remember=False)  # their own tombstones come with them
        _drop_notes(tx, set(state.gone))
        for table, records in state.added.items():
            tx.insert(table, records)
        tx.insert(DELETED, state.tombstones)
    return report


def _drop_notes(tx: Transaction, gone: set[str]) -> None:
    """Conflict notes (left by a merge through git) about deleted records go with them;
    so do notes deleted in the other journal (their ids come with its deletions)."""
    notes = tx.records(CONFLICTS)
    dropped = set(about(notes, gone)) | {str(n.get("id")) for n in notes if n.get("id") in gone}
    tx.drop(CONFLICTS, dropped, remember=False)


def _start(tx: Transaction) -> _Merging:
    current = {name: {str(r.get("id")): r for r in tx.records(name)} for name in TABLES}
    numbers: dict[str, set[int]] = {}
    for iteration in current[ITERATIONS].values():
        numbers.setdefault(str(iteration.get("idea_id")), set()).add(int(iteration["number"]))
    gone = {str(t.get("id")): t for t in tx.records(DELETED)}
    return _Merging(current, gone, numbers, {name: [] for name in TABLES}, {}, [])


def _merge_one(
    state: _Merging, name: str, key: str, record: Record, source: Path, report: MergeReport
) -> None:
    ours = state.current[name].get(key)
    if ours is not None:
        if _same(name, ours, record):
            report.unchanged += 1
        else:
            report.conflicts.append(
                {
                    "journal": str(source),
                    "table": name,
                    "id": key,
                    "fields": _differences(ours, record),
                }
            )
        return
    if name == ITERATIONS:
        _free_number(state, record, source, report)
    record["id"] = key
    state.added[name].append(record)
    state.current[name][key] = record
    report.added[name] += 1


def _free_number(state: _Merging, record: Record, source: Path, report: MergeReport) -> None:
    taken = state.numbers.setdefault(str(record.get("idea_id")), set())
    if int(record.get("number", 0)) in taken:
        new_number = max(taken) + 1
        report.renumbered.append(
            {
                "journal": str(source),
                "id": record.get("id"),
                "idea_id": record.get("idea_id"),
                "from": record.get("number"),
                "to": new_number,
            }
        )
        record["number"] = new_number
    taken.add(int(record["number"]))


def _apply_deletions(state: _Merging, tombstones: dict[str, Record], report: MergeReport) -> None:
    """Records deleted in the other journal are deleted here too (ids only travel), and
    remembered with the other journal's tombstone: the time it was deleted there."""
    for key, tombstone in tombstones.items():
        table = str(tombstone.get("table"))
        if key in state.current.get(table, {}):
            state.current[table].pop(key)
            state.dropped.setdefault(table, []).append(key)
            report.deleted += 1
        if key not in state.gone:
            state.tombstones.append({**tombstone, "id": key})
        state.gone[key] = dict(tombstone)
