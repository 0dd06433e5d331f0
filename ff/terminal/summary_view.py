"""The learning summary in the terminal, and the progress bar while journals are read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from ff.dates import uk_date
from ff.levels import level_title
from ff.reporting.exporters.common import (
    counts_line,
    distributions,
    headline_rows,
    people_note,
    plural,
)
from ff.terminal.console import _UNSAFE, RESULT_STYLE, err, out, plain


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
    import textwrap

    safe = _UNSAFE.sub("", text)
    return "\n".join(
        textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
        for line in safe.splitlines() or [""]
    )


def _learning_group(group: dict[str, Any], width: int, most: int | None) -> Text:
    idea = group["idea"]
    text = Text("\n")
    text.append(_UNSAFE.sub("", str(idea["title"])), style="bold")
    text.append(f"  {idea['ref']}\n", style="bold cyan")
    about = (
        f"{idea.get('team') or 'no team'} · {idea.get('status')} · check: "
        f"{level_title(idea.get('level'))} · "
        f"{', '.join(idea.get('journals') or [])}"
    )
    text.append(_wrapped(about, width, "") + "\n", style="dim")
    tries = group["iterations"] if most is None else group["iterations"][:most]
    for it in tries:
        result = str(it.get("result", ""))
        text.append(f"  #{it['number']} {uk_date(it['date'])} ")
        text.append(result.upper(), style=f"bold {RESULT_STYLE.get(result, '')}")
        text.append(f" ({it['decision']})\n" if it.get("decision") else "\n")
        text.append(_wrapped(str(it.get("learned") or ""), width, "     ") + "\n")
        if it.get("next_step"):
            text.append(_wrapped(f"Next: {it['next_step']}", width, "     ") + "\n", style="italic")
    if len(tries) < len(group["iterations"]):
        text.append(
            f"     ...and {len(group['iterations']) - len(tries)} earlier iteration(s)\n",
            style="dim",
        )
    return text


def summary(figures: dict[str, Any], journals: Sequence[str], most: int | None = 50) -> None:
    """The summary in the terminal; learnings of the newest ``most`` ideas, and the newest
    ``most`` iterations of each (None: all), so a council's years stay readable and quick."""
    console = out()
    console.print(Text("What we tried and learned", style="bold underline"))
    console.print(
        plain(f"From {plural(len(journals), 'journal')}: {', '.join(journals)}"), style="dim"
    )
    console.print(plain(counts_line(figures)), style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    for label, value in headline_rows(figures):
        grid.add_row(label, value)
    console.print(grid)
    console.print(plain(people_note(figures, hint=True)), style="dim")
    console.print(Text("\nWhat we learned (newest first)", style="bold underline"))
    if not figures["learnings"]:
        console.print(Text("No iterations recorded yet.", style="dim"))
    # One Text for all the learnings, wrapped here with a hanging indent: printing
    # thousands of separately wrapped pieces through Rich takes seconds.
    width = max(40, console.width)
    text = Text()
    groups = figures["learnings"]
    shown = groups if most is None else groups[:most]
    for group in shown:
        text.append_text(_learning_group(group, width, most))
    if len(shown) < len(groups):
        text.append(
            f"\n...and {len(groups) - len(shown)} more idea(s) with learnings: "
            "see them all with ff summary --all, or in ff export.\n",
            style="bold",
        )
    # Printed as segments split at each newline once: what printing the Text gives,
    # without Rich wrapping and dividing it again line by line (a third of the time).
    lines = Segment.split_lines(text.render(console, end="\n"))
    console.print(Segments(s for line in lines for s in (*line, Segment.line())), soft_wrap=True)
    console.print()
    for _, title, counts in distributions(figures):
        if any(counts.values()):  # a chart of noughts says nothing
            console.print(_bars(title, counts))
            console.print()


def nothing(line: str) -> None:
    """A line of an empty summary: there is nothing yet, and what to run."""
    out().print(plain(line), soft_wrap=True)


class Progress:
    """A progress bar on stderr, shown only in a terminal and only once work has taken
    half a second (so quick runs print nothing)."""

    def __init__(self, label: str) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._label = label
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if not err().is_terminal or self._clock() - self._started < 0.5 or done >= total:
                return
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(console=err(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self._label, total=total)
        self._bar.update(self._task, completed=done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
