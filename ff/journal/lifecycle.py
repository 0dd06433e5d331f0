"""An idea's life after the check: approved, prototyping, paused, adopted, abandoned.

Every change is a new record (who, when, a note), so the history is kept, and two
journals that each changed an idea's status merge without a clash.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ff.dates import local_day, uk_day
from ff.errors import UsageError
from ff.journal.ideas import status_change
from ff.journal.iterations import NotAllowed
from ff.journal.records import STATES, STATUS_CHANGES, Idea, Record
from ff.journal.transaction import writing

# A stop idea may only be paused, abandoned, or put back to checked.
STOP_STATES = ("checked", "paused", "abandoned")


def check_state(state: str) -> str:
    word = state.strip().lower()
    if word not in STATES:
        raise UsageError(f"{state!r} is not a status.", hint=f"Use one of: {', '.join(STATES)}.")
    return word


def change_status(
    path: Path,
    ref: str,
    state: str,
    *,
    by: str | None,
    note: str | None,
    recorded_by: str,
    day: date | None = None,
) -> tuple[Record, Idea]:
    """Record the idea's new status (``day``: it changed on an earlier day, ff status
    --date); return the change and the idea as it was."""
    state = check_state(state)
    by = by.strip() if by else None
    if state == "approved" and not by:
        raise UsageError(
            "Say who approved it with --by NAME.",
            hint='For example: --by "Jo Evans, service manager"',
        )
    with writing(path) as tx:
        idea = tx.idea(ref)
        check_change(idea, state, day)
        change = status_change(idea["id"], state, by or recorded_by, note, recorded_by, day)
        tx.insert(STATUS_CHANGES, [change])
    return change, idea


def check_change(idea: Idea, state: str, day: date | None = None) -> None:
    """Refuse a change the idea's check or status does not allow (on ``day``, if it
    changed on an earlier day)."""
    if idea.get("level") == "stop" and state not in STOP_STATES:
        raise NotAllowed(
            f"Idea {idea['ref']} was checked as stop, so it cannot be {state}.",
            hint="Change the idea so that it passes the card, and check it again with ff check.",
        )
    checked = local_day(idea.get("created"))
    if day is not None and checked is not None and day < checked:
        raise UsageError(
            f"Idea {idea['ref']} was checked on {uk_day(checked)}, after --date "
            f"{uk_day(day)}: its status cannot change before it was checked.",
            hint=f"Give a --date on or after {uk_day(checked)}.",
        )
    if status_on(idea, day) == state:
        already = f"is already {state}" if day is None else f"was already {state} on {uk_day(day)}"
        raise UsageError(f"Idea {idea['ref']} {already}.", hint="Nothing was changed.")


def status_on(idea: Idea, day: date | None) -> str:
    """The idea's status at the end of ``day`` (None: its status now)."""
    if day is None:
        return str(idea["status"])
    before = [c for c in idea["status_history"] if (local_day(c.get("at")) or day) <= day]
    return str(before[-1]["status"]) if before else "checked"


def changed_later(idea: Idea, day: date | None) -> list[Record]:
    """The changes of the idea's status after ``day`` (none when ``day`` is None)."""
    if day is None:
        return []
    return [dict(c) for c in idea["status_history"] if (local_day(c.get("at")) or day) > day]
