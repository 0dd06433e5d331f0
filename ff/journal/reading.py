"""Reading the journal: every idea assembled with its iterations and status history,
or only the one idea a command is about (found with TinyDB queries, so that only its
own records are decoded)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ff.errors import UsageError
from ff.journal.records import (
    CONFLICTS,
    DELETED,
    IDEAS,
    ITERATIONS,
    STATUS_CHANGES,
    Fields,
    Idea,
    IdeaRecord,
    IterationRecord,
    Record,
    StatusChange,
    Tables,
)
from ff.journal.refs import pick_idea
from ff.journal.stored import StoredRecord

if TYPE_CHECKING:
    from tinydb.table import Document

    from ff.journal.storage import Journal

# (TinyDB and ff's storage are imported where a journal is opened: a report reads its
# journals whole, with neither; see ff.journal.bulk.)


def plain(record: Any) -> Record:
    """A record as a plain dict: a stored record's own decoded dict (not a copy)."""
    if type(record) is dict:  # (read whole: asked 200,000 times by a large summary)
        return record
    return record.plain() if isinstance(record, StoredRecord) else cast(Record, record)


# What ``assembled`` adds to an idea's own record (and ``journals``, which reading
# many journals adds): never stored with the idea.
ASSEMBLED = ("status", "status_history", "iterations", "conflicts", "journals")


def assembled(
    idea: Mapping[str, Any],
    iterations: list[IterationRecord],
    changes: list[StatusChange],
    conflicts: list[Any] | None = None,
    *,
    whole: bool = True,
    in_order: bool = True,
) -> Idea:
    """The idea with its iterations (by number), its status and status history, and its
    conflict notes if it has any. The records are used as they are: callers that hand
    them out pass copies. Not ``whole``: the iterations as read, in the file's order,
    each decoded only if asked for. Not ``in_order``: the iterations in the order given,
    for a report that puts each idea's in order as it writes them (``in_number_order``)."""
    changes.sort(key=lambda c: str(c.get("at", "")))  # stable: same second keeps file order
    if whole and in_order:
        _by_number(iterations)
    made: dict[str, Any] = {
        **idea,
        "status": changes[-1]["status"] if changes else "checked",
        "status_history": changes,
        "iterations": iterations,
    }
    if conflicts:
        made["conflicts"] = sorted(conflicts, key=lambda note: str(note.get("id")))
    return cast(Idea, made)


def _by_number(iterations: list[IterationRecord]) -> None:
    """Iterations in order of number (then of when they were recorded). Records read
    from a journal always have both, as a number and a text: sorted by them as they
    are, which took a summary of 100,000 iterations a quarter of the time."""
    try:
        iterations.sort(key=_NUMBER_AND_CREATED)
    except (KeyError, TypeError):  # records made by hand, lacking one or of another type
        iterations.sort(key=lambda it: (int(it.get("number", 0)), str(it.get("created", ""))))


_NUMBER_AND_CREATED = operator.itemgetter("number", "created")


def in_number_order(iterations: list[IterationRecord]) -> list[IterationRecord]:
    """The iterations in the order ``assembled`` puts them in (a new list; in the order
    already, they are only looked over)."""
    ordered = list(iterations)
    _by_number(ordered)
    return ordered


def own_record(idea: Mapping[str, Any]) -> Record:
    """The idea's own record, as it is stored: without what ``assembled`` added, so that
    writing an assembled idea back never copies its history or notes into it."""
    return {key: value for key, value in idea.items() if key not in ASSEMBLED}


def newest_first(ideas: list[Any]) -> list[Any]:
    """Ideas newest first (ideas checked in the same second: last first)."""
    order = sorted(range(len(ideas)), key=lambda i: (str(ideas[i].get("created", "")), i))
    return [ideas[i] for i in reversed(order)]


def ideas_in(tables: Mapping[str, Mapping[str, Any]], *, whole: bool = True) -> list[Idea]:
    """Every idea, assembled, newest first. Its iterations and status changes are the
    tables' own records (not copies, which doubled the memory of a large summary).
    Not ``whole`` (a list that shows how many iterations each idea has): the iterations
    are decoded only if something asks for their fields, which halves the time
    ``ff ideas`` takes on a journal of 100,000."""
    grouped: dict[str, dict[str, list[Any]]] = {}
    for name in (ITERATIONS, STATUS_CHANGES, CONFLICTS):
        records = tables.get(name, {}).values()
        grouped[name] = by_idea(
            records if name == ITERATIONS and not whole else map(plain, records)
        )
    ideas = [plain(idea) for idea in tables.get(IDEAS, {}).values()]
    return [
        assembled(
            idea,
            grouped[ITERATIONS].get(str(idea.get("id")), []),
            grouped[STATUS_CHANGES].get(str(idea.get("id")), []),
            grouped[CONFLICTS].get(str(idea.get("id"))),
            whole=whole,
        )
        for idea in newest_first(ideas)
    ]


def by_idea(records: Iterable[Any]) -> dict[str, list[Any]]:
    """Records by the idea they belong to (their ``idea_id`` as text), in order."""
    groups: dict[str, list[Any]] = {}
    for record in records:
        owner = record.get("idea_id")
        found = groups.get(owner if type(owner) is str else str(owner))
        if found is None:
            groups[str(owner)] = [record]
        else:
            found.append(record)
    return groups


def ideas_of(db: Journal, *, whole: bool = True) -> list[Idea]:
    """Every idea of an open journal, assembled, newest first. Read from the storage's
    tables as they are, rather than through TinyDB's ``all()``, which would copy every
    record (a council's summary reads hundreds of thousands)."""
    from ff.journal.storage import tables_of

    return ideas_in(tables_of(db), whole=whole)


def all_ideas(path: Path, *, whole: bool = True) -> list[Idea]:
    """Every idea in the journal, newest first; a missing journal has none (and is not
    created). Not ``whole``: see ``ideas_in``. ``whole`` (every field of every record,
    for ``ff ideas --json``): the journal is read whole, a table at a time (see
    ff.journal.bulk), as reports read it: a journal of 10,000 iterations took 72 ms
    to read record by record so, and ``ff ideas --json`` 130 ms in all."""
    from ff.journal.storage import open_journal

    with open_journal(path, read_only=True, whole=whole) as db:
        return ideas_of(db, whole=whole)


def read_journal_file(path: Path, *, fields: Fields = "every") -> Tables | None:
    """Every table of the journal as plain records keyed by their own ids (the key that
    travels between copies of a journal), or None if there is no journal yet. Read
    whole when it can be (see ff.journal.bulk), else record by record. ``fields``
    other than "every": the records may hold only some of their fields (for a report:
    see ff.journal.records)."""
    from ff.journal.storage import open_journal, tables_of

    wanted = (IDEAS, ITERATIONS, STATUS_CHANGES, DELETED)
    with open_journal(path, read_only=True, whole=True, fields=fields) as db:
        if db.storage.read() is None:
            return None
        tables = tables_of(db)
        if not db.storage.read_whole:
            return {
                name: {str(record.get("id")): record for record in map(plain, records.values())}
                for name, records in tables.items()
                if name in wanted
            }
        # Read whole, every record is a dict of its shape, its id a text: keyed in C.
        return {
            name: dict(zip(map(_ID, records.values()), records.values(), strict=True))
            for name, records in tables.items()
            if name in wanted
        }


_ID = operator.itemgetter("id")


def idea_in(db: Journal, ref: str, where_read: Path) -> Idea:
    """The idea ``ref`` names, assembled; only its own iterations and history decoded."""
    from tinydb import where

    wanted = ref.strip().lower()
    ideas = db.table(IDEAS)
    found = ideas.search(where("ref") == wanted) if wanted else []
    if len(found) != 1:
        found = ideas.search(where("ref").test(_starts(wanted)) | where("id").test(_starts(wanted)))
    idea = pick_idea(newest_first(found), ref, where_read)
    idea_id = str(idea["id"])
    iterations = _owned(db, ITERATIONS, idea_id)
    changes = _owned(db, STATUS_CHANGES, idea_id)
    return assembled(
        cast(IdeaRecord, dict(idea)),
        [cast(IterationRecord, dict(it)) for it in iterations],
        [cast(StatusChange, dict(c)) for c in changes],
        [dict(note) for note in _owned(db, CONFLICTS, idea_id)],
    )


def _owned(db: Journal, table: str, idea_id: str) -> list[Document]:
    """The idea's records of ``table``, by the storage's index of their document ids."""
    records = db.table(table)  # one at a time: get(doc_ids=...) reads every record
    return [
        record for key in db.storage.owned_by(table, idea_id) if (record := records.get(doc_id=key))
    ]


def _starts(prefix: str) -> Any:
    """A TinyDB test: whether a field starts with ``prefix`` (lower case). Not
    ``refs.ref_matches``: one search of every idea with it, exact refs picked after,
    took a quarter longer than the exact search and these tests."""

    def starts(value: object) -> bool:
        return isinstance(value, str) and value.lower().startswith(prefix)

    return starts


def find_idea(path: Path, ref: str) -> Idea:
    """The idea ``ref`` names in the journal at ``path``."""
    from ff.journal.storage import open_journal

    with open_journal(path, read_only=True) as db:
        return idea_in(db, ref, path)


def pick_iteration(idea: Idea, number: int) -> IterationRecord:
    for iteration in idea["iterations"]:
        if iteration.get("number") == number:
            return cast(IterationRecord, dict(iteration))
    numbers = ", ".join(str(it["number"]) for it in idea["iterations"]) or "none yet"
    raise UsageError(
        f"Idea {idea['ref']} has no iteration {number}.",
        hint=f"Its iterations: {numbers}. See them with ff show {idea['ref']}.",
    )
