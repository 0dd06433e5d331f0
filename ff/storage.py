"""Journal storage that survives real use: many processes, crashes and kills.

TinyDB's own ``JSONStorage`` writes in place and lost data in every trial of
eight processes writing at once (shared/FACTS.md). This module keeps TinyDB's
tables but replaces the storage:

* a cross-process lock (a ``.lock`` file beside the journal) is held across
  each read-modify-write, and every write starts from a fresh read;
* each write goes to a temporary file in the same folder, is fsynced, replaces
  the journal with ``os.replace`` (atomic), and the folder is fsynced; the
  journal keeps its file mode, and temporary files left by a killed writer are
  removed by the next writer;
* records are keyed by their own UUID (ff.journal.Transaction), never by TinyDB's
  counting id, so ids are never reused and two copies of a journal merge cleanly;
* reading never creates a file; a journal that is not valid JSON, or was made
  by a newer ff, is refused and left byte-for-byte as it was.

The file is JSON with one document per line, so that it diffs well in git.

TinyDB's table API writes the file once per operation; a command that changes
several records (an iteration and the idea's status, say) would then make
several writes, and a crash between them would leave half a change. So
ff.journal.Transaction changes the tables as read under the lock and writes
them back through this storage once.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

from ff.errors import JournalError
from ff.files import atomic_write, locked, remove_stale_temp_files
from ff.journalfile import read_journal_file, serialise


class JournalStorage(Storage):
    """TinyDB storage with atomic writes; the caller holds the lock for writes."""

    def __init__(self, path: Path, *, writable: bool = False) -> None:
        self.path = path
        self.writable = writable
        self._cache: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._cache is None:
            self._cache = read_journal_file(self.path)
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if not self.writable:
            raise JournalError(f"Internal error: tried to write {self.path} while reading it.")
        atomic_write(self.path, serialise(data))
        self._cache = data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def open_for_writing(path: Path) -> Iterator[tuple[TinyDB, bool]]:
    """A TinyDB for one read-modify-write under the lock; also says if the journal is new."""
    # A journal that is a symbolic link (into a synced or git folder, say) is written
    # through the link, and locked beside the real file, never replaced by a copy.
    path = Path(os.path.realpath(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalError(
            f"Cannot create the folder {path.parent}: {error.strerror}.",
            hint="Choose another journal with --journal or FF_JOURNAL.",
        ) from None
    with locked(path):
        remove_stale_temp_files(path)
        storage = JournalStorage(path, writable=True)
        tables = read_journal_file(path)
        storage._cache = tables or {}
        yield _tinydb(storage), tables is None


def _tinydb(storage: JournalStorage) -> TinyDB:
    return TinyDB(storage=lambda: storage)
