"""Words and numbers shared by the human-readable exports (HTML and Markdown): the
headline figures, what the counts cover, the breakdowns' tables, and an idea's
evidence (each iteration's fields, the check, the approval, the status history)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import repeat
from typing import Any

from ff.dates import uk_date as uk_date  # one date format for every output
from ff.dates import uk_day
from ff.numbers import pounds as pounds  # one money format for every output

TITLE = "What we tried and learned"


class DayNames(dict[Any, str]):
    """``uk_date`` (or another way of naming a day), remembered for one export or
    summary: 100,000 iterations share a few hundred dates, and naming each again took
    a quarter of the time of an HTML export (and 4 ms of a summary of 10,000)."""

    def __init__(self, name: Callable[[Any], str] = uk_date) -> None:
        super().__init__()
        self.name = name

    def __missing__(self, value: Any) -> str:
        name = self[value] = self.name(value)
        return name

    def __call__(self, value: Any) -> str:
        try:
            return self[value]
        except TypeError:  # a value that cannot be a key (not one ff writes)
            return self.name(value)


def percent(share: float | None) -> str:
    """63% for 5 of 8: halves round up, as people expect (round() would give 62%)."""
    return "-" if share is None else f"{math.floor(share * 100 + 0.5)}%"


def number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text} {unit}".strip()


def plural(count: int, word: str, words: str | None = None) -> str:
    """1 idea, 2 ideas."""
    return f"{count:,} {word if count == 1 else words or word + 's'}"


def _share_of(part: int, whole: int, share: float | None) -> str:
    return f"{part} of {whole} ({percent(share)})"


def period_words(summary: dict[str, Any]) -> str:
    """The period the figures cover, in words ("" when they cover everything)."""
    period = summary.get("period") or {}
    since, until = period.get("since"), period.get("until")
    if since and until:
        return f"from {uk_date(since)} to {uk_date(until)}"
    if since:
        return f"from {uk_date(since)}"
    return f"up to {uk_date(until)}" if until else ""


def in_period(summary: dict[str, Any]) -> str:
    """ " in the period" when the figures cover one, so that each label says what it counts."""
    return " in the period" if period_words(summary) else ""


def counts_line(summary: dict[str, Any]) -> str:
    """The ideas counted, and how that agrees with the headline figures: "5 ideas: 4
    checked, 3 tried; 7 iterations." With a period, ideas checked before it but tried
    in it are counted as ideas, not as checked."""
    ideas = summary["ideas"]
    what = "checked or tried " + period_words(summary) if period_words(summary) else ""
    return (
        f"{plural(ideas, 'idea')} {what}".rstrip()
        + f": {summary['ideas_checked']} checked{in_period(summary)}, "
        f"{summary.get('ideas_tried', 0)} tried; {plural(summary['iterations'], 'iteration')}."
    )


def headline_rows(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in reading order."""
    speed, forward = summary["speed"], summary["fail_forward"]
    copro, spent = summary["coproduction"], summary["spent"]
    during = in_period(summary)
    iterations = summary["iterations"]
    rows = [
        (f"Ideas checked{during}", number(summary["ideas_checked"])),
        (f"Ideas tried{during}", number(summary.get("ideas_tried", 0))),
        ("Could go ahead without approval", percent(summary["without_approval_share"])),
        (f"Iterations logged{during}", number(iterations)),
        (
            "Median days from check to first iteration",
            number(speed["median_days_check_to_first_iteration"]),
        ),
        (
            "Median days from first iteration to adopt or abandon",
            number(speed["median_days_first_iteration_to_decision"]),
        ),
        ("Iterations per idea tried", number(forward["iterations_per_idea"])),
        (
            "Failures and inconclusive tries that led somewhere",
            _share_of(
                forward["failed_iterations_followed_up"],
                forward["failed_iterations"],
                forward["failed_followed_up_share"],
            ),
        ),
        ("Ideas abandoned after learning", number(forward["ideas_abandoned_after_learning"])),
        (
            "Iterations with the people who use the service",
            _share_of(
                copro.get("iterations_with_service_users", 0),
                iterations,
                copro.get("service_users_share"),
            ),
        ),
        (
            "Iterations with only staff, partners or others",
            _share_of(
                copro.get("iterations_with_others_only", 0),
                iterations,
                copro.get("others_only_share"),
            ),
        ),
        ("Hours spent (where recorded)", number(spent["hours"])),
        ("Money spent (where recorded)", pounds(spent["cost"])),
    ]
    return rows


def people_note(summary: dict[str, Any], hint: bool = False) -> str:
    """Which of those who took part were counted as the people who use the service;
    ``hint``: and how to count more."""
    copro = summary["coproduction"]
    named = [group for group, count in copro["by_group"].items() if count]
    counted = [group for group in named if group in copro.get("service_user_groups", [])]
    others = [group for group in named if group not in counted]
    if not named:
        return "No iteration recorded who took part (ff log --with)."
    note = "Counted as the people who use the service: " + (", ".join(counted) or "none") + "."
    if others:
        note += f" Not counted: {', '.join(others)}."
    if hint:
        note += " To count more: ff config set service_users 'WORD, WORD'"
    return note


def distributions(summary: dict[str, Any]) -> list[tuple[str, str, dict[str, int]]]:
    """(id, title, counts) of each chart."""
    return [
        ("levels", "Ideas by check decision", summary["by_level"]),
        ("statuses", "Ideas by status", summary["by_status"]),
        ("results", "Iterations by result", summary["by_result"]),
        ("people", "Iterations by who took part", summary["coproduction"]["by_group"]),
    ]


# The heading of the column of names in each chart's table, by the chart's id.
CHART_HEADINGS = {
    "levels": "Check decision",
    "statuses": "Status",
    "results": "Result",
    "people": "Who took part",
}


def span_name(span: str, unit: str) -> str:
    """A period of the chart over time: "Mar 2026", or "2026" for a year."""
    if unit != "month":
        return span
    try:
        return uk_day(date.fromisoformat(span + "-01")).split(" ", 1)[1]
    except ValueError:
        return span


TEAM_HEADERS = ["Team", "Ideas", "Checked", "Tried", "Iterations", "Adopted", "Abandoned"]
TEAM_HEADERS += ["With the people who use the service", "Hours", "Money"]


def team_rows(summary: dict[str, Any]) -> list[list[str]]:
    """The breakdown by team, one row of words per team (TEAM_HEADERS)."""
    return [
        [
            row["team"] or "No team",
            str(row["ideas"]),
            str(row["ideas_checked"]),
            str(row["ideas_tried"]),
            str(row["iterations"]),
            str(row["adopted"]),
            str(row["abandoned"]),
            str(row["iterations_with_service_users"]),
            number(row["hours"]),
            pounds(row["cost"]),
        ]
        for row in summary.get("by_team", [])
    ]


IDEA_HEADERS = ["Ref", "Checked", "Title", "Team", "Check", "Status", "Iterations"]


def idea_rows(ideas: Iterable[dict[str, Any]]) -> list[list[str]]:
    """Every idea, one row of words each (IDEA_HEADERS)."""
    return [idea_row(idea) for idea in ideas]


def idea_row(idea: dict[str, Any]) -> list[str]:
    """The idea's row of words (IDEA_HEADERS)."""
    return [
        _words(idea.get("ref")),
        uk_date(idea.get("created")),
        _words(idea.get("title")),
        _words(idea.get("team")),
        _words(idea.get("level")),
        _words(idea.get("status")),
        str(len(idea.get("iterations") or [])),
    ]


def column(records: Sequence[Any], field: str) -> list[Any]:
    """The field of each record (None where it has none), fetched in C: the exports
    write an idea's iterations a field at a time (a column), and a column of one kind
    (all text, all whole numbers) in one call, rather than each iteration's fields one
    by one (csv_export, html_ideas and markdown say what it saved)."""
    return list(map(dict.get, records, repeat(field)))


def are_dicts(records: list[Any]) -> bool:
    """Whether the records are dicts, as a report reads them (a column is fetched from
    dicts only: anything else is written a record at a time)."""
    return set(map(type, records)) <= {dict}


def written(items: Iterable[Any], write: Callable[[Any], str]) -> Iterator[str]:
    """``write`` of each item, in order: a report's ideas or learnings kept on disk are
    written a chunk at a time, by other processes when there are enough of them."""
    many = getattr(items, "written", None)
    return many(write) if many is not None else map(write, items)


def rows_written(
    ideas: Iterable[dict[str, Any]], write: Callable[[list[str]], str]
) -> Iterator[str]:
    """``write`` of each idea's row (IDEA_HEADERS), in order: ideas kept on disk have
    their rows at hand, are not read back for them, and have them written a chunk at
    a time, by other processes when there are enough (see ff.reporting.kept)."""
    many = getattr(ideas, "rows_written", None)
    if many is not None:
        return many(write)  # type: ignore[no-any-return]
    return map(write, map(idea_row, ideas))


def _words(value: Any) -> str:
    return "" if value is None else str(value)


RESULT_NAMES = {
    "success": "Success",
    "partial": "Partial",
    "failure": "Failure",
    "inconclusive": "Inconclusive",
}


def time_headers(summary: dict[str, Any]) -> list[str]:
    unit = summary.get("over_time", {}).get("unit", "month")
    return [unit.capitalize(), "Ideas checked", "Iterations", *RESULT_NAMES.values()]


def time_rows(summary: dict[str, Any]) -> list[list[str]]:
    """Ideas checked and iterations (by result) in each period of the chart over time."""
    over = summary.get("over_time", {})
    return [
        [
            span_name(row["period"], over["unit"]),
            str(row["ideas_checked"]),
            str(row["iterations"]),
            *(str(row["by_result"].get(result, 0)) for result in RESULT_NAMES),
        ]
        for row in over.get("periods", [])
    ]


def chosen_words(filters: dict[str, Any]) -> str:
    """The filters given, as they were typed: --team 'youth service' --since 6m."""
    words = []
    for name, value in filters.items():
        for one in value if isinstance(value, list) else [value]:
            if one:
                words.append(f"--{name} {one!r}" if " " in str(one) else f"--{name} {one}")
    return " ".join(words)


def nothing_yet(report: dict[str, Any]) -> tuple[str, str]:
    """What an empty report says: that there is nothing, and what to run."""
    chosen = chosen_words(report.get("filters") or {})
    if chosen:
        return (
            f"No ideas match {chosen}.",
            "Try fewer or wider filters, or list every idea with: ff ideas",
        )
    return (
        "Nothing to report yet: there are no ideas in the journal.",
        'Check an idea first with: ff check "Your idea", then record each try with: ff log REF',
    )
