"""A large journal opened only to read (``ff show``, ``ff ideas``, and the reports:
``ff summary``, ``ff export``) is mapped into memory rather than read into it, and
scanned a piece at a time, each piece let go once read: a record is decoded only
when a command asks for it, from the mapped file (a report decodes each piece's
records at once: see ff.journal.bulk), so the file need not be held. A journal of a
million iterations (724 MB) took 1.23 GiB to show one idea when read whole.

Only where the system maps files as ff needs (Linux, macOS: a file replaced by a
write is a new file, and the mapping keeps the old one whole). Not on Windows, where
a mapped file cannot be replaced while it is read. A file cut short by another
program while it is mapped would stop ff (SIGBUS); ff never writes so (it replaces
the file whole), so a person editing the journal by hand while ``ff show`` or a report
reads it is the one way left (the README says so)."""

from __future__ import annotations

import mmap
import os
import re
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

Raw = bytes | mmap.mmap  # a journal's bytes, read or mapped

# Journals larger than this (about 350,000 iterations), opened only to read, are
# mapped: below it, reading the file whole is quicker (mapped, ``ff show`` on a journal
# of 100,000 iterations, 72 MB, took 285 ms instead of 249), and takes under 500 MB.
MAP_OVER = 256 << 20
# A mapped journal is scanned so much at a time.
PIECE = 32 << 20

_NOT_SPACE = re.compile(rb"\S")


class Mapped(mmap.mmap):
    """A journal's bytes mapped, and its file kept open (the same file, even once a
    write has replaced the journal) to read large pieces of it: a read copies them from
    the system's cache into one buffer, where going through the map brings each page
    of it into ff's memory first. Measured on the 2-core benchmark machine, a journal
    of a million iterations (724 MB) checked as ASCII took 0.14 s read so and 0.42 s
    through the map."""

    file: Any  # (an unbuffered binary file)


def mapped(path: Path) -> mmap.mmap | None:
    """The journal's bytes mapped, if it is large enough to be worth it and the system
    maps as ff needs; None to read it as usual (the caller checks the file first)."""
    if os.name != "posix":
        return None
    try:
        file = open(path, "rb", buffering=0)  # noqa: SIM115 (closed with the map)
    except OSError:
        return None  # read as usual, which says what is wrong
    try:
        if os.fstat(file.fileno()).st_size < MAP_OVER:
            file.close()
            return None
        found = Mapped(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        file.close()
        return None
    found.file = file
    weakref.finalize(found, file.close)
    return found


def read_at(raw: mmap.mmap, position: int, into: memoryview) -> int:
    """Read the mapped file's bytes from ``position`` into ``into``, as many as fit;
    how many were read (fewer only at the end of the file)."""
    assert isinstance(raw, Mapped)  # (every map ff reads is one: see ``mapped``)
    raw.file.seek(position)
    done = 0
    while done < len(into):
        count = raw.file.readinto(into[done:])
        if not count:
            break
        done += count
    return done


def blank(raw: Raw) -> bool:
    """Empty, or only white space."""
    if isinstance(raw, bytes):
        return raw.isspace() or not raw  # (isspace stops at the first other byte)
    return _NOT_SPACE.search(raw) is None


def ascii_only(raw: Raw) -> bool:
    if isinstance(raw, bytes):
        return raw.isascii()
    buffer = bytearray(min(PIECE, len(raw)))
    with memoryview(buffer) as view:
        for start in range(0, len(raw), PIECE):
            count = read_at(raw, start, view)
            if not (buffer if count == len(buffer) else buffer[:count]).isascii():
                return False
    return True


def line_of(raw: Raw, position: int) -> int:
    """The line number of ``position``."""
    if isinstance(raw, bytes):
        return raw.count(b"\n", 0, position) + 1
    return (
        sum(
            raw[start : min(start + PIECE, position)].count(b"\n")
            for start in range(0, position, PIECE)
        )
        + 1
    )


def whole(raw: Raw) -> bytes:
    """All the bytes (a copy, if mapped: for a file in another layout, read as JSON)."""
    return raw if isinstance(raw, bytes) else raw[:]


def let_go(raw: Raw, start: int, end: int) -> None:
    """A mapped journal's pages from ``start`` to ``end`` given back: read again from
    the file if they are needed again."""
    if isinstance(raw, bytes):
        return
    first = start - start % mmap.PAGESIZE
    end = min(end, len(raw))
    if end > first:
        raw.madvise(mmap.MADV_DONTNEED, first, end - first)


class Piece(NamedTuple):
    """Some of a table's record lines, whole, and the same lines as a JSON object."""

    start: int  # where its first line starts in the file
    stop: int  # where the line after its last starts
    last: bool  # whether the line at ``stop`` closes the table
    table: Any  # the lines as one JSON object (bytes-like)
    text: Any  # bytes-like: the text to check the lines in
    first: int  # where its first line starts in ``text``
    end: int  # where its lines end in ``text``
    offset: int  # how far into the file ``text`` starts


def table_pieces(
    raw: Raw, closing: re.Pattern[bytes], position: int, size: int | None = None
) -> Iterator[Piece]:
    """A table's lines from ``position`` to the first that ``closing`` finds (``\\n}``,
    the line that closes it), in pieces of whole lines, the last piece's stop where the
    closing line starts. Read: one piece, the table as it is in the file, checked in
    the file. Mapped: about ``size`` bytes each (PIECE if not given), read into a
    buffer where the closing line is looked for, and made a JSON object there (its last
    comma made the closing brace). Nothing if no line closes it."""
    if isinstance(raw, bytes):
        found = closing.search(raw, position - 1)
        if found is not None:
            stop = found.start() + 1
            yield Piece(position, stop, True, memoryview(raw)[position - 2 : stop + 1], raw,
                        position, stop, 0)  # fmt: skip
        return
    start, buffer, size = position, bytearray(), size or PIECE
    while True:
        window = start + size
        stop = raw.find(b"\n", window) + 1 if window < len(raw) else 0
        upto = stop + 1 if stop else len(raw)  # (the first byte after the piece too)
        if len(buffer) < upto - start + 2:
            buffer = bytearray(upto - start + 2)
        offset = start - 2  # buffer[i] is the file's byte offset + i ...
        with memoryview(buffer) as view:
            read_at(raw, start - 1, view[1 : upto - offset])
        buffer[0] = 123  # ... but the first: "{", then the line end before the piece
        found = closing.search(buffer, 1, upto - offset)
        if found is None and not stop:
            return
        last = found is not None
        if found is not None:
            stop = found.start() + offset + 1  # the closing line: "}" at buffer[end]
        elif buffer[stop - offset - 2] == 44:  # the last line's comma and line end
            buffer[stop - offset - 2 : stop - offset] = b"\n}"  # made the closing line
        else:  # a line without its comma: the table is damaged, and the piece is left
            buffer[stop - offset - 1] = 33  # so that it does not decode ("!": not JSON)
        end = stop - offset if last else stop - offset - 1
        yield Piece(start, stop, last, memoryview(buffer)[: end + 1], buffer, 2, end, offset)
        if last:
            return
        start = stop


def closings(raw: bytes, closing: re.Pattern[bytes], position: int) -> Iterator[int]:
    """Where the line that closes the table whose first line starts at ``position`` may
    start, in a journal read (not mapped): as ``closing`` (``\\n}``) finds it within
    ``NEAR`` bytes; else first as found from the end of the file, then as ``closing``
    finds it further on.

    From the end, the last line that closes a table and is followed by another is
    the closing line of the table before the last (or, if there is none after
    ``position``, the file's last closing line is the last table's): a search
    through the last table alone, where a search from ``position`` goes through this
    one (18 ms through the iterations of a journal of 100,000, against 0.04 ms).
    Any other table's closing line would come before it, and the table up to it is
    then not one JSON object: the caller's decoding fails, and it tries the next. A
    table that ends within ``NEAR`` (the ideas, mostly: decoded in vain up to the
    iterations' end, they took a report 5 ms) is never guessed at."""
    near = closing.search(raw, position - 1, position - 1 + NEAR)
    if near is not None:
        yield near.start() + 1
        return
    after = raw.rfind(b'\n},\n"', position - 1)
    guess = after if after >= 0 else raw.rfind(b"\n}", position - 1)
    if guess >= 0:
        yield guess + 1
    found = closing.search(raw, position - 2 + NEAR)  # (the search so far: not again)
    if found is not None and found.start() != guess:
        yield found.start() + 1


# A table's closing line is looked for this far from its start before it is guessed at
# from the end of the file (see ``closings``): about a millisecond's search.
NEAR = 4 << 20
