"""Ideas kept while a council's journals are read for a report: held as they are, or,
when the journals are large, encoded into a temporary file and read back one by one
as the report is written. A million iterations held as records took 3 to 7 GB; the
file holds them in about the journals' own size, and memory only one at a time."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, overload

from ff.decoder import msgspec  # (imported already: ff.journal.records uses it)
from ff.errors import FFError, UsageError
from ff.journal.records import Record

# Several journals larger than this in all have their ideas kept in a temporary file
# (one journal alone never: see ff.cli.report_calls). Held as
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

    def __init__(self, on_disk: bool, as_json: bool = False) -> None:
        self.on_disk = on_disk
        # As JSON, not msgpack (a fifth slower to decode): for the JSON export, whose
        # ideas are then written straight from the bytes kept (see Ideas.written).
        self.as_json = as_json
        self.encoder = encoded_json if as_json else encoded
        self._file: IO[bytes] | None = None
        self._size = 0
        self._unwritten = False
        self._last: tuple[Any, Record] | None = None  # the idea read last, and its handle

    def put(self, idea: Record) -> Any:
        return self.put_stored(self.stored(idea))

    def stored(self, idea: Record) -> Any:
        """The idea as it is kept: itself, or its bytes (made in any process)."""
        return self.encoder(idea) if self.on_disk else idea

    def unstored(self, stored: Any) -> Record:
        """The idea from ``stored`` (as ``stored`` made it)."""
        if not self.on_disk:
            return stored  # type: ignore[no-any-return]
        data, pickled = stored
        return self._decoded(data, pickled)

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
        idea = self._decoded(data, pickled)
        self._last = (handle, idea)
        return idea

    def get_as(self, handle: Any, shape: Any) -> Record:
        """The idea with only the fields of ``shape`` (a TypedDict): quicker to read."""
        if not self.on_disk:
            return handle  # type: ignore[no-any-return]
        if handle[2]:  # pickled
            return self.get(handle)
        data = self.raw(handle)
        idea: Record = _typed_decoder(shape, self.as_json).decode(data)
        return idea

    def raw(self, handle: Any) -> bytes:
        """The bytes kept for the idea (as ``encoder`` made them)."""
        start, size, _ = handle
        self.flush()
        assert self._file is not None
        return os.pread(self._file.fileno(), size, start)

    def _decoded(self, data: bytes, pickled: bool) -> Record:
        if pickled:
            return _unpickled(data)
        idea: Record = (_json_decoder() if self.as_json else _decoder()).decode(data)
        return idea

    def flush(self) -> None:
        """Everything put written to the file (before a process is forked to read it)."""
        if self._unwritten and self._file is not None:
            self._file.flush()
            self._unwritten = False

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


def encoded_json(idea: Record) -> tuple[bytes, bool]:
    """The idea's JSON (see Kept.as_json), never pickled."""
    return _json_encoder().encode(idea), False


@functools.cache
def _json_encoder() -> Any:
    return msgspec.json.Encoder()


@functools.cache
def _json_decoder() -> Any:
    return msgspec.json.Decoder()


@functools.cache
def _typed_decoder(shape: Any, as_json: bool) -> Any:
    return (msgspec.json if as_json else msgspec.msgpack).Decoder(shape)


@functools.cache
def _encoder() -> Any:
    return msgspec.msgpack.Encoder()


@functools.cache
def _decoder() -> Any:
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
        as_kept: bool = False,
    ) -> None:
        self.kept = kept
        self.handles = handles
        self.ids = ids  # each idea's handle, by its id
        self.shown = shown  # an idea as kept: as the report shows it
        self.rows = rows  # each idea's row of the reports' table of ideas
        self.as_kept = as_kept  # shown as kept (``shown`` changes none: no period)

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

    def written(
        self, write: Callable[[Record], str], raw: Callable[[bytes], str] | None = None
    ) -> Iterator[str]:
        """``write`` of each idea, in order, a chunk of ideas at a time; written by
        other processes when there are enough (see ff.reporting.processes). ``raw``:
        how to write an idea from its JSON, when it is kept as JSON and shown as kept
        (the JSON export: about a fifth of the time of decoding it and encoding it again,
        11 against 50 ms for a journal of 10,000 iterations)."""
        from ff.reporting.processes import written

        self.kept.flush()
        if raw is not None and self.kept.as_json and self.as_kept:
            return written(len(self), self._raw, raw)
        return written(len(self), self.__getitem__, write)

    def rows_written(self, write: Callable[[list[str]], str]) -> Iterator[str]:
        """``write`` of each idea's row of the table of ideas (``rows``), as ``written``."""
        from ff.reporting.processes import written

        return written(len(self.rows), self.rows.__getitem__, write)

    def _raw(self, index: int) -> bytes:
        return self.kept.raw(self.handles[index])

    def find(self, idea_id: str) -> Record | None:
        """The idea with this id, if the report has it."""
        handle = self.ids.get(idea_id)
        return None if handle is None else self._read(handle)

    def _read(self, handle: Any) -> Record:
        return self.shown(self.kept.get(handle))
