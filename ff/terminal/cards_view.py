"""Cards as people read them: the list, one card in words, validation problems and
the results of a card's examples."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from ff.cards.answers import allowed
from ff.cards.describe import Listed, describe, flag_lines, target_name
from ff.cards.examples import Checked
from ff.cards.languages import language_name
from ff.cards.model import Card, Outcome, Question
from ff.terminal.console import (
    LEVEL_STYLE,
    err,
    note,
    out,
    plain,
    plain_out,
    print_laid_out,
    write_out,
)


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
    """``ff cards show``: the whole card, readable without opening the YAML. Plain
    output has each line whole, never wrapped."""
    console = out()
    heading = plain(card.title)
    heading.stylize("bold")
    top = [heading.append(f"  ({card.id}, version {card.version})", style="dim")]
    if card.description:
        top.append(plain(card.description))
    top.append(Text("Source: ", style="bold").append_text(plain(card.source)))
    languages = ", ".join(
        language_name(code) + (f", {card.translations[code]}" if code in card.translations else "")
        for code in card.languages
    )
    shown = f"{languages}; shown in {language_name(card.language)}"
    top.append(Text("Languages: ", style="bold").append_text(plain(shown)))
    # Laid out here as one text, each line wrapped once: a Padding per line took
    # Rich about 70 µs a line, 11 s for a card of 10,000 questions.
    width = None if plain_out() else max(console.width, 20)
    page = Text()
    _lay_out(page, [Text("\nQuestions", style="bold underline")], [], width)
    for number, question in enumerate(card.questions, 1):
        _lay_out(page, *_card_question(number, question, card), width)
    _lay_out(page, [Text("\nOutcomes", style="bold underline")], [], width)
    for outcome in card.outcomes:
        _lay_out(page, *_card_outcome(outcome), width)
    if width is None:
        write_out("".join(f"{line.plain}\n" for line in top) + page.plain)
        return
    for line in top:
        console.print(line)
    print_laid_out(page)


def _lay_out(page: Text, headings: list[Text], lines: list[Text], width: int | None) -> None:
    """Headings at the margin and lines indented by 3, each wrapped to the width (None:
    never wrapped)."""
    from rich.cells import cell_len

    for indent, texts in ((0, headings), (3, lines)):
        for text in texts:
            if width is None:
                parts = list(text.split("\n", allow_blank=True))
            elif "\n" not in text.plain and cell_len(text.plain) <= width - indent:
                parts = [text]
            else:
                parts = list(text.wrap(out(), width - indent))
            for part in parts:
                part.rstrip()
                page.append(" " * indent).append_text(part).append("\n")


def _card_question(number: int, question: Question, card: Card) -> tuple[list[Text], list[Text]]:
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
    # One text printed once: a print per line took Rich 4 s for 17,000 problems.
    page = Text()
    for result in results:
        for where, message in result.problems:
            page.append_text(plain(f"{where}: {message}")).append("\n")
    out().print(page, soft_wrap=True, end="")
    bad = [r for r in results if r.problems]
    for result in results:
        mark = Text("ok  ", style="green") if not result.problems else Text("BAD ", style="red")
        counted = f" ({_count(len(result.problems), 'problem')})" if result.problems else ""
        err().print(mark.append_text(plain(f"{result.file}{counted}")), soft_wrap=True)
    note(f"{len(results) - len(bad)} of {len(results)} cards valid.")


def card_tests(results: Sequence[Checked]) -> None:
    """``ff cards test``: each example passed or failed, with what differed."""
    page = Text()
    for result in results:
        page.append(result.file, style="bold").append("\n")
        if result.card is None:
            for where, message in result.problems:
                page.append("  BAD  ", style="red").append_text(plain(f"{where}: {message}"))
                page.append("\n")
            continue
        if not result.examples:
            page.append("  no examples: add some under tests:\n", style="red")
        for example in result.examples:
            if example.passed:
                page.append("  pass ", style="green").append_text(plain(example.name))
            else:
                page.append("  FAIL ", style="red").append_text(plain(example.name))
                if example.where is not None:
                    page.append(f" (line {example.where.line})", style="dim")
            page.append("\n")
            for difference in example.differences:
                # Each line under the example, keeping its own indent: a message of
                # several lines must not look like the next example.
                for line in difference.splitlines():
                    page.append("       ").append_text(plain(line)).append("\n")
        for outcome in result.unreached:
            page.append("  FAIL ", style="red")
            page.append_text(plain(f"no example reaches the outcome {outcome}")).append("\n")
    out().print(page, soft_wrap=True, end="")
    passed = sum(1 for r in results if r.passed)
    note(f"{passed} of {len(results)} cards passed.")
