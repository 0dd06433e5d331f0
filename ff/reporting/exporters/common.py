"""Words and numbers shared by the human-readable exports (HTML and Markdown)."""

from __future__ import annotations

from typing import Any

from ff.dates import uk_date as uk_date  # one date format for every output


class DayNames(dict[Any, str]):
    """``uk_date``, remembered for one export: 100,000 iterations share a few hundred
    dates, and naming each again took a quarter of the time of an HTML export."""

    def __missing__(self, value: Any) -> str:
        name = self[value] = uk_date(value)
        return name

    def __call__(self, value: Any) -> str:
        try:
            return self[value]
        except TypeError:  # a value that cannot be a key (not one ff writes)
            return uk_date(value)


def percent(share: float | None) -> str:
    return "-" if share is None else f"{round(share * 100)}%"


def number(value: float | int | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.1f}".removesuffix(".0")
    return f"{text} {unit}".strip()


def pounds(value: float | int | None, missing: str = "-") -> str:
    """£1,234.50, or £12 for whole pounds."""
    if value is None:
        return missing
    return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"


def headline_rows(summary: dict[str, Any]) -> list[tuple[str, str]]:
    """The headline figures as (label, value) pairs, in reading order."""
    speed, forward = summary["speed"], summary["fail_forward"]
    copro, spent = summary["coproduction"], summary["spent"]
    return [
        ("Ideas checked", number(summary["ideas_checked"])),
        ("Could go ahead without approval", percent(summary["without_approval_share"])),
        ("Iterations logged", number(summary["iterations"])),
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
            f"{forward['failed_iterations_followed_up']} of {forward['failed_iterations']} "
            f"({percent(forward['failed_followed_up_share'])})",
        ),
        ("Ideas abandoned after learning", number(forward["ideas_abandoned_after_learning"])),
        (
            "Iterations with the people who use the service",
            f"{copro['iterations_with_people']} ({percent(copro['share'])})",
        ),
        ("Hours spent (where recorded)", number(spent["hours"])),
        ("Money spent (where recorded)", pounds(spent["cost"])),
    ]


def distributions(summary: dict[str, Any]) -> list[tuple[str, str, dict[str, int]]]:
    """(id, title, counts) of each chart."""
    return [
        ("levels", "Ideas by check decision", summary["by_level"]),
        ("statuses", "Ideas by status", summary["by_status"]),
        ("results", "Iterations by result", summary["by_result"]),
        ("people", "Iterations by who took part", summary["coproduction"]["by_group"]),
    ]
