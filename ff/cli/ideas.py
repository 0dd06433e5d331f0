"""``ff ideas`` and ``ff show``: the ideas in the journal."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.calls import list_ideas, show_idea
from ff.cli.options import IDEA_FILTERS, IdeaRef, Journal, takes
from ff.cli.typer_app import app, journal_path


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
    list_ideas(journal_path(ctx, journal), filters, search, as_json)


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
    show_idea(journal_path(ctx, journal), ref, as_json)
