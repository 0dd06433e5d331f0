"""Conflict notes: a record changed differently on two computers, kept in the journal.

A three-way merge (ff.journal.threeway) keeps one value of each field that was
changed differently on both sides, and keeps every other value in a note in the
``conflicts`` table, shown by ``ff show`` until a person settles it
(``ff share resolve``). A note's id comes from the record's id and the version both
sides started from, so every computer that meets the same conflict makes the same
note, and notes met in any order grow to hold the same values.

Notes hold people's text, so they go with the record: deleting a record (or its
idea) deletes its notes too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ff.errors import UsageError
from ff.journal.records import CONFLICTS, IDEAS, Record
from ff.journal.stored import encode
from ff.journal.transaction import writing

# A field a version does not have (removed on that side) is noted as null.
ABSENT = None


def canonical(value: Any) -> bytes:
    """A value as bytes that are equal for equal values (keys sorted): what conflicts
    are ordered and compared by, so that every computer decides alike."""
    return encode(value)


def note_id(table: str, record_id: str, base: Mapping[str, Any] | None) -> str:
    """The note's id: the same for the same record diverging from the same version."""
    digest = hashlib.sha256(f"{table}\n{record_id}\n".encode())
    digest.update(canonical(base) if base is not None else b"-")
    return digest.hexdigest()[:32]


def idea_of(table: str, record: Mapping[str, Any]) -> str:
    return str(record.get("id") if table == IDEAS else record.get("idea_id"))


def add_values(notes: dict[str, Record], note: Record) -> None:
    """Put the note among ``notes``, joining the values of a note with the same id."""
    found = notes.get(note["id"])
    if found is None:
        notes[note["id"]] = {**note, "fields": {k: list(v) for k, v in note["fields"].items()}}
        return
    fields = found["fields"]
    for field, values in note["fields"].items():
        known = fields.setdefault(field, [])
        seen = {canonical(v) for v in known}
        for value in values:
            if canonical(value) not in seen:
                known.append(value)
                seen.add(canonical(value))


def settled(
    notes: Iterable[Record], kept: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> dict[str, Record]:
    """The notes still worth showing: each value that is now the kept one is left out,
    a note about a record no longer kept is dropped, and so is a note left empty.
    ``kept``: table -> record id -> the record as merged."""
    out: dict[str, Record] = {}
    for note in notes:
        record = kept.get(str(note.get("table")), {}).get(str(note.get("record_id")))
        if record is None:
            continue
        fields: dict[str, list[Any]] = {}
        for field, values in note["fields"].items():
            now = canonical(record.get(field, ABSENT))
            others = sorted(
                {canonical(v): v for v in values if canonical(v) != now}.items(),
                key=lambda pair: pair[0],
            )
            if others:
                fields[field] = [value for _, value in others]
        if fields:
            out[str(note["id"])] = {**note, "fields": dict(sorted(fields.items()))}
    return out


def grown(fields: Mapping[str, Any], before: Mapping[str, Any]) -> list[str]:
    """The fields of a note that hold values the note ``before`` did not."""
    return sorted(
        name
        for name, values in fields.items()
        if {canonical(v) for v in values} - {canonical(v) for v in before.get(name, [])}
    )


def about(notes: Iterable[Mapping[str, Any]], record_ids: set[str]) -> list[str]:
    """The ids of the notes about any of ``record_ids`` (records, or ideas, deleted)."""
    return [
        str(note.get("id"))
        for note in notes
        if str(note.get("record_id")) in record_ids or str(note.get("idea_id")) in record_ids
    ]


def resolve(path: Path, ref: str, number: int | None) -> list[Record]:
    """Remove the idea's conflict notes (only iteration ``number``'s, if given): the
    person has settled them. Their ids are kept as deleted, so that a merge with a
    computer that still has them does not bring them back."""
    from ff.journal.reading import pick_iteration

    with writing(path) as tx:
        idea = tx.idea(ref)
        notes = [dict(note) for note in idea.get("conflicts", [])]
        if number is not None:
            wanted = str(pick_iteration(idea, number)["id"])
            notes = [note for note in notes if str(note.get("record_id")) == wanted]
        if not notes:
            which = f"{idea['ref']}#{number}" if number is not None else str(idea["ref"])
            raise UsageError(
                f"{which} has no conflict to resolve.",
                hint=f"See its conflicts, if any, with ff show {idea['ref']}.",
            )
        tx.drop(CONFLICTS, [str(note["id"]) for note in notes])
    return notes
