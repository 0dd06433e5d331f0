"""Asking a card's questions one at a time in a terminal.

Numbered choices (no arrow-key menus, so screen readers work), answered by
number or by the words shown; ``?`` for the question's help, ``b`` to go back
one question (the answers after it are dropped, since later questions may depend
on it). Ctrl-C or end of input leaves without recording anything. ff's own words
are in the card's language where the catalogue has them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from rich.text import Text

from ff.cards.answers import normalise
from ff.cards.engine import walk
from ff.cards.model import Answer, Card, Question
from ff.errors import Cancelled, UsageError
from ff.numbers import tidy_number
from ff.terminal.catalogue import Say, words
from ff.terminal.console import err, note, plain
from ff.terminal.console import prompt as show_prompt
from ff.text import check_given, clean_text

ReadLine = Callable[[], str]
ENGLISH = words(None)


def show_question(
    number: int,
    most: int,
    text: str,
    help_given: bool,
    choices: Sequence[tuple[str, str]],
    typed: str | None = None,
    say: Say = ENGLISH,
) -> None:
    """A question, with its numbered choices, or ``typed``: what to type instead."""
    console = err()
    console.print()
    console.print(
        Text(say("Question {number} of up to {most}", number=number, most=most), style="dim")
    )
    console.print(plain(text), style="bold")
    for index, (_, label) in enumerate(choices, 1):
        console.print(Text(f"  {index}. ").append_text(plain(label)))
    keys = typed or ", ".join(str(i) for i in range(1, len(choices) + 1))
    tips = "Type {keys}, ? for help, b to go back." if help_given else "Type {keys}, b to go back."
    console.print(Text(say(tips, keys=keys), style="dim"))


def show_help(text: str | None, say: Say = ENGLISH) -> None:
    err().print(
        Text()
        .append(say("Help: "), style="bold")
        .append_text(plain(text or say("No help for this one.")))
    )


def show_choices(prompt_text: str, options: Sequence[str], *, required: bool) -> None:
    console = err()
    console.print(Text(prompt_text, style="bold"))
    for index, option in enumerate(options, 1):
        console.print(f"  {index}. {option}")
    tip = "Type a number or the word" + ("." if required else ", or press Enter to skip.")
    console.print(Text(tip, style="dim"))
    show_prompt("> ")


def read_line() -> str:
    """A line typed at the terminal; ``Cancelled`` on Ctrl-C or end of input."""
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        show_prompt("\n")  # the message starts on its own line, not after the prompt
        raise Cancelled("Cancelled: nothing was recorded.") from None
    except UnicodeDecodeError:  # the terminal is not sending UTF-8
        raise UsageError(
            "What you typed is not UTF-8 text.",
            hint="Type it again; if it happens each time, set your terminal to UTF-8.",
        ) from None
    if not line:
        show_prompt("\n")
        raise Cancelled("Input ended: nothing was recorded.")
    return line.strip()


def ask_title(read: ReadLine = read_line, language: str | None = None) -> str:
    say = words(language)
    while True:
        show_prompt(say("What is your idea? Give it a short title: "))
        try:
            return clean_text(_in_words(read, say), "title")
        except UsageError as problem:
            note(problem.message)


def _in_words(read: ReadLine, say: Say) -> str:
    """A line read; leaving (Ctrl-C, end of input) said in ff's words of the card's
    language."""
    try:
        return read()
    except Cancelled as leaving:
        raise Cancelled(say(leaving.message), hint=leaving.hint) from None


def choose(question: Question, reply: str) -> Answer | None:
    """The answer a reply means: a choice's number, value or label; or a number."""
    if question.type == "number":
        return normalise(question, reply)
    if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= len(question.choices):
        return question.choices[int(reply) - 1].value
    return normalise(question, reply)


def interview(card: Card, read: ReadLine = read_line) -> dict[str, Answer]:
    """Ask until the answers reach an outcome; return them in the order asked."""
    say = words(card.language)
    answers: dict[str, Answer] = {}
    while True:
        so_far = walk(card, answers)
        question = so_far.pending
        if question is None:
            return answers
        show_question(
            len(so_far.steps) + 1,
            len(card.questions),
            question.text,
            bool(question.help),
            [(c.value, c.label) for c in question.choices],
            number_wanted(question, say) if question.type == "number" else None,
            say,
        )
        show_prompt("> ")
        reply = _in_words(read, say)
        if reply == "?":
            show_help(question.help, say)
        elif reply.lower() in ("b", "back"):
            if not so_far.steps:
                note(say("This is the first question: there is nothing to go back to."))
            answers = {s.question.id: s.answer for s in so_far.steps[:-1]}
        elif (value := choose(question, reply)) is not None:
            answers[question.id] = value
        else:
            note(_try_again(question, say))


def number_wanted(question: Question, say: Say) -> str:
    """What a number question takes, in words: "a whole number from 0 to 10000 (pounds)"."""
    kind = say("a whole number" if question.whole else "a number")
    low, high = question.minimum, question.maximum
    if low is not None and high is not None:
        kind += say(" from {low} to {high}", low=tidy_number(low), high=tidy_number(high))
    elif low is not None:
        kind += say(" of at least {low}", low=tidy_number(low))
    elif high is not None:
        kind += say(" of at most {high}", high=tidy_number(high))
    return f"{kind} ({question.unit})" if question.unit else kind


def _try_again(question: Question, say: Say) -> str:
    wanted = (
        number_wanted(question, say)
        if question.type == "number"
        else say("a number from 1 to {count}", count=len(question.choices))
    )
    if question.help:
        return say("Please type {wanted}, ? for help, or b to go back.", wanted=wanted)
    return say("Please type {wanted} or b to go back.", wanted=wanted)


def ask_yes_no(question: str, read: ReadLine = read_line) -> bool:
    """A yes/no confirmation; anything but yes means no."""
    show_prompt(f"{question} Type yes to go on: ")
    return read().strip().lower() in ("y", "yes")


def ask_text(
    prompt: str, *, required: bool, read: ReadLine = read_line, enter: str = "to skip"
) -> str | None:
    """One line of text; Enter skips an optional one (``enter`` says what it does)."""
    while True:
        show_prompt(f"{prompt if required else _skippable(prompt, enter)}\n> ")
        try:
            text = check_given(read(), "What you typed")
        except UsageError as problem:
            note(problem.message)
            continue
        if text or not required:
            return text or None
        note("This one is needed. Type it, or press Ctrl-C to stop.")


def _skippable(prompt: str, enter: str = "to skip") -> str:
    """The prompt, saying that Enter skips it: "We are right if… (your prediction;
    Enter to skip)", not two brackets in a row."""
    if prompt.endswith(")"):
        return f"{prompt[:-1]}; Enter {enter})"
    return f"{prompt} (Enter {enter})"


def ask_choice(
    prompt: str, choices: tuple[str, ...], *, required: bool, read: ReadLine = read_line
) -> str | None:
    """One of ``choices``, by number or word; Enter skips an optional one."""
    while True:
        show_choices(prompt, choices, required=required)
        reply = read().strip().lower()
        if not reply and not required:
            return None
        if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= len(choices):
            return choices[int(reply) - 1]
        if reply in choices:
            return reply
        note(f"Please type a number from 1 to {len(choices)}, or the word: {', '.join(choices)}.")


def ask_many(prompt: str, suggestions: tuple[str, ...], read: ReadLine = read_line) -> list[str]:
    """Any number of answers, each a suggestion's number or word or the person's own
    words, with commas between them; Enter for none."""
    while True:
        console = err()
        console.print(Text(prompt, style="bold"))
        for index, option in enumerate(suggestions, 1):
            console.print(f"  {index}. {option}")
        tip = "Type numbers or words, with commas between them, or press Enter to skip."
        console.print(Text(tip, style="dim"))
        show_prompt("> ")
        try:
            typed = check_given(read(), "What you typed")
        except UsageError as problem:
            note(problem.message)
            continue
        parts = [p.strip() for p in typed.replace(";", ",").split(",") if p.strip()]
        if all(_suggested(part, suggestions) for part in parts):
            return [str(_suggested(part, suggestions)) for part in parts]
        note(f"Please type numbers from 1 to {len(suggestions)}, or words, with commas between.")


def _suggested(part: str, suggestions: tuple[str, ...]) -> str | None:
    """A suggestion by its number, else the words as typed; None for a number that is
    not one of the suggestions'."""
    if not (part.isascii() and part.isdigit()):
        return part
    return suggestions[int(part) - 1] if 1 <= int(part) <= len(suggestions) else None
