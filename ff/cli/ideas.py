"""``ff ideas`` and ``ff show``: the ideas in the journal."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.app import app, journal_path, print_json
from ff.cli.options import IDEA_FILTERS, IdeaRef, Journal, takes


@app.command()
@takes(IDEA_FILTERS)
def ideas(
    ctx: typer.Context,
    filters: dict[str, Any] = {},  # the options of the group, see takes
    search: str | None = typer.Option(
        None, "--search", metavar="TEXT", help="Text in titles and learnings."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the ideas as a JSON list."),
    journal: Journal = None,
) -> None:
    """List the ideas in the journal, newest first. Filters can be repeated and combined.

    \b
    Examples:
      ff ideas
      ff ideas --team "Family support" --since 6m
    """
    from ff.dates import today
    from ff.journal.filters import build_filter, select
    from ff.journal.reading import all_ideas
    from ff.memory import collector_paused

    chosen = build_filter(**filters, search=search, today=today())
    path = journal_path(ctx, journal)
    with collector_paused():  # see there: every record is read, and they hold no cycles
        found = select(all_ideas(path, whole=as_json), chosen)
    if as_json:
        print_json(found)
        return
    from ff.terminal import console, journal_view

    if not found:
        console.note(
            f"No ideas match in {path}."
            if chosen != type(chosen)()
            else f'No ideas yet in {path}. Run: ff check "Your idea"'
        )
        return
    journal_view.ideas(found)


@app.command()
def show(
    ctx: typer.Context,
    ref: IdeaRef,
    as_json: bool = typer.Option(False, "--json", help="Print the idea as JSON."),
    journal: Journal = None,
) -> None:
    """Show one idea: its decision, its status history and its iterations.

    \b
    Examples:
      ff show 548699
      ff show 5486 --json
    """
    from ff.journal.reading import find_idea

    record = find_idea(journal_path(ctx, journal), ref)
    if as_json:
        print_json(record)
        return
    from ff.terminal import journal_view

    journal_view.idea(record)
