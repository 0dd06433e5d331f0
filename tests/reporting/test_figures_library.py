"""The summary's figures as a library: ``summarise`` on ideas built by hand, each figure
worked out by hand below (the CLI tests keep the wording and the exit codes)."""

from __future__ import annotations

import statistics
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ff.reporting.figures import Period, _median, summarise


def iteration(number: int, day: str, result: str, **more: Any) -> dict[str, Any]:
    return {"number": number, "date": day, "result": result, "learned": f"try {number}", **more}


def idea(ref: str, created: str, level: str, status: str, *tries: dict[str, Any]) -> Any:
    history = [{"status": "checked", "at": f"{created}T09:00:00Z"}]
    if status != "checked":
        history.append({"status": status, "at": "2026-03-01T09:00:00Z"})
    return {
        "id": ref * 4,
        "ref": ref,
        "title": f"Idea {ref}",
        "team": "Early years",
        "owner": "Sam",
        "level": level,
        "created": f"{created}T09:00:00Z",
        "status": status,
        "status_history": history,
        "iterations": list(tries),
    }


IDEAS = [
    # A: checked 1 Jan; fails on 11 Jan, tries again on 21 Jan, adopted 1 Mar.
    idea(
        "aaaaaa",
        "2026-01-01",
        "go",
        "adopted",
        iteration(1, "2026-01-11", "failure", hours=2, cost=10),
        iteration(2, "2026-01-21", "success", decision="adopt", hours=3),
    ),
    # B: needs approval; one inconclusive try (5 Feb) with nothing after it.
    idea(
        "bbbbbb",
        "2026-02-01",
        "approval",
        "prototyping",
        iteration(1, "2026-02-05", "inconclusive"),
    ),
    # C: caution; never tried.
    idea("cccccc", "2026-02-10", "caution", "checked"),
    # D: stop; abandoned.
    idea("dddddd", "2026-02-20", "stop", "abandoned"),
]


def test_every_count_of_a_known_set_of_ideas() -> None:
    figures = summarise(IDEAS)
    assert (figures["ideas"], figures["ideas_checked"], figures["iterations"]) == (4, 4, 3)
    assert figures["by_level"] == {"go": 1, "caution": 1, "approval": 1, "stop": 1}
    assert figures["without_approval_share"] == 0.5  # go and caution: 2 of 4
    assert figures["by_status"]["adopted"] == 1 and figures["by_status"]["abandoned"] == 1
    assert figures["by_result"] == {"success": 1, "partial": 0, "failure": 1, "inconclusive": 1}


def test_speed_and_failing_forward_of_a_known_set_of_ideas() -> None:
    figures = summarise(IDEAS)
    speed = figures["speed"]
    # A: 10 days to a first try; B: 4 days. Median of 10 and 4 is 7.
    assert speed["median_days_check_to_first_iteration"] == 7.0
    assert speed["ideas_with_iterations"] == 2
    # Only A was decided: its first try on 11 Jan, its decision (adopt) on 21 Jan.
    assert speed["median_days_first_iteration_to_decision"] == 10.0
    forward = figures["fail_forward"]
    # A's failure was followed by a second try; B's inconclusive try led nowhere yet.
    assert (forward["failed_iterations"], forward["failed_iterations_followed_up"]) == (2, 1)
    assert forward["failed_followed_up_share"] == 0.5
    assert forward["iterations_per_idea"] == 1.5  # 3 tries over the 2 ideas tried


def test_spending_and_learnings_newest_first() -> None:
    figures = summarise(IDEAS)
    assert figures["spent"] == {
        "hours": 5.0,
        "iterations_with_hours": 2,
        "cost": 10.0,
        "iterations_with_cost": 1,
    }
    refs = [group["idea"]["ref"] for group in figures["learnings"]]
    assert refs == ["bbbbbb", "aaaaaa"], "the idea tried most recently first"
    assert [it["number"] for it in figures["learnings"][1]["iterations"]] == [2, 1]


def test_a_period_counts_the_ideas_checked_in_it() -> None:
    from datetime import date

    figures = summarise(IDEAS, Period(since=date(2026, 2, 1), until=date(2026, 2, 28)))
    assert figures["ideas_checked"] == 3  # B, C and D were checked in February
    assert figures["by_level"] == {"go": 0, "caution": 1, "approval": 1, "stop": 1}


def test_learnings_newest_first_by_date_then_number() -> None:
    # E: try 3 was logged last for an earlier day (ff log --date); 2 and 4 share a day.
    late = idea(
        "eeeeee",
        "2026-01-01",
        "go",
        "prototyping",
        iteration(1, "2026-01-05", "partial"),
        iteration(2, "2026-01-20", "success"),
        iteration(3, "2026-01-10", "failure"),
        iteration(4, "2026-01-20", "partial"),
    )
    learnings = summarise([late])["learnings"]
    assert [it["number"] for it in learnings[0]["iterations"]] == [4, 2, 3, 1]


def test_iterations_on_one_day_each_count() -> None:
    # F: three tries on 3 Mar, two of them failures; one on 9 Apr.
    busy = idea(
        "ffffff",
        "2026-03-01",
        "go",
        "prototyping",
        iteration(1, "2026-03-03", "failure"),
        iteration(2, "2026-03-03", "failure"),
        iteration(3, "2026-03-03", "success"),
        iteration(4, "2026-04-09", "failure"),
    )
    figures = summarise([busy])
    assert figures["by_result"] == {"success": 1, "partial": 0, "failure": 3, "inconclusive": 0}
    march, april = figures["over_time"]["periods"]
    assert (march["period"], march["iterations"], april["iterations"]) == ("2026-03", 3, 1)
    assert march["by_result"] == {"success": 1, "partial": 0, "failure": 2, "inconclusive": 0}
    assert figures["by_team"][0]["by_result"]["failure"] == 3


def test_teams_that_differ_only_in_case_or_spacing_are_one() -> None:
    ideas = [
        {**IDEAS[0], "team": "Early  years"},
        {**IDEAS[1], "team": "early YEARS "},
        {**IDEAS[2], "team": "Housing"},
        {**IDEAS[3], "team": None},
    ]
    rows = summarise(ideas)["by_team"]
    assert [(row["team"], row["ideas"], row["iterations"]) for row in rows] == [
        ("Early years", 2, 3),  # as first written, its spaces tidied
        ("Housing", 1, 0),
        (None, 1, 0),  # ideas with no team last
    ]
    assert (rows[0]["hours"], rows[0]["cost"]) == (5.0, 10.0)


def test_a_decision_logged_with_an_iteration_decides_the_idea() -> None:
    # G: abandoned with its second try (12 Jan); its status not changed yet.
    dropped = idea(
        "gggggg",
        "2026-01-01",
        "go",
        "prototyping",
        iteration(1, "2026-01-05", "failure"),
        iteration(2, "2026-01-12", "failure", decision="abandon"),
    )
    figures = summarise([dropped])
    assert figures["speed"]["median_days_first_iteration_to_decision"] == 7.0
    assert figures["speed"]["ideas_decided"] == 1
    forward = figures["fail_forward"]
    assert forward["ideas_abandoned_after_learning"] == 1
    # The first failure had a try after it; the second, a decision.
    assert (forward["failed_iterations"], forward["failed_iterations_followed_up"]) == (2, 2)


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), max_size=40))
def test_median_days_are_the_standard_librarys_median(days: list[int]) -> None:
    """ff works the median out itself (statistics costs start-up time): the same
    number, as a float, odd or even counts, or None for none."""
    expected = float(statistics.median(days)) if days else None
    assert _median(days) == expected
    assert type(_median(days)) is type(expected)
