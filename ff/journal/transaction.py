"""Changing the journal: one read-modify-write under its lock, written in one go."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ff.dates import iso, now_utc
from ff.journal.reading import one_idea
from ff.journal.records import DELETED, LAZY, Record

if TYPE_CHECKING:
    from ff.journal.fileformat import JournalFile


class Transaction:
    """Changes to the journal, made on the tables as read under the lock and written
    back in one atomic write when the ``writing`` block ends without an error (so a
    crash never leaves half of a change, such as an idea without its status)."""

    def __init__(self, journal: JournalFile, created: bool) -> None:
        self.journal = journal
        self.created = created

    def table(self, name: str) -> Mapping[str, Record]:
        """A table as it stands, changes included (empty if the journal has none)."""
        return self.journal.tables.get(name, {})

    def idea(self, ref: str, where: Path) -> Record:
        """The idea ``ref`` names, assembled as it stands."""
        return one_idea(self.journal, ref, where)

    def put(self, table: str, record: Record, key: str | None = None) -> None:
        """Add the record, or replace the one with its key (its id unless given), whole."""
        self.journal.table(table).put(str(record["id"] if key is None else key), record)

    def drop(self, table: str, ids: Iterable[str]) -> None:
        """Remove records, text and all, and remember their ids as deleted."""
        at = iso(now_utc())
        for record_id in ids:
            if table in self.journal.tables:
                self.journal.tables[table].drop(str(record_id))
            tombstone = {"id": str(record_id), "table": table, "at": at}
            self.journal.table(DELETED).put(str(record_id), tombstone)


@contextmanager
def writing(path: Path) -> Iterator[Transaction]:
    """One read-modify-write under the journal's lock."""
    from ff.journal.storage import open_for_writing

    with open_for_writing(path, LAZY) as (journal, created):
        yield Transaction(journal, created)
