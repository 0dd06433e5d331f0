"""Changing the journal: one read-modify-write under its lock, written in one go.

A command's changes are made through TinyDB's tables (insert, update, remove) on a
journal opened in a batch: nothing reaches the file until the ``writing`` block
ends without an error, and then everything does, in one atomic write. So a crash
never leaves half of a change (an idea without its status, say)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import where
from tinydb.table import Document

from ff.dates import iso, now_utc
from ff.journal.reading import idea_in, plain
from ff.journal.records import DELETED, Idea, Record
from ff.journal.storage import Journal, open_journal, tables_of


class Transaction:
    """The changes of one command, on the journal as read under the lock."""

    def __init__(self, db: Journal, path: Path) -> None:
        self.db = db
        self.path = path

    @property
    def created(self) -> bool:
        """Whether this change creates the journal."""
        return self.db.storage.created

    def records(self, table: str) -> list[Record]:
        """Every record of a table as it stands (its own dicts: change them only
        through ``put``)."""
        return [plain(r) for r in tables_of(self.db).get(table, {}).values()]

    def values(self, table: str, field: str) -> list[Any]:
        """One field of every record of a table (the fields every command looks at,
        such as ids and refs, are read without decoding the records)."""
        return [record.get(field) for record in tables_of(self.db).get(table, {}).values()]

    def ids(self, table: str) -> dict[str, int]:
        """Each record's own id, with its TinyDB document id."""
        return {
            str(record.get("id")): int(doc_id)
            for doc_id, record in tables_of(self.db).get(table, {}).items()
        }

    def idea(self, ref: str) -> Idea:
        """The idea ``ref`` names, assembled as it stands."""
        return idea_in(self.db, ref, self.path)

    def insert(self, table: str, records: Iterable[Mapping[str, Any]]) -> None:
        """Add new records (each keeps its own ``id``; TinyDB gives the document id)."""
        added = [dict(r) for r in records]
        if added:
            self.db.table(table).insert_multiple(added)

    def put(self, table: str, record: Mapping[str, Any]) -> None:
        """Add the record, or replace the one with its id, whole."""
        found = self.db.table(table).get(where("id") == record["id"])
        if not isinstance(found, Document):
            self.insert(table, [record])
            return
        replacement = dict(record)

        def replace(stored: Any) -> None:
            stored.clear()
            stored.update(replacement)

        self.db.table(table).update(replace, doc_ids=[found.doc_id])

    def drop(self, table: str, ids: Iterable[str], *, remember: bool = True) -> None:
        """Remove records, text and all, and remember their ids as deleted. Not
        ``remember``: the caller writes the tombstones (``ff merge`` keeps the other
        journal's, with the time the record was deleted there) or wants none."""
        gone = {str(i) for i in ids}
        if not gone:
            return
        documents = self.ids(table)
        found = [documents[i] for i in gone if i in documents]
        if found:
            self.db.table(table).remove(doc_ids=found)
        if remember:
            self.remember_deleted(table, gone)

    def remember_deleted(self, table: str, ids: Iterable[str]) -> None:
        """Tombstones for ``ids`` (ids only, never text), so that merging an older copy
        of the journal does not bring them back."""
        known = self.ids(DELETED)
        at = iso(now_utc())
        self.insert(
            DELETED, [{"id": i, "table": table, "at": at} for i in sorted(ids) if i not in known]
        )


@contextmanager
def writing(path: Path) -> Iterator[Transaction]:
    """One read-modify-write under the journal's lock, written when the block ends."""
    with open_journal(path, batch=True) as db:
        yield Transaction(db, path)
