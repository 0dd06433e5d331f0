"""New ideas: an idea as recorded after its check, and the changes of its status."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from ff.dates import iso, now_utc
from ff.journal.reading import assemble
from ff.journal.records import IDEAS, STATUS_CHANGES, Record
from ff.journal.refs import short_ref
from ff.journal.transaction import writing


@dataclass(frozen=True)
class NewIdea:
    title: str
    owner: str
    team: str | None
    tags: tuple[str, ...]


def new_record(idea: NewIdea, decision: Record, taken_refs: set[str]) -> Record:
    """The idea as recorded; ``decision`` is the decision as stored (ff.check.record)."""
    idea_id = uuid.uuid4().hex
    return {
        "id": idea_id,
        "ref": short_ref(idea_id, taken_refs),
        "title": idea.title,
        "owner": idea.owner,
        "team": idea.team,
        "tags": list(idea.tags),
        "created": iso(now_utc()),
        **decision,
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


def record_check(path: Path, idea: NewIdea, decision: Record) -> tuple[Record, bool]:
    """Add the checked idea, with its decision as stored, to the journal; also say
    whether this created the journal."""
    with writing(path) as journal:
        existing = journal.table(IDEAS).values()
        taken = {str(d.get("ref", "")) for d in existing} | {str(d.get("id")) for d in existing}
        record = new_record(idea, decision, taken)
        change = status_change(record["id"], "checked", idea.owner, None)
        journal.put(IDEAS, record)
        journal.put(STATUS_CHANGES, change)
    return assemble({STATUS_CHANGES: {change["id"]: change}}, record), journal.created
