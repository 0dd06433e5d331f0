"""The learning summary in a terminal: ``summary_text``'s words, wrapped to the
terminal's width, coloured, with bar charts."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from ff.reporting.exporters.common import (
    TITLE,
    DayNames,
    counts_line,
    distributions,
    headline_rows,
    people_note,
)
from ff.terminal.console import RESULT_STYLE, day, out, plain, print_laid_out, safe
from ff.terminal.summary_text import (
    LEARNINGS,
    about,
    earlier,
    iteration_pieces,
    more_ideas,
    sources,
)


def _bars(title: str, counts: dict[str, int], width: int = 30) -> Table:
    most = max([*counts.values(), 1])
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.title = title
    grid.title_justify = "left"
    grid.title_style = "bold"
    for name, value in counts.items():
        bar = "█" * round(width * value / most) if value else ""
        grid.add_row(plain(name), Text(bar, style="cyan"), str(value))
    return grid


def _wrapped(text: str, width: int, indent: str) -> str:
    return "\n".join(
        textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
        for line in safe(text).splitlines() or [""]
    )


def _learning_group(group: Mapping[str, Any], width: int, most: int | None, day: DayNames) -> Text:
    idea = group["idea"]
    text = Text("\n")
    text.append(safe(idea["title"]), style="bold")
    text.append(f"  {idea['ref']}\n", style="bold cyan")
    text.append(_wrapped(about(idea), width, "") + "\n", style="dim")
    tries = group["iterations"] if most is None else group["iterations"][:most]
    for it in tries:
        number_and_day, result, decided = iteration_pieces(it, day)
        text.append(f"  {number_and_day} ")
        text.append(result, style=f"bold {RESULT_STYLE.get(str(it.get('result', '')), '')}")
        text.append(f"{decided}\n")
        text.append(_wrapped(str(it.get("learned") or ""), width, "     ") + "\n")
        if it.get("next_step"):
            text.append(_wrapped(f"Next: {it['next_step']}", width, "     ") + "\n", style="italic")
    if len(tries) < len(group["iterations"]):
        text.append(f"     {earlier(len(group['iterations']) - len(tries))}\n", style="dim")
    return text


def summary(figures: dict[str, Any], journals: Sequence[str], most: int | None) -> None:
    console = out()
    console.print(Text(TITLE, style="bold underline"))
    console.print(plain(sources(journals)), style="dim")
    console.print(plain(counts_line(figures)), style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    for label, value in headline_rows(figures):
        grid.add_row(label, value)
    console.print(grid)
    console.print(plain(people_note(figures, hint=True)), style="dim")
    console.print(Text("\n" + LEARNINGS, style="bold underline"))
    if not figures["learnings"]:
        console.print(Text("No iterations recorded yet.", style="dim"))
    # One Text for all the learnings, wrapped here with a hanging indent: printing
    # thousands of separately wrapped pieces through Rich takes seconds.
    width = max(40, console.width)
    text = Text()
    groups = figures["learnings"]
    shown = groups if most is None else groups[:most]
    named = DayNames(day)
    for group in shown:
        text.append_text(_learning_group(group, width, most, named))
    if figures["ideas_tried"] > len(shown):  # (the summary may hold only those shown)
        text.append("\n" + more_ideas(figures["ideas_tried"] - len(shown)) + "\n", style="bold")
    text.append("\n")  # two blank lines between the learnings and the charts
    print_laid_out(text)
    console.print()
    for _, title, counts in distributions(figures):
        if any(counts.values()):  # a chart of noughts says nothing
            console.print(_bars(title, counts))
            console.print()
