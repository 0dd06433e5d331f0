"""ff's TinyDB storage: the journal opened as a TinyDB database, safe for real use.

TinyDB's own JSON storage writes the file in place and keeps no lock: with eight
processes writing at once, every trial ended with invalid JSON and most inserts lost,
and a kill mid-write left a corrupt file (13 kills in 100). Its maintainers leave
locking to the storage. ``JournalStorage`` is that storage:

* opened for writing, it holds the journal's cross-process lock (``<journal>.lock``)
  from open to close, so a read-modify-write is never interleaved with another's,
  and TinyDB's cached next document id stays true;
* every write goes to a temporary file in the same folder, is fsynced, replaces the
  journal with ``os.replace`` and fsyncs the folder, so a crash or a kill leaves the
  old journal or the new one, whole; the file keeps its mode, and temporary files a
  killed writer left are removed;
* in a batch (ff's own commands, ``batch=True``) the writes of one change are held
  and written once, at close, so a change is never half made; an error in a
  ``with`` block discards them;
* reading never creates a file; a damaged journal, or one from a newer ff, is
  refused and left byte for byte as it was;
* records are read lazily and unchanged lines are written back as they were read
  (ff.journal.fileformat), so a journal of 100,000 iterations stays quick.

Plain ``TinyDB(path)`` reads the same file; it must not write while ff may run.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from ff.errors import JournalError
from ff.files import FileLock, atomic_write, check_writable_file, remove_stale_temp_files
from ff.journal.fileformat import META, SCHEMA, ReadJournal, read
from ff.journal.lines import chunks
from ff.journal.records import Fields
from ff.journal.stored import OWNED, owners, owners_as_read


class JournalStorage(Storage):
    """A TinyDB storage for ff's journal file; see the module's docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        batch: bool = False,
        whole: bool = False,
        fields: Fields = "every",
    ):
        # A journal reached through a symbolic link (into a synced or git folder, say)
        # is written through the link, and locked beside the real file.
        self.path = Path(os.path.realpath(path))
        self.read_only = read_only
        self.batch = batch
        self.read_whole = False  # every record decoded at once (see ``_read``)
        self._lock: FileLock | None = None
        self._pending = False
        if not read_only:
            self._lock = _lock(self.path)
        try:
            self._journal: ReadJournal | None = self._read(whole, fields)
        except BaseException:
            self.close()
            raise
        self._tables: dict[str, Any] | None = None
        self._owned: dict[str, dict[str, list[str]]] = {}
        if self._journal is not None:
            self._tables = {META: {"1": {"schema": SCHEMA}}, **self._journal.tables}

    def _read(self, whole: bool, fields: Fields) -> ReadJournal | None:
        """The journal as read: its records kept as their lines (see ff.journal.stored);
        read-only and ``whole``, every record decoded at once when it can be (see
        ff.journal.bulk: a report's way), with the ``fields`` it reads."""
        if whole and self.read_only:
            from ff.journal.bulk import Unsure, read_whole

            try:
                journal = read_whole(self.path, fields=fields)
            except Unsure:
                return read(self.path)
            self.read_whole = journal is not None
            return journal
        return read(self.path, mapped=self.read_only)  # (large: mapped, see there)

    @property
    def created(self) -> bool:
        """Whether the journal did not exist when opened (the first write creates it)."""
        return self._journal is None

    def read(self) -> dict[str, Any] | None:
        return self._tables

    def owned_by(self, table: str, idea_id: str) -> list[int]:
        """The document ids of the records of ``table`` that belong to the idea: an
        index made once from the idea id read with each record, so that finding one
        idea's iterations among 100,000 asks no query of each record."""
        records = (self._tables or {}).get(table, {})
        as_read = self._unchanged(table, records)
        if as_read is not None and table in OWNED:
            # Their idea ids as read, compared in C (an index of 100,000 iterations
            # took 25 ms to make; this, 5 ms).
            same = map(idea_id.__eq__, owners_as_read(as_read))
            return [int(key) for key in itertools.compress(records, same)]
        if table not in self._owned:
            index: dict[str, list[str]] = {}
            for key, owner in zip(records, owners(records.values()), strict=True):
                found = index.get(owner)
                if found is None:
                    index[owner] = [key]
                else:
                    found.append(key)
            self._owned[table] = index
        return [int(key) for key in self._owned[table].get(idea_id, [])]

    def _unchanged(self, table: str, records: Mapping[str, Any]) -> list[Any] | None:
        """The records of ``table`` as read, if the table holds just those, none decoded
        since (and so unchanged)."""
        read = self._journal
        as_read = read.as_read(table, records) if read is not None else None
        if read is None or as_read is None or len(as_read) != len(records):
            return None
        return None if read.decoded_in(table) else as_read

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise JournalError(
                f"The journal {self.path} was opened read-only.",
                hint="Open it with open_journal(path) (not read_only) to change it.",
            )
        self._tables = data
        self._owned.clear()
        self._pending = True
        if not self.batch:
            self.flush()

    def flush(self) -> None:
        """Write what changed, in one atomic write."""
        if not self._pending or self._tables is None:
            return
        atomic_write(self.path, chunks(self._tables, self._journal))
        self._pending = False

    def discard(self) -> None:
        """Forget the writes held in this batch: nothing of them is written."""
        self._pending = False

    def close(self) -> None:
        try:
            self.flush()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None


def _check_writable(path: Path) -> None:
    """Refuse to replace a journal whose file may not be written (its mode says
    read-only, even to root, who may write anything), or that is not a regular file."""
    check_writable_file(path, "the journal", error=JournalError)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return
    if not found.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise JournalError(
            f"The journal {path} is read-only: ff will not change it.",
            hint="Ask whoever made it read-only, or make it writable (chmod u+w) first; "
            "commands that only read it (ideas, show, summary, export) still work.",
        )


def _lock(path: Path) -> FileLock:
    _check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalError(
            f"Cannot create the folder {path.parent}: {error.strerror}.",
            hint="Choose another journal with --journal or FF_JOURNAL.",
        ) from None
    lock = FileLock(path)
    remove_stale_temp_files(path)  # under the lock, no other writer is mid-write
    return lock


class _ByNumber(MutableMapping[int, Any]):
    """A table keyed by document ids as text, seen keyed by numbers, as TinyDB's
    updates expect it."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.table = table

    def __getitem__(self, key: int) -> Any:
        return self.table[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.table[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.table[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.table

    def __iter__(self) -> Iterator[int]:
        return (int(key) for key in list(self.table))

    def __len__(self) -> int:
        return len(self.table)

    def clear(self) -> None:  # at once, not one popitem at a time
        self.table.clear()


class JournalTable(Table):
    """TinyDB's table, changing the journal's records where they are. TinyDB's own
    copies the whole table twice for every change, turning each document id into a
    number and back (50 ms an insert into a journal of 100,000 iterations); this one
    gives the same updates a view of the table keyed by numbers."""

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read() or {}
        table = tables.get(self.name, {})
        updater(_ByNumber(table))  # type: ignore[arg-type]  # a MutableMapping, as used
        tables[self.name] = table
        self._storage.write(tables)
        self.clear_cache()


class Journal(TinyDB):
    """A journal opened as a TinyDB database with ff's storage.

    Use it in a ``with`` block: the lock is held until the block ends (ff's commands
    wait for it), and if the block raises, writes held in a batch are not made."""

    storage: JournalStorage
    table_class = JournalTable

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None and isinstance(self.storage, JournalStorage):
            self.storage.discard()
        if self._opened:
            self.close()


def open_journal(
    path: str | os.PathLike[str],
    *,
    read_only: bool = False,
    batch: bool = False,
    whole: bool = False,
    fields: Fields = "every",
) -> Journal:
    """The journal at ``path`` as a TinyDB database whose writes are as safe as ff's.

    ``read_only``: no lock is taken and nothing can be written (a snapshot: ff
    replaces the file whole, so a reader never sees half a write). ``batch``: the
    writes are made once, when the journal is closed. ``whole`` (read-only): every
    record decoded at once, as a report reads journals; then ``fields``: "known" for
    only the fields ff knows, "figures" for only what ``ff summary`` reads of each
    iteration (see ff.journal.records)."""
    return Journal(
        path,
        storage=JournalStorage,
        read_only=read_only,
        batch=batch,
        whole=whole,
        fields=fields,
    )


def tables_of(db: TinyDB) -> Mapping[str, Mapping[str, Any]]:
    """The journal's tables as its storage holds them (records not yet decoded), for
    commands that look at every record without changing them."""
    read = db.storage.read()
    return read or {}
