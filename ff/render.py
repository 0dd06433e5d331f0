"""Everything ff shows people. The only module that imports Rich.

User text (titles, answers, card text) is always shown as plain text, never as
Rich markup, and control characters are removed, so a title such as
``[red]x[/red]`` or one holding terminal escape codes prints as it was typed
without changing the terminal. Data goes to stdout; messages and prompts to
stderr. Rich follows ``NO_COLOR`` and plain output when not in a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ff.dates import uk_date
from ff.errors import Cancelled, CardError, FFError
from ff.exporters.common import pounds

if TYPE_CHECKING:  # only for types: listing ideas must not import YAML
    from ff.cards import Card, Outcome, Question
    from ff.cardtools import Checked, Listed

LEVEL_STYLE = {
    "go": "bold green",
    "caution": "bold yellow",
    "approval": "bold magenta",
    "stop": "bold red",
}
LEVEL_MEANING = {
    "go": "you may go ahead; no approval needed",
    "caution": "you may go ahead; tell your manager, and meet the conditions below",
    "approval": "talk to your manager before you start",
    "stop": "do not go ahead as it stands",
}
_UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|"
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)

_out: Console | None = None
_err: Console | None = None


def out() -> Console:
    global _out
    if _out is None:
        _out = Console(highlight=False, soft_wrap=False)
    return _out


def err() -> Console:
    global _err
    if _err is None:
        _err = Console(stderr=True, highlight=False)
    return _err


def plain(value: object) -> Text:
    """User text as it was typed, with escape sequences and control characters removed."""
    return Text(_UNSAFE.sub("", str(value).expandtabs()))


# --------------------------------------------------------------------------- messages


def note(message: str) -> None:
    err().print(plain(message), soft_wrap=True)


def error(problem: FFError) -> None:
    """An error on stderr: what went wrong, where, and what to do. Never wrapped by ff,
    so each line can be searched for and copied whole."""
    text = Text()
    if not isinstance(problem, Cancelled):
        text.append("Error: ", style="bold red")
    text.append_text(plain(problem.message))
    err().print(text, soft_wrap=True)
    if isinstance(problem, CardError):
        for line in problem.problems:
            err().print(Text("  ").append_text(plain(line)), soft_wrap=True)
    if problem.hint:
        hint = Text().append("What to do: ", style="bold").append_text(plain(problem.hint))
        err().print(hint, soft_wrap=True)


# --------------------------------------------------------------------------- decisions


def _level_line(level: str) -> Text:
    line = Text()
    line.append(level.upper(), style=LEVEL_STYLE.get(level, "bold"))
    line.append(f": {LEVEL_MEANING.get(level, '')}")
    return line


def _numbered(items: Sequence[Text]) -> Table:
    """A numbered list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, 1):
        grid.add_row(f"{number}.", item)
    return grid


def _reason(reason: dict[str, Any], answers: dict[str, str]) -> Text:
    line = Text()
    if reason.get("question"):
        line.append(f"{reason['question']}: {answers.get(reason['question'], '')}.", style="bold")
        line.append(" ")
    line.append_text(plain(reason["text"]))
    if reason.get("next_step"):
        line.append("\nWhat to do: ", style="italic").append_text(plain(reason["next_step"]))
    return line


def _answer(answer: dict[str, Any]) -> Text:
    label = plain(answer["label"])
    label.stylize("bold")
    return plain(answer["text"]).append(" ").append_text(label)


def decision_body(record: dict[str, Any]) -> Group:
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


def decision(record: dict[str, Any]) -> None:
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


# --------------------------------------------------------------------------- the journal


def ideas(records: Sequence[dict[str, Any]]) -> None:
    """The list of ideas: one line each, the title last and wrapped under itself.

    Laid out here rather than with a Rich Table, which takes about a second for a few
    hundred rows; this prints them as one Text."""
    import textwrap

    from rich.segment import Segment, Segments

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
    printed = Segment.split_lines(text.render(out()))  # as in summary: split once, not again
    out().print(Segments(s for line in printed for s in (*line, Segment.line())), soft_wrap=True)


def _cell_style(column: int, value: str) -> str:
    if column == 0:
        return "cyan"
    if column == 2:
        return LEVEL_STYLE.get(value, "")
    return ""


def idea(record: dict[str, Any]) -> None:
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


# --------------------------------------------------------------------------- prompts


def question(
    number: int,
    most: int,
    text: str,
    help_given: bool,
    choices: Sequence[tuple[str, str]],
    typed: str | None = None,
) -> None:
    """A question, with its numbered choices, or ``typed``: what to type instead."""
    console = err()
    console.print()
    console.print(Text(f"Question {number} of up to {most}", style="dim"))
    console.print(plain(text), style="bold")
    for index, (_, label) in enumerate(choices, 1):
        console.print(Text(f"  {index}. ").append_text(plain(label)))
    keys = typed or ", ".join(str(i) for i in range(1, len(choices) + 1))
    tips = f"Type {keys}" + (", ? for help" if help_given else "") + ", b to go back."
    console.print(Text(tips, style="dim"))


def help_text(text: str | None) -> None:
    err().print(
        Text().append("Help: ", style="bold").append_text(plain(text or "No help for this one."))
    )


def prompt(label: str) -> None:
    err().print(Text(label, style="bold"), end="")
    err().file.flush()


def choices(prompt_text: str, options: Sequence[str], *, required: bool) -> None:
    console = err()
    console.print(Text(prompt_text, style="bold"))
    for index, option in enumerate(options, 1):
        console.print(f"  {index}. {option}")
    tip = "Type a number" + ("." if required else ", or press Enter to skip.")
    console.print(Text(tip, style="dim"))
    prompt("> ")


# --------------------------------------------------------------------------- cards


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'s' * (number != 1)}"


def card_list(listed: Sequence[Listed], missing: Sequence[tuple[str, Path]]) -> None:
    """``ff cards list``: one line per card id, with where it was found (never wrapped,
    so each line can be searched and copied whole)."""
    rows = [("id", "title", "version", "source", "where")]
    for item in listed:
        card = item.card
        title = card.title if card else f"({_count(item.problems, 'problem')}: cannot be used)"
        rows.append(
            (
                item.file.id,
                title,
                card.version if card else "?",
                item.file.source,
                str(item.file.path),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    text = Text()
    for number, row in enumerate(rows):
        line = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4]))
        text.append_text(plain(f"{line}  {row[4]}\n"))
        if number == 0:
            text.stylize("bold")
            continue
        for hidden in listed[number - 1].file.shadows:
            text.append(f"  (it shadows the {hidden.source} card at {hidden.path})\n", "yellow")
    out().print(text, end="", soft_wrap=True)
    for source, folder in missing:
        note(f"The card folder {folder} ({source}) does not exist.")
    broken = sum(1 for item in listed if item.card is None)
    if broken:
        note(f"{broken} card{'s' * (broken != 1)} cannot be used: ff cards validate shows why.")


def card(card: Card) -> None:
    """``ff cards show``: the whole card, readable without opening the YAML."""
    console = out()
    heading = plain(card.title)
    heading.stylize("bold")
    console.print(heading.append(f"  ({card.id}, version {card.version})", style="dim"))
    if card.description:
        console.print(plain(card.description))
    console.print(Text("Source: ", style="bold").append_text(plain(card.source)))
    from ff.cards import language_name

    languages = ", ".join(
        language_name(code) + (f", {card.translations[code]}" if code in card.translations else "")
        for code in card.languages
    )
    shown = f"{languages}; shown in {language_name(card.language)}"
    console.print(Text("Languages: ", style="bold").append_text(plain(shown)))
    # Laid out here as one text, each line wrapped once: a Padding per line took
    # Rich about 70 µs a line, 11 s for a card of 10,000 questions.
    page = Text()
    _lay_out(page, [Text("\nQuestions", style="bold underline")], [], console)
    for number, question in enumerate(card.questions, 1):
        _lay_out(page, *_card_question(number, question, card), console)
    _lay_out(page, [Text("\nOutcomes", style="bold underline")], [], console)
    for outcome in card.outcomes:
        _lay_out(page, *_card_outcome(outcome), console)
    _print_laid_out(page)


def _lay_out(page: Text, headings: list[Text], lines: list[Text], console: Console) -> None:
    """Headings at the margin and lines indented by 3, each wrapped to the width."""
    from rich.cells import cell_len

    width = max(console.width, 20)
    for indent, texts in ((0, headings), (3, lines)):
        for text in texts:
            fits = "\n" not in text.plain and cell_len(text.plain) <= width - indent
            for part in [text] if fits else text.wrap(console, width - indent):
                part.rstrip()
                page.append(" " * indent).append_text(part).append("\n")


def _print_laid_out(text: Text) -> None:
    """Print a text already laid out to the width, without Rich laying it out again."""
    from rich.segment import Segment, Segments

    printed = Segment.split_lines(text.render(out()))
    out().print(Segments(s for line in printed for s in (*line, Segment.line())), soft_wrap=True)


def _card_question(number: int, question: Question, card: Card) -> tuple[list[Text], list[Text]]:
    from ff.answers import allowed
    from ff.cardtools import describe, flag_lines, target_name

    heading = Text(f"{number}. ", style="bold").append_text(plain(question.text))
    lines = [Text("[", style="dim").append(question.id, style="dim").append("]", style="dim")]
    if question.help:
        lines.append(Text("Help: ", style="italic").append_text(plain(question.help)))
    if question.choices:
        labels = "   ".join(f"{n}. {c.label}" for n, c in enumerate(question.choices, 1))
        lines.append(Text("Answers: ", style="bold").append_text(plain(labels)))
    else:
        lines.append(Text("Answer: ", style="bold").append_text(plain(allowed(question))))
    for when, level, reason, next_step in flag_lines(question, card):
        line = Text("If ").append_text(plain(when)).append(": ")
        line.append(level.upper(), style=LEVEL_STYLE[level]).append(". ")
        line.append_text(plain(reason))
        if next_step:
            line.append(" What to do: ", style="italic").append_text(plain(next_step))
        lines.append(line)
    for rule in question.rules:
        words = "otherwise" if rule.when is None else f"if {describe(rule.when, card, question.id)}"
        lines.append(plain(f"→ {words}, go to {target_name(card, rule.goto)}"))
    return [Text(), heading], lines


def _card_outcome(outcome: Outcome) -> tuple[list[Text], list[Text]]:
    heading = plain(outcome.title)
    heading.stylize(LEVEL_STYLE[outcome.level])
    heading.append(f"  [{outcome.id}], level {outcome.level}", style="dim")
    lines = [Text("Why: ").append_text(plain(reason)) for reason in outcome.reasons]
    lines += [Text("Next: ").append_text(plain(step)) for step in outcome.next_steps]
    return [Text(), heading], lines


def card_problems(results: Sequence[Checked]) -> None:
    """``ff cards validate``: every problem as file:line:column, then a count per file."""
    for result in results:
        for where, message in result.problems:
            out().print(plain(f"{where}: {message}"), soft_wrap=True)
    bad = [r for r in results if r.problems]
    for result in results:
        mark = Text("ok  ", style="green") if not result.problems else Text("BAD ", style="red")
        counted = f" ({_count(len(result.problems), 'problem')})" if result.problems else ""
        err().print(mark.append_text(plain(f"{result.file}{counted}")), soft_wrap=True)
    note(f"{len(results) - len(bad)} of {len(results)} cards valid.")


def card_tests(results: Sequence[Checked]) -> None:
    """``ff cards test``: each example passed or failed, with what differed."""
    console = out()
    for result in results:
        console.print(Text(result.file, style="bold"))
        if result.card is None:
            for where, message in result.problems:
                console.print(
                    Text("  BAD  ", style="red").append_text(plain(f"{where}: {message}"))
                )
            continue
        if not result.examples:
            console.print(Text("  no examples: add some under tests:", style="red"))
        for example in result.examples:
            mark = (
                Text("  pass ", style="green") if example.passed else Text("  FAIL ", style="red")
            )
            console.print(mark.append_text(plain(example.name)), soft_wrap=True)
            for difference in example.differences:
                console.print(Text("       ").append_text(plain(difference)), soft_wrap=True)
        for outcome in result.unreached:
            console.print(
                Text("  FAIL ", style="red").append_text(
                    plain(f"no example reaches the outcome {outcome}")
                ),
                soft_wrap=True,
            )
    passed = sum(1 for r in results if r.passed)
    note(f"{passed} of {len(results)} cards passed.")


# --------------------------------------------------------------------------- iterations


RESULT_STYLE = {
    "success": "green",
    "partial": "yellow",
    "failure": "red",
    "inconclusive": "magenta",
}


def hours(amount: float | int | None) -> str:
    if amount is None:
        return ""
    number = f"{amount:g}"
    return f"{number} hour" if number == "1" else f"{number} hours"


def logged(iteration: dict[str, Any], idea: dict[str, Any], verb: str = "Logged") -> None:
    line = Text(f"{verb} iteration {iteration['number']} of idea ")
    line.append(str(idea["ref"]), style="bold cyan").append(" (").append_text(
        plain(idea.get("title", ""))
    ).append(").")
    err().print(line, soft_wrap=True)
    out().print(_iteration_block(iteration))


def _iteration_block(iteration: dict[str, Any]) -> Group:
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


def history(changes: Sequence[dict[str, Any]]) -> None:
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


def timeline(iterations: Sequence[dict[str, Any]]) -> None:
    out().print(Text(f"\nIterations ({len(iterations)})", style="bold"))
    if not iterations:
        out().print(Text("None yet. Record one with: ff log REF", style="dim"))
    for iteration in iterations:
        out().print()
        out().print(_iteration_block(iteration))


def merged(report: dict[str, Any], path: str | Path) -> None:
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


def settings(rows: Sequence[tuple[str, str | None, str]], file: str) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("Setting", "Value", "From"):
        table.add_column(column)
    for key, value, source in rows:
        table.add_row(key, plain(value or "-"), source)
    out().print(table)
    err().print(plain(f"Config file: {file}"), soft_wrap=True)


# --------------------------------------------------------------------------- summary


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
    from ff.exporters.common import LEVEL_WORDS

    idea = group["idea"]
    text = Text("\n")
    text.append(_UNSAFE.sub("", str(idea["title"])), style="bold")
    text.append(f"  {idea['ref']}\n", style="bold cyan")
    about = (
        f"{idea.get('team') or 'no team'} · {idea.get('status')} · check: "
        f"{LEVEL_WORDS.get(str(idea.get('level')), idea.get('level'))} · "
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
    from rich.segment import Segment, Segments

    from ff.exporters.common import distributions, headline_rows

    console = out()
    console.print(Text("What we tried and learned", style="bold underline"))
    console.print(
        plain(f"{figures['ideas']} idea(s) from {len(journals)} journal(s): {', '.join(journals)}"),
        style="dim",
    )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(justify="right")
    for label, value in headline_rows(figures):
        grid.add_row(label, value)
    console.print(grid)
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
        console.print(_bars(title, counts))
        console.print()


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
