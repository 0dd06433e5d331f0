"""``ff summary`` and ``ff export``: the learning summary for leads, over many journals."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from ff.cli.app import app, print_json
from ff.errors import UsageError
from ff.exporters import REGISTRY

JOURNALS_HELP = (
    "A journal file, a folder of them, or a pattern such as 'teams/*.json'; "
    "repeat for more (default: your journal)."
)
STATUS = typer.Option([], "--status", help="Only ideas with this status.")
LEVEL = typer.Option([], "--level", help="Only go, caution, approval or stop.")
TEAM = typer.Option([], "--team", help="Only this team's ideas.")
OWNER = typer.Option([], "--owner", help="Only this owner's ideas.")
TAG = typer.Option([], "--tag", help="Only ideas (or iterations) with this tag.")
IDEA = typer.Option([], "--idea", help="Only this idea (its ref); repeat for more.")
SINCE = typer.Option(None, "--since", help="From this day: YYYY-MM-DD, or 30d, 12w, 6m ago.")
UNTIL = typer.Option(None, "--until", help="Up to this day (as --since).")
JOURNALS = typer.Option([], "--journal", help=JOURNALS_HELP)
STRICT = typer.Option(False, "--strict", help="Stop if any journal cannot be read.")


def _gather(
    ctx: typer.Context, options: dict[str, Any], figures_needed: bool = True
) -> tuple[dict[str, Any], int, list[str]]:
    """The export report for the options given, and the exit code it deserves. Without
    ``figures_needed`` (a format that shows none), its summary is left empty."""
    from ff import render
    from ff.cli.app import journal_path
    from ff.exporters import build_report
    from ff.filters import build_filter
    from ff.journal import iso, now_utc, today
    from ff.summary import Period, choose, collect, expand, summarise

    chosen = build_filter(
        status=options["status"],
        level=options["level"],
        team=options["team"],
        owner=options["owner"],
        tag=options["tag"],
        since=options["since"],
        until=options["until"],
        today=today(),
    )
    specs = options["journal"] or [journal_path(ctx, None)]
    paths = expand(specs)
    default_missing = not options["journal"] and not paths[0].exists()
    progress = render.Progress("Reading journals")
    try:
        collection = collect(
            [] if default_missing else paths, strict=options["strict"], progress=progress
        )
    finally:
        progress.close()
    ideas = choose(collection.ideas, chosen, options["idea"])
    figures = summarise(ideas, Period(chosen.since, chosen.until)) if figures_needed else {}
    filters = {
        key: options[key]
        for key in ("status", "level", "team", "owner", "tag", "idea", "since", "until")
    }
    report = build_report(
        figures,
        ideas,
        generated=iso(now_utc()),
        journals=collection.names,  # names, not paths: exports are shared
        problems=collection.problems,
        filters=filters,
    )
    for problem in collection.problems:
        render.note(f"Not included: {problem}")
    return report, 1 if collection.problems else 0, collection.names


@app.command(short_help="What was tried, what failed, what was learned.")
def summary(
    ctx: typer.Context,
    status: list[str] = STATUS,
    level: list[str] = LEVEL,
    team: list[str] = TEAM,
    owner: list[str] = OWNER,
    tag: list[str] = TAG,
    idea: list[str] = IDEA,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    journal: list[str] = JOURNALS,
    strict: bool = STRICT,
    show_all: bool = typer.Option(
        False,
        "--all",
        help="Show every learning (by default the newest 50 ideas, and 50 iterations of each).",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """What was tried, what failed, and what was learned, across one journal or many.

    Exit 1 if a journal could not be read (the rest are still summarised).
    """
    from ff import render
    from ff.collector import collector_paused

    with collector_paused():  # see there: the records are many, and hold no cycles
        report, code, names = _gather(ctx, locals())
        if as_json:
            print_json(report["summary"])
        else:
            render.summary(report["summary"], names, None if show_all else 50)
    raise typer.Exit(code)


def _format_help() -> str:
    return "; ".join(f"{name}: {about}" for name, (_, about) in REGISTRY.items())


@app.command(short_help="Export the summary: html, md, csv or json.")
def export(
    ctx: typer.Context,
    format_: str = typer.Option(..., "--format", "-f", help=f"One of: {', '.join(REGISTRY)}."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (default: standard output)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    status: list[str] = STATUS,
    level: list[str] = LEVEL,
    team: list[str] = TEAM,
    owner: list[str] = OWNER,
    tag: list[str] = TAG,
    idea: list[str] = IDEA,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    journal: list[str] = JOURNALS,
    strict: bool = STRICT,
) -> None:
    """Export the summary and every idea as a file to share: html, md, csv or json.

    Exit 1 if a journal could not be read (the rest are still exported).
    """
    from ff import render
    from ff.collector import collector_paused
    from ff.exporters import exporter, needs_figures

    name = format_.strip().lower()
    if name not in REGISTRY:
        raise UsageError(f"--format {format_!r} is not known.", hint=f"Formats: {_format_help()}.")
    target = None
    if output is not None:
        from ff.cli.app import journal_path
        from ff.outputs import check_output
        from ff.summary import expand

        journals = expand(journal or [journal_path(ctx, None)])
        target = check_output(output, force, journals, being_read="the journals being exported")
    with collector_paused():  # see there: the records are many, and hold no cycles
        report, code, _ = _gather(ctx, locals(), needs_figures(name))
        text = exporter(name)(report)
    del report  # written from the text alone: the records' memory is given back first
    if output is None:
        import sys

        for piece in _encoded(text):  # bytes: CSV's CRLF stays as it is
            sys.stdout.buffer.write(piece)
        sys.stdout.flush()
    else:
        from ff.files import atomic_write

        atomic_write(target or output, _encoded(text))
        render.note(f"Wrote {output}")
    raise typer.Exit(code)


def _encoded(text: str, size: int = 1 << 20) -> Iterator[bytes]:
    """The text as UTF-8, a megabyte at a time (a large export is not copied whole)."""
    for start in range(0, len(text), size):
        yield text[start : start + size].encode("utf-8")
