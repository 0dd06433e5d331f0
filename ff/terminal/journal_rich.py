"""The journal in a terminal: ``journal_text``'s words, laid out to the terminal's
width and coloured."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ff.terminal.console import LEVEL_STYLE, RESULT_STYLE, out, plain, print_laid_out
from ff.terminal.journal_text import (
    conflict_rows,
    conflicts_heading,
    correction_rows,
    history_rows,
    idea_facts,
    iteration_facts,
    iteration_heading,
)

# The least room a title gets beside the other columns; with less, each title goes
# on its own line under its row (titles were squeezed into 20 columns).
MIN_TITLE = 40
MAX_COLUMN = 24  # owner and team are cut, with "…", beyond this


def ideas(header: list[str], rows: Sequence[list[str]]) -> None:
    """The list of ideas: the title last, wrapped under itself, or on its own line
    under each row when the columns leave it less than ``MIN_TITLE``.

    Laid out here rather than with a Rich Table, which takes about a second for a few
    hundred rows; this prints them as one Text."""
    everything = [header, *rows]
    widths = [min(MAX_COLUMN, max(len(row[c]) for row in everything)) for c in range(7)]
    indent = sum(widths) + 2 * len(widths)
    longest = max(len(row[7]) for row in everything)
    beside = out().width - indent >= min(MIN_TITLE, longest)
    if beside:
        title_indent, title_width = indent, out().width - indent
    else:
        title_indent = widths[0] + 2
        title_width = max(MIN_TITLE, out().width - title_indent)
    text = Text()
    for number, row in enumerate(everything):
        for column, width in enumerate(widths):
            cell = row[column] if len(row[column]) <= width else row[column][: width - 1] + "…"
            style = "bold" if number == 0 else _cell_style(column, row[column])
            text.append(cell.ljust(width) + "  ", style=style)
        lines = textwrap.wrap(row[7], title_width) or [""]
        if not beside:
            text.rstrip()
            text.append("\n" + " " * title_indent)
        text.append(lines[0], style="bold" if number == 0 else "")
        for line in lines[1:]:
            text.append("\n" + " " * title_indent + line)
        text.append("\n")
    print_laid_out(text)


def _cell_style(column: int, value: str) -> str:
    if column == 0:
        return "cyan"
    if column == 2:
        return LEVEL_STYLE.get(value, "")
    return ""


def _facts(pairs: Sequence[tuple[str, str]], **label_column: Any) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", **label_column)
    grid.add_column(overflow="fold")
    for label, value in pairs:
        grid.add_row(label, plain(value))
    return grid


def idea(record: Mapping[str, Any]) -> None:
    """What follows the decision: the facts, the status history, the iterations."""
    out().print(_facts(idea_facts(record)))
    out().print(Text("\nStatus history", style="bold"))
    grid = Table.grid(padding=(0, 2))
    for when, status, by in history_rows(record.get("status_history", [])):
        grid.add_row(plain(when), Text(status, style="bold"), plain(by))
    out().print(grid)
    corrections = correction_rows(record.get("corrections") or [])
    if corrections:
        out().print(Text("\nCorrections", style="bold"))
        grid = Table.grid(padding=(0, 2))
        for when, field, change, by in corrections:
            grid.add_row(plain(when), Text(field, style="bold"), plain(change), plain(by))
        out().print(grid)
    iterations = record.get("iterations", [])
    out().print(Text(f"\nIterations ({len(iterations)})", style="bold"))
    if not iterations:
        out().print(Text("None yet. Record one with: ff log REF", style="dim"))
    for iteration in iterations:
        out().print()
        out().print(iteration_block(iteration))
    _conflicts(record)


def _conflicts(record: Mapping[str, Any]) -> None:
    """The idea's conflict notes: the value kept and the others, field by field."""
    rows = conflict_rows(record)
    if not rows:
        return
    heading, advice = conflicts_heading(record)
    out().print(Text("\n" + heading, style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for where, which, value in rows:
        grid.add_row(plain(where), Text(f"{which}: ").append_text(plain(value)))
    out().print(grid)
    out().print(plain(advice), style="dim", soft_wrap=True)


def iteration_block(iteration: Mapping[str, Any]) -> Group:
    result = str(iteration.get("result", ""))
    number, day, shown, *decided = iteration_heading(iteration)
    heading = Text(number, style="bold")
    heading.append(f"  {day}  ")
    heading.append(shown, style=f"bold {RESULT_STYLE.get(result, '')}")
    if decided:
        heading.append(f"  {decided[0]}", style="bold")
    learned = (
        Text().append("Learned: ", style="bold").append_text(plain(iteration.get("learned") or ""))
    )
    panel = Panel(learned, expand=False, border_style="cyan")
    return Group(heading, panel, _facts(iteration_facts(iteration), no_wrap=True))
