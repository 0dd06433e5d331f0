"""``ff log``, ``ff edit`` and ``ff status``: what was tried, and the idea's life."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.app import app, interactive, journal_path, print_json
from ff.cli.options import (
    ITERATION_FIELDS,
    IdeaRef,
    IterationRef,
    Journal,
    iteration_fields,
    takes,
)
from ff.errors import UsageError

EDIT = typer.Option(False, "--edit", help="Write it in your editor ($VISUAL or $EDITOR).")
JSON = typer.Option(False, "--json", help="Print the stored iteration as JSON.")


@app.command(short_help="Record what you tried, the result, what you learned.")
@takes(ITERATION_FIELDS)
def log(
    ctx: typer.Context,
    ref: IdeaRef,
    fields: dict[str, Any] = {},  # the options of the group, see takes
    edit_: bool = EDIT,
    force: bool = typer.Option(
        False, "--force", help="Log even though the approval the check asked for is not recorded."
    ),
    as_json: bool = JSON,
    journal: Journal = None,
) -> None:
    """Record one iteration of an idea: what you tried, the result, what you learned.

    In a terminal, the needed fields you leave out are asked for. Without one,
    --test, --result and --learned must be given.

    \b
    Examples:
      ff log 548699
      ff log 548699 --test "Two Saturdays" --result success --learned "Dads came"
    """
    from ff import config
    from ff.dates import today
    from ff.journal.iterations import complete_fields
    from ff.journal.iterations import log as log_iteration
    from ff.terminal import console, journal_view
    from ff.terminal.iteration_form import approve_or_force, gather_fields

    path = journal_path(ctx, journal)
    given = iteration_fields(fields)
    if edit_ or interactive():
        idea, force = approve_or_force(path, ref, force)
        gathered = gather_fields(idea, given, edit_)
    else:  # a script: nothing is asked, so the journal is read once, under its lock
        gathered = complete_fields(given, today())
    author = config.value("owner") or "unknown"
    logged = log_iteration(path, ref, gathered, author, force)
    if as_json:
        print_json(logged.iteration)
    else:
        journal_view.logged(logged.iteration, logged.idea)
    if logged.moved_to:
        console.note(f"Idea {logged.idea['ref']} is now {logged.moved_to}.")
    if logged.suggested:
        console.note(f"Your decision suggests: ff status {logged.idea['ref']} {logged.suggested}")


@app.command(short_help="Record a change in an idea's life (kept as history).")
def status(
    ctx: typer.Context,
    ref: IdeaRef,
    state: str = typer.Argument(
        ..., help="checked, approved, prototyping, paused, adopted or abandoned."
    ),
    note: str | None = typer.Option(None, "--note", metavar="TEXT", help="Why, in a few words."),
    by: str | None = typer.Option(
        None, "--by", metavar="NAME", help="Who decided (for approved: who approved it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the status change as JSON."),
    journal: Journal = None,
) -> None:
    """Record a change in an idea's life; earlier changes are kept as history.

    \b
    Examples:
      ff status 548699 approved --by "Jo Evans, team manager"
      ff status 548699 adopted --note "Runs every month now"
    """
    from ff import config
    from ff.journal.lifecycle import change_status, check_state
    from ff.terminal import console

    state = check_state(state)
    path = journal_path(ctx, journal)
    if state == "approved" and not (by or "").strip() and interactive():
        from ff.journal.lifecycle import check_change
        from ff.journal.reading import find_idea
        from ff.terminal.prompts import ask_text

        check_change(find_idea(path, ref), state)  # refuse before asking, not after
        by = ask_text("Who approved it? (name and role)", required=True)
    change, idea = change_status(
        path,
        ref,
        state,
        by=by,
        note=note,
        recorded_by=config.value("owner") or "unknown",
    )
    if as_json:
        print_json(change)
        return
    console.note(f"Idea {idea['ref']} ({idea['title']}): {idea['status']} -> {change['status']}.")


@app.command(short_help="Correct iteration N of an idea.")
@takes(ITERATION_FIELDS)
def edit(
    ctx: typer.Context,
    target: IterationRef,
    fields: dict[str, Any] = {},  # the options of the group, see takes
    edit_: bool = EDIT,
    as_json: bool = JSON,
    journal: Journal = None,
) -> None:
    """Correct iteration N of an idea: the fields you give replace the old ones.

    --with and --tag replace the whole list. With --edit, the iteration opens in
    your editor.

    \b
    Examples:
      ff edit 548699#2 --learned "Dads came back when invited by name"
      ff edit 548699#2 --edit
    """
    from ff import config
    from ff.journal.iterations import edit as edit_iteration
    from ff.journal.reading import find_idea, pick_iteration
    from ff.journal.refs import parse_ref
    from ff.terminal import journal_view
    from ff.terminal.iteration_form import edited_fields

    ref, number = parse_ref(target)
    if number is None:
        raise UsageError(
            f"{target!r} names an idea, not an iteration.",
            hint="Add # and the iteration's number, e.g. ff edit abc123#2 ...",
        )
    path = journal_path(ctx, journal)
    idea = find_idea(path, ref)
    current = pick_iteration(idea, number)
    changes = edited_fields(idea, current, iteration_fields(fields), edit_)
    updated = edit_iteration(path, ref, number, changes, config.value("owner") or "unknown")
    if as_json:
        print_json(updated)
    else:
        journal_view.logged(updated, idea, verb="Corrected")
