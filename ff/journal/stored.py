"""A record as read from its line of the journal file: decoded only when needed.

Reading a journal of 100,000 iterations into dicts took about 0.3 s and 300 MB; a
command about one idea needs a handful of them. So each record is kept as its
line's bytes, with the few fields every command looks at (its id, the idea it
belongs to, an idea's ref) read from the line at once, and the rest decoded the
first time anything else is asked for. A record never decoded is written back as
the bytes it was read from; one that was decoded (and so may have been changed)
is checked against its table's shape and encoded again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from typing import Annotated, Any, Protocol

from ff.decoder import msgspec
from ff.errors import JournalError
from ff.journal.mapped import Raw
from ff.journal.records import (
    CONFLICTS,
    DELETED,
    IDEAS,
    ITERATIONS,
    SHAPES,
    STATUS_CHANGES,
    Record,
)

# Keys written in sorted order, text as typed (UTF-8, not \\u escapes): the same
# record always gives the same line, so journals diff and merge well in git.
_ENCODE = msgspec.json.Encoder(order="sorted").encode
_DECODE = msgspec.json.Decoder().decode
_CHECKERS = {name: msgspec.json.Decoder(shape).decode for name, shape in SHAPES.items()}


# The ids read at once are checked for length only: the whole record, when decoded,
# is checked against its shape (an idea's at once, so a ref is always checked whole).
# A pattern's check on each of 100,000 lines would cost a tenth of the journal's reading.
_Key = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class _IdeaKeys(msgspec.Struct, gc=False):
    id: _Key
    ref: _Key
    created: str = ""


class _OwnedKeys(msgspec.Struct, gc=False):
    id: _Key
    idea_id: _Key


class _TombstoneKeys(msgspec.Struct, gc=False):
    id: _Key
    table: str


class _Keys(msgspec.Struct, gc=False):
    """A record of a table ff does not know: nothing is read at once."""


# What is read from each line at once (the rest of the line is checked as JSON).
_KEY_DECODERS: dict[str, Callable[[bytes | memoryview], Any]] = {
    IDEAS: msgspec.json.Decoder(_IdeaKeys).decode,
    ITERATIONS: msgspec.json.Decoder(_OwnedKeys).decode,
    STATUS_CHANGES: msgspec.json.Decoder(_OwnedKeys).decode,
    DELETED: msgspec.json.Decoder(_TombstoneKeys).decode,
    CONFLICTS: msgspec.json.Decoder(_OwnedKeys).decode,
}
_NO_KEYS = msgspec.json.Decoder(_Keys).decode
# The same, from a whole table at once (a JSON object of records by document id).
_TABLE_KEY_DECODERS: dict[str, Callable[[bytes | memoryview], dict[str, Any]]] = {
    ITERATIONS: msgspec.json.Decoder(dict[str, _OwnedKeys]).decode,
    STATUS_CHANGES: msgspec.json.Decoder(dict[str, _OwnedKeys]).decode,
    DELETED: msgspec.json.Decoder(dict[str, _TombstoneKeys]).decode,
    CONFLICTS: msgspec.json.Decoder(dict[str, _OwnedKeys]).decode,
}


class Damaged(Exception):
    """A record that cannot be used: what is wrong with it (``where`` adds the place)."""


# Tables whose every record is checked whole as it is read: ideas are few (one per
# check, against many iterations) and every command lists or searches them.
_CHECKED_AT_ONCE = frozenset({IDEAS})


def keys_reader(table: str) -> Callable[[bytes | memoryview], Any]:
    """What reads, from each record's line of ``table``, the fields read at once;
    ``Damaged`` if the line is not a record of the table's shape (checked whole for
    ideas, as far as the fields read at once for the others)."""
    keys = _KEY_DECODERS.get(table, _NO_KEYS)
    whole = _CHECKERS[table] if table in _CHECKED_AT_ONCE else None

    def read(line: bytes | memoryview) -> Any:
        try:
            if whole is not None:
                whole(line)
            return keys(line)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as problem:
            raise Damaged(_said(problem)) from None

    return read


def table_keys_reader(table: str) -> Callable[[bytes | memoryview], dict[str, Any]] | None:
    """What reads the fields read at once from every record of ``table`` by one call,
    given the table as a JSON object; None for a table whose records are checked
    whole as they are read (ideas), or that ff does not know. It raises msgspec's
    errors: the table is then read record by record, to say where the damage is."""
    return _TABLE_KEY_DECODERS.get(table)


def decode(table: str, line: bytes | memoryview) -> Record:
    """The whole record, checked against its table's shape.

    Checking decodes the record into its shape, which keeps only the fields ff knows;
    when that gives back the very line (ff wrote it), it is the record. Otherwise the
    line is decoded again as it is, so that fields ff does not know are kept (decoding
    twice every time made reading a large journal a third slower)."""
    try:
        checker = _CHECKERS.get(table)
        if checker is not None:
            shaped = checker(line)  # raises if a field has the wrong type
            if _ENCODE(shaped) == line:
                return shaped  # type: ignore[no-any-return]
        record = _DECODE(line)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as problem:
        raise Damaged(_said(problem)) from None
    if not isinstance(record, dict):
        raise Damaged("it is not a record (a JSON object)")
    return record


def check(table: str, record: Any) -> None:
    """``Damaged`` unless ``record`` has the shape of its table's records."""
    shape = SHAPES.get(table)
    if not isinstance(record, dict):
        raise Damaged("it is not a record (a JSON object)")
    if shape is not None:
        try:
            msgspec.convert(record, shape)
        except msgspec.ValidationError as problem:
            raise Damaged(_said(problem)) from None


def encode(record: Any) -> bytes:
    try:
        return _ENCODE(record)
    except (TypeError, OverflowError, msgspec.EncodeError) as problem:
        raise Damaged(f"it cannot be written as JSON ({problem})") from None


def _said(problem: Exception) -> str:
    """msgspec's message in words people read: "Expected `str`, got `int` - at `$.title`"
    becomes "title: expected text, got a whole number"."""
    if isinstance(problem, RecursionError):
        return "it is nested too deeply"
    text = str(problem)
    if isinstance(problem, msgspec.ValidationError):
        what, _, where = text.partition(" - at `$")
        field = where.rstrip("`").lstrip(".") or "the record"
        for word, plain in _TYPE_WORDS.items():
            what = what.replace(word, plain)
        if "matching regex" in what:  # a ref (ff.journal.records.Ref)
            what = "expected a ref (letters, digits, hyphens, underscores and full stops only)"
        return f"{field}: {what[0].lower()}{what[1:]}"
    if "truncated" in text:
        return "it is not valid JSON text (a broken escape such as a lone \\ud800, or a cut line)"
    return f"it is not valid JSON ({text})"


_TYPE_WORDS = {
    "`str`": "text",
    "`int`": "a whole number",
    "`float`": "a number",
    "`array`": "a list",
    "`object`": "a mapping",
    "`null`": "nothing (null)",
    "`bool`": "true or false",
}


class Source(Protocol):
    """The journal a record was read from: its bytes, and the error for a damaged record."""

    @property
    def raw(self) -> Raw: ...  # read, or mapped (see ff.journal.mapped)

    def damaged(
        self, table: str, key: str, problem: str, position: int | None = None
    ) -> JournalError: ...

    def note_decoded(self, table: str, key: str) -> None: ...


class Lines(Protocol):
    """Where the records of one table are in the journal's bytes: each record's line
    (see ff.journal.fileformat), found when first asked for, or as it was read."""

    @property
    def table(self) -> str: ...

    @property
    def source(self) -> Source: ...  # the journal as read (kept once, not for each record)

    def span(self, key: str) -> tuple[int, int]:
        """Where record ``key``'s line starts (its key's quote) and its JSON ends (the
        line's closing brace, without the comma); a ``JournalError`` if it cannot be
        found so (the file is not one record a line after all)."""
        ...


class StoredRecord(MutableMapping[str, Any]):
    """A record as read from the journal: its table's lines (where it is), the fields
    read at once, and the whole record once decoded. Changing it (or handing out one
    of its lists) marks it to be encoded again when the journal is written."""

    __slots__ = ("_data", "_end", "_key", "_keys", "_lines", "_start")

    def __init__(self, key: str, keys: Any, lines: Lines, start: int = -1, end: int = -1) -> None:
        self._key = key  # its document id (digits: its JSON starts after '"key": ')
        self._keys = keys
        self._data: Record | None = None
        self._lines = lines
        self._start = start  # where its line starts (-1: not known yet, see ``span``)
        self._end = end

    @classmethod
    def many(
        cls, lines: Lines, keys: Mapping[str, Any], spans: Iterable[int] | None = None
    ) -> Iterator[tuple[str, StoredRecord]]:
        """The records of a table read at once: ``keys``'s (document id: the fields read
        at once), in order; ``spans``, where each one's line starts and its JSON ends,
        in turn, if they were found as the table was read. Made without a call of
        ``__init__`` each (a journal of 100,000 iterations was read 8 to 12 ms quicker
        so: ``ff log``, ``show``, ``ideas``)."""
        new = object.__new__
        if spans is None:
            for key, read in keys.items():
                record = new(cls)
                record._key, record._keys, record._data, record._lines = key, read, None, lines
                record._start = -1
                yield key, record
            return
        each = iter(spans)
        for (key, read), start, end in zip(keys.items(), each, each, strict=True):
            record = new(cls)
            record._key, record._keys, record._data, record._lines = key, read, None, lines
            record._start, record._end = start, end
            yield key, record

    @property
    def decoded(self) -> bool:
        """Whether the whole record was decoded (and so must be encoded again)."""
        return self._data is not None

    @property
    def key(self) -> str:
        """Its document id."""
        return self._key

    @property
    def raw(self) -> Raw:
        """The bytes of the file the record was read from."""
        return self._lines.source.raw

    @property
    def span(self) -> tuple[int, int]:
        """Where the record's whole line (key and JSON) is in those bytes: asked of its
        table's lines once, then kept (a merge asks 70,000 times)."""
        if self._start < 0:
            self._start, self._end = self._lines.span(self._key)
        return self._start, self._end

    @property
    def line(self) -> memoryview:
        """The record's JSON, as it was read."""
        start, end = self.span if self._start < 0 else (self._start, self._end)
        return memoryview(self._lines.source.raw)[start + len(self._key) + 4 : end]

    def _whole(self) -> Record:
        if self._data is None:
            lines = self._lines
            try:
                self._data = decode(lines.table, self.line)
            except Damaged as problem:
                raise lines.source.damaged(
                    lines.table, self._key, str(problem), self.span[0]
                ) from None
            lines.source.note_decoded(lines.table, self._key)
        return self._data

    def __getitem__(self, key: str) -> Any:
        if self._data is None and key in _SHORTCUT.get(self._lines.table, ()):
            return getattr(self._keys, key)
        return self._whole()[key]

    def get(self, key: str, default: Any = None) -> Any:
        if self._data is None and key in _SHORTCUT.get(self._lines.table, ()):
            return getattr(self._keys, key)
        return self._whole().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._whole()

    def __setitem__(self, key: str, value: Any) -> None:
        self._whole()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._whole()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __repr__(self) -> str:
        return f"StoredRecord({self._whole()!r})"

    def plain(self) -> Record:
        """The record as a plain dict (its own: changing it changes the record)."""
        return self._whole()


# The fields answered from what was read at once, without decoding the record.
_SHORTCUT: dict[str, frozenset[str]] = {
    IDEAS: frozenset(_IdeaKeys.__struct_fields__),
    ITERATIONS: frozenset(_OwnedKeys.__struct_fields__),
    STATUS_CHANGES: frozenset(_OwnedKeys.__struct_fields__),
    DELETED: frozenset(_TombstoneKeys.__struct_fields__),
    CONFLICTS: frozenset(_OwnedKeys.__struct_fields__),
}


def owners(records: Iterable[Any]) -> list[str]:
    """The id of the idea each record belongs to, as text: read at once, for records
    never decoded. (Asked of each of 100,000 iterations through ``get``, it took a
    command about one idea 20 ms; so.)"""
    return [
        record._keys.idea_id
        if type(record) is StoredRecord and record._data is None and record._lines.table in OWNED
        else str(record.get("idea_id"))
        for record in records
    ]


# The tables whose records each belong to an idea (their idea id is read at once).
OWNED = frozenset(table for table, keys in _SHORTCUT.items() if "idea_id" in keys)


def owners_as_read(records: Iterable[StoredRecord]) -> Iterator[str]:
    """The idea id read at once with each record (of a table whose records belong to an
    idea), without a method call each: for records never decoded."""
    return map(_OWNER_AS_READ, records)


_OWNER_AS_READ = operator.attrgetter("_keys.idea_id")
