"""ff as git's merge driver for journals: ``ff share merge-driver %O %A %B %P``.

Git calls it with three temporary files (the ancestor, ours and theirs) and the
journal's name; ff merges by record (ff.journal.threeway) and writes the result over
ours, atomically, where git takes it from.

The exit code tells git whether the merge is clean. Records changed differently on
both sides do not make it unclean: ff keeps one value and the other in a conflict
note inside the journal, so the file is whole and nothing is lost, and a person
settles it with ``ff show`` and ``ff share resolve`` at any time, rather than being
stopped mid-merge by git. It is unclean (exit 1) only when ff cannot merge: a side
that is damaged or not a journal. Then ours is left as it was, and git marks the file
as conflicted, keeping both versions.
"""

from __future__ import annotations

from pathlib import Path

from ff.errors import JournalError
from ff.journal.copies import Copy, Decoded, empty_copy, read_copy
from ff.journal.threeway import ThreeWayReport, merge_files
from ff.light import dataclass
from ff.sharing.git import SharingError


@dataclass
class Driven:
    """What the driver did: the report, and whether the ancestor had to be left out."""

    name: str
    report: ThreeWayReport
    ancestor_unread: str | None  # why the ancestor could not be used, if it could not


def merge_driver(ancestor: Path, ours: Path, theirs: Path, name: str) -> Driven:
    """Merge ``theirs`` into ``ours`` (git's %B into %A), using ``ancestor`` (%O)."""
    name = name or ours.name
    decoded: Decoded = {}
    mine = _side(ours, name, "your version", decoded)
    other = _side(theirs, name, "the version being merged in", decoded)
    base, unread = _ancestor(ancestor, name)
    report = merge_files(base, mine, other, ours)
    return Driven(name, report, unread)


def _side(path: Path, name: str, which: str, decoded: Decoded) -> Copy:
    try:
        return read_copy(path, check=True, decoded=decoded)
    except JournalError as problem:
        raise SharingError(
            f"ff cannot merge {name}: {which} is not a journal ff can read. "
            + problem.message.replace(str(path), f"{name} ({which})"),
            hint=f"Nothing was merged and neither version was changed: git marks {name} as "
            f"conflicted and keeps both (yours in the file, the other with git show "
            f":3:{name}). Restore the damaged one from an earlier commit, or keep yours "
            f"(git add {name}, then git commit); git merge --abort goes back to before "
            "the merge.",
        ) from None


def _ancestor(path: Path, name: str) -> tuple[Copy, str | None]:
    """The common ancestor; an empty file (the journal was added on both sides) is no
    journal. One ff cannot read is left out: the merge is then made as if both
    sides had added every record, which loses nothing and only finds fewer
    deletions made without a trace (ff's own deletions travel as ids)."""
    try:
        if path.stat().st_size == 0:
            return empty_copy(), None
        return read_copy(path, check=False), None
    except (JournalError, OSError) as problem:
        said = problem.message if isinstance(problem, JournalError) else str(problem)
        return empty_copy(), said.replace(str(path), f"{name} (the common ancestor)")
