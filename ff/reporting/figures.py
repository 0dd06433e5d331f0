"""The learning summary's figures: what was tried, what failed, what was learned,
from ideas as chosen (with their iterations). Plain data in, plain data out: the
terminal layer shows them and the exporters turn them into files."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from ff.dates import local_day
from ff.journal.filters import IdeaFilter, matches
from ff.journal.iterations import RESULTS
from ff.journal.records import STATES, Record
from ff.journal.refs import ref_matches
from ff.levels import LEVELS
from ff.reporting.breakdown import by_team, over_time
from ff.reporting.people import coproduction, service_user_keys, share

FAILED = ("failure", "inconclusive")


DECIDED = ("adopted", "abandoned")


@dataclass(frozen=True)
class Period:
    since: date | None = None
    until: date | None = None

    def holds(self, iso_day: str | None) -> bool:
        day = local_day(iso_day)
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    @property
    def open(self) -> bool:
        return self.since is None and self.until is None


def choose(ideas: Iterable[Record], chosen: IdeaFilter, refs: Sequence[str]) -> list[Record]:
    """Ideas that pass the filters; with a period, those checked or tried in it, with
    only the iterations dated in it."""
    period = Period(chosen.since, chosen.until)
    rest = replace(chosen, since=None, until=None)
    kept = []
    for idea in ideas:
        if not matches(idea, rest) or (refs and not _named(idea, refs)):
            continue
        if not period.open:
            tried = [it for it in idea["iterations"] if period.holds(it.get("date"))]
            if not tried and not period.holds(idea.get("created")):
                continue
            idea = {**idea, "iterations": tried}
        kept.append(idea)
    return kept


def _named(idea: Record, refs: Sequence[str]) -> bool:
    return any(ref_matches(idea, ref) for ref in refs)


# Local days of the dates and times seen by the summary being made: a council's
# iterations share a few hundred dates, and converting each again cost a tenth of a
# second on 100,000 iterations. Cleared for each summary (the time zone may change).
_days: dict[str, date | None] = {}


def _day(value: object) -> date | None:
    if type(value) is not str:
        return local_day(value)
    if value not in _days:
        _days[value] = local_day(value)
    return _days[value]


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _decision_day(idea: Record) -> date | None:
    """When the team first decided to adopt or abandon: an iteration's decision, or status."""
    days = [
        _day(it.get("date"))
        for it in idea["iterations"]
        if it.get("decision") in ("adopt", "abandon")
    ]
    days += [_day(c.get("at")) for c in idea["status_history"] if c.get("status") in DECIDED]
    known = [d for d in days if d]
    return min(known) if known else None


def _speed(ideas: list[Record]) -> dict[str, Any]:
    to_first: list[int] = []
    to_decision: list[int] = []
    for idea in ideas:
        tried = [d for d in (_day(it.get("date")) for it in idea["iterations"]) if d]
        checked = _day(idea.get("created"))
        if tried and checked:
            to_first.append(max(0, (min(tried) - checked).days))
        decided = _decision_day(idea)
        if tried and decided:
            to_decision.append(max(0, (decided - min(tried)).days))
    return {
        "median_days_check_to_first_iteration": _median(to_first),
        "ideas_with_iterations": len(to_first),
        "median_days_first_iteration_to_decision": _median(to_decision),
        "ideas_decided": len(to_decision),
    }


def _led_somewhere(iteration: Record, last_number: int, decided: list[date | None]) -> bool:
    """A failure that led somewhere: another iteration after it, or a recorded decision
    (``decided``: the days the idea was adopted or abandoned, None where unknown)."""
    if int(iteration["number"]) < last_number or iteration.get("decision"):
        return True
    tried = _day(iteration.get("date"))
    return tried is not None and any((day or tried) >= tried for day in decided)


def _fail_forward(ideas: list[Record]) -> dict[str, Any]:
    failed = followed = iterations = 0
    tried = []
    for idea in ideas:
        tries = idea["iterations"]
        if not tries:
            continue
        tried.append(idea)
        iterations += len(tries)
        failures = [it for it in tries if it.get("result") in FAILED]
        if not failures:
            continue
        last = max(int(it["number"]) for it in tries)
        decided = [_day(c.get("at")) for c in idea["status_history"] if c.get("status") in DECIDED]
        failed += len(failures)
        followed += sum(1 for it in failures if _led_somewhere(it, last, decided))
    abandoned = [
        idea
        for idea in tried
        if idea.get("status") == "abandoned"
        or any(it.get("decision") == "abandon" for it in idea["iterations"])
    ]
    return {
        "iterations_per_idea": round(iterations / len(tried), 2) if tried else None,
        "failed_iterations": failed,
        "failed_iterations_followed_up": followed,
        "failed_followed_up_share": share(followed, failed),
        "ideas_abandoned_after_learning": len(abandoned),
    }


def _spent(iterations: list[Record]) -> dict[str, Any]:
    hours = [float(it["hours"]) for it in iterations if it.get("hours") is not None]
    cost = [float(it["cost"]) for it in iterations if it.get("cost") is not None]
    return {
        "hours": round(sum(hours), 2),
        "iterations_with_hours": len(hours),
        "cost": round(sum(cost), 2),
        "iterations_with_cost": len(cost),
    }


def _learnings(ideas: list[Record]) -> list[dict[str, Any]]:
    grouped: list[dict[str, Any]] = []
    for idea in ideas:
        if not idea["iterations"]:
            continue
        newest_first = sorted(
            idea["iterations"],
            key=lambda it: (str(it.get("date")), int(it["number"])),
            reverse=True,
        )
        grouped.append(
            {
                "idea": {
                    k: idea.get(k)
                    for k in ("id", "ref", "title", "team", "owner", "status", "level", "journals")
                },
                "iterations": [
                    {  # written out: a dict display is quicker than a loop over the keys
                        "number": it.get("number"),
                        "date": it.get("date"),
                        "result": it.get("result"),
                        "decision": it.get("decision"),
                        "learned": it.get("learned"),
                        "next_step": it.get("next_step"),
                        "with": it.get("with"),
                    }
                    for it in newest_first
                ],
            }
        )
    grouped.sort(key=lambda g: str(g["iterations"][0]["date"]), reverse=True)
    return grouped


def _count(values: Iterable[object], keys: Sequence[str]) -> dict[str, int]:
    counts = Counter(str(v) for v in values)
    return {key: counts.get(key, 0) for key in keys}


def summarise(
    ideas: list[Record], period: Period | None = None, service_users: Sequence[str] = ()
) -> dict[str, Any]:
    """Every figure of the summary, from ideas as chosen (with their iterations).
    ``service_users``: groups counted as the people who use the service, besides ff's own.

    ``ideas`` counts every idea chosen; with a period, that is the ideas checked or
    tried in it, so ``ideas_checked`` (checked in it) and ``ideas_tried`` (with an
    iteration in it) may each be fewer, and together are at least as many."""
    period = period or Period()
    _days.clear()
    checked = [i for i in ideas if period.holds(i.get("created"))] if not period.open else ideas
    iterations = [it for idea in ideas for it in idea["iterations"]]
    levels = _count((i.get("level") for i in checked), LEVELS)
    users = service_user_keys(service_users)
    return {
        "ideas": len(ideas),
        "ideas_checked": len(checked),
        "by_level": levels,
        "without_approval_share": share(levels["go"] + levels["caution"], len(checked)),
        "by_status": _count((i.get("status") for i in ideas), STATES),
        "iterations": len(iterations),
        "by_result": _count((it.get("result") for it in iterations), RESULTS),
        "speed": _speed(ideas),
        "fail_forward": _fail_forward(ideas),
        "coproduction": coproduction(iterations, users),
        "spent": _spent(iterations),
        "learnings": _learnings(ideas),
        # Added after version 1's first keys (which keep their meaning).
        "ideas_tried": sum(1 for idea in ideas if idea["iterations"]),
        "period": {
            "since": period.since.isoformat() if period.since else None,
            "until": period.until.isoformat() if period.until else None,
        },
        "by_team": by_team(ideas, {str(i.get("id")) for i in checked}, users),
        "over_time": over_time(checked, iterations, _day),
    }
