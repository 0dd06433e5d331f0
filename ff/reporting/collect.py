"""Gathering many journals for a lead: paths, folders and patterns to files, each
journal named for output, and their ideas read (read only, never locked), an idea
found in several (after a merge) counted once."""

from __future__ import annotations

import glob
import operator
import os
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

from ff.errors import FFError, JournalError, UsageError
from ff.journal.reading import assembled, own_record, read_journal_file
from ff.journal.records import Fields, Record
from ff.light import dataclass, field
from ff.reporting.kept import Kept
from ff.reporting.pieces import Look, Piece, in_order, piece_of


@dataclass
class Collection:
    """Ideas gathered from one or more journals, each knowing where it came from."""

    ideas: list[Record]  # newest first
    journals: list[str]  # the files read
    problems: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # how output names them
    # Each idea's handle in ``Kept`` and what ``look`` made of it (see collect), in
    # the ideas' order; the ideas ``look`` left out are not here.
    looks: list[tuple[Any, Any]] = field(default_factory=list)


@dataclass
class _Entry:
    """One idea met: when first met, its record's time, and where it is kept."""

    order: int
    created: str
    journals: list[str]
    handle: Any = None
    look: Any = None


class Gathering:
    """Journals' ideas gathered one journal at a time, so that only one journal's
    records are held at once: each idea is assembled as its journal is read, and made
    again if a later journal (after a merge) has more of it. A record in several
    journals keeps the first journal's copy; records of an idea that no journal read
    so far has are kept until it is met. (Records are told apart within each idea:
    one edited by hand into another idea in one copy is kept in both ideas, where
    combining whole tables kept only the first journal's.)"""

    def __init__(self, kept: Kept, look: Look) -> None:
        self.kept = kept
        self.look = look
        self.entries: dict[str, _Entry] = {}  # by the idea's id
        self.waiting: dict[str, tuple[list[Any], list[Any]]] = {}  # its records, by idea

    def add(self, tables: Mapping[str, Mapping[str, Any]], name: str) -> None:
        """A journal's ideas, iterations and status changes (its tables, keyed by id)."""
        self.add_piece(piece_of(tables, name, self.kept.stored, self.look))

    def add_piece(self, piece: Piece) -> None:
        """A journal's ideas, assembled from its own records (see piece_of)."""
        for key, created, stored, look in piece.ideas:
            entry = self.entries.get(key)
            if entry is None and key not in self.waiting:  # (mostly)
                entry = self.entries[key] = _Entry(len(self.entries), created, [piece.name])
                entry.handle, entry.look = self.kept.put_stored(stored), look
                continue
            idea = self.kept.unstored(stored)
            if entry is None:  # its records met before it
                waited = self.waiting.pop(key)
                entry = self.entries[key] = _Entry(len(self.entries), created, [piece.name])
                tries = _union(waited[0], idea["iterations"])
                self._keep(
                    entry, own_record(idea), tries, _union(waited[1], idea["status_history"])
                )
                continue
            if piece.name not in entry.journals:
                entry.journals.append(piece.name)
            self._more(entry, idea["iterations"], idea["status_history"])
        for key, more in piece.left.items():
            entry = self.entries.get(key)
            if entry is not None:
                self._more(entry, *more)
            else:
                waited = self.waiting.get(key, ([], []))
                self.waiting[key] = _union(waited[0], more[0]), _union(waited[1], more[1])

    def newest_first(self) -> list[_Entry]:
        """The ideas newest first (checked in the same second: last met first)."""
        return sorted(self.entries.values(), key=_CREATED_AND_ORDER, reverse=True)

    def _keep(self, entry: _Entry, own: Record, tries: list[Any], changes: list[Any]) -> None:
        ordered = in_order(self.look)
        idea = {
            **assembled(own, tries, changes, in_order=ordered),
            "journals": list(entry.journals),
        }
        entry.handle = self.kept.put(idea)
        entry.look = self.look(idea)

    def _more(self, entry: _Entry, tries: list[Any], changes: list[Any]) -> None:
        """An idea met again: its new records added, and the journal it was met in."""
        idea = self.kept.get(entry.handle)
        if not tries and not changes and idea["journals"] == entry.journals:
            return
        self._keep(
            entry,
            own_record(idea),
            _union(idea["iterations"], tries),
            _union(idea["status_history"], changes),
        )


_CREATED_AND_ORDER = operator.attrgetter("created", "order")


def _union(first: list[Any], later: list[Any]) -> list[Any]:
    """The records of ``first``, then those of ``later`` that ``first`` has not (by id)."""
    if not first:
        return later
    if not later:
        return first
    ids = {str(record.get("id")) for record in first}
    return first + [record for record in later if str(record.get("id")) not in ids]


def expand(specs: Sequence[str | Path]) -> list[Path]:
    """Journal files from paths, folders (their *.json) and glob patterns, in order."""
    found: list[Path] = []
    for spec in specs:
        text = str(spec)
        if glob.has_magic(text):
            matched = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not matched:
                raise UsageError(
                    f"--journal {text!r} matches no file.",
                    hint="Check the pattern; quote it so the shell leaves it "
                    "to ff, e.g. --journal 'teams/*.json'.",
                )
            found += matched
        elif Path(text).is_dir():
            matched = sorted(Path(text).glob("*.json"))
            if not matched:
                raise UsageError(
                    f"The folder {text} holds no .json journal.",
                    hint="Name a journal file, or a folder of them.",
                )
            found += matched
        else:
            found.append(Path(text))
    unique: dict[str, Path] = {}
    for path in found:  # the same file named two ways is read once
        # realpath, not resolve(): a loop of symbolic links raises nothing here, and
        # is reported when the journal is read
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def journal_name(path: Path) -> str:
    """How a journal is named in output: its file name, or its folder for journal.json."""
    return path.parent.name if path.stem == "journal" and path.parent.name else path.stem


def journal_names(paths: Sequence[Path]) -> dict[Path, str]:
    """Names for output; two journals that would share a name are named with their folder."""
    names = {path: journal_name(path) for path in paths}
    clashes = {name for name in names.values() if list(names.values()).count(name) > 1}
    return {
        path: (f"{path.resolve().parent.name}/{path.name}" if name in clashes else name)
        for path, name in names.items()
    }


def collect(
    paths: Sequence[Path],
    *,
    strict: bool,
    progress: Callable[[int, int], None] | None = None,
    fields: Fields = "every",
    look: Look | None = None,
    kept: Kept | None = None,
    workers: int = 0,
) -> Collection:
    """Read every journal; an idea in several (after a merge) is counted once.

    An unreadable journal is named in ``problems`` and the rest still read, unless
    ``strict``, when it is an error. ``fields``: what is read of each record (see
    ff.journal.records), for a report that shows no other (read a fifth quicker).
    ``look``: what to make of each idea as it is gathered (``looks``, with each idea's
    handle; by default the idea itself), None to leave it out; ``kept``: where the
    ideas are kept meanwhile (by default in memory, and then ``ideas`` has every one);
    ``workers``: read the journals in so many other processes (see parallel)."""
    kept = kept or Kept(on_disk=False)
    gathering = Gathering(kept, look or (lambda idea: idea))
    problems: list[str] = []
    names = journal_names(paths)
    read_ok: list[Path] = []
    with closing(_pieces(paths, names, fields, gathering, workers)) as each:
        _gather(each, names, fields, gathering, strict, problems, read_ok, progress)
    ordered = gathering.newest_first()
    ideas = [] if kept.on_disk else [kept.get(entry.handle) for entry in ordered]
    looks = [(entry.handle, entry.look) for entry in ordered if entry.look is not None]
    journals = [str(p) for p in read_ok]
    return Collection(ideas, journals, problems, [names[p] for p in read_ok], looks)


def _gather(
    each: Iterator[tuple[Path, Piece | None]],
    names: dict[Path, str],
    fields: Fields,
    gathering: Gathering,
    strict: bool,
    problems: list[str],
    read_ok: list[Path],
    progress: Callable[[int, int], None] | None,
) -> None:
    """Each journal's piece gathered, in order; one that cannot be read named in
    ``problems`` (or, ``strict``, raised)."""
    for index, (path, got) in enumerate(each, 1):
        piece = got
        if piece is None:  # not read there: read here, to say why
            try:
                piece = _piece_here(path, names[path], fields, gathering)
            except FFError as problem:
                if strict:
                    raise
                problems.append(problem.message)
                continue
        read_ok.append(path)
        gathering.add_piece(piece)
        del piece, got  # (its records are kept, or let go)
        if progress:
            progress(index, len(names))


def _pieces(
    paths: Sequence[Path],
    names: dict[Path, str],
    fields: Fields,
    gathering: Gathering,
    workers: int,
) -> Generator[tuple[Path, Piece | None], None, None]:
    """Each journal's piece, in order (None: it could not be read there)."""
    if workers > 1:
        from ff.reporting.parallel import pieces_elsewhere

        stored = gathering.kept.encoder
        yield from pieces_elsewhere(paths, names, fields, gathering.look, stored, workers)
        return
    for path in paths:
        yield path, None  # read here, one by one


def _piece_here(path: Path, name: str, fields: Fields, gathering: Gathering) -> Piece:
    """The journal's piece, read in this process."""
    if not path.exists():
        raise JournalError(f"There is no journal at {path}.", hint="Check the --journal path.")
    tables = read_journal_file(path, fields=fields) or {}
    return piece_of(tables, name, gathering.kept.stored, gathering.look)
