"""Journal storage that survives real use: many processes, crashes and kills.

TinyDB's own ``JSONStorage`` writes in place and lost data in every trial of
eight processes writing at once (shared/FACTS.md). ff keeps TinyDB's idea of a
JSON file of tables but writes it itself:

* a cross-process lock (a ``.lock`` file beside the journal) is held across
  each read-modify-write, and every write starts from a fresh read;
* each write goes to a temporary file in the same folder, is fsynced, replaces
  the journal with ``os.replace`` (atomic), and the folder is fsynced; the
  journal keeps its file mode, and temporary files left by a killed writer are
  removed by the next writer;
* records are keyed by their own UUID (ff.journal.Transaction), never by a
  counting id, so ids are never reused and two copies of a journal merge cleanly;
* reading never creates a file; a journal that is not valid JSON, or was made
  by a newer ff, is refused and left byte-for-byte as it was.

The file is JSON with one record per line, so that it diffs well in git, and
so that a write re-encodes only the records that changed (ff.journalfile): on a
journal of 100,000 iterations, encoding every record took 1.5 s a write.

Every change a command makes (an iteration and the idea's status, say) is
written in one atomic write, so a crash never leaves half a change.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ff.errors import JournalError
from ff.files import atomic_write, locked, remove_stale_temp_files
from ff.journal.fileformat import JournalFile, load


@contextlib.contextmanager
def open_for_writing(path: Path, lazy: frozenset[str]) -> Iterator[tuple[JournalFile, bool]]:
    """The journal as read under the lock, for one read-modify-write; also says if it
    is new. If the block ends without an error and changed the journal, it is written."""
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
        journal = load(path, lazy=lazy)
        changing = journal or JournalFile({})
        yield changing, journal is None
        if changing.changed:
            atomic_write(path, changing.chunks())
