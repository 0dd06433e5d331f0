"""An idea's life after the check: approved, prototyping, paused, adopted, abandoned.

Every change is a new record (who, when, a note), so the history is kept, and two
journals that each changed an idea's status merge without a clash.
"""

from __future__ import annotations

from pathlib import Path

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
    path: Path, ref: str, state: str, *, by: str | None, note: str | None, recorded_by: str
) -> tuple[Record, Idea]:
    """Record the idea's new status; return the change and the idea as it was."""
    state = check_state(state)
    by = by.strip() if by else None
    if state == "approved" and not by:
        raise UsageError(
            "Say who approved it with --by NAME.",
            hint='For example: --by "Jo Evans, service manager"',
        )
    with writing(path) as tx:
        idea = tx.idea(ref, path)
        check_change(idea, state)
        change = status_change(idea["id"], state, by or recorded_by, note, recorded_by)
        tx.insert(STATUS_CHANGES, [change])
    return change, idea


def check_change(idea: Idea, state: str) -> None:
    """Refuse a change the idea's check or status does not allow."""
    if idea.get("level") == "stop" and state not in STOP_STATES:
        raise NotAllowed(
            f"Idea {idea['ref']} was checked as stop, so it cannot be {state}.",
            hint="Change the idea so that it passes the card, and check it again with ff check.",
        )
    if idea["status"] == state:
        raise UsageError(f"Idea {idea['ref']} is already {state}.", hint="Nothing was changed.")
