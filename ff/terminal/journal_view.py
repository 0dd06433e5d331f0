"""The journal as people read it: the list of ideas, one idea with its history and
iterations, what was logged, and what a merge brought in; plain text
(``journal_text``) or, in a terminal, laid out and coloured (``journal_rich``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ff.terminal import console
from ff.terminal.decision_view import decision
from ff.terminal.journal_text import (
    IDEA_COLUMNS,
    correction_rows,
    idea_lines,
    idea_rows,
    iteration_lines,
)


def ideas(records: Sequence[Mapping[str, Any]]) -> None:
    """The list of ideas, one line each, the title last."""
    rows = idea_rows(records)
    if console.plain_out():
        console.write_out("\n".join(console.columns([list(IDEA_COLUMNS), *rows])) + "\n")
        return
    from ff.terminal.journal_rich import ideas as laid_out

    laid_out(list(IDEA_COLUMNS), rows)


def idea(record: Mapping[str, Any]) -> None:
    """One idea: its decision, facts, status history and iterations."""
    decision(record)
    if console.plain_out():
        console.write_out("\n".join(idea_lines(record)) + "\n")
        return
    from ff.terminal.journal_rich import idea as laid_out

    laid_out(record)


def logged(iteration: Mapping[str, Any], idea: Mapping[str, Any], verb: str = "Logged") -> None:
    """What was just logged (or corrected): a line on stderr, the iteration on stdout."""
    console.note(
        f"{verb} iteration {iteration['number']} of idea {idea['ref']} ({idea.get('title', '')})."
    )
    if console.plain_out():
        console.write_out("\n".join(iteration_lines(iteration)) + "\n")
        return
    from ff.terminal.journal_rich import iteration_block

    console.out().print(iteration_block(iteration))


def before_deleting(iteration: Mapping[str, Any]) -> None:
    """What an iteration says (its date, result, learning and the rest), on stderr,
    before ff asks whether to delete it."""
    for line in iteration_lines(iteration):
        console.note(line)


def idea_corrected(
    idea: Mapping[str, Any],
    made: Sequence[Mapping[str, Any]],
    asked: Mapping[str, Any],
    *,
    quiet: bool = False,
) -> None:
    """What ``ff edit REF`` changed, field by field, or that nothing was; ``quiet``
    (``--json``): only that nothing was."""
    if not made:
        fields = ", ".join(asked)
        console.note(f"Nothing was changed: idea {idea['ref']} already has that {fields}.")
        return
    if quiet:
        return
    console.note(f"Corrected idea {idea['ref']} ({idea.get('title', '')}):")
    for _, field, change, _ in correction_rows(made):
        console.note(f"  {field}: {change}")
    console.note(f"The old values are kept: ff show {idea['ref']} lists every correction.")


def merged(report: Mapping[str, Any], path: str | Path) -> None:
    added = report["added"]
    console.note(
        f"Merged into {path}: {added['ideas']} idea(s), {added['iterations']} "
        f"iteration(s) and {added['status_changes']} status change(s) added; "
        f"{report['unchanged']} already here"
        + (
            f"; {report['deleted']} deleted here, as they were deleted there."
            if report["deleted"]
            else "."
        )
    )
    for moved in report["renumbered"]:
        console.note(
            f"Renumbered an iteration from {moved['journal']}: "
            f"{moved['from']} -> {moved['to']} (the number was taken)."
        )
    for conflict in report["conflicts"]:
        console.note(
            f"{conflict['table']} record {conflict['id']} differs in {conflict['journal']} "
            f"({', '.join(conflict['fields'])}); kept this journal's copy.",
            lead="Conflict: ",
            lead_style="bold red",
        )
