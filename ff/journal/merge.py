"""``ff merge``: bring ideas, iterations and status changes from other journals, by id.

Merging is idempotent: a record already here, unchanged, is left alone, so merging
the same journal twice adds nothing the second time. A record that exists on both
sides with different contents is a conflict: it is reported, and the copy here is
kept. An incoming iteration whose number is already taken by a different iteration
of the same idea gets the next free number (reported), since both are real tries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ff.journal.fileformat import read_journal_file
from ff.journal.records import DELETED, IDEAS, ITERATIONS, STATUS_CHANGES, Record, Tables
from ff.journal.transaction import Transaction, writing

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


def merge(path: Path, others: list[Path]) -> MergeReport:
    """Merge ``others`` into the journal at ``path`` in one locked write."""
    incoming = [(other, read_journal_file(other) or {}) for other in others]
    report = MergeReport()
    with writing(path) as tx:
        current: Tables = {name: dict(tx.table(name)) for name in TABLES}
        gone = dict(tx.table(DELETED))
        for _, theirs in incoming:
            _apply_deletions(tx, current, gone, theirs.get(DELETED, {}), report)
        for source, theirs in incoming:
            for name in TABLES:
                for key, record in theirs.get(name, {}).items():
                    if str(key) in gone:
                        continue  # deleted here or in another journal: stays deleted
                    _merge_one(tx, current, name, str(key), dict(record), source, report)
    return report


def _merge_one(
    tx: Transaction,
    current: Tables,
    name: str,
    key: str,
    record: Record,
    source: Path,
    report: MergeReport,
) -> None:
    ours = current[name].get(key)
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
        _free_number(current, record, source, report)
    record["id"] = key
    tx.put(name, record)
    current[name][key] = record
    report.added[name] += 1


def _free_number(current: Tables, record: Record, source: Path, report: MergeReport) -> None:
    siblings = [
        it for it in current[ITERATIONS].values() if it.get("idea_id") == record.get("idea_id")
    ]
    taken = {int(it.get("number", 0)) for it in siblings}
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


def _apply_deletions(
    tx: Transaction,
    current: Tables,
    gone: dict[str, Record],
    tombstones: dict[str, Record],
    report: MergeReport,
) -> None:
    """Records deleted in the other journal are deleted here too (ids only travel)."""
    for key, tombstone in tombstones.items():
        table = str(tombstone.get("table"))
        if key in current.get(table, {}):
            current[table].pop(key)
            tx.drop(table, [key])
            report.deleted += 1
        elif key not in gone:
            tx.put(DELETED, dict(tombstone), key=key)
        gone[key] = dict(tombstone)
