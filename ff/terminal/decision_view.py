"""A decision as people read it: the level, why, what to do next, and the answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ff.levels import LEVEL_MEANINGS
from ff.terminal.console import LEVEL_STYLE, out, plain


def _level_line(level: str) -> Text:
    line = Text()
    line.append(level.upper(), style=LEVEL_STYLE.get(level, "bold"))
    line.append(f": {LEVEL_MEANINGS.get(level, '')}")
    return line


def _numbered(items: Sequence[Text]) -> Table:
    """A numbered list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, 1):
        grid.add_row(f"{number}.", item)
    return grid


def _reason(reason: Mapping[str, Any], answers: dict[str, str]) -> Text:
    line = Text()
    if reason.get("question"):
        line.append(f"{reason['question']}: {answers.get(reason['question'], '')}.", style="bold")
        line.append(" ")
    line.append_text(plain(reason["text"]))
    if reason.get("next_step"):
        line.append("\nWhat to do: ", style="italic").append_text(plain(reason["next_step"]))
    return line


def _answer(answer: Mapping[str, Any]) -> Text:
    label = plain(answer["label"])
    label.stylize("bold")
    return plain(answer["text"]).append(" ").append_text(label)


def decision_body(record: Mapping[str, Any]) -> Group:
    """The decision panel's text, from a stored (or dry-run) record."""
    answers = {a["question"]: a["label"] for a in record.get("answers", [])}
    title = (
        Text()
        .append("Idea: ", style="bold")
        .append_text(plain(record.get("title") or "(no title)"))
    )
    if record.get("ref"):
        title.append(f"   ref {record['ref']}", style="bold cyan")
    parts: list[Text | Table] = [
        title,
        Text().append("Level: ", style="bold").append_text(_level_line(record["level"])),
        Text("\nWhy", style="bold"),
        _numbered([_reason(r, answers) for r in record.get("reasons", [])]),
    ]
    shown = {r.get("next_step") for r in record.get("reasons", [])}
    general = [step for step in record.get("next_steps", []) if step not in shown]
    if general:
        parts += [Text("\nNext steps", style="bold"), _numbered([plain(s) for s in general])]
    parts += [
        Text("\nYour answers", style="bold"),
        _numbered([_answer(a) for a in record.get("answers", [])]),
    ]
    return Group(*parts)


def decision(record: Mapping[str, Any]) -> None:
    level = record["level"]
    heading = Text(f"Decision: {record['outcome']['title']}", style=LEVEL_STYLE.get(level, ""))
    out().print(
        Panel(
            decision_body(record),
            title=heading,
            title_align="left",
            border_style=LEVEL_STYLE.get(level, ""),
            expand=False,
        )
    )
