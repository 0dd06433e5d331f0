"""``ff log`` and ``ff status``: what was tried, and the idea's life."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.calls import interactive, log_iteration, print_json
from ff.cli.options import EDIT, ITERATION_FIELDS, JSON, IdeaRef, Journal, iteration_fields, takes
from ff.cli.typer_app import app, journal_path


@app.command()
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
    log_iteration(journal_path(ctx, journal), ref, iteration_fields(fields), edit_, force, as_json)


@app.command()
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
    date: str | None = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="When it changed, if on an earlier day: DD/MM/YYYY (day first), YYYY-MM-DD "
        "or yesterday; not in the future, nor before the idea was checked (default now).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the status change as JSON."),
    journal: Journal = None,
) -> None:
    """Record a change in an idea's life; earlier changes are kept as history.

    \b
    Examples:
      ff status 548699 approved --by "Jo Evans, team manager"
      ff status 548699 adopted --date 17/11/2026 --note "Runs every month now"
    """
    from ff import config
    from ff.dates import parse_past_day, today
    from ff.journal.lifecycle import change_status, changed_later, check_state, status_on
    from ff.terminal import console

    state = check_state(state)
    day = parse_past_day(date, today(), "--date") if date else None
    day = day if day != today() else None  # today: now, as without --date
    path = journal_path(ctx, journal)
    if state == "approved" and not (by or "").strip() and interactive():
        from ff.journal.lifecycle import check_change
        from ff.journal.reading import find_idea
        from ff.terminal.prompts import ask_text

        check_change(find_idea(path, ref), state, day)  # refuse before asking, not after
        by = ask_text("Who approved it? (name and role)", required=True)
    change, idea = change_status(
        path,
        ref,
        state,
        by=by,
        note=note,
        recorded_by=config.value("owner") or "unknown",
        day=day,
    )
    if as_json:
        print_json(change)
        return
    from ff.dates import uk_day

    when = f" on {uk_day(day)}" if day else ""
    was = status_on(idea, day)
    console.note(f"Idea {idea['ref']} ({idea['title']}): {was} -> {change['status']}{when}.")
    later = changed_later(idea, day)
    if later:
        from ff.dates import uk_date

        console.note(
            f"It is still {idea['status']} now: a later change ({later[-1]['status']} on "
            f"{uk_date(later[-1]['at'])}) comes after it."
        )
