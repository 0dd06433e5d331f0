"""The summary's figures as a library: ``summarise`` on ideas built by hand, each figure
worked out by hand below (the CLI tests keep the wording and the exit codes)."""

from __future__ import annotations

from typing import Any

from ff.reporting.figures import Period, summarise


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
