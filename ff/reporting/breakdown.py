"""The summary broken down: by team, and over time (ideas checked and iterations, with
their results, month by month), for the report a director reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from functools import reduce
from operator import add
from typing import Any

from ff.journal.records import RESULTS, Record
from ff.reporting.fold import Team
from ff.reporting.people import names_service_users

# Above this many months the chart goes by year; above this many years it shows only
# the years something happened in (a mistyped year must not draw thousands of bars).
MOST_MONTHS = 36
MOST_YEARS = 50

Day = Callable[[object], date | None]


def by_team(teams: dict[str, Team], service_users: frozenset[str]) -> list[dict[str, Any]]:
    """One row per team (its name as first written; teams that differ only in case or
    spacing are one), teams in alphabetical order, ideas with no team last. ``teams``:
    as a ``Fold`` gathered them, by the name folded for comparing."""
    users: dict[tuple[str, ...], bool] = {}  # each list of people met: names the served?
    return [
        _row(teams[key], service_users, users) for key in sorted(teams, key=lambda k: (k == "", k))
    ]


def _row(
    team: Team, service_users: frozenset[str], users: dict[tuple[str, ...], bool]
) -> dict[str, Any]:
    results = Counter(team.results)
    with_users = 0
    for people, count in Counter(team.named).items():
        if people not in users:
            users[people] = names_service_users(people, service_users)
        with_users += count if users[people] else 0
    return {
        "team": team.name,
        "ideas": team.ideas,
        "ideas_checked": team.ideas_checked,
        "ideas_tried": team.ideas_tried,
        "iterations": team.iterations,
        "by_result": {result: results.get(result, 0) for result in RESULTS},
        "adopted": team.adopted,
        "abandoned": team.abandoned,
        "iterations_with_service_users": with_users,
        # Added one by one, in the iterations' order (not sum(): from Python 3.12 it
        # rounds differently), so the totals stay as they were to the last digit.
        "hours": round(reduce(add, team.hours, 0.0), 2),
        "cost": round(reduce(add, team.cost, 0.0), 2),
    }


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _year(day: date) -> str:
    return f"{day.year:04d}"


def _months_between(first: date, last: date) -> list[str]:
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(start, end + 1)]


def over_time(checked: list[Record], iterations: list[Record], day: Day) -> dict[str, Any]:
    """Ideas checked and iterations (by result) in each month from the first to the last;
    by year when that is more than three years of months."""
    checked_days = Counter(d for d in (day(idea.get("created")) for idea in checked) if d)
    tried = Counter((day(it.get("date")), str(it.get("result"))) for it in iterations)
    return tally_over_time(checked_days, tried)


def tally_over_time(
    checked_days: Counter[date], tried: Counter[tuple[date | None, str]]
) -> dict[str, Any]:
    """``over_time`` from how many ideas were checked on each day, and how many
    iterations had each result on each day (None: a day that could not be read)."""
    tried_days = {d for d, _ in tried if d}
    every = set(checked_days) | tried_days
    if not every:
        return {"unit": "month", "periods": []}
    first, last = min(every), max(every)
    if (last.year - first.year) * 12 + last.month - first.month < MOST_MONTHS:
        unit, key = "month", _month
        spans = _months_between(first, last)
    else:
        unit, key = "year", _year
        if last.year - first.year < MOST_YEARS:
            spans = [f"{year:04d}" for year in range(first.year, last.year + 1)]
        else:
            spans = sorted({key(d) for d in every})
    ideas_in: Counter[str] = Counter()
    for d, count in checked_days.items():
        ideas_in[key(d)] += count
    results_in: dict[str, Counter[str]] = {span: Counter() for span in spans}
    for (tried_on, result), count in tried.items():
        if tried_on:
            results_in[key(tried_on)][result] += count
    return {
        "unit": unit,
        "periods": [
            {
                "period": span,
                "ideas_checked": ideas_in.get(span, 0),
                "iterations": sum(results_in[span].values()),
                "by_result": {result: results_in[span].get(result, 0) for result in RESULTS},
            }
            for span in spans
        ],
    }
