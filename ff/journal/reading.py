"""Reading the journal: every idea assembled with its iterations and status history,
or only the one idea a command is about."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ff.errors import UsageError
from ff.journal.records import IDEAS, ITERATIONS, LAZY, STATUS_CHANGES, Record, Tables
from ff.journal.refs import pick_idea

if TYPE_CHECKING:  # msgspec is imported only when a journal is read
    from ff.journal.fileformat import JournalFile


def read_tables(path: Path) -> Tables:
    """Every table of the journal; a missing journal has none (and is not created)."""
    from ff.journal.fileformat import read_journal_file

    return read_journal_file(path) or {}


def _assembled(idea: Record, iterations: list[Record], changes: list[Record]) -> Record:
    """The idea with its iterations (by number), its status and status history. The
    records are used as they are: callers that hand them out pass copies."""
    changes.sort(key=lambda c: str(c.get("at", "")))  # stable: same second keeps file order
    return {
        **idea,
        "status": changes[-1]["status"] if changes else "checked",
        "status_history": changes,
        "iterations": sorted(
            iterations, key=lambda it: (int(it.get("number", 0)), str(it.get("created", "")))
        ),
    }


def assemble(tables: Tables, idea: Record) -> Record:
    """An idea with its iterations (by number) and its status and status history."""
    idea_id = idea.get("id")
    return _assembled(
        idea,
        [dict(it) for it in tables.get(ITERATIONS, {}).values() if it.get("idea_id") == idea_id],
        [dict(c) for c in tables.get(STATUS_CHANGES, {}).values() if c.get("idea_id") == idea_id],
    )


def _newest_first(ideas: list[Record]) -> list[Record]:
    """Ideas newest first (ideas checked in the same second: last first)."""
    order = sorted(range(len(ideas)), key=lambda i: (str(ideas[i].get("created", "")), i))
    return [ideas[i] for i in reversed(order)]


def ideas_in(tables: Tables) -> list[Record]:
    """Every idea, assembled, newest first. Its iterations and status changes are the
    tables' own records (not copies, which doubled the memory of a large summary)."""
    grouped: dict[str, dict[str, list[Record]]] = {ITERATIONS: {}, STATUS_CHANGES: {}}
    for name, groups in grouped.items():
        for doc in tables.get(name, {}).values():
            owner = str(doc.get("idea_id"))
            if owner in groups:
                groups[owner].append(doc)
            else:
                groups[owner] = [doc]
    return [
        _assembled(
            idea,
            grouped[ITERATIONS].get(str(idea.get("id")), []),
            grouped[STATUS_CHANGES].get(str(idea.get("id")), []),
        )
        for idea in _newest_first(list(tables.get(IDEAS, {}).values()))
    ]


def all_ideas(path: Path) -> list[Record]:
    """Every idea in the journal, newest first."""
    return ideas_in(read_tables(path))


def one_idea(journal: JournalFile | None, ref: str, where: Path) -> Record:
    """The idea ``ref`` names, assembled; only its own iterations and history are decoded."""
    tables = journal.tables if journal else {}
    ideas = _newest_first(list(tables[IDEAS].values())) if IDEAS in tables else []
    idea = pick_idea(ideas, ref, where)
    idea_id = str(idea.get("id"))
    iterations = tables[ITERATIONS].belonging_to(idea_id) if ITERATIONS in tables else []
    changes = tables[STATUS_CHANGES].belonging_to(idea_id) if STATUS_CHANGES in tables else []
    return _assembled(idea, [dict(r) for r in iterations], [dict(r) for r in changes])


def find_idea(path: Path, ref: str) -> Record:
    """The idea ``ref`` names. The journal read is kept: a command that goes on to
    change the idea does not parse the same file again (fileformat.load)."""
    from ff.journal.fileformat import load

    return one_idea(load(path, lazy=LAZY, keep=True), ref, path)


def pick_iteration(idea: Record, number: int) -> Record:
    for iteration in idea["iterations"]:
        if iteration.get("number") == number:
            return dict(iteration)
    numbers = ", ".join(str(it["number"]) for it in idea["iterations"]) or "none yet"
    raise UsageError(
        f"Idea {idea['ref']} has no iteration {number}.",
        hint=f"Its iterations: {numbers}. See them with ff show {idea['ref']}.",
    )
