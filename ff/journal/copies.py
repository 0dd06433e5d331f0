"""A copy of the journal as read for comparing or merging: its records by their own ids.

Git hands ff three copies of a journal to merge (the ancestor, ours and theirs); ``ff
sync`` compares the journal before and after it pulls. Each copy is read as the
journal's storage reads it (a line per record, nothing decoded), indexed by each
record's id, and, for a side whose records may be written, every record checked
against its table's shape: a damaged copy is refused before anything is written.
A line found in both sides is decoded once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ff.errors import JournalError
from ff.journal.fileformat import ReadJournal, read
from ff.journal.mapped import Raw
from ff.journal.records import CONFLICTS, DELETED, IDEAS, ITERATIONS, STATUS_CHANGES, Record
from ff.journal.stored import Damaged, StoredRecord, decode
from ff.light import dataclass, field
from ff.memory import collector_paused

# The tables whose records are matched by their own id (the others, by content).
BY_ID = (IDEAS, STATUS_CHANGES, ITERATIONS, CONFLICTS, DELETED)
# Decoded records shared between copies: (table, line) -> record.
Decoded = dict[tuple[str, bytes], Record]


@dataclass
class Copy:
    """One copy of a journal: each table's records by id, with their document ids."""

    journal: ReadJournal | None  # None: no journal (an empty ancestor)
    by_id: dict[str, dict[str, tuple[str, Any]]] = field(default_factory=dict)
    decoded: Decoded = field(default_factory=dict)

    @property
    def raw(self) -> Raw | None:
        return self.journal.raw if self.journal is not None else None

    def ids(self, table: str) -> dict[str, tuple[str, Any]]:
        """Record id -> (document id, record as stored)."""
        return self.by_id.get(table, {})

    def stored(self, table: str, record_id: str) -> Any:
        found = self.by_id.get(table, {}).get(record_id)
        return found[1] if found is not None else None

    def plain(self, table: str, record_id: str) -> Record | None:
        """The record as a plain dict (shared: copy it before changing it)."""
        found = self.by_id.get(table, {}).get(record_id)
        return None if found is None else self.plain_of(table, found[0], found[1])

    def plain_of(self, table: str, doc_id: str, stored: Any) -> Record:
        if not isinstance(stored, StoredRecord):
            return stored  # type: ignore[no-any-return]  # read whole: a checked dict
        key = (table, stored.line.tobytes())
        record = self.decoded.get(key)
        if record is None:
            try:
                record = decode(table, stored.line)
            except Damaged as problem:
                assert self.journal is not None
                raise self.journal.damaged(table, doc_id, str(problem)) from None
            self.decoded[key] = record
        return record

    def other_tables(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """The tables of records without ids of their own (an analyst's, say)."""
        if self.journal is not None:
            for name, records in self.journal.tables.items():
                if name not in BY_ID:
                    yield name, records

    def tables(self) -> list[str]:
        return sorted(self.journal.tables) if self.journal is not None else []


def read_copy(path: Path, *, check: bool, decoded: Decoded | None = None) -> Copy:
    """The journal at ``path`` indexed by record id; ``check``: every record decoded
    and checked (``JournalError`` names the first damaged one). ``decoded`` is shared
    between copies, so a line both hold is decoded once."""
    journal = read(path, every_line=True)  # (a merge looks at every record's line)
    if journal is None:
        raise JournalError(f"There is no journal at {path}.", hint="Check the path.")
    copy = Copy(journal, {}, decoded if decoded is not None else {})
    with collector_paused():  # many small records, no cycles: see ff.memory
        for table in BY_ID:
            index: dict[str, tuple[str, Any]] = {}
            for doc_id, stored in journal.tables.get(table, {}).items():
                record_id = str(stored.get("id"))
                if record_id in index and table == DELETED:
                    continue  # the same deletion remembered twice: once is enough
                if record_id in index:
                    raise journal.damaged(
                        table,
                        doc_id,
                        f"its id {record_id} is also the id of record {index[record_id][0]}",
                    )
                index[record_id] = (doc_id, stored)
            copy.by_id[table] = index
        if check:
            for table, records in journal.tables.items():
                for doc_id, stored in records.items():
                    copy.plain_of(table, doc_id, stored)
    return copy


def empty_copy() -> Copy:
    """No journal: what an ancestor is when both sides added the file."""
    return Copy(None, {table: {} for table in BY_ID})
