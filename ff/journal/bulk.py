"""Reading a whole journal at once, for reports: each table decoded by one call and
checked against its records' shapes, rather than record by record.

A lead's summary reads every record of many journals. Record by record (see
ff.journal.stored) a journal of 10,000 iterations took 64 ms to read into dicts;
decoded a table at a time into shapes that refuse fields ff does not know, 21 ms.
Only a journal in ff's own line layout whose records hold nothing ff does not know
is read this way: any other (hand-edited, from an older ff, damaged, or holding an
analyst's own fields) raises ``Unsure`` and is read record by record, which keeps
what ff does not know and names where the damage is. A report that shows only the
fields ff knows (the summary, HTML, Markdown, CSV) reads them alone, whatever else a
record holds: still every one checked, and a fifth quicker.

A journal over ``MAP_OVER`` (256 MB) is mapped, as ``ff show`` maps it (see
ff.journal.mapped), and each large table read and decoded a piece at a time (32 MB
then: a summary of a million iterations (724 MB) held 2.65 GiB at its peak with the
file read whole, 1.98 GiB so, in about the same time, 5.4 to 6.5 s either way; a
megabyte now, DECODED). A journal read for every field has each table decoded a
megabyte at a time too (see ``_in_pieces``).
"""

from __future__ import annotations

import functools
import operator
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict, Union, get_args, get_origin, get_type_hints, is_typeddict

from ff.decoder import msgspec
from ff.journal.fileformat import (
    CLOSING,
    FileBytes,
    NotInLayout,
    ReadJournal,
    TableReader,
    map_large,
    read_bytes,
    read_lines,
    whole_table,
)
from ff.journal.mapped import Raw, let_go, table_pieces
from ff.journal.records import ITERATIONS, SHAPES, SUMMARY_READS, Fields, IterationRecord
from ff.memory import collector_paused, keep

if sys.version_info >= (3, 11):
    from typing import NotRequired
else:  # pragma: no cover - Python 3.10
    from typing_extensions import NotRequired


class Unsure(Exception):
    """The journal cannot be read whole with certainty: read it record by record."""


def read_whole(path: Path, *, fields: Fields = "every") -> ReadJournal | None:
    """The journal at ``path``, every table's records (the schema's left out) as plain
    dicts keyed by document id; None if there is no journal. ``Unsure`` if the
    journal is not one this reads (see the module's docstring); a ``JournalError`` if
    it is damaged in a way found before its records are read. (ff's TinyDB storage
    reads a journal so when asked: ``open_journal(path, read_only=True, whole=True)``.)

    ``fields`` "known": only the fields ff knows (each checked all the same), for a
    report that shows no other; decoded so, a table of 10,000 iterations took 25 ms
    rather than 31, and a journal with fields ff does not know is read whole too.
    "figures": of the iterations, only what the summary reads (SUMMARY_READS); a
    field it does not read is not checked either (the reports that show it do)."""
    raw = map_large(path) or read_bytes(path)  # (large: mapped, see the docstring)
    if raw is None:
        return None
    journal = ReadJournal(FileBytes(path, raw), {})
    read_table = _TABLE_READERS[fields]
    try:
        with collector_paused():  # many small objects, no cycles: see ff.memory
            read_lines(journal, read_table)
    except (NotInLayout, msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        raise Unsure from None
    keep(journal)  # to the end of the ff command: see ff.memory
    return journal


def _decoded_table(journal: ReadJournal, name: str, position: int) -> int:
    """Decode the records of table ``name`` (whose first line starts at ``position``)
    with every field, a piece of the table at a time (see ``_in_pieces``); the position
    of the line that closes the table."""
    decode = _every_decoder(name)
    closing, journal.tables[name] = _table(journal, name, position, decode, in_pieces=True)
    return closing


def _known_fields(journal: ReadJournal, name: str, position: int) -> int:
    """As ``_decoded_table``, the fields ff knows only (ff's TypedDicts decode to dicts
    that hold only those)."""
    closing, journal.tables[name] = _table(journal, name, position, _KNOWN.get(name, _ANY))
    return closing


def _summary_fields(journal: ReadJournal, name: str, position: int) -> int:
    """As ``_known_fields``, an iteration's fields only those the summary reads."""
    decode = _summary_decoder() if name == ITERATIONS else _KNOWN.get(name, _ANY)
    closing, journal.tables[name] = _table(journal, name, position, decode)
    return closing


_TABLE_READERS: dict[Fields, TableReader] = {
    "every": _decoded_table,
    "known": _known_fields,
    "figures": _summary_fields,
}


def _table(
    journal: ReadJournal, name: str, position: int, decode: Decode, in_pieces: bool = False
) -> tuple[int, dict[str, Any]]:
    raw = journal.raw
    closing, records, lines = (
        _whole_table(raw, position, decode, in_pieces)
        if isinstance(raw, bytes)
        else _mapped_table(raw, position, decode)
    )
    # One record a line, each key a TinyDB document id (a key given twice would count
    # once: the record-by-record reading refuses it, naming both lines).
    if len(records) != lines:
        raise Unsure
    if not all(map(str.isdigit, records)) or not "".join(records).isascii():
        raise Unsure
    return closing, records


def _whole_table(
    raw: bytes, position: int, decode: Decode, in_pieces: bool
) -> tuple[int, dict[str, Any], int]:
    """A journal read: the table decoded whole (see ``whole_table``), or ``in_pieces``;
    its closing line's position, the records and how many lines they are on."""

    def by_pieces(table: memoryview) -> dict[str, Any]:
        # (``table`` is raw[position - 2 : closing + 1], from "{" to "}": see whole_table)
        return _in_pieces(raw, position - 2, position - 3 + len(table), decode)

    closing, records = whole_table(raw, position, by_pieces if in_pieces else decode)
    return closing, records, raw.count(b"\n", position, closing)


def _mapped_table(raw: Raw, position: int, decode: Decode) -> tuple[int, dict[str, Any], int]:
    """A journal mapped: the table read and decoded a piece of DECODED bytes at a time
    (see ``_in_pieces`` for why), each let go once read."""
    closing, lines = None, 0
    records: dict[str, Any] = {}
    for piece in table_pieces(raw, CLOSING, position, DECODED):
        records.update(decode(piece.table))
        lines += piece.text.count(b"\n", piece.first, piece.end)
        let_go(raw, piece.start, piece.stop)
        closing = piece.stop if piece.last else None
    if closing is None:
        raise NotInLayout
    return closing, records, lines


# A table is decoded this much at a time where it is decoded in pieces (see _in_pieces).
DECODED = 1 << 20


def _in_pieces(text: bytes, start: int, end: int, decode: Decode) -> dict[str, Any]:
    """The records of a table of a journal read (not mapped: see ``_mapped_table``), the
    JSON object from ``text[start]`` ("{") to ``text[end]`` ("}"), one record a line,
    decoded about DECODED bytes at a time: each piece a copy of whole lines made an
    object of its own.

    Where decoding makes the records in two steps (every field: Structs, then dicts),
    or makes a piece's records before they are merged into the table's (a mapped
    journal), a piece's records are likely still in the processor's cache when they
    are used again. ``ff export --format json``, timed in turn with the table decoded
    whole (medians): 10,000 iterations 125.4 ms rather than 131.8, 100,000 999 ms
    rather than 1023, 1,000,000 (mapped, decoded 32 MB at a time before) 10.70 s
    rather than 11.96; ``ff export --format csv`` of 1,000,000, 8.55 s rather than
    9.33. The fields ff knows, decoded straight into dicts, were 3% quicker decoded
    whole (100,000: the CSV 818 ms against 848, the summary 460 against 474), so a
    journal read, not mapped, has them decoded whole."""
    if end - start <= DECODED:
        return decode(memoryview(text)[start : end + 1])
    records: dict[str, Any] = {}
    buffer = bytearray()  # (as large as the largest piece: a report holds it meanwhile)
    first = start + 1  # where a piece starts: the line end before its first line
    while first < end:
        stop = text.find(b"\n", first + DECODED, end)
        if stop < 0 or stop == end - 1:  # the last piece: up to the table's own "}"
            stop, upto, closing = end, end + 1, b""
        elif text[stop - 1] == 44:  # every other line ends with a comma: made "}"
            upto, closing = stop - 1, b"}"
        else:
            raise msgspec.DecodeError("A record's line has no comma after it.")
        opened = 1 + upto - first  # "{" and the piece's lines
        size = opened + len(closing)
        if len(buffer) < size:
            buffer = bytearray(size)
        buffer[0] = 123  # "{"
        with memoryview(text) as lines:
            buffer[1:opened] = lines[first:upto]
        buffer[opened:size] = closing
        records.update(decode(memoryview(buffer)[:size]))
        first = stop
    return records


def _strict(kind: Any) -> Any:
    """``kind`` with every TypedDict in it made a ``_shape``: what refuses unknown fields."""
    if is_typeddict(kind):
        return _shape(kind)
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        return functools.reduce(operator.or_, [_strict(arg) for arg in args])
    if origin is list:
        return list[_strict(args[0])]  # type: ignore[misc]
    if origin is dict:
        return dict[_strict(args[0]), _strict(args[1])]  # type: ignore[misc]
    return kind  # a str, number, Literal or Annotated value: nothing inside to change


@functools.cache
def _shape(record: Any) -> type[msgspec.Struct]:
    """A TypedDict as a msgspec Struct that refuses fields it does not name. A field
    the TypedDict does not require is left out when absent (UNSET), so the record
    turned back into a dict has the same keys it was written with, in the order ff
    writes them (sorted)."""
    fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    hints = get_type_hints(record, include_extras=True)
    for name in sorted(hints):
        kind = hints[name]
        # (Not ``__required_keys__``: with postponed annotations it holds every field.)
        if get_origin(kind) is NotRequired:
            fields.append((name, _strict(get_args(kind)[0]) | msgspec.UnsetType, msgspec.UNSET))
        else:
            fields.append((name, _strict(kind)))
    return msgspec.defstruct(
        record.__name__, fields, kw_only=True, forbid_unknown_fields=True, gc=False
    )


Decode = Callable[[memoryview], dict[str, Any]]


@functools.cache
def _strict_decoder(name: str) -> Decode | None:
    """What decodes table ``name`` refusing fields ff does not know; None for a table
    ff does not know. Made when first needed (only the JSON export reads every field):
    making the five took 1.2 ms of every other report's start-up."""
    shape = SHAPES.get(name)
    if shape is None:
        return None
    return msgspec.json.Decoder(dict[str, _shape(shape)]).decode  # type: ignore[misc]


@functools.cache
def _every_decoder(name: str) -> Decode:
    """What decodes table ``name`` with every field, refusing fields ff does not know:
    its records as dicts, each piece's made so as soon as it is decoded (a journal of a
    million iterations, mapped, is decoded a piece of 32 MB at a time)."""
    strict = _strict_decoder(name)
    if strict is None:
        return _ANY

    def decode(piece: memoryview) -> dict[str, Any]:
        records: dict[str, Any] = msgspec.to_builtins(strict(piece))
        return records

    return decode


@functools.cache
def _summary_decoder() -> Decode:
    """What decodes the iterations with only what the summary reads, each field checked
    as ff's own shape checks it. Made when first needed (only ``ff summary`` reads so)."""
    hints = get_type_hints(IterationRecord, include_extras=True)
    shape: Any = TypedDict(  # type: ignore[misc]
        "IterationSummarised", {name: hints[name] for name in SUMMARY_READS}
    )
    return msgspec.json.Decoder(dict[str, shape]).decode


_KNOWN: dict[str, Decode] = {
    name: msgspec.json.Decoder(dict[str, shape]).decode  # type: ignore[valid-type]
    for name, shape in SHAPES.items()
}
_ANY: Decode = msgspec.json.Decoder(dict[str, dict[str, Any]]).decode
