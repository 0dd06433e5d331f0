"""``ff summary`` and ``ff export`` once their options are read, as plain functions:
the Typer commands (ff.cli.summary) call them, and ff.cli.quick calls ``show_summary``
without Typer. Nothing here imports Typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ff.cli.calls import journals_read, print_json

if TYPE_CHECKING:
    from ff.reporting.collect import Collection

# The filters an export names in its report, in this order (pinned by tests).
REPORT_FILTER_KEYS = ("status", "level", "team", "owner", "tag", "idea", "since", "until")


@dataclass(frozen=True)
class Wanted:
    """What a report needs worked out and read."""

    figures: bool = True  # the summary's figures (a format that shows none: not)
    every_field: bool = False  # records with fields ff does not know (JSON shows them)
    learnings_of: int | None = None  # the learnings of so many ideas (None: every one)
    title: str | None = None


def gather(
    before: Path | None,
    filters: dict[str, Any],
    sources: dict[str, Any],
    wanted: Wanted | None = None,
) -> tuple[dict[str, Any], int, list[str]]:
    """The export report for the options given, and the exit code it deserves."""
    from ff.dates import iso, now_utc, today
    from ff.journal.filters import build_filter
    from ff.reporting.exporters import build_report
    from ff.reporting.figures import Period, choose, summarise
    from ff.terminal import console

    wanted = wanted or Wanted()
    chosen = build_filter(**filters, today=today())
    collection = _collected(before, sources, wanted.every_field)
    ideas = choose(collection.ideas, chosen, sources["idea"])
    period = Period(chosen.since, chosen.until)
    figures = (
        summarise(ideas, period, service_users(), learnings_of=wanted.learnings_of)
        if wanted.figures
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
        title=wanted.title,
    )
    for problem in collection.problems:
        console.note(f"Not included: {problem}")
    return report, 1 if collection.problems else 0, collection.names


def _collected(before: Path | None, sources: dict[str, Any], every_field: bool) -> Collection:
    """The journals the options name, read, with a progress bar in a terminal."""
    from ff.reporting.collect import collect, expand
    from ff.terminal import summary_view

    paths = expand(journals_read(before, sources["journal"]))
    default_missing = not sources["journal"] and not paths[0].exists()
    progress = summary_view.Progress("Reading journals")
    try:
        return collect(
            [] if default_missing else paths,
            strict=sources["strict"],
            progress=progress,
            every_field=every_field,
        )
    finally:
        progress.close()


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


# The terminal shows the learnings of the newest 50 ideas (--all: every one).
SHOWN = 50


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
        shown = None if as_json or show_all else SHOWN  # the learnings of so many ideas
        report, code, names = gather(before, filters, sources, Wanted(learnings_of=shown))
        if as_json:
            print_json(report["summary"])
        elif not report["summary"]["ideas"]:
            from ff.reporting.exporters.common import nothing_yet

            for line in nothing_yet(report):
                summary_view.nothing(line)
        else:
            summary_view.summary(report["summary"], names, shown)
    keep(report)  # the ff command leaves without freeing it (0.1 s for 100,000 iterations)
    return code
