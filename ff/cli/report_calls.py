"""``ff summary`` and ``ff export`` once their options are read, as plain functions:
the Typer commands (ff.cli.summary) call them, and ff.cli.quick calls ``show_summary``
without Typer. Nothing here imports Typer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ff.cli.calls import journals_read, print_json

# The filters an export names in its report, in this order (pinned by tests).
REPORT_FILTER_KEYS = ("status", "level", "team", "owner", "tag", "idea", "since", "until")


def gather(
    before: Path | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
    figures_needed: bool = True,
    title: str | None = None,
) -> tuple[dict[str, Any], int, list[str]]:
    """The export report for the options given, and the exit code it deserves. Without
    ``figures_needed`` (a format that shows none), its summary is left empty."""
    from ff.dates import iso, now_utc, today
    from ff.journal.filters import build_filter
    from ff.reporting.collect import collect, expand
    from ff.reporting.exporters import build_report
    from ff.reporting.figures import Period, choose, summarise
    from ff.terminal import console, summary_view

    chosen = build_filter(**filters, today=today())
    paths = expand(journals_read(before, sources["journal"]))
    default_missing = not sources["journal"] and not paths[0].exists()
    progress = summary_view.Progress("Reading journals")
    try:
        collection = collect(
            [] if default_missing else paths, strict=sources["strict"], progress=progress
        )
    finally:
        progress.close()
    ideas = choose(collection.ideas, chosen, sources["idea"])
    figures = (
        summarise(ideas, Period(chosen.since, chosen.until), service_users=service_users())
        if figures_needed
        else {}
    )
    named = {**filters, "idea": sources["idea"]}
    report = build_report(
        figures,
        ideas,
        generated=iso(now_utc()),
        journals=collection.names,  # names, not paths: exports are shared
        problems=collection.problems,
        filters={key: named[key] for key in REPORT_FILTER_KEYS},
        title=title,
    )
    for problem in collection.problems:
        console.note(f"Not included: {problem}")
    return report, 1 if collection.problems else 0, collection.names


def service_users() -> list[str]:
    """The council's own words for the people who use the service (the service_users
    setting). A config file that cannot be read is named, and ff's own words used."""
    from ff.config import value
    from ff.errors import FFError
    from ff.reporting.people import parse_groups
    from ff.terminal import console

    try:
        return parse_groups(value("service_users"))
    except FFError as problem:
        console.note(f"{problem.message} Counting only ff's own words for who uses the service.")
        return []


def show_summary(
    before: Path | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
    show_all: bool,
    as_json: bool,
) -> int:
    """``ff summary``; the exit code it deserves (1 if a journal could not be read)."""
    from ff.memory import collector_paused, keep
    from ff.terminal import summary_view

    with collector_paused():  # see there: the records are many, and hold no cycles
        report, code, names = gather(before, filters, sources)
        if as_json:
            print_json(report["summary"])
        elif not report["summary"]["ideas"]:
            from ff.reporting.exporters.common import nothing_yet

            for line in nothing_yet(report):
                summary_view.nothing(line)
        else:
            summary_view.summary(report["summary"], names, None if show_all else 50)
    keep(report)  # the ff command leaves without freeing it (0.1 s for 100,000 iterations)
    return code
