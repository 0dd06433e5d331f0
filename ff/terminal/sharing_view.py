"""What sharing journals through git tells people: what ``ff share init`` set up, what
the merge driver merged, what ``ff sync`` committed and brought in, and which
conflicts were settled. Messages go to stderr."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from ff.terminal.console import err, plain

SHOWN = 10  # of a long list (renumbered iterations, conflicts), the first ones said

if TYPE_CHECKING:
    from ff.journal.changes import Changes
    from ff.sharing.driver import Driven
    from ff.sharing.setup import SetUp
    from ff.sharing.sync import Synced


def _say(text: str | Text) -> None:
    err().print(plain(text) if isinstance(text, str) else text, soft_wrap=True)


def set_up(done: SetUp) -> None:
    _say(f"Set up {done.repository} so that git merges journals with ff:")
    if done.attributes_added:
        kept = (
            "committed it, so every clone has it"
            if done.committed
            else f"commit it yourself (git could not: {done.commit_problem})"
        )
        _say(f"- added `{done.attributes}` to .gitattributes; {kept}.")
    else:
        _say(f"- .gitattributes already had `{done.attributes}`.")
    was = f" (it was: {done.driver_was})" if done.driver_was else ""
    _say(f"- set merge.ff.driver in this clone's git config to: {done.driver}{was}.")
    _say(f"- checked that git can run it: it is this ff ({done.checked}).")
    if done.excluded:
        _say(f"- kept ff's lock and temporary files out of git: {', '.join(done.excluded)}.")
    _say("Each clone runs ff share init once. Then share your journal with: ff sync")


def _changes(changes: Changes) -> list[str]:
    lines = [f"new idea {idea['ref']}: {idea['title']}" for idea in changes.ideas[:SHOWN]]
    if len(changes.ideas) > SHOWN:
        lines.append(f"and {len(changes.ideas) - SHOWN} more new ideas (ff ideas lists them)")
    for moved in changes.renumbered[:SHOWN]:
        lines.append(
            f"iteration {moved['from']} of {moved['ref']} is now {moved['ref']}#{moved['to']} "
            "(the number was taken)"
        )
    if len(changes.renumbered) > SHOWN:
        lines.append(f"and {len(changes.renumbered) - SHOWN} more iterations renumbered")
    return lines


def _conflicts(conflicts: Sequence[Mapping[str, Any]]) -> None:
    for conflict in conflicts[:SHOWN]:
        what = (
            f"iteration {conflict['number']} of idea {conflict['ref']}"
            if conflict.get("number") is not None
            else f"a record of idea {conflict['ref']} ({conflict['table']})"
        )
        _say(
            Text()
            .append("Conflict: ", style="bold yellow")
            .append_text(
                plain(
                    f"{what} was changed differently on two computers "
                    f"({', '.join(conflict['fields'])}). Both versions are kept: see them with "
                    f"ff show {conflict['ref']}."
                )
            )
        )
    if len(conflicts) > SHOWN:
        _say(f"... and {len(conflicts) - SHOWN} more conflicts (ff show lists each idea's).")


def driven(done: Driven) -> None:
    report = done.report
    added = report.added
    parts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in (
            (added["ideas"], "idea"),
            (added["iterations"], "iteration"),
            (added["status_changes"], "status change"),
            (report.changed, "change"),
            (report.deleted, "deletion"),
        )
        if n
    ]
    _say(f"ff merged {done.name}: from the other side, {', '.join(parts) or 'nothing new'}.")
    if done.ancestor_unread:
        _say(f"(The common ancestor was left out: {done.ancestor_unread})")
    for moved in report.renumbered[:SHOWN]:
        ref = report.refs.get(str(moved["idea_id"]), str(moved["idea_id"])[:6])
        _say(
            f"Iteration {moved['from']} of {ref} became {ref}#{moved['to']} (the number was taken)."
        )
    if len(report.renumbered) > SHOWN:
        _say(f"... and {len(report.renumbered) - SHOWN} more iterations renumbered.")
    _conflicts(
        [{**c, "ref": report.refs.get(str(c["idea_id"]), c["idea_id"])} for c in report.conflicts]
    )


def synced(report: Synced) -> None:
    if report.committed:
        _say(f"Committed your journal: {report.committed}")
    came_in = report.came_in
    if came_in is not None and not came_in.empty:
        _say(f"From others: {came_in.words()}.")
        for line in _changes(came_in):
            _say(f"- {line}")
        _conflicts(came_in.conflicts)
    if report.shared:
        pushed = f"pushed to {report.upstream}" if report.pushed else "nothing new to push"
        _say(f"In step with {report.upstream} ({pushed}).")
        return
    _say(Text().append("Not shared yet: ", style="bold red").append_text(plain(report.problem)))
    if report.hint:
        _say(Text().append("What to do: ", style="bold").append_text(plain(report.hint)))


def resolved(notes: Sequence[Mapping[str, Any]], target: str) -> None:
    fields = sorted({name for note in notes for name in note.get("fields", {})})
    _say(
        f"Settled {len(notes)} conflict{'s' if len(notes) != 1 else ''} of {target} "
        f"({', '.join(fields)}): the values not kept are removed from the journal."
    )
