"""The journal: ideas and their decisions, kept in a JSON file (see ff.storage).

Everything here is plain data in and out (dicts ready for JSON); no printing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ff.errors import UsageError

if TYPE_CHECKING:  # the engine needs YAML; listing ideas must not import it
    from ff.engine import Decision
    from ff.journalfile import JournalFile

IDEAS = "ideas"
ITERATIONS = "iterations"
STATUS_CHANGES = "status_changes"
# What was deleted: ids only, never text, so that merging an older copy of a journal
# does not bring a deleted record back.
DELETED = "deleted"
STATES = ("checked", "approved", "prototyping", "paused", "adopted", "abandoned")
REF_LENGTH = 6
MAX_TITLE = 200
Record = dict[str, Any]


def now_utc() -> datetime:
    """The current time in UTC; ``FF_NOW`` (ISO 8601) fixes it for tests and examples."""
    fixed = os.environ.get("FF_NOW")
    if fixed:
        moment = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return datetime.now(timezone.utc)


def today() -> date:
    """Today's date where the person is (the date of ``FF_NOW`` when it is set)."""
    if os.environ.get("FF_NOW"):
        return now_utc().astimezone().date()
    return date.today()


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_text(text: str, what: str, limit: int = MAX_TITLE) -> str:
    """User text as typed (only the spaces around it trimmed), checked for length.

    Markup and escape sequences are kept exactly as typed: ff.render makes them
    safe to show, and the journal and exports keep what the person wrote."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(f"The {what} is empty.", hint=f"Give a {what} with some words in it.")
    if len(cleaned) > limit:
        raise UsageError(
            f"The {what} is {len(cleaned)} characters long; at most {limit} fit.",
            hint=f"Shorten the {what}; put the detail in later iterations.",
        )
    return cleaned


@dataclass(frozen=True)
class NewIdea:
    title: str
    owner: str
    team: str | None
    tags: tuple[str, ...]


def decision_record(decision: Decision) -> Record:
    """The decision as stored: enough to explain it later, even after the card changes.
    Texts are in the language the questions were asked in (``card.language``)."""
    from ff.answers import label as answer_label

    card = decision.card
    return {
        "card": {
            "id": card.id,
            "version": card.version,
            "sha256": card.sha256,
            "title": card.title,
            "language": card.language,
        },
        "answers": [
            {
                "question": s.question.id,
                "text": s.question.text,
                "answer": s.answer,
                "label": answer_label(s.question, s.answer),
            }
            for s in decision.path
        ],
        "outcome": {
            "id": decision.outcome.id,
            "level": decision.level,
            "title": decision.outcome.title,
        },
        "level": decision.level,
        "reasons": [
            {
                "question": r.question,
                "answer": r.answer,
                "level": r.level,
                "text": r.text,
                "next_step": r.next_step,
            }
            for r in decision.reasons
        ],
        "next_steps": list(decision.next_steps),
    }


def new_record(idea: NewIdea, decision: Decision, taken_refs: set[str]) -> Record:
    idea_id = uuid.uuid4().hex
    return {
        "id": idea_id,
        "ref": _short_ref(idea_id, taken_refs),
        "title": idea.title,
        "owner": idea.owner,
        "team": idea.team,
        "tags": list(idea.tags),
        "created": iso(now_utc()),
        **decision_record(decision),
    }


def status_change(
    idea_id: str, status: str, by: str | None, note: str | None, recorded_by: str | None = None
) -> Record:
    """One step in an idea's life; kept as history, never overwritten."""
    return {
        "id": uuid.uuid4().hex,
        "idea_id": idea_id,
        "status": status,
        "at": iso(now_utc()),
        "by": by,
        "note": note,
        "recorded_by": recorded_by or by,
    }


def _short_ref(idea_id: str, taken: set[str]) -> str:
    length = REF_LENGTH
    while any(t.startswith(idea_id[:length]) or idea_id.startswith(t) for t in taken):
        length += 1
    return idea_id[:length]


# --------------------------------------------------------------------------- reading


Tables = dict[str, dict[str, Record]]
# Tables whose records belong to an idea: a command about one idea decodes only its own.
LAZY = frozenset({ITERATIONS, STATUS_CHANGES, DELETED})


def read_tables(path: Path) -> Tables:
    """Every table of the journal; a missing journal has none (and is not created)."""
    from ff.journalfile import read_journal_file

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


def _one_idea(journal: JournalFile | None, ref: str, where: Path) -> Record:
    """The idea ``ref`` names, assembled; only its own iterations and history are decoded."""
    tables = journal.tables if journal else {}
    ideas = _newest_first(list(tables[IDEAS].values())) if IDEAS in tables else []
    idea = pick_idea(ideas, ref, where)
    idea_id = str(idea.get("id"))
    iterations = tables[ITERATIONS].belonging_to(idea_id) if ITERATIONS in tables else []
    changes = tables[STATUS_CHANGES].belonging_to(idea_id) if STATUS_CHANGES in tables else []
    return _assembled(idea, [dict(r) for r in iterations], [dict(r) for r in changes])


def parse_ref(text: str) -> tuple[str, int | None]:
    """``REF`` or ``REF#N`` (iteration N of the idea)."""
    ref, hash_sign, number = text.strip().partition("#")
    if not hash_sign:
        return ref, None
    if not number.isascii() or not number.isdigit() or int(number) < 1:
        raise UsageError(
            f"{text!r} does not name an iteration.",
            hint="Write the idea's ref, #, and the iteration's number: abc123#2",
        )
    return ref, int(number)


def pick_idea(ideas: list[Record], ref: str, where: Path) -> Record:
    """The one idea whose ref or id starts with ``ref`` (any case)."""
    wanted = ref.strip().lower()
    if not wanted:
        raise UsageError("No idea reference given.", hint="Run ff ideas to see the refs.")
    exact = [r for r in ideas if str(r.get("ref", "")).lower() == wanted]
    matches = exact or [
        r
        for r in ideas
        if str(r.get("id", "")).lower().startswith(wanted)
        or str(r.get("ref", "")).lower().startswith(wanted)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(
            f"No idea in {where} has the reference {ref!r}.",
            hint="Run ff ideas to see the refs, or check --journal.",
        )
    listed = "; ".join(f"{m['ref']} ({m['title']})" for m in matches[:10])
    raise UsageError(
        f"The reference {ref!r} matches {len(matches)} ideas: {listed}.",
        hint="Type more of the reference.",
    )


def find_idea(path: Path, ref: str) -> Record:
    """The idea ``ref`` names. The journal read is kept: a command that goes on to
    change the idea does not parse the same file again (ff.journalfile.load)."""
    from ff.journalfile import load

    return _one_idea(load(path, lazy=LAZY, keep=True), ref, path)


def pick_iteration(idea: Record, number: int) -> Record:
    for iteration in idea["iterations"]:
        if iteration.get("number") == number:
            return dict(iteration)
    numbers = ", ".join(str(it["number"]) for it in idea["iterations"]) or "none yet"
    raise UsageError(
        f"Idea {idea['ref']} has no iteration {number}.",
        hint=f"Its iterations: {numbers}. See them with ff show {idea['ref']}.",
    )


# --------------------------------------------------------------------------- writing


class Transaction:
    """Changes to the journal, made on the tables as read under the lock and written
    back in one atomic write when the ``writing`` block ends without an error (so a
    crash never leaves half of a change, such as an idea without its status)."""

    def __init__(self, journal: JournalFile, created: bool) -> None:
        self.journal = journal
        self.created = created

    def table(self, name: str) -> Mapping[str, Record]:
        """A table as it stands, changes included (empty if the journal has none)."""
        return self.journal.tables.get(name, {})

    def idea(self, ref: str, where: Path) -> Record:
        """The idea ``ref`` names, assembled as it stands."""
        return _one_idea(self.journal, ref, where)

    def put(self, table: str, record: Record, key: str | None = None) -> None:
        """Add the record, or replace the one with its key (its id unless given), whole."""
        self.journal.table(table).put(str(record["id"] if key is None else key), record)

    def drop(self, table: str, ids: Iterable[str]) -> None:
        """Remove records, text and all, and remember their ids as deleted."""
        at = iso(now_utc())
        for record_id in ids:
            if table in self.journal.tables:
                self.journal.tables[table].drop(str(record_id))
            tombstone = {"id": str(record_id), "table": table, "at": at}
            self.journal.table(DELETED).put(str(record_id), tombstone)


@contextmanager
def writing(path: Path) -> Iterator[Transaction]:
    """One read-modify-write under the journal's lock."""
    from ff.storage import open_for_writing

    with open_for_writing(path, LAZY) as (journal, created):
        yield Transaction(journal, created)


def record_check(path: Path, idea: NewIdea, decision: Decision) -> tuple[Record, bool]:
    """Add the checked idea to the journal; also say whether this created the journal."""
    with writing(path) as journal:
        existing = journal.table(IDEAS).values()
        taken = {str(d.get("ref", "")) for d in existing} | {str(d.get("id")) for d in existing}
        record = new_record(idea, decision, taken)
        change = status_change(record["id"], "checked", idea.owner, None)
        journal.put(IDEAS, record)
        journal.put(STATUS_CHANGES, change)
    return assemble({STATUS_CHANGES: {change["id"]: change}}, record), journal.created
