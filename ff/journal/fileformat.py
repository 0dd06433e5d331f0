"""The journal file's format: reading it (with its checks) and writing it.

The file is one JSON object: the schema first, then each table (sorted by name)
with one record per line, keyed by the record's id::

    {"ff_journal": {"schema": 1},
    "ideas": {
    "3f2a...": {"created": "...", "id": "3f2a...", ...},
    "9b41...": {...}
    },
    "iterations": {}}

Because ff writes every record on a line of its own, a write need not encode
the whole journal again: a file in this layout is read line by line, each
record's line is remembered, and a write keeps the unchanged lines as bytes and
encodes only the records that changed (the result is byte for byte what
encoding every record would give). Every line is still parsed on every read, so
a damaged journal is refused, unchanged, before anything is written. A journal
in any other layout (edited by hand, say) is read whole with the standard
library and written whole once, after which it is in ff's layout again.

Records of the tables that belong to an idea (iterations, status changes) can
be left undecoded until they are asked for: then only the idea each belongs to
is read from its line. A command about one idea decodes only that idea's
records; commands that need everything (summary, export, merge) decode all.

Plain Python with msgspec, no TinyDB or Typer, so commands that only read a
journal (ideas, show, summary, export) stay light.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from ff.errors import JournalError
from ff.memory import collector_paused

SCHEMA = 1
META_KEY = "ff_journal"
OWNER_FIELD = "idea_id"  # records of the lazily read tables belong to an idea
_HINT_DAMAGED = (
    "ff has not changed the file. Restore it from a backup, or fix the JSON at that "
    "position; to start a new journal meanwhile, use --journal or FF_JOURNAL."
)
_HEAD = f'{{"{META_KEY}": {json.dumps({"schema": SCHEMA})}'.encode()
_SEPARATOR = b",\n"

Record = dict[str, Any]
Tables = dict[str, dict[str, Record]]
Chunk = bytes | memoryview


class _Owner(msgspec.Struct, gc=False):
    """The one field read from a lazily read record's line (the rest is checked, not kept)."""

    idea_id: Any = None


_DECODE_RECORD = msgspec.json.Decoder().decode
_DECODE_OWNER = msgspec.json.Decoder(_Owner).decode


def record_line(key: str, record: Record) -> bytes:
    """One record as it is written: its key, then its JSON (sorted keys, text as typed)."""
    return (
        f"{json.dumps(str(key))}: {json.dumps(record, ensure_ascii=False, sort_keys=True)}".encode()
    )


class Table(Mapping[str, Record]):
    """One table of a journal as read, and the changes made to it since.

    Reading gives the table as changed (a replaced record keeps its place, an
    added one comes last, as in a dict). Records are decoded when first asked for."""

    def __init__(
        self,
        records: dict[str, Record] | None = None,
        *,
        keys: list[str] | None = None,
        lines: _Lines | None = None,
        owners: list[Any] | None = None,
    ) -> None:
        self._decoded: dict[str, Record] = records or {}  # records as read, decoded so far
        self._keys = list(self._decoded) if keys is None else keys  # as read, in file order
        self._at = dict(zip(self._keys, range(len(self._keys)), strict=True))
        self._lines = lines  # where each record's line is, when read in ff's layout
        self._owners = owners  # each record's idea id, when the records are decoded lazily
        self._removed: set[str] = set()
        self._replaced: dict[str, Record] = {}
        self._added: dict[str, Record] = {}

    def _original(self, key: str) -> Record:
        found = self._decoded.get(key)
        if found is None:
            assert self._lines is not None, "only a table read in ff's layout is lazy"
            start, end = self._lines.span(self._at[key], self._at[key] + 1)
            found = _DECODE_RECORD(self._lines.raw[start + len(key) + 4 : end])
            self._decoded[key] = found
        return found

    # ---------------------------------------------------------------- as changed

    def __getitem__(self, key: str) -> Record:
        if key in self._added:
            return self._added[key]
        if key in self._replaced:
            return self._replaced[key]
        if key in self._at and key not in self._removed:
            return self._original(key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        return key in self._added or (key in self._at and key not in self._removed)

    def __iter__(self) -> Iterator[str]:
        if self._removed:
            yield from (key for key in self._keys if key not in self._removed)
        else:
            yield from self._keys
        yield from self._added

    def __len__(self) -> int:
        return len(self._keys) - len(self._removed) + len(self._added)

    def belonging_to(self, idea_id: str) -> list[Record]:
        """The records of one idea, in the table's order, decoding only theirs."""
        if self._owners is None:
            return [r for r in self.values() if r.get(OWNER_FIELD) == idea_id]
        mine = (
            key for key, owner in zip(self._keys, self._owners, strict=True) if owner == idea_id
        )
        keys = {key for key in mine if key not in self._removed}
        keys |= self._replaced.keys()  # a replaced record is judged by what it says now
        ordered = sorted(keys, key=self._at.__getitem__)
        found = [self[k] for k in ordered]
        found += self._added.values()
        return [r for r in found if r.get(OWNER_FIELD) == idea_id]

    def put(self, key: str, record: Record) -> None:
        if key in self._at and key not in self._removed:
            self._replaced[key] = record
        else:
            self._added[key] = record

    def drop(self, key: str) -> None:
        if key in self._added:
            del self._added[key]
        elif key in self._at and key not in self._removed:
            self._removed.add(key)
            self._replaced.pop(key, None)

    @property
    def changed(self) -> bool:
        return bool(self._removed or self._replaced or self._added)

    def plain(self) -> dict[str, Record]:
        """The table as a dict, every record decoded."""
        if self._owners is None and not self.changed:
            return self._decoded  # decoded whole as read, so in the file's order
        return dict(self.items())

    def lines(self) -> list[Chunk]:
        """The table's record lines (separated by ``,\\n`` when written): unchanged runs
        of lines as they were read, changed records encoded again."""
        if self._lines is None:
            return [record_line(key, self[key]) for key in self]
        view = memoryview(self._lines.raw)
        changed = sorted(self._at[key] for key in self._removed | self._replaced.keys())
        out: list[Chunk] = []
        start = 0
        for stop in [*changed, len(self._keys)]:
            if stop > start:
                begin, end = self._lines.span(start, stop)
                out.append(view[begin:end])
            if stop < len(self._keys) and self._keys[stop] in self._replaced:
                out.append(record_line(self._keys[stop], self._replaced[self._keys[stop]]))
            start = stop + 1
        out += [record_line(key, record) for key, record in self._added.items()]
        return out


@dataclass(frozen=True)
class _Lines:
    """Where a table's record lines are in the file: each line's start; the last ends
    at ``end`` (the others just before the ``,`` and newline that end them)."""

    raw: bytes
    starts: list[int]
    end: int

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """From the start of line ``first`` to the end of line ``stop - 1``."""
        return self.starts[first], self.end if stop == len(self.starts) else self.starts[stop] - 2


class JournalFile:
    """A journal as read, its tables changed in place, written back with ``chunks``."""

    def __init__(self, tables: dict[str, Table]) -> None:
        self.tables = tables
        self._created: set[str] = set()

    def table(self, name: str) -> Table:
        """The table (an empty one, written from now on, if the journal has none yet)."""
        if name not in self.tables:
            self.tables[name] = Table()
            self._created.add(name)
        return self.tables[name]

    @property
    def changed(self) -> bool:
        return bool(self._created) or any(t.changed for t in self.tables.values())

    def plain(self) -> Tables:
        """Every table as plain dicts (every record decoded)."""
        return {name: table.plain() for name, table in self.tables.items()}

    def chunks(self) -> list[Chunk]:
        return _file_chunks({name: self.tables[name].lines() for name in self.tables})


def _file_chunks(tables: Mapping[str, Sequence[Chunk]]) -> list[Chunk]:
    """The whole file from each table's record lines."""
    out: list[Chunk] = [_HEAD]
    for name in sorted(tables):
        lines = tables[name]
        out.append(f",\n{json.dumps(name)}: {{".encode())
        if lines:
            out.append(b"\n")
            for number, line in enumerate(lines):
                if number:
                    out.append(_SEPARATOR)
                out.append(line)
            out.append(b"\n}")
        else:
            out.append(b"}")
    out.append(b"}\n")
    return out


def serialise(tables: Mapping[str, Mapping[str, Record]]) -> bytes:
    """The whole journal as bytes: the schema first and one record per line."""
    lines = {name: [record_line(k, v) for k, v in docs.items()] for name, docs in tables.items()}
    return b"".join(_file_chunks(lines))


# --------------------------------------------------------------------------- reading


def read_journal_file(path: Path) -> Tables | None:
    """The journal's tables, every record decoded, or None if there is no journal yet."""
    journal = load(path)
    return None if journal is None else journal.plain()


def load(
    path: Path, *, lazy: frozenset[str] = frozenset(), keep: bool = False
) -> JournalFile | None:
    """The journal, or None if there is none yet. Records of the tables named in
    ``lazy`` are decoded only when asked for (their lines are still all checked).

    With ``keep``, the journal as read is also kept for the next ``load`` of the same
    file in this process: if the file then holds exactly the same bytes, that load
    returns it instead of parsing again. (``ff log`` reads the journal to ask its
    questions, then again under the lock to write: a large journal is parsed once.)"""
    global _kept
    raw = _read_bytes(path)
    if not raw or raw.isspace():
        return None
    where = os.path.realpath(path)
    kept, _kept = _kept, None
    if kept is not None and kept[:3] == (where, lazy, raw):
        journal = kept[3]
    else:
        with collector_paused():
            journal = _read_in_ff_layout(raw, lazy) or _read_any_layout(path, raw)
    if keep:
        _kept = (where, lazy, raw, journal)
    return journal


# The journal last read with keep=True: its real path, lazy tables, bytes, and itself.
_kept: tuple[str, frozenset[str], bytes, JournalFile] | None = None


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(
            f"Cannot read the journal {path}: {error.strerror}.",
            hint="Check the file's permissions, or choose another journal with --journal.",
        ) from None


class _NotInLayout(Exception):
    """The file is not in ff's own layout, or a line of it is not valid JSON."""


def _read_in_ff_layout(raw: bytes, lazy: frozenset[str]) -> JournalFile | None:
    """The journal read line by line, or None if it is not in ff's layout (then the
    whole file is read as JSON, which also says where a damaged one is broken)."""
    try:
        return _parse_lines(raw, lazy)
    except (_NotInLayout, msgspec.DecodeError, UnicodeDecodeError, IndexError, ValueError):
        return None


def _parse_lines(raw: bytes, lazy: frozenset[str]) -> JournalFile:
    if not raw.startswith(_HEAD) or not raw.endswith(b"\n"):
        raise _NotInLayout
    if lazy and not raw.isascii():
        _check_utf8(raw)  # msgspec checks the text it decodes, not the text it skips
    tables: dict[str, Table] = {}
    position = len(_HEAD) + 2
    more = raw[len(_HEAD) : position] == b",\n"
    if not more and raw[len(_HEAD) : position] != b"}\n":
        raise _NotInLayout
    previous = ""
    while more:
        end = raw.index(b"\n", position)
        name, empty, more = _table_heading(raw[position:end])
        if name <= previous or name == META_KEY:
            raise _NotInLayout  # tables are sorted and named once
        previous = name
        position = end + 1
        if empty:
            tables[name] = Table()
            continue
        tables[name], position = _table(raw, position, name in lazy)
        end = raw.index(b"\n", position)
        closing = raw[position:end]
        if closing not in (b"}", b"},", b"}}"):
            raise _NotInLayout
        more = closing == b"},"
        position = end + 1
    if position != len(raw):
        raise _NotInLayout  # something after the end
    return JournalFile(tables)


def _check_utf8(raw: bytes) -> None:
    """Raise UnicodeDecodeError unless ``raw`` is UTF-8 (checked a megabyte at a time,
    so that no copy of the whole journal as text is made)."""
    view = memoryview(raw)
    start, size = 0, len(raw)
    while start < size:
        end = min(start + (1 << 20), size)
        _, used = codecs.utf_8_decode(view[start:end], "strict", end == size)
        start += used  # a character cut at the end of the piece starts the next piece


def _table_heading(line: bytes) -> tuple[str, bool, bool]:
    """A table's name, whether it is empty (``{}`` on the same line), whether more follow."""
    end = line.find(b'": {', 1)
    name = line[1:end]
    tail = line[end + 4 :]
    if line[:1] != b'"' or end < 0 or not _simple_key(name) or tail not in (b"", b"},", b"}}"):
        raise _NotInLayout
    return name.decode("ascii"), tail != b"", tail == b"},"


def _simple_key(key: bytes) -> bool:
    """A key that JSON writes as it is (ASCII letters, digits, - and _), as ff's ids are."""
    return key.replace(b"-", b"").replace(b"_", b"").isalnum()  # bytes: ASCII only


def _table(raw: bytes, position: int, lazy: bool) -> tuple[Table, int]:
    """The table whose first record line starts at ``position``: each line checked
    and decoded (unless ``lazy``: then only the idea it belongs to), up to the line
    that closes the table, whose position is returned with the table.

    The loop runs once per record (100,000 times for a large journal): it works on
    the file's bytes in place, and keeps what it finds in flat lists."""
    find = raw.find
    view = memoryview(raw)
    decode = _DECODE_OWNER if lazy else _DECODE_RECORD
    keys: list[bytes] = []
    starts: list[int] = []
    values: list[Any] = []
    add_key, add_start, add_value = keys.append, starts.append, values.append
    comma = True
    while raw[position] == 34:  # a record line starts with the quote of its key
        if not comma:
            raise _NotInLayout  # the line before lacks its comma
        newline = find(b"\n", position)
        sep = find(b'": {', position, newline)  # keys are checked below: no quote inside
        comma = raw[newline - 1] == 44  # ","
        end = newline - comma
        if raw[end - 1] != 125 or sep <= position + 1:  # "}"; a key of at least one letter
            raise _NotInLayout
        add_value(decode(view[sep + 3 : end]))
        add_key(raw[position + 1 : sep])
        add_start(position)
        position = newline + 1
    if comma:
        raise _NotInLayout  # the last line has a comma, or there is none
    if not b"".join(keys).isalnum() and not all(map(_simple_key, keys)):
        raise _NotInLayout
    names = list(map(bytes.decode, keys))  # ASCII, as just checked
    lines = _Lines(raw, starts, position - 1)
    if lazy:
        table = Table(keys=names, lines=lines, owners=[str(v.idea_id) for v in values])
    else:
        table = Table(dict(zip(names, values, strict=True)), keys=names, lines=lines)
    if len(table._at) != len(names):
        raise _NotInLayout  # a repeated key: JSON keeps the last, so read it whole
    return table, position


def _read_any_layout(path: Path, raw: bytes) -> JournalFile:
    """The whole file as JSON, as the standard library reads it; its error messages
    say where a damaged journal is broken."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError as error:
        raise JournalError(
            f"The journal {path} is damaged: byte {error.start + 1} is not UTF-8 text.",
            hint=_HINT_DAMAGED,
        ) from None
    except json.JSONDecodeError as error:
        raise JournalError(
            f"The journal {path} is damaged: {error.msg} at line {error.lineno}, "
            f"column {error.colno}.",
            hint=_HINT_DAMAGED,
        ) from None
    tables = {
        name: Table({str(key): record for key, record in records.items()})
        for name, records in _checked(path, data).items()
    }
    return JournalFile(tables)


def _checked(path: Path, data: Any) -> dict[str, Any]:
    meta = data.get(META_KEY) if isinstance(data, dict) else None
    if not isinstance(meta, dict) or type(meta.get("schema")) is not int:
        raise JournalError(
            f"{path} is not an ff journal (it has no {META_KEY!r} entry).",
            hint="ff has not changed the file. Use --journal to choose an ff "
            "journal, or a new path to start one.",
        )
    if meta["schema"] > SCHEMA:
        raise JournalError(
            f"The journal {path} was written by a newer ff (journal schema "
            f"{meta['schema']}; this ff reads schema {SCHEMA}).",
            hint="Upgrade ff: pip install --upgrade ff-cards.",
        )
    tables = {k: v for k, v in data.items() if k != META_KEY}
    for name, table in tables.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise JournalError(
                f"The journal {path} is damaged: {name!r} is not a table of records.",
                hint=_HINT_DAMAGED,
            )
    return tables
