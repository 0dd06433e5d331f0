"""The journal: ideas and their decisions, kept in a TinyDB file (see ff.storage).

Everything here is plain data in and out (dicts ready for JSON); no printing.
"""

from __future__ import annotations

import getpass
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ff.errors import UsageError

if TYPE_CHECKING:  # the engine needs YAML; listing ideas must not import it
    from ff.engine import Decision

IDEAS = "ideas"
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


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def login_name() -> str:
    """Who is using ff, for the owner of new ideas; ``FF_OWNER`` overrides it."""
    try:
        return os.environ.get("FF_OWNER") or getpass.getuser()
    except (OSError, KeyError):  # no login name, as in some containers
        return "unknown"


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
    """The decision as stored: enough to explain it later, even after the card changes."""
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
                "label": s.question.label(s.answer),
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
    created = iso(now_utc())
    return {
        "id": idea_id,
        "ref": _short_ref(idea_id, taken_refs),
        "title": idea.title,
        "owner": idea.owner,
        "team": idea.team,
        "tags": list(idea.tags),
        "created": created,
        "status": "checked",
        "status_history": [{"status": "checked", "at": created, "by": idea.owner, "note": None}],
        **decision_record(decision),
    }


def _short_ref(idea_id: str, taken: set[str]) -> str:
    length = REF_LENGTH
    while any(t.startswith(idea_id[:length]) or idea_id.startswith(t) for t in taken):
        length += 1
    return idea_id[:length]


def record_check(path: Path, idea: NewIdea, decision: Decision) -> tuple[Record, bool]:
    """Add the checked idea to the journal; also say whether this created the journal."""
    from tinydb.table import Document

    from ff.storage import open_for_writing

    with open_for_writing(path) as (db, created):
        table = db.table(IDEAS)
        existing = table.all()
        taken = {str(d.get("ref", "")) for d in existing} | {str(d.get("id")) for d in existing}
        record = new_record(idea, decision, taken)
        table.insert(Document(record, doc_id=record["id"]))
    return record, created


def all_ideas(path: Path) -> list[Record]:
    """Every idea, newest first. A missing journal has none (and is not created)."""
    from ff.storage import read_journal_file

    tables = read_journal_file(path) or {}
    stored = list(tables.get(IDEAS, {}).values())
    # Newest first; ideas checked in the same second keep the order they were recorded in.
    order = sorted(range(len(stored)), key=lambda i: (str(stored[i].get("created", "")), i))
    return [dict(stored[i]) for i in reversed(order)]


def find_idea(path: Path, ref: str) -> Record:
    """The idea whose ref or id starts with ``ref`` (any case)."""
    wanted = ref.strip().lower()
    if not wanted:
        raise UsageError("No idea reference given.", hint="Run ff ideas to see the refs.")
    ideas = all_ideas(path)
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
            f"No idea in {path} has the reference {ref!r}.",
            hint="Run ff ideas to see the refs, or check --journal.",
        )
    listed = ", ".join(f"{m['ref']} ({m['title']})" for m in matches[:5])
    raise UsageError(
        f"The reference {ref!r} matches {len(matches)} ideas: {listed}.",
        hint="Type more of the reference.",
    )
