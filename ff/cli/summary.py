"""``ff summary`` and ``ff export``: the learning summary for leads, over many journals."""

from __future__ import annotations

from typing import Any

import typer

from ff.cli.options import IDEA_FILTERS, REPORT_SOURCES, Force, Output, takes
from ff.cli.report_calls import export_report, show_summary
from ff.cli.typer_app import app, journal_before
from ff.reporting.exporters import REGISTRY


@app.command()
@takes(REPORT_SOURCES)
@takes(IDEA_FILTERS)
def summary(
    ctx: typer.Context,
    filters: dict[str, Any] = {},  # the options of the group, see takes
    sources: dict[str, Any] = {},  # the options of the group, see takes
    show_all: bool = typer.Option(
        False,
        "--all",
        help="Show every learning (by default the newest 50 ideas, and 50 iterations of each).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """What was tried, what failed, and what was learned, across one journal or many.

    Exit 1 if a journal could not be read (the rest are still summarised).

    \b
    Examples:
      ff summary
      ff summary --journal 'teams/*.json' --since 12w
    """
    raise typer.Exit(show_summary(journal_before(ctx), filters, sources, show_all, as_json))


@app.command()
@takes(REPORT_SOURCES)
@takes(IDEA_FILTERS)
def export(
    ctx: typer.Context,
    ref: str | None = typer.Argument(
        None,
        metavar="REF",
        help="Only this idea (as --idea REF): exported alone, it is told as a case study.",
        show_default=False,
    ),
    format_: str = typer.Option(
        ..., "--format", "-f", metavar="FORMAT", help=f"One of: {', '.join(REGISTRY)}."
    ),
    output: Output = None,
    force: Force = False,
    title: str | None = typer.Option(
        None,
        "--title",
        metavar="TEXT",
        help="The report's title (html and md; default: What we tried and learned).",
    ),
    filters: dict[str, Any] = {},  # the options of the group, see takes
    sources: dict[str, Any] = {},  # the options of the group, see takes
) -> None:
    """Export the summary and every idea as a file to share: html, md, csv or json.

    One idea (ff export REF, or --idea REF) is told as a case study: its check, its
    approval, every iteration with its evidence, its status history.

    Exit 1 if a journal could not be read (the rest are still exported).

    \b
    Examples:
      ff export --format html --output summary.html
      ff export -f csv --journal teams/ -o learning.csv
    """
    code = export_report(journal_before(ctx), ref, format_, output, force, title, filters, sources)
    raise typer.Exit(code)
