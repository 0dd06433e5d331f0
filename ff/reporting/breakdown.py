"""The summary broken down: by team, and over time (ideas checked and iterations, with
their results, month by month), for the report a director reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from ff.journal.iterations import RESULTS
from ff.journal.records import Record
from ff.numbers import is_number
from ff.reporting.people import group_key

# Above this many months the chart goes by year; above this many years it shows only
# the years something happened in (a mistyped year must not draw thousands of bars).
MOST_MONTHS = 36
MOST_YEARS = 50

Day = Callable[[object], date | None]


def by_team(
    ideas: list[Record], checked_ids: set[str], service_users: frozenset[str]
) -> list[dict[str, Any]]:
    """One row per team (its name as first written; teams that differ only in case or
    spacing are one), teams in alphabetical order, ideas with no team last."""
    rows: dict[str, dict[str, Any]] = {}
    users: dict[str, bool] = {}  # each spelling met: whether it names the people served
    for idea in ideas:
        team = idea.get("team")
        key = " ".join(str(team).casefold().split()) if team else ""
        row = rows.get(key)
        if row is None:
            row = rows[key] = {
                "team": " ".join(str(team).split()) if team else None,
                "ideas": 0,
                "ideas_checked": 0,
                "ideas_tried": 0,
                "iterations": 0,
                "by_result": dict.fromkeys(RESULTS, 0),
                "adopted": 0,
                "abandoned": 0,
                "iterations_with_service_users": 0,
                "hours": 0.0,
                "cost": 0.0,
            }
        tries = idea["iterations"]
        status = idea.get("status")
        row["ideas"] += 1
        row["ideas_checked"] += str(idea.get("id")) in checked_ids
        row["ideas_tried"] += bool(tries)
        row["iterations"] += len(tries)
        row["adopted"] += status == "adopted"
        row["abandoned"] += status == "abandoned"
        results = row["by_result"]
        for it in tries:
            result = it.get("result")
            if result in results:
                results[result] += 1
            if _with_users(it.get("with"), service_users, users):
                row["iterations_with_service_users"] += 1
            if is_number(it.get("hours")):
                row["hours"] += it["hours"]
            if is_number(it.get("cost")):
                row["cost"] += it["cost"]
    for row in rows.values():
        row["hours"], row["cost"] = round(row["hours"], 2), round(row["cost"], 2)
    return [rows[key] for key in sorted(rows, key=lambda k: (k == "", k))]


def _with_users(people: Any, service_users: frozenset[str], known: dict[str, bool]) -> bool:
    """Whether any of those who took part is one of the people who use the service."""
    for person in people or ():
        name = str(person)
        if name not in known:
            known[name] = group_key(name) in service_users
        if known[name]:
            return True
    return False


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
    tried: dict[date, Counter[str]] = {}  # each day: its iterations' results
    for it in iterations:
        d = day(it.get("date"))
        if d:
            results = tried.get(d)
            if results is None:
                results = tried[d] = Counter()
            results[str(it.get("result"))] += 1
    every = set(checked_days) | set(tried)
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
    for d, results in tried.items():
        results_in[key(d)].update(results)
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
