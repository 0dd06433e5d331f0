"""Three-way merge: two copies of a journal that grew from one ancestor, made one.

This is what git asks of ff when two computers changed the same journal (ff is its
merge driver for journals: ``ff share merge-driver``). Records are matched by their
own ids, and the ancestor tells what each side did:

* a record added on one side is added;
* a record deleted on either side is deleted, even if the other side changed it
  (deletions win: what was deleted for privacy stays deleted), and so is every
  record of an idea deleted on either side;
* a record changed on one side takes the change; changed on both, it is merged field
  by field: a field changed on one side takes that change, corrections made on both
  sides are all kept, and a field changed differently on both keeps one value (the
  same on every computer, whichever side is "ours" and whatever order computers
  merge in: the greater as ordered by its JSON) while the other goes into a
  conflict note (ff.journal.conflicts) that ``ff show`` displays;
* iterations of an idea given the same number on both sides are renumbered: the one
  the ancestor had, else the one logged first, keeps it, the others take the next
  free numbers;
* tables ff does not know (an analyst's) are merged by their records' contents.

The two sides give the same records whichever is ours (only document ids differ:
they are storage keys), and merging the result again with either side changes
nothing. Ours keeps its document ids and its unchanged lines byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ff.errors import JournalError
from ff.files import atomic_write
from ff.journal.conflicts import (
    ABSENT,
    add_values,
    canonical,
    grown,
    idea_of,
    note_id,
    settled,
)
from ff.journal.copies import Copy
from ff.journal.laying import Kept, KeptRecord, laid_out
from ff.journal.lines import chunks
from ff.journal.records import CONFLICTS, DELETED, IDEAS, ITERATIONS, STATUS_CHANGES, Record
from ff.light import dataclass, field

RECORDS = (IDEAS, STATUS_CHANGES, ITERATIONS)
# Lists of corrections, kept as history: an iteration's ``edited`` (ff edit REF#N) and
# an idea's ``corrections`` (ff edit REF). Made on both sides, all are kept.
HISTORIES = ("edited", "corrections")
_MISSING = object()  # a field a version does not have


@dataclass
class ThreeWayReport:
    """What the merge did to ours: what came from the other side."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORDS, 0))
    changed: int = 0  # records of ours that took changes made on the other side
    deleted: int = 0  # records of ours deleted because the other side deleted them
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    renumbered: list[dict[str, Any]] = field(default_factory=list)
    refs: dict[str, str] = field(default_factory=dict)  # idea id -> ref, for messages


def merge_files(ancestor: Copy, ours: Copy, theirs: Copy, result: Path) -> ThreeWayReport:
    """Merge the copies and write the journal to ``result`` in one atomic write."""
    tables, report = merge(ancestor, ours, theirs)
    atomic_write(result, chunks(tables, ours.journal))
    return report


def merge(
    ancestor: Copy, ours: Copy, theirs: Copy
) -> tuple[dict[str, dict[str, Any]], ThreeWayReport]:
    """The merged journal's tables (document id -> record) and the report."""
    report = ThreeWayReport()
    tombstones = _tombstones(ours, theirs)
    kept: Kept = {}
    notes: dict[str, Record] = _notes(ancestor, ours, theirs, tombstones)
    for table in RECORDS:
        kept[table] = {}
        for record_id in _ids(ours, theirs, table):
            if record_id not in tombstones:
                _merge_record(ancestor, ours, theirs, table, record_id, kept, notes)
    _drop_records_of_deleted_ideas(kept, tombstones)
    _renumber(kept[ITERATIONS], ancestor, report)
    plain = {
        table: {key: k.record for key, k in records.items()} for table, records in kept.items()
    }
    kept[CONFLICTS] = {
        key: _kept(ours, CONFLICTS, key, note)
        for key, note in settled(notes.values(), plain).items()
    }
    kept[DELETED] = {key: _kept(ours, DELETED, key, t) for key, t in tombstones.items()}
    _count(ours, kept, report)
    report.refs = {key: str(k.record.get("ref")) for key, k in kept[IDEAS].items()}
    return laid_out(ancestor, ours, theirs, kept), report


# --------------------------------------------------------------------------- records


def _ids(ours: Copy, theirs: Copy, table: str) -> list[str]:
    """Ours' ids in ours' order, then theirs' new ones in theirs' order."""
    mine = ours.ids(table)
    return [*mine, *(key for key in theirs.ids(table) if key not in mine)]


def _kept(ours: Copy, table: str, record_id: str, record: Record) -> KeptRecord:
    """The record, written as ours' stored bytes when it is ours' record unchanged."""
    stored = ours.stored(table, record_id)
    if stored is not None:
        mine = ours.plain(table, record_id)
        if mine is record or canonical(mine) == canonical(record):
            return KeptRecord(stored, record)
    return KeptRecord(record, record)


def _same(a: Any, b: Any, ours: Copy, theirs: Copy, table: str, record_id: str) -> bool:
    line_a, line_b = getattr(a, "line", None), getattr(b, "line", None)
    if line_a is not None and line_b is not None and line_a == line_b:
        return True  # the same bytes: the same record, nothing decoded
    return canonical(ours.plain(table, record_id)) == canonical(theirs.plain(table, record_id))


def _merge_record(
    ancestor: Copy,
    ours: Copy,
    theirs: Copy,
    table: str,
    record_id: str,
    kept: Kept,
    notes: dict[str, Record],
) -> None:
    a, b = ours.stored(table, record_id), theirs.stored(table, record_id)
    in_ancestor = record_id in ancestor.ids(table)
    if a is None or b is None:
        if not in_ancestor:  # added on one side
            side = ours if a is not None else theirs
            kept[table][record_id] = _kept(ours, table, record_id, _plain(side, table, record_id))
        return  # else deleted on one side: deletions win over changes
    if _same(a, b, ours, theirs, table, record_id):
        kept[table][record_id] = KeptRecord(a, _plain(ours, table, record_id))
        return
    base = _ancestor_record(ancestor, table, record_id)
    mine, other = _plain(ours, table, record_id), _plain(theirs, table, record_id)
    merged, lost = merge_fields(base, mine, other)
    kept[table][record_id] = _kept(ours, table, record_id, merged)
    if lost:
        note = {
            "id": note_id(table, record_id, base),
            "table": table,
            "record_id": record_id,
            "idea_id": idea_of(table, merged),
            "fields": {name: [value] for name, value in lost.items()},
        }
        add_values(notes, note)


def _plain(copy: Copy, table: str, record_id: str) -> Record:
    record = copy.plain(table, record_id)
    assert record is not None
    return record


def _ancestor_record(ancestor: Copy, table: str, record_id: str) -> Record | None:
    """The ancestor's version; a damaged one counts as none (both sides then only
    agree where they are equal)."""
    try:
        return ancestor.plain(table, record_id)
    except JournalError:  # a damaged ancestor record: merged as if it were new
        return None


def merge_fields(
    base: Record | None, ours: Record, theirs: Record
) -> tuple[Record, dict[str, Any]]:
    """One record changed on both sides, merged field by field; also the values not
    kept, by field (``ABSENT`` for a field removed on that side)."""
    merged: Record = {}
    lost: dict[str, Any] = {}
    before = base or {}
    for name in sorted({*ours, *theirs, *before}):
        mine, other = ours.get(name, _MISSING), theirs.get(name, _MISSING)
        was = before.get(name, _MISSING)
        if _key(mine) == _key(other) or _key(other) == _key(was):
            value = mine
        elif _key(mine) == _key(was):
            value = other
        elif name in HISTORIES:  # corrections made on both sides: all kept, in time order
            value = _corrections(mine, other)
        elif name == "number":  # renumbered on a side: the later number (see _renumber)
            value = max(int(mine), int(other))
        else:
            value, loser = sorted((mine, other), key=_key, reverse=True)
            lost[name] = ABSENT if loser is _MISSING else loser
        if value is not _MISSING:
            merged[name] = value
    return merged, lost


def _key(value: Any) -> bytes:
    """How values are compared and ordered: by their JSON; a missing field first."""
    return b"" if value is _MISSING else canonical(value)


def _corrections(*lists: Any) -> list[Any]:
    found = {
        canonical(c): c
        for corrections in lists
        if isinstance(corrections, list)
        for c in corrections
    }
    return [found[key] for key in sorted(found, key=lambda k: (str(found[k].get("at")), k))]


# --------------------------------------------------------------------------- deletions


def _tombstones(ours: Copy, theirs: Copy) -> dict[str, Record]:
    """Every deletion either side knows of (one tombstone per id: the earliest)."""
    found: dict[str, Record] = {}
    for copy in (ours, theirs):
        for record_id in copy.ids(DELETED):
            tombstone = _plain(copy, DELETED, record_id)
            known = found.get(record_id)
            if known is None or _order(tombstone) < _order(known):
                found[record_id] = tombstone
    return found


def _order(tombstone: Record) -> tuple[str, bytes]:
    return str(tombstone.get("at")), canonical(tombstone)


def _drop_records_of_deleted_ideas(kept: Kept, tombstones: dict[str, Record]) -> None:
    """An iteration or status change one side added to an idea the other deleted goes
    too, and is remembered as deleted (its id only), as from the time it was made: a
    time that is the same whichever copy of the idea's deletion a merge meets first."""
    for table, made in ((STATUS_CHANGES, "at"), (ITERATIONS, "created")):
        for record_id, k in list(kept[table].items()):
            idea = tombstones.get(str(k.record.get("idea_id")))
            if idea is not None and idea.get("table") == IDEAS:
                del kept[table][record_id]
                at = str(k.record.get(made) or idea["at"])
                tombstones[record_id] = {"id": record_id, "table": table, "at": at}


# --------------------------------------------------------------------------- notes


def _notes(
    ancestor: Copy, ours: Copy, theirs: Copy, tombstones: dict[str, Record]
) -> dict[str, Record]:
    """Both sides' conflict notes: a note on both sides holds the values of both; one
    the ancestor had and a side no longer has was settled there, and stays settled."""
    notes: dict[str, Record] = {}
    for record_id in _ids(ours, theirs, CONFLICTS):
        if record_id in tombstones:
            continue
        sides = [c for c in (ours, theirs) if record_id in c.ids(CONFLICTS)]
        if len(sides) == 1 and record_id in ancestor.ids(CONFLICTS):
            continue
        for side in sides:
            add_values(notes, _plain(side, CONFLICTS, record_id))
    return notes


# --------------------------------------------------------------------------- numbers


def _renumber(iterations: dict[str, KeptRecord], ancestor: Copy, report: ThreeWayReport) -> None:
    """Give every iteration of an idea its own number. Where several share one, the
    ancestor's keeps it, else the earliest logged; the others, earliest first, take
    the numbers after the idea's highest."""
    by_idea: dict[str, dict[int, list[str]]] = {}
    for record_id, k in iterations.items():
        numbers = by_idea.setdefault(str(k.record.get("idea_id")), {})
        numbers.setdefault(int(k.record["number"]), []).append(record_id)
    for idea_id, numbers in by_idea.items():
        moving: list[str] = []
        for number, ids in numbers.items():
            if len(ids) > 1:
                ids.sort(key=lambda key: _seniority(iterations[key].record, ancestor, number))
                moving += ids[1:]
        free = max(numbers) + 1
        for record_id in sorted(moving, key=lambda key: _seniority(iterations[key].record)):
            record = iterations[record_id].record
            report.renumbered.append(
                {"id": record_id, "idea_id": idea_id, "from": record["number"], "to": free}
            )
            iterations[record_id] = KeptRecord(
                {**record, "number": free}, {**record, "number": free}
            )
            free += 1


def _seniority(record: Record, ancestor: Copy | None = None, number: int = 0) -> tuple[Any, ...]:
    had = ancestor is not None and _ancestor_number(ancestor, str(record["id"])) == number
    return (not had, str(record.get("created")), str(record["id"]))


def _ancestor_number(ancestor: Copy, record_id: str) -> int | None:
    found = _ancestor_record(ancestor, ITERATIONS, record_id)
    return None if found is None else int(found.get("number", 0))


# --------------------------------------------------------------------------- the report


def _count(ours: Copy, kept: Kept, report: ThreeWayReport) -> None:
    for table in RECORDS:
        mine = ours.ids(table)
        report.added[table] = sum(1 for key in kept[table] if key not in mine)
        report.deleted += sum(1 for key in mine if key not in kept[table])
        report.changed += sum(
            1
            for key, k in kept[table].items()
            if key in mine and k.stored is not ours.stored(table, key)
        )
    for key, k in kept[CONFLICTS].items():
        before = ours.plain(CONFLICTS, key) if key in ours.ids(CONFLICTS) else None
        known = before["fields"] if before is not None else {}
        added = grown(k.record["fields"], known)
        if added:
            table = str(k.record["table"])
            record = kept.get(table, {}).get(str(k.record["record_id"]))
            report.conflicts.append(
                {
                    "table": table,
                    "id": k.record["record_id"],
                    "idea_id": k.record["idea_id"],
                    "number": record.record.get("number") if record is not None else None,
                    "fields": added,
                }
            )
