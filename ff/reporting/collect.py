"""Gathering many journals for a lead: paths, folders and patterns to files, each
journal named for output, and their ideas read (read only, never locked), an idea
found in several (after a merge) counted once."""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ff.errors import FFError, JournalError, UsageError
from ff.journal.reading import ideas_in, read_journal_file
from ff.journal.records import IDEAS, ITERATIONS, STATUS_CHANGES, Record, Tables


@dataclass
class Collection:
    """Ideas gathered from one or more journals, each knowing where it came from."""

    ideas: list[Record]
    journals: list[str]  # the files read
    problems: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # how output names them


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
    every_field: bool = True,
) -> Collection:
    """Read every journal; an idea in several (after a merge) is counted once.

    An unreadable journal is named in ``problems`` and the rest still read, unless
    ``strict``, when it is an error. Not ``every_field``: the records may hold only
    the fields ff knows, for a report that shows no other (read a fifth quicker)."""
    tables: Tables = {IDEAS: {}, ITERATIONS: {}, STATUS_CHANGES: {}}
    sources: dict[str, list[str]] = {}
    problems: list[str] = []
    names = journal_names(paths)
    read_ok: list[Path] = []
    for index, path in enumerate(paths, 1):
        try:
            if not path.exists():
                raise JournalError(
                    f"There is no journal at {path}.", hint="Check the --journal path."
                )
            read = read_journal_file(path, every_field=every_field) or {}
        except FFError as problem:
            if strict:
                raise
            problems.append(problem.message)
            continue
        name = names[path]
        read_ok.append(path)
        for table, combined in tables.items():
            _add(combined, read.get(table, {}))
        for key in read.get(IDEAS, {}):
            found_in = sources.setdefault(key, [])
            if name not in found_in:
                found_in.append(name)
        if progress:
            progress(index, len(paths))
    ideas = [
        {**idea, "journals": sources.get(str(idea.get("id")), [])} for idea in ideas_in(tables)
    ]
    return Collection(ideas, [str(p) for p in read_ok], problems, [names[p] for p in read_ok])


def _add(combined: dict[str, Record], records: dict[str, Record]) -> None:
    """Add a journal's records to those of the journals read before it: a record in
    both (an idea shared by merging) keeps the first journal's copy."""
    if combined.keys().isdisjoint(records):  # teams' journals mostly share nothing
        combined.update(records)
        return
    for key, record in records.items():
        if key not in combined:
            combined[key] = record
