"""Iterations: one test cycle of an idea, what happened and what was learned.

The fields follow the Strategyzer Test card (we believe that, to verify that we
will, and measure, we are right if), its Learning card (we observed, from that we
learned, therefore we will) and the NHS Plan-Do-Study-Act cycle (adopt, adapt or
abandon). Everything here is plain data: ff.cli asks, ff.terminal shows.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ff.dates import iso, now_utc, parse_past_day, today
from ff.errors import FFError, UsageError
from ff.journal.fields import FIELDS as FIELDS  # (imported from here too)
from ff.journal.ideas import status_change
from ff.journal.reading import pick_iteration
from ff.journal.records import CONFLICTS, IDEAS, ITERATIONS, STATUS_CHANGES, Idea, Record
from ff.journal.records import DECISIONS as DECISIONS  # the choices, offered with FIELDS
from ff.journal.records import RESULTS as RESULTS  # (the CLI and reports import them here)
from ff.journal.transaction import writing
from ff.light import dataclass
from ff.numbers import MAX_AMOUNT, is_number, parse_number

REQUIRED = ("test", "result", "learned")
TEXT_FIELDS = ("hypothesis", "test", "measure", "criteria", "observed", "learned", "next_step")
MAX_TEXT = 20_000
# The words hours and money may be typed with: "3 hours", "1200 pounds".
UNITS = {"hours": ("hours", "hour", "hrs"), "cost": ("pounds", "pound")}
# The prompts are the card phrases, so a person fills in the sentence.
PROMPTS = {
    "hypothesis": "We believe that…",
    "test": "To verify that, we will… (what you tried)",
    "measure": "And measure…",
    "criteria": "We are right if… (your prediction)",
    "observed": "We observed…",
    "result": "Result",
    "learned": "From that we learned that…",
    "decision": "Decision (adopt, adapt or abandon)",
    "next_step": "Therefore, we will…",
}
# Logging an iteration moves a checked or approved idea on to prototyping.
MOVES_TO_PROTOTYPING = ("checked", "approved")
SUGGESTED_STATE = {"adopt": "adopted", "abandon": "abandoned"}


class NotAllowed(FFError):
    """The idea's decision or status does not allow this (exit 1)."""


class NeedsApproval(NotAllowed):
    """The check said approval, and none is recorded (exit 1 in a script)."""


def _text(value: object, field: str) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise UsageError(
            f"--{field.replace('_', '-')} is {len(text):,} characters; at most {MAX_TEXT:,} fit.",
            hint="Shorten it, or split it across iterations.",
        )
    return text or None


def _choice(value: object, field: str, allowed: tuple[str, ...]) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    word = str(value).strip().lower()
    if word not in allowed:
        raise UsageError(
            f"--{field.replace('_', '-')} {value!r} is not allowed.",
            hint=f"Use one of: {', '.join(allowed)}.",
        )
    return word


def _amount(value: object, field: str) -> float | None:
    """Hours or money as typed ("2.5", "£1,200", "3 hours"), checked by ff.numbers: a
    number (thousands separators only where they belong), 0 or more, at most the
    limit in ``MAX_AMOUNT``."""
    if value is None or str(value).strip() == "":
        return None
    if is_number(value):
        number: float | None = float(value) if math.isfinite(value) else None
    else:
        number = None if isinstance(value, bool) else parse_number(str(value), UNITS[field])
    if number is None:
        raise UsageError(
            f"--{field} {value!r} is not a number.",
            hint=f"Give the {field} as a number, e.g. --{field} 2.5",
        )
    if number < 0:
        raise UsageError(
            f"--{field} {value!r} cannot be negative.", hint=f"Give the {field} spent, 0 or more."
        )
    if number > MAX_AMOUNT[field]:
        most = f"£{MAX_AMOUNT[field]:,}" if field == "cost" else f"{MAX_AMOUNT[field]:,} hours"
        raise UsageError(
            f"--{field} {value!r} is more than ff records: at most {most}.",
            hint=f"Check the {field}; give the {field} of this one iteration.",
        )
    return round(number, 2) + 0.0  # + 0.0: -0 is kept as 0


def _words(value: object, field: str) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    cleaned = [str(item).strip() for item in items if str(item).strip()]
    for item in cleaned:
        if len(item) > 200:
            raise UsageError(
                f"A --{field} value is {len(item)} characters; at most 200 fit.", hint="Shorten it."
            )
    return list(dict.fromkeys(cleaned))


def clean_fields(given: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Given fields, validated and normalised; ``UsageError`` names the first bad one.
    Only the fields given (not None) are returned, so this serves edits too."""
    cleaned: dict[str, Any] = {}
    for field, value in given.items():
        if value is None:
            continue
        if field in TEXT_FIELDS:
            cleaned[field] = _text(value, field)
        elif field == "result":
            cleaned[field] = _choice(value, field, RESULTS)
        elif field == "decision":
            cleaned[field] = _choice(value, field, DECISIONS)
        elif field in ("hours", "cost"):
            cleaned[field] = _amount(value, field)
        elif field in ("with", "tags"):
            cleaned[field] = _words(value, "with" if field == "with" else "tag")
        elif field == "date":
            cleaned[field] = parse_past_day(str(value), today, "--date").isoformat()
        else:
            raise UsageError(
                f"{field!r} is not a field of an iteration.",
                hint=f"Fields: {', '.join(PROMPTS)}, with, hours, cost, date, tags.",
            )
    if "learned" in given and given["learned"] is not None and not cleaned.get("learned"):
        raise UsageError(
            "--learned is blank.", hint="Write what you learned: it is the heart of the record."
        )
    return cleaned


def complete_fields(fields: Mapping[str, Any], today: date) -> dict[str, Any]:
    """A new iteration's fields, validated, dated today unless given a date, with every
    needed field present (``UsageError`` names what is missing)."""
    cleaned = clean_fields(fields, today)
    cleaned.setdefault("date", today.isoformat())
    require(cleaned)
    return cleaned


def missing(fields: Mapping[str, Any]) -> list[str]:
    """Required fields with no value."""
    return [field for field in REQUIRED if not fields.get(field)]


def require(fields: Mapping[str, Any]) -> None:
    absent = missing(fields)
    if absent:
        options = ", ".join(f"--{f}" for f in absent)
        raise UsageError(
            f"Missing {options}: an iteration needs what you tried (--test), the "
            "result (--result) and what you learned (--learned).",
            hint=f"Give {options}; --result is one of {', '.join(RESULTS)}.",
        )


@dataclass(frozen=True)
class Logged:
    iteration: Record
    idea: Idea
    moved_to: str | None  # the status the idea moved to, if it moved
    suggested: str | None  # the status its decision suggests


def _approved(idea: Idea) -> bool:
    return any(c["status"] == "approved" for c in idea["status_history"])


def check_may_log(idea: Idea, force: bool) -> None:
    """Stop ideas are refused; ideas needing approval need it recorded, or --force."""
    if idea.get("level") == "stop":
        raise NotAllowed(
            f"Idea {idea['ref']} was checked as stop, so iterations cannot be logged.",
            hint="Change the idea so that it passes the card, and check it again with ff check.",
        )
    if idea.get("level") == "approval" and not _approved(idea) and not force:
        raise NeedsApproval(
            f"Idea {idea['ref']} needs a manager's approval, and none is recorded.",
            hint=f"Record it with: ff status {idea['ref']} approved --by NAME; or "
            "add --force to log anyway.",
        )


def log(path: Path, ref: str, fields: Mapping[str, Any], author: str, force: bool) -> Logged:
    """Add the next iteration of the idea, numbered under the journal's lock."""
    require(fields)
    with writing(path) as tx:
        idea = tx.idea(ref)
        check_may_log(idea, force)
        number = 1 + max((int(it.get("number", 0)) for it in idea["iterations"]), default=0)
        now = iso(now_utc())
        record = {
            "id": uuid.uuid4().hex,
            "idea_id": idea["id"],
            "number": number,
            "created": now,
            "author": author,
            "date": today().isoformat(),
            **{key: value for key, value in fields.items() if value not in (None, [])},
        }
        record.setdefault("with", [])
        record.setdefault("tags", [])
        if idea.get("level") == "approval" and not _approved(idea):
            record["logged_without_approval"] = True  # --force, or confirmed at a prompt
        tx.insert(ITERATIONS, [record])
        moved_to = None
        if idea["status"] in MOVES_TO_PROTOTYPING:
            moved_to = "prototyping"
            change = status_change(idea["id"], moved_to, author, f"iteration {number} logged")
            tx.insert(STATUS_CHANGES, [change])
    suggested = SUGGESTED_STATE.get(str(fields.get("decision")))
    return Logged(record, idea, moved_to, suggested)


def edit(path: Path, ref: str, number: int, changes: Mapping[str, Any], author: str) -> Record:
    """Amend iteration ``number`` of the idea; the fields not given are kept, and a field
    given as empty (None) is removed."""
    with writing(path) as tx:
        idea = tx.idea(ref)
        current: Record = dict(pick_iteration(idea, number))
        updated = {**current, **changes}
        for key in [k for k, v in changes.items() if v is None or v == ""]:
            updated.pop(key, None)
        updated.setdefault("with", [])
        updated.setdefault("tags", [])
        require(updated)
        if updated == current:
            return current  # nothing changed: nothing written, no correction noted
        updated["edited"] = [
            *current.get("edited", []),
            {"at": iso(now_utc()), "by": author},
        ]
        tx.put(ITERATIONS, updated)
    return updated


def delete_iteration(path: Path, ref: str, number: int) -> Record:
    """Remove iteration ``number`` from the journal file, text and all."""
    with writing(path) as tx:
        idea = tx.idea(ref)
        iteration = pick_iteration(idea, number)
        tx.drop(ITERATIONS, [iteration["id"]])
        notes = idea.get("conflicts", [])  # they hold its text too
        tx.drop(CONFLICTS, [n["id"] for n in notes if n["record_id"] == iteration["id"]])
    return dict(iteration)


def delete_idea(path: Path, ref: str) -> Idea:
    """Remove the idea, its iterations and its status history from the journal file."""
    with writing(path) as tx:
        idea = tx.idea(ref)
        tx.drop(IDEAS, [idea["id"]])
        tx.drop(ITERATIONS, [record["id"] for record in idea["iterations"]])
        tx.drop(STATUS_CHANGES, [record["id"] for record in idea["status_history"]])
        tx.drop(CONFLICTS, [note["id"] for note in idea.get("conflicts", [])])
    return idea
