"""The learning summary's words, and the summary as plain text, the charts' counts
as numbers (``summary_view`` chooses it, or ``summary_rich``'s layout, with bars,
in a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ff.levels import level_title
from ff.reporting.exporters.common import (
    TITLE,
    DayNames,
    counts_line,
    distributions,
    headline_rows,
    people_note,
    plural,
)
from ff.terminal import console

LEARNINGS = "What we learned (newest first)"


def sources(journals: Sequence[str]) -> str:
    return f"From {plural(len(journals), 'journal')}: {', '.join(journals)}"


def about(idea: Mapping[str, Any]) -> str:
    """The line under an idea's title: team, status, check, journals."""
    return (
        f"{idea.get('team') or 'no team'} · {idea.get('status')} · check: "
        f"{level_title(idea.get('level'))} · "
        f"{', '.join(idea.get('journals') or [])}"
    )


def iteration_pieces(
    iteration: Mapping[str, Any], day: Callable[[Any], str] = console.day
) -> tuple[str, str, str]:
    """Its number and date, its result, and its decision (or ""), as separate pieces:
    ``summary_rich`` colours the result."""
    decided = f" ({iteration['decision']})" if iteration.get("decision") else ""
    number_and_day = f"#{iteration['number']} {day(iteration['date'])}"
    return number_and_day, str(iteration.get("result", "")).upper(), decided


def iteration_line(iteration: Mapping[str, Any], day: Callable[[Any], str] = console.day) -> str:
    number_and_day, result, decided = iteration_pieces(iteration, day)
    return f"  {number_and_day} {result}{decided}"


def earlier(hidden: int) -> str:
    """Under an idea's newest iterations: how many older ones are not shown."""
    return f"...and {hidden} earlier iteration(s)"


def more_ideas(hidden: int) -> str:
    return (
        f"...and {hidden} more idea(s) with learnings: "
        "see them all with ff summary --all, or in ff export."
    )


def _one_line(text: object) -> str:
    return " ".join(console.safe(text).splitlines())


def _plain_group(group: Mapping[str, Any], most: int | None, day: DayNames) -> list[str]:
    idea = group["idea"]
    lines = ["", f"{_one_line(idea['title'])}  {idea['ref']}", _one_line(about(idea))]
    tries = group["iterations"] if most is None else group["iterations"][:most]
    for it in tries:
        lines += [iteration_line(it, day), "     " + _one_line(it.get("learned") or "")]
        if it.get("next_step"):
            lines.append("     Next: " + _one_line(it["next_step"]))
    if len(tries) < len(group["iterations"]):
        lines.append("     " + earlier(len(group["iterations"]) - len(tries)))
    return lines


def plain_lines(figures: dict[str, Any], journals: Sequence[str], most: int | None) -> list[str]:
    """The summary as plain text, one line per paragraph, never wrapped."""
    lines = [TITLE, _one_line(sources(journals)), _one_line(counts_line(figures))]
    headlines = headline_rows(figures)
    width = max(len(label) for label, _ in headlines)
    widest = max(len(value) for _, value in headlines)
    lines += [f"{label.ljust(width)}  {value.rjust(widest)}" for label, value in headlines]
    lines += [_one_line(people_note(figures, hint=True)), "", LEARNINGS]
    if not figures["learnings"]:
        lines.append("No iterations recorded yet.")
    groups = figures["learnings"]
    shown = groups if most is None else groups[:most]
    day = DayNames(console.day)
    for group in shown:
        lines += _plain_group(group, most, day)
    if figures["ideas_tried"] > len(shown):  # (the summary may hold only those shown)
        lines += ["", more_ideas(figures["ideas_tried"] - len(shown))]
    for _, title, counts in distributions(figures):
        if any(counts.values()):  # a chart of noughts says nothing
            lines += ["", title, *(f"{_one_line(name)}: {value}" for name, value in counts.items())]
    return lines
