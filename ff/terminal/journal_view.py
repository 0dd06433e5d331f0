"""The journal as people read it: the list of ideas, one idea with its history and
iterations, what was logged, and what a merge brought in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ff.dates import uk_date
from ff.reporting.exporters.common import pounds
from ff.terminal.console import _UNSAFE, LEVEL_STYLE, RESULT_STYLE, err, out, plain, print_laid_out
from ff.terminal.decision_view import decision


def ideas(records: Sequence[Mapping[str, Any]]) -> None:
    """The list of ideas: one line each, the title last and wrapped under itself.

    Laid out here rather than with a Rich Table, which takes about a second for a few
    hundred rows; this prints them as one Text."""
    import textwrap

    rows = [
        [
            str(r.get("ref", "")),
            uk_date(r.get("created")),
            str(r.get("level", "")),
            str(r.get("status", "")),
            str(len(r.get("iterations", []))),
            _UNSAFE.sub("", str(r.get("owner") or "")).expandtabs(),
            _UNSAFE.sub("", str(r.get("team") or "")).expandtabs(),
            _UNSAFE.sub("", str(r.get("title", ""))).expandtabs(),
        ]
        for r in records
    ]
    header = ["Ref", "Date", "Level", "Status", "Tries", "Owner", "Team", "Title"]
    widths = [min(24, max(len(row[c]) for row in [header, *rows])) for c in range(7)]
    indent = sum(widths) + 2 * len(widths)
    title_width = max(20, out().width - indent)
    text = Text()
    for number, row in enumerate([header, *rows]):
        for column, width in enumerate(widths):
            cell = row[column] if len(row[column]) <= width else row[column][: width - 1] + "…"
            style = "bold" if number == 0 else _cell_style(column, row[column])
            text.append(cell.ljust(width) + "  ", style=style)
        lines = textwrap.wrap(row[7], title_width) or [""]
        text.append(lines[0], style="bold" if number == 0 else "")
        for line in lines[1:]:
            text.append("\n" + " " * indent + line)
        text.append("\n")
    print_laid_out(text)


def _cell_style(column: int, value: str) -> str:
    if column == 0:
        return "cyan"
    if column == 2:
        return LEVEL_STYLE.get(value, "")
    return ""


def idea(record: Mapping[str, Any]) -> None:
    decision(record)
    card = record.get("card", {})
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Checked", f"{uk_date(record.get('created'))} ({record.get('created')})")
    facts.add_row("Owner", plain(record.get("owner") or ""))
    facts.add_row("Team", plain(record.get("team") or "-"))
    facts.add_row("Tags", plain(", ".join(record.get("tags") or []) or "-"))
    facts.add_row("Status", plain(record.get("status") or ""))
    facts.add_row(
        "Card",
        plain(
            f"{card.get('id')} version {card.get('version')} "
            f"(sha256 {str(card.get('sha256', ''))[:12]}…)"
        ),
    )
    facts.add_row("Id", str(record.get("id")))
    out().print(facts)
    history(record.get("status_history", []))
    timeline(record.get("iterations", []))
    conflicts(record)


def hours(amount: float | int | None) -> str:
    if amount is None:
        return ""
    number = f"{amount:g}"
    return f"{number} hour" if number == "1" else f"{number} hours"


def logged(iteration: Mapping[str, Any], idea: Mapping[str, Any], verb: str = "Logged") -> None:
    line = Text(f"{verb} iteration {iteration['number']} of idea ")
    line.append(str(idea["ref"]), style="bold cyan").append(" (").append_text(
        plain(idea.get("title", ""))
    ).append(").")
    err().print(line, soft_wrap=True)
    out().print(_iteration_block(iteration))


def _iteration_block(iteration: Mapping[str, Any]) -> Group:
    result = str(iteration.get("result", ""))
    heading = Text(f"Iteration {iteration.get('number')}", style="bold")
    heading.append(f"  {uk_date(iteration.get('date'))}  ")
    heading.append(result.upper(), style=f"bold {RESULT_STYLE.get(result, '')}")
    if iteration.get("decision"):
        heading.append(f"  decision: {iteration['decision']}", style="bold")
    rows: list[Text | Table] = [heading]
    learned = (
        Text().append("Learned: ", style="bold").append_text(plain(iteration.get("learned") or ""))
    )
    rows.append(Panel(learned, expand=False, border_style="cyan"))  # type: ignore[arg-type]
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    labels = [
        ("hypothesis", "We believed"),
        ("test", "We tried"),
        ("measure", "Measured"),
        ("criteria", "Right if"),
        ("observed", "We observed"),
        ("next_step", "Next we will"),
    ]
    for key, label in labels:
        if iteration.get(key):
            facts.add_row(label, plain(iteration[key]))
    if iteration.get("with"):
        facts.add_row("With", plain(", ".join(iteration["with"])))
    spent = ", ".join(
        x for x in (hours(iteration.get("hours")), pounds(iteration.get("cost"), "")) if x
    )
    if spent:
        facts.add_row("Spent", spent)
    if iteration.get("tags"):
        facts.add_row("Tags", plain(", ".join(iteration["tags"])))
    facts.add_row(
        "By", plain(f"{iteration.get('author', '')}, recorded {uk_date(iteration.get('created'))}")
    )
    if iteration.get("edited"):
        last = iteration["edited"][-1]
        facts.add_row("Corrected", plain(f"{uk_date(last.get('at'))} by {last.get('by')}"))
    rows.append(facts)
    return Group(*rows)


def history(changes: Sequence[Mapping[str, Any]]) -> None:
    out().print(Text("\nStatus history", style="bold"))
    grid = Table.grid(padding=(0, 2))
    for change in changes:
        note = f" ({change['note']})" if change.get("note") else ""
        grid.add_row(
            uk_date(change.get("at")),
            Text(str(change.get("status")), style="bold"),
            plain(f"by {change.get('by') or ''}{note}"),
        )
    out().print(grid)


def timeline(iterations: Sequence[Mapping[str, Any]]) -> None:
    out().print(Text(f"\nIterations ({len(iterations)})", style="bold"))
    if not iterations:
        out().print(Text("None yet. Record one with: ff log REF", style="dim"))
    for iteration in iterations:
        out().print()
        out().print(_iteration_block(iteration))


def conflicts(record: Mapping[str, Any]) -> None:
    """The idea's conflict notes (left by a merge through git): each field changed
    differently on two computers, the value kept and the others."""
    notes = record.get("conflicts") or []
    if not notes:
        return
    records = {str(r.get("id")): r for r in [record, *record.get("iterations", [])]}
    records.update({str(c.get("id")): c for c in record.get("status_history", [])})
    out().print(
        Text(f"\nConflicts ({len(notes)}): changed differently on two computers", style="bold")
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for note in notes:
        kept = records.get(str(note.get("record_id")), {})
        where = {"ideas": "The idea", "status_changes": "A status change"}.get(
            str(note.get("table")), f"Iteration {kept.get('number', '?')}"
        )
        for field, values in note.get("fields", {}).items():
            others = [value for value in values if value != kept.get(field)]
            if others:  # a value corrected since to the one noted is settled
                grid.add_row(
                    f"{where}, {field}", Text("kept: ").append_text(_value(kept.get(field)))
                )
                for value in others:
                    grid.add_row("", Text("other: ").append_text(_value(value)))
    out().print(grid)
    out().print(
        plain(
            f"To keep another value, correct it (ff edit {record.get('ref')}#N); then remove "
            f"the note: ff share resolve {record.get('ref')}"
        ),
        style="dim",
        soft_wrap=True,
    )


def _value(value: object) -> Text:
    if value is None:
        return Text("(empty)", style="dim")
    return plain(", ".join(map(str, value)) if isinstance(value, list) else value)


def merged(report: Mapping[str, Any], path: str | Path) -> None:
    added = report["added"]
    err().print(
        plain(
            f"Merged into {path}: {added['ideas']} idea(s), {added['iterations']} "
            f"iteration(s) and {added['status_changes']} status change(s) added; "
            f"{report['unchanged']} already here"
            + (
                f"; {report['deleted']} deleted here, as they were deleted there."
                if report["deleted"]
                else "."
            )
        ),
        soft_wrap=True,
    )
    for moved in report["renumbered"]:
        err().print(
            plain(
                f"Renumbered an iteration from {moved['journal']}: "
                f"{moved['from']} -> {moved['to']} (the number was taken)."
            ),
            soft_wrap=True,
        )
    for conflict in report["conflicts"]:
        err().print(
            Text()
            .append("Conflict: ", style="bold red")
            .append_text(
                plain(
                    f"{conflict['table']} record {conflict['id']} differs in {conflict['journal']} "
                    f"({', '.join(conflict['fields'])}); kept this journal's copy."
                )
            ),
            soft_wrap=True,
        )
