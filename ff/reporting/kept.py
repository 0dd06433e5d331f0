"""Ideas kept while a council's journals are read for a report: held as they are, or,
when the journals are large, encoded into a temporary file and read back one by one
as the report is written. A million iterations held as records took 3 to 7 GB; the
file holds them in about the journals' own size, and memory only one at a time."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, overload

from ff.errors import FFError, UsageError
from ff.journal.records import Record

# Journals larger than this in all have their ideas kept in a temporary file. Held as
# records, the ideas take three to five times the journals' size: 128 MB of journals
# (about 180,000 iterations) is about half a gigabyte.
ON_DISK_OVER = 128 << 20


def on_disk_over() -> int:
    """The size of journals, in bytes, above which their ideas are kept on disk: the
    FF_REPORT_MEMORY setting (in megabytes) if given, else 128 MB."""
    given = os.environ.get("FF_REPORT_MEMORY", "").strip()
    if not given:
        return ON_DISK_OVER
    try:
        megabytes = float(given)
    except ValueError:
        raise UsageError(
            f"FF_REPORT_MEMORY={given!r} is not a number of megabytes.",
            hint="Set it to a number, e.g. FF_REPORT_MEMORY=128, or unset it.",
        ) from None
    return max(0, int(megabytes * (1 << 20)))


class Kept:
    """Where a report keeps its ideas: ``put`` gives a handle, ``get`` the idea back.
    In memory the handle is the idea itself; on disk, where its bytes are."""

    def __init__(self, on_disk: bool) -> None:
        self.on_disk = on_disk
        self._file: IO[bytes] | None = None
        self._size = 0
        self._unwritten = False
        self._last: tuple[Any, Record] | None = None  # the idea read last, and its handle

    def put(self, idea: Record) -> Any:
        return self.put_stored(self.stored(idea))

    def stored(self, idea: Record) -> Any:
        """The idea as it is kept: itself, or its bytes (made in any process)."""
        return encoded(idea) if self.on_disk else idea

    def unstored(self, stored: Any) -> Record:
        """The idea from ``stored`` (as ``stored`` made it)."""
        if not self.on_disk:
            return stored  # type: ignore[no-any-return]
        data, pickled = stored
        return _unpickled(data) if pickled else _decoder().decode(data)

    def put_stored(self, stored: Any) -> Any:
        """Keep the idea ``stored`` made; its handle."""
        if not self.on_disk:
            return stored
        data, pickled = stored
        handle = (self._size, len(data), pickled)
        self._opened().write(data)
        self._size += len(data)
        self._unwritten = True
        return handle

    def get(self, handle: Any) -> Record:
        if not self.on_disk:
            return handle  # type: ignore[no-any-return]
        if self._last is not None and self._last[0] is handle:
            return self._last[1]  # (a learning's idea is asked for twice in a row)
        start, size, pickled = handle
        stored = self._opened()
        if self._unwritten:
            stored.flush()
            self._unwritten = False
        data = os.pread(stored.fileno(), size, start)
        idea: Record = _unpickled(data) if pickled else _decoder().decode(data)
        self._last = (handle, idea)
        return idea

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _opened(self) -> IO[bytes]:
        if self._file is None:
            import tempfile  # (3 ms: only when ideas are kept on disk)

            try:
                # Open while the report is made, and gone with it: on Linux and macOS
                # the file has no name, so not even a kill leaves it behind.
                self._file = tempfile.TemporaryFile(prefix="ff-report-")  # noqa: SIM115
            except OSError as problem:
                raise FFError(
                    f"Could not make a temporary file for the report: {problem.strerror}.",
                    hint="Free some disk space (or set TMPDIR to a folder with room), "
                    "or set FF_REPORT_MEMORY to a larger number of megabytes.",
                ) from None
        return self._file


def encoded(idea: Record) -> tuple[bytes, bool]:
    """The idea's bytes, and whether they are pickled: msgpack (15 ms for a journal of
    10,000 iterations, pickle 25 ms), or pickle for what msgpack cannot hold (a whole
    number past 64 bits)."""
    try:
        return _encoder().encode(idea), False
    except (OverflowError, TypeError):
        import pickle

        return pickle.dumps(idea, pickle.HIGHEST_PROTOCOL), True


@functools.cache
def _encoder() -> Any:
    import msgspec

    return msgspec.msgpack.Encoder()


@functools.cache
def _decoder() -> Any:
    import msgspec

    return msgspec.msgpack.Decoder()


def _unpickled(data: bytes) -> Record:
    import pickle  # only for what msgpack could not hold: ff's own data, just written

    idea: Record = pickle.loads(data)
    return idea


class Ideas(Sequence[Record]):
    """A report's ideas kept on disk, in order: each read back when asked for."""

    def __init__(
        self,
        kept: Kept,
        handles: list[Any],
        ids: dict[str, Any],
        shown: Callable[[Record], Record],
        rows: list[list[str]],
    ) -> None:
        self.kept = kept
        self.handles = handles
        self.ids = ids  # each idea's handle, by its id
        self.shown = shown  # an idea as kept: as the report shows it
        self.rows = rows  # each idea's row of the reports' table of ideas

    def __len__(self) -> int:
        return len(self.handles)

    @overload
    def __getitem__(self, index: int) -> Record: ...

    @overload
    def __getitem__(self, index: slice) -> list[Record]: ...

    def __getitem__(self, index: int | slice) -> Record | list[Record]:
        if isinstance(index, slice):
            return [self._read(handle) for handle in self.handles[index]]
        return self._read(self.handles[index])

    def __iter__(self) -> Iterator[Record]:
        return map(self._read, self.handles)

    def find(self, idea_id: str) -> Record | None:
        """The idea with this id, if the report has it."""
        handle = self.ids.get(idea_id)
        return None if handle is None else self._read(handle)

    def _read(self, handle: Any) -> Record:
        return self.shown(self.kept.get(handle))
