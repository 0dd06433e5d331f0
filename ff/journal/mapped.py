"""A large journal opened only to read (``ff show``, ``ff ideas``) is mapped into memory
rather than read into it, and scanned a piece at a time, each piece let go once read:
a record is decoded only when a command asks for it, from the mapped file, so the
file need not be held. A journal of a million iterations (724 MB) took 1.23 GiB to
show one idea when read whole.

Only where the system maps files as ff needs (Linux, macOS: a file replaced by a
write is a new file, and the mapping keeps the old one whole). Not on Windows, where
a mapped file cannot be replaced while it is read. A file cut short by another
program while it is mapped would stop ff (SIGBUS); ff never writes so (it replaces
the file whole), so a person editing the journal by hand while ``ff show`` reads it
is the one way left (the README says so)."""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Iterator
from pathlib import Path

Raw = bytes | mmap.mmap  # a journal's bytes, read or mapped

# Journals larger than this (about 350,000 iterations), opened only to read, are
# mapped: below it, reading the file whole is quicker (mapped, ``ff show`` on a journal
# of 100,000 iterations, 72 MB, took 285 ms instead of 249), and takes under 500 MB.
MAP_OVER = 256 << 20
# A mapped journal is scanned so much at a time.
PIECE = 32 << 20

_NOT_SPACE = re.compile(rb"\S")


def mapped(path: Path) -> mmap.mmap | None:
    """The journal's bytes mapped, if it is large enough to be worth it and the system
    maps as ff needs; None to read it as usual (the caller checks the file first)."""
    if os.name != "posix":
        return None
    try:
        with open(path, "rb") as file:
            if os.fstat(file.fileno()).st_size < MAP_OVER:
                return None
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None  # read as usual, which says what is wrong


def blank(raw: Raw) -> bool:
    """Empty, or only white space."""
    if isinstance(raw, bytes):
        return raw.isspace() or not raw  # (isspace stops at the first other byte)
    return _NOT_SPACE.search(raw) is None


def ascii_only(raw: Raw) -> bool:
    if isinstance(raw, bytes):
        return raw.isascii()
    for start in range(0, len(raw), PIECE):
        if not raw[start : start + PIECE].isascii():
            return False
        let_go(raw, start, start + PIECE)
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


def table_pieces(
    raw: Raw, closing: re.Pattern[bytes], position: int
) -> Iterator[tuple[int, int, bool]]:
    """A table's lines from ``position`` to the first that ``closing`` finds (``\\n}``,
    the line that closes it), in pieces of whole lines: (start, stop, last), the last
    piece's stop where the closing line starts. Read: one piece. Mapped: about PIECE
    bytes each, the closing line looked for in each piece as it comes (the pages are
    then read once). Nothing if no line closes it."""
    if isinstance(raw, bytes):
        found = closing.search(raw, position - 1)
        if found is not None:
            yield position, found.start() + 1, True
        return
    start = position
    while True:
        window = start + PIECE
        stop = raw.find(b"\n", window) + 1 if window < len(raw) else 0
        found = closing.search(raw, start - 1, stop + 1 if stop else len(raw))
        if found is not None:
            yield start, found.start() + 1, True
            return
        if not stop:
            return
        yield start, stop, False
        start = stop
