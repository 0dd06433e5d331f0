"""Journals read for a report in other processes, when there are many and they are
large: each process reads a journal and assembles its ideas (``piece_of``), with the
ideas as bytes ready for the report's temporary file, and this process gathers the
pieces in the journals' order (ff.reporting.collect). See ff.reporting.processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ff.errors import FFError
from ff.journal.records import Fields, Record
from ff.reporting.pieces import Look, Piece, piece_of
from ff.reporting.processes import in_order


def pieces_elsewhere(
    paths: Sequence[Path],
    names: dict[Path, str],
    fields: Fields,
    look: Look,
    stored: Callable[[Record], Any],
    workers: int,
) -> Iterator[tuple[Path, Piece | None]]:
    """Each journal's piece, in order, read by ``workers`` other processes (None: it
    could not be read there, and is read again here to say why); ``stored`` makes the
    bytes each idea is kept as (a function of ff.reporting.kept)."""
    jobs = [(path, names[path], fields, look, stored) for path in paths]
    yield from zip(paths, in_order(_piece, jobs, workers), strict=True)


def _piece(job: tuple[Path, str, Fields, Look, Callable[[Record], Any]]) -> Piece | None:
    from ff.journal.reading import read_journal_file
    from ff.memory import letting_go

    path, name, fields, look, stored = job
    try:
        with letting_go():
            if not path.exists():
                return None
            tables: Any = read_journal_file(path, fields=fields) or {}
            return piece_of(tables, name, stored, look)
    except FFError:
        return None
