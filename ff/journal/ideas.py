"""New ideas: an idea as recorded after its check, and the changes of its status."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ff.dates import dated
from ff.journal.refs import short_ref
from ff.light import dataclass

if TYPE_CHECKING:  # a dry run of ff check never loads the record shapes (nor msgspec)
    from ff.journal.records import Idea, StatusChange

Record = dict[str, Any]


@dataclass(frozen=True)
class NewIdea:
    title: str
    owner: str
    team: str | None
    tags: tuple[str, ...]
    day: date | None = None  # checked on an earlier day (ff check --date); None: now


def new_record(idea: NewIdea, decision: Record, taken_refs: set[str]) -> Record:
    """The idea as recorded; ``decision`` is the decision as stored (ff.check.record)."""
    idea_id = uuid.uuid4().hex
    created, recorded_at = dated(idea.day)
    record = {
        "id": idea_id,
        "ref": short_ref(idea_id, taken_refs),
        "title": idea.title,
        "owner": idea.owner,
        "team": idea.team,
        "tags": list(idea.tags),
        "created": created,
        **decision,
    }
    if recorded_at:
        record["recorded_at"] = recorded_at
    return record


def status_change(
    idea_id: str,
    status: str,
    by: str | None,
    note: str | None,
    recorded_by: str | None = None,
    day: date | None = None,
) -> Record:
    """One step in an idea's life; kept as history, never overwritten. ``day``: it
    happened on an earlier day (``recorded_at`` then says when it was recorded)."""
    at, recorded_at = dated(day)
    change = {
        "id": uuid.uuid4().hex,
        "idea_id": idea_id,
        "status": status,
        "at": at,
        "by": by,
        "note": note,
        "recorded_by": recorded_by or by,
    }
    if recorded_at:
        change["recorded_at"] = recorded_at
    return change


def record_check(path: Path, idea: NewIdea, decision: Record) -> tuple[Idea, bool]:
    """Add the checked idea, with its decision as stored, to the journal; also say
    whether this created the journal."""
    # Imported here: a dry run (ff check --dry-run) never opens the journal, so never
    # pays for TinyDB and msgspec.
    from ff.journal.reading import assembled
    from ff.journal.records import IDEAS, STATUS_CHANGES
    from ff.journal.transaction import writing

    with writing(path) as journal:
        taken = {str(r) for r in journal.values(IDEAS, "ref")}
        taken |= {str(i) for i in journal.values(IDEAS, "id")}
        record = new_record(idea, decision, taken)
        change = status_change(record["id"], "checked", idea.owner, None, day=idea.day)
        journal.insert(IDEAS, [record])
        journal.insert(STATUS_CHANGES, [change])
    return assembled(record, [], [cast("StatusChange", change)]), journal.created
