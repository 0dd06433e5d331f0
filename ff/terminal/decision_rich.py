"""A decision in a terminal: the panel, coloured by its level (the words and their
order are ``decision_text``'s)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ff.terminal.catalogue import Say
from ff.terminal.console import LEVEL_STYLE, plain
from ff.terminal.decision_text import answered, general_steps, level_line, reason_heading


def _numbered(items: Sequence[Text]) -> Table:
    """A numbered list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, 1):
        grid.add_row(f"{number}.", item)
    return grid


def _reason(reason: Mapping[str, Any], asked: Mapping[str, Any], say: Say) -> Text:
    line = Text()
    heading = reason_heading(reason, asked)
    if heading:
        line.append_text(plain(heading)).stylize("bold")
        line.append(" ")
    line.append_text(plain(reason["text"]))
    if reason.get("next_step"):
        line.append("\n" + say("What to do: "), style="italic")
        line.append_text(plain(reason["next_step"]))
    return line


def _answer(answer: Mapping[str, Any]) -> Text:
    label = plain(answer["label"])
    label.stylize("bold")
    return plain(answer["text"]).append(" ").append_text(label)


def decision_body(record: Mapping[str, Any], say: Say) -> Group:
    """The decision panel's text, from a stored (or dry-run) record."""
    asked = answered(record)
    title = (
        Text()
        .append(say("Idea: "), style="bold")
        .append_text(plain(record.get("title") or say("(no title)")))
    )
    if record.get("ref"):
        title.append("   " + say("ref {ref}", ref=record["ref"]), style="bold cyan")
    level = Text(level_line(record["level"], say))
    level.stylize(LEVEL_STYLE.get(record["level"], "bold"), 0, len(say(record["level"].upper())))
    parts: list[Text | Table] = [
        title,
        Text().append(say("Level: "), style="bold").append_text(level),
        Text("\n" + say("Why"), style="bold"),
        _numbered([_reason(r, asked, say) for r in record.get("reasons", [])]),
    ]
    general = general_steps(record)
    if general:
        parts += [
            Text("\n" + say("Next steps"), style="bold"),
            _numbered([plain(s) for s in general]),
        ]
    parts += [
        Text("\n" + say("Your answers"), style="bold"),
        _numbered([_answer(a) for a in record.get("answers", [])]),
    ]
    return Group(*parts)


def panel(record: Mapping[str, Any], say: Say) -> Panel:
    level = record["level"]
    heading = Text(say("Decision: "), style=LEVEL_STYLE.get(level, ""))
    heading.append_text(plain(record["outcome"]["title"]))
    heading.stylize(LEVEL_STYLE.get(level, ""))
    return Panel(
        decision_body(record, say),
        title=heading,
        title_align="left",
        border_style=LEVEL_STYLE.get(level, ""),
        expand=False,
    )
