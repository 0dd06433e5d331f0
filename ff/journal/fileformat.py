"""The journal file: a TinyDB database, one record per line, read and written by ff.

The file is what TinyDB reads: a JSON object of tables, each mapping a document id
(an integer, as text) to a record. ff keeps the schema version in a table of its
own, first, and writes every record on a line of its own, tables in name order::

    {"ff_journal": {"1": {"schema": 2}},
    "ideas": {
    "1": {"created": "...", "id": "3f2a...", ...},
    "2": {...}
    },
    "iterations": {}}

Reading this layout goes line by line: each record is kept as its line (see
ff.journal.stored), so a write copies the unchanged lines as bytes and encodes only
the records that changed. A file in any other layout (written by TinyDB's own
storage, or edited by hand) is read whole and written in this layout next time.
A journal of schema 1 (ff before TinyDB ids: records keyed by their own id) is read
the same way and given TinyDB ids on its next write. Anything damaged (not JSON,
not UTF-8, a key or table given twice, a record of the wrong shape, a newer schema)
is refused with where it is, and the file is never changed.
"""

from __future__ import annotations

import codecs
import json
import operator
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from ff.decoder import msgspec
from ff.errors import JournalError
from ff.files import check_readable_file
from ff.journal.mapped import (
    Piece,
    Raw,
    ascii_only,
    blank,
    closings,
    let_go,
    line_of,
    table_pieces,
    whole,
)
from ff.journal.mapped import mapped as mapped_file
from ff.journal.migration import from_schema_1
from ff.journal.stored import (
    Damaged,
    Lines,
    StoredRecord,
    check,
    keys_reader,
    table_keys_reader,
)
from ff.light import dataclass, field
from ff.memory import collector_paused, keep

SCHEMA = 2
META = "ff_journal"  # the table holding the schema version, as TinyDB's document 1
HEAD = b'{"' + META.encode() + b'": {"1": ' + json.dumps({"schema": SCHEMA}).encode() + b"}"
_HINT_DAMAGED = (
    "ff has not changed the file. Restore it from a backup, or fix it at that "
    "position; to start a new journal meanwhile, use --journal or FF_JOURNAL."
)
Chunk = bytes | memoryview
Table = dict[str, Any]  # document id -> StoredRecord, or a plain dict once replaced
Tables = dict[str, Table]


@dataclass(frozen=True)
class FileBytes:
    """The journal's bytes and where they came from: all a record read from them keeps.
    Not the tables: a journal read then holds no reference cycle, so it is freed as soon
    as it is dropped, even once ``collector_paused`` has frozen it out of the cycle
    collector's sight (with the cycle, a notebook reading a 100k journal six times
    grew from 139 to 741 MiB)."""

    path: Path
    raw: Raw  # read, or mapped (see ff.journal.mapped)
    # The records decoded since (table, document id): those a write encodes again.
    decoded: list[tuple[str, str]] = field(default_factory=list, compare=False, repr=False)

    def note_decoded(self, table: str, key: str) -> None:
        self.decoded.append((table, key))

    def damaged(
        self, table: str, key: str, problem: str, position: int | None = None
    ) -> JournalError:
        """The error for a record that cannot be used, naming where it is: its line,
        found from ``position`` in the file."""
        line = "" if position is None else f" (line {_line_of(self.raw, position)})"
        return JournalError(
            f"The journal {self.path} is damaged: in table {table!r}, record {key}{line}, "
            f"{problem}.",
            hint=_HINT_DAMAGED,
        )


@dataclass
class ReadJournal:
    """A journal as read: its bytes, and its tables (the schema table left out)."""

    source: FileBytes
    tables: Tables
    # Each table's records as read, in order (for a write that copies them at once).
    read_order: dict[str, list[StoredRecord]] = field(default_factory=dict)
    # Every record's line found as the journal is read (see LazyLines): for a merge.
    every_line: bool = False

    @property
    def path(self) -> Path:
        return self.source.path

    def as_read(self, name: str, records: Mapping[str, Any]) -> list[StoredRecord] | None:
        """The records of table ``name`` as read, if ``records`` still begins with them,
        in order (new records may follow; some may have been decoded since, see
        ``decoded_in``); else None. Checked in C: 2 ms for 100,000 iterations."""
        originals = self.read_order.get(name)
        if not originals or len(records) < len(originals):
            return None
        if not all(map(operator.is_, records.values(), originals)):
            return None  # one of those read was replaced or removed
        return originals

    def decoded_in(self, name: str) -> set[str]:
        """The document ids of the records of table ``name`` decoded since they were
        read (any of them may have been changed)."""
        return {key for table, key in self.source.decoded if table == name}

    @property
    def raw(self) -> Raw:
        return self.source.raw

    def damaged(
        self, table: str, key: str, problem: str, position: int | None = None
    ) -> JournalError:
        """As ``FileBytes.damaged``; without ``position``, the record's own line."""
        if position is None:
            record = self.tables.get(table, {}).get(key)
            position = record.span[0] if isinstance(record, StoredRecord) else None
        return self.source.damaged(table, key, problem, position)


# --------------------------------------------------------------------------- reading


def read(path: Path, *, mapped: bool = False, every_line: bool = False) -> ReadJournal | None:
    """The journal at ``path``, or None if there is none yet (nothing is created).
    ``mapped``: a large journal is mapped, not read (only to read: see ff.journal.mapped).
    ``every_line``: find where every record's line is as it is read (a merge looks at
    every line; a command about one idea, at a few: see LazyLines)."""
    raw: Raw | None = map_large(path) if mapped else None
    if raw is None:
        raw = read_bytes(path)
    if raw is None:
        return None
    if blank(raw):
        raise JournalError(
            f"The journal {path} is empty: it holds no ideas and not even ff's schema.",
            hint="ff has not changed it. If a copy or a sync emptied it, restore it from "
            "a backup; to start afresh, delete the empty file.",
        )
    journal = ReadJournal(FileBytes(path, raw), {}, every_line=every_line)
    with collector_paused():  # many small objects, no cycles: see ff.memory
        try:
            read_lines(journal)
        except NotInLayout:
            _read_whole(journal)
    keep(journal)  # to the end of the ff command: see ff.memory
    return journal


def map_large(path: Path) -> Raw | None:
    """The journal mapped, if it is large (see ff.journal.mapped); None to read it."""
    check_readable_file(path, "the journal", error=JournalError)
    return mapped_file(path)


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes; None if there is none. Only a regular file is read: a device
    (/dev/zero), a FIFO or a folder given as the journal is refused, not read forever."""
    check_readable_file(path, "the journal", error=JournalError)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(
            f"Cannot read the journal {path}: {error.strerror}.",
            hint="Check the file's permissions, or choose another journal with --journal.",
        ) from None


class NotInLayout(Exception):
    """The file is not in ff's own line layout: it is read whole instead."""


# What reads a table's records whose first line starts at a position, and gives the
# position of the line that closes the table.
TableReader = Callable[[ReadJournal, str, int], int]


def read_lines(journal: ReadJournal, read_table: TableReader | None = None) -> None:
    """The tables of a journal in ff's line layout, each read by ``read_table`` (by
    default a line at a time, see ``_table``); ``NotInLayout`` if it is not."""
    read_table = read_table or _table
    raw = journal.raw
    if raw[: len(HEAD)] != HEAD or raw[-1:] != b"\n":
        raise NotInLayout
    if not ascii_only(raw):
        _check_utf8(journal)  # lines decoded in part are not checked as UTF-8 by msgspec
    position = len(HEAD) + 2
    more = raw[len(HEAD) : position] == b",\n"
    if not more and raw[len(HEAD) : position] != b"}\n":
        raise NotInLayout
    headings: dict[str, int] = {}
    while more:
        end = raw.find(b"\n", position)
        name, empty, more = _table_heading(raw[position:end])
        if name in headings or name == META:
            raise _twice(journal, f"the table {name!r}", headings.get(name, 0), position)
        if headings and name < max(headings):
            raise NotInLayout  # ff writes tables in name order
        headings[name] = position
        position = end + 1
        if empty:
            journal.tables[name] = {}
            continue
        position = read_table(journal, name, position)
        end = raw.find(b"\n", position)
        closing = raw[position:end]
        if closing not in (b"}", b"},", b"}}"):
            raise NotInLayout
        more = closing == b"},"
        position = end + 1
    if position != len(raw):
        raise NotInLayout  # something after the end


def _check_utf8(journal: ReadJournal) -> None:
    """Refuse a journal that is not UTF-8, checked a megabyte at a time (no copy of
    the whole file as text is made)."""
    view, start, size = memoryview(journal.raw), 0, len(journal.raw)
    try:
        while start < size:
            end = min(start + (1 << 20), size)
            _, used = codecs.utf_8_decode(view[start:end], "strict", end == size)
            let_go(journal.raw, start, start + used)
            start += used  # a character cut at the end of the piece starts the next one
    except UnicodeDecodeError as error:
        raise _not_utf8(journal.path, start + error.start) from None


def _not_utf8(path: Path, at: int) -> JournalError:
    return JournalError(
        f"The journal {path} is damaged: byte {at + 1} is not UTF-8 text.", hint=_HINT_DAMAGED
    )


def _table_heading(line: bytes) -> tuple[str, bool, bool]:
    """A table's name, whether it is empty (``{}`` on the same line), whether more follow."""
    end = line.find(b'": {', 1)
    name = line[1:end]
    tail = line[end + 4 :]
    if line[:1] != b'"' or end < 0 or not _simple_name(name) or tail not in (b"", b"},", b"}}"):
        raise NotInLayout
    return name.decode("ascii"), tail != b"", tail == b"},"


def _simple_name(name: bytes) -> bool:
    """A name JSON writes as it is (ASCII letters, digits, - and _)."""
    return name.replace(b"-", b"").replace(b"_", b"").isalnum()  # bytes: ASCII only


def _table(journal: ReadJournal, name: str, position: int) -> int:
    """Read the records of table ``name`` whose first line starts at ``position``; the
    position of the line that closes the table. At once where it can be, else line by
    line."""
    read_at_once = table_at_once(journal, name, position)
    return read_at_once if read_at_once is not None else table_by_line(journal, name, position)


def table_by_line(journal: ReadJournal, name: str, position: int) -> int:
    """As ``_table``, a line at a time, saying what is wrong with a line that is not
    a record's. The loop runs once per record (100,000 times for a large journal):
    it works on the file's bytes in place."""
    raw = journal.raw
    find, view = raw.find, memoryview(raw)
    records: Table = {}
    journal.tables[name] = records
    keys_of = keys_reader(name)
    lines = AsRead(name, journal.source)
    comma, count, first = True, 0, position
    size = len(raw)  # a file cut short ends where a record line should start
    while position < size and raw[position] == 34:  # a record line starts with its key's quote
        if not comma:
            raise NotInLayout  # the line before lacks its comma
        newline = find(b"\n", position)
        sep = find(b'": {', position, newline)
        comma = raw[newline - 1] == 44  # ","
        end = newline - comma
        key = raw[position + 1 : sep]
        if raw[end - 1] != 125 or not key.isdigit():  # "}"; TinyDB's ids are whole numbers
            raise NotInLayout
        text = key.decode("ascii")
        try:
            keys = keys_of(view[sep + 3 : end])
        except Damaged as problem:
            raise journal.damaged(name, text, str(problem), position) from None
        records[text] = StoredRecord(text, keys, lines, position, end)
        count += 1
        position = newline + 1
    if comma:
        raise NotInLayout  # the last line has a comma, or there is none
    if len(records) != count:  # a key given twice: found again, to say where
        _find_twice(journal, name, first)
    journal.read_order[name] = list(records.values())
    return position


def table_at_once(journal: ReadJournal, name: str, position: int) -> int | None:
    """Read the records of table ``name`` as ``_table`` does, but their fields read at
    once taken from the whole table by one call (a table of 100,000 iterations:
    160 ms record by record, 130 ms so); the position of the line that closes it.
    None, and nothing read, if the table is not one read so, or not valid JSON, or
    not one record a line: then ``table_by_line`` reads it, and says what is wrong.
    A mapped journal's table is read so a piece at a time (see ff.journal.mapped).

    The whole table is valid JSON, so each line checked to start as a record's and
    end as one is a record's line (a line that began inside another record's value
    would leave that record's line unbalanced: refused as damaged when decoded).
    A journal read (not mapped) has its lines counted, and each record's line found
    only when it is asked for (see ``LazyLines``)."""
    read_keys = table_keys_reader(name)
    if read_keys is None:
        return None
    raw, closing, records = journal.raw, None, Table()
    if isinstance(raw, bytes) and not journal.every_line:
        closing = _read_lazily(journal, name, position, read_keys, records)
    else:
        for piece in table_pieces(raw, CLOSING, position):
            try:
                keys = read_keys(piece.table)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
                return None
            if not _lines_as_keys(keys, piece, AsRead(name, journal.source), records):
                return None
            let_go(raw, piece.start, piece.stop)
            closing = piece.stop if piece.last else None
    if closing is None or raw[closing - 2] == 44:
        return None  # no line closes it, or a comma after the last
    if not all(map(str.isdigit, records)) or not "".join(records).isascii():
        return None  # not TinyDB's document ids
    journal.tables[name] = records
    journal.read_order[name] = list(records.values())
    return closing


def _read_lazily(
    journal: ReadJournal,
    name: str,
    position: int,
    read_keys: Callable[[memoryview], dict[str, Any]],
    records: Table,
) -> int | None:
    """A table of a journal read whole: its records kept in ``records``, each line
    found only when asked for (see LazyLines); the position of the closing line, or
    None if the table is not one read so."""
    raw = journal.raw
    assert isinstance(raw, bytes)  # (see table_at_once)
    try:
        closing, keys = whole_table(raw, position, read_keys)
    except (NotInLayout, msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    if raw.count(b"\n", position, closing) != len(keys):
        return None  # not one record a line, or a key given twice
    lines = LazyLines(name, journal.source, keys, position, closing)
    records.update(StoredRecord.many(lines, keys))
    return closing


def whole_table(
    raw: bytes, position: int, decode: Callable[[memoryview], dict[str, Any]]
) -> tuple[int, dict[str, Any]]:
    """The table whose first line starts at ``position``, in a journal read (not
    mapped), decoded whole up to its closing line (see ``closings``): that line's
    position and the records. msgspec's error if the table is not valid JSON;
    ``NotInLayout`` if no line closes it. The next place is looked for only if the
    table does not decode up to this one (a guess from the end of the file, right
    for the iterations: looking on from where the search stopped took 18 ms of a
    journal of 100,000)."""
    places = closings(raw, CLOSING, position)
    closing = next(places, None)
    while closing is not None:
        try:
            return closing, decode(memoryview(raw)[position - 2 : closing + 1])
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            # (Not kept: its traceback would hold the journal's bytes.)
            closing = next(places, None)  # the guess was not its closing line
            if closing is None:
                raise  # the table's own error
    raise NotInLayout  # no line closes it


def _lines_as_keys(keys: dict[str, Any], piece: Piece, lines: Lines, records: Table) -> bool:
    """Whether the piece's lines are those of ``keys``'s records, in order, one a
    line; each kept in ``records``, with where it is in the file."""
    spans = _spans(keys, piece.text, piece.first, piece.end, piece.offset)
    if spans is None:
        return False
    before = len(records)
    records.update(StoredRecord.many(lines, keys, spans))
    return len(records) == before + len(keys)  # (fewer: a key given twice)


def _spans(
    keys: Iterable[str], text: bytes | bytearray, position: int, last: int, offset: int
) -> list[int] | None:
    """Where each record's line starts and its JSON ends in the file, in turn, if the
    lines of ``text`` from ``position`` to ``last`` are those of ``keys``, in order,
    one a line; else None."""
    find, starts = text.find, text.startswith
    spans: list[int] = []
    for key in keys:
        newline = find(b"\n", position, last)
        end = newline - 1 if text[newline - 1] == 44 else newline  # without its comma
        body = position + len(key) + 4  # after '"key": '
        if text[end - 1] != 125 or text[position] != 34 or not starts(b'": ', body - 3):
            return None
        spans += (position + offset, end + offset)
        position = newline + 1
    return spans if position == last else None


class AsRead:
    """The lines of a table whose records were each told where they are as it was read
    (line by line, mapped, or for a merge, which looks at every line)."""

    __slots__ = ("source", "table")

    def __init__(self, table: str, source: FileBytes) -> None:
        self.table = table
        self.source = source

    def span(self, key: str) -> tuple[int, int]:
        raise LookupError(f"record {key} of {self.table} was placed as it was read")


class LazyLines:
    """Where each record of a table read whole is, found when first asked for.

    Reading a journal of 100,000 iterations, every line was found and checked one by
    one (about 55 ms of Python) where a command about one idea asks where a few
    dozen records are. The table was checked as one JSON object of records, its
    lines counted (one a record: a key given twice is a record fewer); a line asked
    for is found by its document id, the ids being in order in a file ff wrote (a
    binary search on the bytes, each line found checked as ``_spans`` checks it).
    Once a table has been searched more times than is worth it (one search per 256
    lines, at least 16, at most ``SEARCHES``), or for a table not in order, every
    line is found and checked at once; one that is not a record's line then makes
    the journal damaged (nothing is written)."""

    __slots__ = ("_first", "_found", "_keys", "_last", "_raw", "_searches", "source", "table")

    SEARCHES = 1000

    def __init__(
        self, table: str, source: FileBytes, keys: Mapping[str, Any], first: int, last: int
    ) -> None:
        assert isinstance(source.raw, bytes)  # (a mapped journal's lines are found as read)
        self.table = table
        self.source = source
        self._raw = source.raw
        self._keys = keys  # the records' ids as read, in order
        self._first = first  # where the first record's line starts
        self._last = last  # where the line after the last ends (the closing line)
        self._found: dict[str, tuple[int, int]] = {}
        self._searches = min(self.SEARCHES, max(16, len(keys) // 256))

    def span(self, key: str) -> tuple[int, int]:
        try:
            return self._found[key]
        except KeyError:
            pass
        found = self._searched(key) if len(self._found) < self._searches else None
        if found is None:
            self._found = self._every_line()
            return self._found[key]
        self._found[key] = found
        return found

    def _searched(self, key: str) -> tuple[int, int] | None:
        """Record ``key``'s line, found by a binary search on the ids; None if not so."""
        raw, wanted, number = self._raw, key.encode(), int(key)
        low, high = self._first, self._last
        while low < high:
            start = raw.rfind(b"\n", low - 1, (low + high) // 2) + 1  # a line's start
            newline = raw.find(b"\n", start, high)
            quote = raw.find(b'"', start + 1, newline)
            here = raw[start + 1 : quote]
            if raw[start] != 34 or quote < 0 or not here.isdigit():
                return None
            if here == wanted:
                spans = _spans([key], raw, start, newline + 1, 0)
                return None if spans is None else (spans[0], spans[1])
            if int(here) < number:
                low = newline + 1
            else:
                high = start
        return None

    def _every_line(self) -> dict[str, tuple[int, int]]:
        spans = _spans(self._keys, self._raw, self._first, self._last, 0)
        if spans is None:
            raise JournalError(
                f"The journal {self.source.path} is damaged: the records of table "
                f"{self.table!r} are not one to a line.",
                hint=_HINT_DAMAGED,
            )
        each = iter(spans)
        return dict(zip(self._keys, zip(each, each, strict=True), strict=True))


# No record's line holds a raw newline (JSON escapes it): the first line that starts
# with a brace closes a table. (A regular expression finds it in 1.7 ms in a file of
# 7 MB; bytes.find, in 5 ms.)
CLOSING = re.compile(rb"\n}")


def _find_twice(journal: ReadJournal, name: str, position: int) -> None:
    """The table's record lines from ``position`` on: refuse the first key given twice."""
    raw, found = journal.raw, dict[str, int]()
    while position < len(raw) and raw[position] == 34:
        key = raw[position + 1 : raw.find(b'"', position + 1)].decode()
        if key in found:
            raise _twice(journal, f"the record {key} of table {name!r}", found[key], position)
        found[key] = position
        position = raw.find(b"\n", position) + 1


def _line_of(raw: Raw, position: int) -> int:
    return line_of(raw, position)


def _twice(journal: ReadJournal, what: str, first: int, position: int) -> JournalError:
    return JournalError(
        f"The journal {journal.path} is damaged: {what} appears twice, at line "
        f"{_line_of(journal.raw, first)} and at line {_line_of(journal.raw, position)} (a merge "
        "by lines can leave it so; JSON would keep only the last, and lose the first).",
        hint=_HINT_DAMAGED,
    )


def _read_whole(journal: ReadJournal) -> None:
    """The whole file as JSON, as the standard library reads it (its messages say where
    a broken file is broken), with a key given twice refused rather than lost."""
    try:
        data = json.loads(whole(journal.raw).decode("utf-8-sig"), object_pairs_hook=_once)
    except UnicodeDecodeError as error:
        raise _not_utf8(journal.path, error.start) from None
    except json.JSONDecodeError as error:
        raise JournalError(
            f"The journal {journal.path} is damaged: {error.msg} at line {error.lineno}, "
            f"column {error.colno}.",
            hint=_HINT_DAMAGED,
        ) from None
    except _Twice as twice:
        raise JournalError(
            f"The journal {journal.path} is damaged: the key {twice.key!r} appears twice "
            f"in one object (JSON would keep only the last, and lose the first).",
            hint=_HINT_DAMAGED,
        ) from None
    except RecursionError:
        raise JournalError(
            f"The journal {journal.path} is damaged: it is nested too deeply.",
            hint=_HINT_DAMAGED,
        ) from None
    except ValueError as error:  # a whole number longer than Python turns into one (4,300 digits)
        raise _number_too_long(journal, error) from None
    schema, tables = _schema_and_tables(journal.path, data)
    if schema == 1:
        tables = from_schema_1(tables)
    for name, records in tables.items():
        _check_table(journal, name, records)
    journal.tables = tables


def _number_too_long(journal: ReadJournal, error: ValueError) -> JournalError:
    """The journal holds a number of more digits than Python reads (``json`` refuses it
    with a ValueError that says not where): found, and named with its line."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    found = re.search(b"[0-9]{%d,}" % (limit + 1), journal.raw)
    if found is None:  # (no other ValueError is known: said as Python says it)
        said = f"it cannot be read ({error})"
    else:
        line = _line_of(journal.raw, found.start())
        said = f"a number of {len(found.group()):,} digits at line {line} is longer than ff reads"
    return JournalError(f"The journal {journal.path} is damaged: {said}.", hint=_HINT_DAMAGED)


class _Twice(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _once(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _Twice(key)
        found[key] = value
    return found


def _schema_and_tables(path: Path, data: Any) -> tuple[int, Tables]:
    meta = data.get(META) if isinstance(data, dict) else None
    if isinstance(meta, dict) and isinstance(meta.get("1"), dict):
        meta = meta["1"]  # schema 2 on: the schema is TinyDB's document 1 of its table
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if type(schema) is not int:
        raise JournalError(
            f"{path} is not an ff journal (it has no {META!r} table with its schema).",
            hint="ff has not changed the file. Use --journal to choose an ff "
            "journal, or a new path to start one.",
        )
    if schema > SCHEMA:
        raise JournalError(
            f"The journal {path} was written by a newer ff (journal schema "
            f"{schema}; this ff reads schema {SCHEMA}).",
            hint="Upgrade ff: pip install --upgrade ff-cards.",
        )
    if schema < 1:
        raise JournalError(
            f"The journal {path} is damaged: its schema {schema} is not one ff wrote.",
            hint=_HINT_DAMAGED,
        )
    return schema, {name: table for name, table in data.items() if name != META}


def _check_table(journal: ReadJournal, name: str, records: Any) -> None:
    if not isinstance(records, dict):
        raise JournalError(
            f"The journal {journal.path} is damaged: {name!r} is not a table of records.",
            hint=_HINT_DAMAGED,
        )
    for key, record in records.items():
        if not key.isdigit() or not key.isascii():
            raise journal.damaged(name, key, "its key is not a TinyDB document id")
        try:
            check(name, record)
        except Damaged as problem:
            raise journal.damaged(name, key, str(problem)) from None
