"""The journal file written: ff's line layout, with the lines of records that did not
change copied straight from the bytes they were read from (see ff.journal.fileformat
for the layout, and for reading it)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import Any

from ff.errors import JournalError
from ff.journal.fileformat import HEAD, META, Chunk, ReadJournal
from ff.journal.mapped import Raw
from ff.journal.stored import Damaged, StoredRecord, check, encode

_SEPARATOR = b",\n"


def chunks(tables: Mapping[str, Mapping[str, Any]], read: ReadJournal | None = None) -> list[Chunk]:
    """The file for ``tables`` (the schema table is always ff's own): runs of
    unchanged lines straight from the journal as ``read``."""
    out: list[Chunk] = [HEAD]
    for name in sorted(t for t in tables if t != META):
        out.append(f",\n{json.dumps(name)}: {{".encode())
        lines = _copied_at_once(name, tables[name], read) if read is not None else None
        if lines is None:
            lines = _record_lines(name, tables[name], read.raw if read is not None else None)
        if lines:
            out += [b"\n", *lines, b"\n}"]
        else:
            out.append(b"}")
    out.append(b"}\n")
    return out


def _copied_at_once(name: str, records: Mapping[str, Any], read: ReadJournal) -> list[Chunk] | None:
    """A table's lines when it still holds the records read, in order, with new ones
    after them: the lines read copied as one piece, but for the records decoded since
    (encoded again). None for any other table. (Checked record by record, a table of
    100,000 iterations took 24 ms to write out; so, 5 ms.)"""
    originals = read.as_read(name, records)
    if originals is None:
        return None
    decoded = read.decoded_in(name)
    view, start, last = memoryview(read.raw), originals[0].span[0], originals[-1].span[1]
    out: list[Chunk] = []
    for record in sorted((records[key] for key in decoded), key=lambda r: r.span[0]):
        begin, end = record.span
        if begin > start:
            out += [view[start : begin - len(_SEPARATOR)], _SEPARATOR]
        out += [record_line(name, record.key, record), _SEPARATOR]
        start = end + len(_SEPARATOR)
    if start < last:
        out += [view[start:last], _SEPARATOR]
    for key in itertools.islice(records, len(originals), None):
        out += [record_line(name, key, records[key]), _SEPARATOR]
    out.pop()  # no separator after the last line
    return out


def _record_lines(name: str, records: Mapping[str, Any], raw: Raw | None) -> list[Chunk]:
    """A table's lines, separated: a run of records never decoded, that stood one after
    the other in ``raw``, is one piece of it."""
    view = memoryview(raw if raw is not None else b"")
    out: list[Chunk] = []
    run: list[int] | None = None  # [start, end] of the run of lines being copied
    for key, record in records.items():
        if raw is not None and isinstance(record, StoredRecord) and not record.decoded:
            start, end = record.span
            if record.raw is raw and run and run[1] + 2 == start:
                run[1] = end
                continue
            if record.raw is raw:
                if run:
                    out += [view[run[0] : run[1]], _SEPARATOR]
                run = [start, end]
                continue
        if run:
            out += [view[run[0] : run[1]], _SEPARATOR]
            run = None
        out += [record_line(name, key, record), _SEPARATOR]
    if run:
        out.append(view[run[0] : run[1]])
    elif out:
        out.pop()  # no separator after the last line
    return out


def record_line(table: str, key: Any, record: Any) -> bytes:
    """One record as it is written: its document id, then its JSON (sorted keys, text
    as typed); checked against its table's shape first."""
    plain = record.plain() if isinstance(record, StoredRecord) else record
    text = str(key)
    if not text.isdigit() or not text.isascii():
        raise JournalError(
            f"Cannot write the record {text!r} of table {table!r}: its key is not a "
            "TinyDB document id.",
            hint="Nothing was changed. Insert records with TinyDB's insert().",
        )
    try:
        check(table, plain)
        return b'"' + text.encode() + b'": ' + encode(plain)
    except Damaged as problem:
        raise JournalError(
            f"Cannot write record {text} of table {table!r}: {problem}.",
            hint="Nothing was changed. Give it the shape ff's records have (README: The journal).",
        ) from None


def serialise(tables: Mapping[str, Mapping[str, Any]]) -> bytes:
    """The whole journal as bytes, every record encoded afresh."""
    return b"".join(chunks(tables))
