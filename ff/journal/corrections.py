"""Correcting an idea (``ff edit REF``): its title, team, owner and tags. Each field
changed is kept in the idea's ``corrections`` (the old and the new value, who and
when), as its status history is kept: nothing is lost, and a correction that
changes nothing writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from ff.dates import iso, now_utc
from ff.journal.reading import own_record
from ff.journal.records import IDEAS, Idea, Record
from ff.journal.transaction import writing
from ff.light import dataclass
from ff.text import MAX_NAME, MAX_TAG, MAX_TITLE, clean_text


@dataclass(frozen=True)
class Corrected:
    idea: Idea  # as it stands after the correction
    made: list[Record]  # one per field changed; empty when nothing changed


def clean_idea_fields(given: Mapping[str, Any]) -> dict[str, Any]:
    """The fields given (not None), checked as ``ff check`` checks them: a title and an
    owner must have words in them; a blank team means none; blank tags are dropped,
    so ``--tag ''`` empties the list."""
    cleaned: dict[str, Any] = {}
    for field, value in given.items():
        if value is None:
            continue
        if field == "title":
            cleaned[field] = clean_text(str(value), "title", MAX_TITLE)
        elif field == "owner":
            cleaned[field] = clean_text(str(value), "owner", MAX_NAME)
        elif field == "team":
            cleaned[field] = clean_text(value, "team", MAX_NAME) if str(value).strip() else None
        elif field == "tags":
            tags = [clean_text(t, "tag", MAX_TAG) for t in value if str(t).strip()]
            cleaned[field] = list(dict.fromkeys(tags))
        else:
            raise KeyError(field)
    return cleaned


def correct_idea(path: Path, ref: str, changes: Mapping[str, Any], by: str) -> Corrected:
    """Give the idea the values in ``changes`` (already cleaned), noting each field that
    changes; nothing is written when none does."""
    with writing(path) as tx:
        idea = tx.idea(ref)
        at = iso(now_utc())
        made: list[Record] = [
            {"at": at, "by": by, "field": field, "old": idea.get(field), "new": new}
            for field, new in changes.items()
            if idea.get(field) != new
        ]
        if not made:
            return Corrected(idea, [])
        stored = own_record(idea)
        stored.update({c["field"]: c["new"] for c in made})
        stored["corrections"] = [*stored.get("corrections", []), *made]
        tx.put(IDEAS, stored)
    whole = {**idea, **stored}
    return Corrected(cast(Idea, whole), made)
