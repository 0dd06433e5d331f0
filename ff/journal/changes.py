"""What changed between two copies of a journal, in the words people use: new ideas,
iterations and status changes, corrections, deletions and conflicts. ``ff sync``
says it in its commit message ("ff: 2 iterations, 1 status change") and in what it
reports came in from others."""

from __future__ import annotations

from typing import Any

from ff.journal.conflicts import canonical, grown
from ff.journal.copies import Copy
from ff.journal.records import CONFLICTS, DELETED, IDEAS, ITERATIONS, STATUS_CHANGES
from ff.light import dataclass, field


@dataclass
class Changes:
    ideas: list[dict[str, Any]] = field(default_factory=list)  # new: id, ref, title
    iterations: int = 0
    status_changes: int = 0
    edits: int = 0  # records changed (an iteration corrected, say)
    deletions: int = 0  # ideas deleted, and iterations deleted from ideas still here
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # new or grown notes
    renumbered: list[dict[str, Any]] = field(default_factory=list)  # ref, from, to
    settled: int = 0  # conflict notes removed (ff share resolve)

    @property
    def empty(self) -> bool:
        return not (
            self.ideas
            or self.iterations
            or self.status_changes
            or self.edits
            or self.deletions
            or self.conflicts
            or self.settled
        )

    def words(self) -> str:
        """ "1 idea, 2 iterations, 1 status change"; "nothing" if nothing changed."""
        counts = [
            (len(self.ideas), "idea", "ideas"),
            (self.iterations, "iteration", "iterations"),
            (self.status_changes, "status change", "status changes"),
            (self.edits, "correction", "corrections"),
            (self.deletions, "deletion", "deletions"),
            (len(self.conflicts), "conflict", "conflicts"),
            (self.settled, "conflict settled", "conflicts settled"),
        ]
        said = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        return ", ".join(said) or "nothing"

    def json(self) -> dict[str, Any]:
        return {
            "ideas": self.ideas,
            "iterations": self.iterations,
            "status_changes": self.status_changes,
            "edits": self.edits,
            "deletions": self.deletions,
            "conflicts": self.conflicts,
            "renumbered": self.renumbered,
            "settled": self.settled,
        }


def changes(before: Copy, after: Copy) -> Changes:
    """What ``after`` holds that ``before`` did not."""
    found = Changes()
    for record_id in after.ids(IDEAS):
        if record_id not in before.ids(IDEAS):
            idea = _plain(after, IDEAS, record_id)
            found.ideas.append(
                {"id": record_id, "ref": idea.get("ref"), "title": idea.get("title")}
            )
    found.iterations = _new(before, after, ITERATIONS)
    found.status_changes = _new(before, after, STATUS_CHANGES)
    _changed(before, after, found)
    found.deletions = _deletions(before, after)
    found.conflicts = _conflicts(before, after)
    found.settled = sum(1 for key in before.ids(CONFLICTS) if key not in after.ids(CONFLICTS))
    return found


def _changed(before: Copy, after: Copy, found: Changes) -> None:
    """Records both copies hold that differ: corrections, and iterations renumbered by
    a merge (another had taken the number)."""
    for table in (IDEAS, ITERATIONS):
        for record_id, (_, stored) in after.ids(table).items():
            was = before.stored(table, record_id)
            if was is None or getattr(stored, "line", None) == getattr(was, "line", False):
                continue  # new, or the same line: nothing decoded
            old = dict(_plain(before, table, record_id))
            new = dict(_plain(after, table, record_id))
            if old.get("number") != new.get("number"):
                idea = _plain(after, IDEAS, str(new.get("idea_id")))
                found.renumbered.append(
                    {"ref": idea.get("ref"), "from": old.get("number"), "to": new.get("number")}
                )
            old.pop("number", None)
            new.pop("number", None)
            found.edits += canonical(old) != canonical(new)


def _new(before: Copy, after: Copy, table: str) -> int:
    known = before.ids(table)
    return sum(1 for record_id in after.ids(table) if record_id not in known)


def _plain(copy: Copy, table: str, record_id: str) -> dict[str, Any]:
    """The record as a plain dict (shared: copy it before changing it); one the copy
    does not hold reads as a record with no fields."""
    return copy.plain(table, record_id) or {}


def _deletions(before: Copy, after: Copy) -> int:
    new = [
        _plain(after, DELETED, key) for key in after.ids(DELETED) if key not in before.ids(DELETED)
    ]
    ideas = {str(t.get("id")) for t in new if t.get("table") == IDEAS}
    iterations = [
        key
        for key in (str(t.get("id")) for t in new if t.get("table") == ITERATIONS)
        if str(_plain(before, ITERATIONS, key).get("idea_id")) not in ideas
    ]
    return len(ideas) + len(iterations)


def _conflicts(before: Copy, after: Copy) -> list[dict[str, Any]]:
    found = []
    for key in after.ids(CONFLICTS):
        note = _plain(after, CONFLICTS, key)
        was = _plain(before, CONFLICTS, key).get("fields", {})
        added = grown(note.get("fields", {}), was)
        if added:
            idea = _plain(after, IDEAS, str(note.get("idea_id")))
            record = _plain(after, str(note.get("table")), str(note.get("record_id")))
            found.append(
                {
                    "ref": idea.get("ref"),
                    "table": note.get("table"),
                    "id": note.get("record_id"),
                    "number": record.get("number"),
                    "fields": added,
                }
            )
    return found
