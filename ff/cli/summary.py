"""``ff summary`` and ``ff export``: the learning summary for leads, over many journals."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer

from ff.cli.calls import journals_read
from ff.cli.options import IDEA_FILTERS, REPORT_SOURCES, Force, Output, takes
from ff.cli.report_calls import Wanted, gather, show_summary
from ff.cli.typer_app import app, journal_before
from ff.errors import UsageError
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


def _format_help() -> str:
    return "; ".join(f"{name}: {about.description}" for name, about in REGISTRY.items())


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
    from ff.memory import collector_paused
    from ff.reporting.exporters import exporter_in_pieces
    from ff.terminal import console

    name = format_.strip().lower()
    if name not in REGISTRY:
        raise UsageError(f"--format {format_!r} is not known.", hint=f"Formats: {_format_help()}.")
    if ref is not None:
        sources = {**sources, "idea": [ref, *sources["idea"]]}
    if title is not None:
        from ff.text import clean_text

        title = clean_text(title, "title")
    target = None
    if output is not None:
        from ff.files import check_output
        from ff.reporting.collect import expand

        journals = expand(journals_read(journal_before(ctx), sources["journal"]))
        target = check_output(output, force, journals, being_read="the journals being exported")
    with collector_paused():  # see there: the records are many, and hold no cycles
        about = REGISTRY[name]
        wanted = Wanted(about.needs_figures, about.every_field, title=title)
        report, code, _ = gather(journal_before(ctx), filters, sources, wanted)
        pieces = exporter_in_pieces(name)(report)
    del report  # written from the text alone: the records' memory is given back first
    if target is None:  # no -o, or -o - (standard output)
        import sys

        if sys.stdout.isatty():  # shown, not stored: user text must not drive the terminal
            from ff.reporting.exporters.screen import for_terminal

            pieces = [for_terminal(piece) for piece in pieces]
        for chunk in _encoded(pieces):  # bytes: CSV's CRLF stays as it is
            sys.stdout.buffer.write(chunk)
        sys.stdout.flush()
    else:
        from ff.files import atomic_write

        atomic_write(target, _encoded(pieces))
        console.note(f"Wrote {output}")
    raise typer.Exit(code)


def _encoded(pieces: list[str], size: int = 1 << 20) -> Iterator[bytes]:
    """The pieces as UTF-8, about a megabyte at a time (a large export is never encoded
    whole); each piece is let go once it is encoded."""
    batch: list[bytes] = []
    held = 0
    for index, piece in enumerate(pieces):
        pieces[index] = ""
        for start in range(0, len(piece), size):
            data = piece[start : start + size].encode("utf-8")
            batch.append(data)
            held += len(data)
            if held >= size:
                yield b"".join(batch)
                batch, held = [], 0
    if batch:
        yield b"".join(batch)
