"""Asking a card's questions one at a time in a terminal.

Numbered choices (no arrow-key menus, so screen readers work), ``?`` for the
question's help, ``b`` to go back one question (the answers after it are
dropped, since later questions may depend on it). Ctrl-C or end of input leaves
without recording anything.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ff import render
from ff.answers import Answer, allowed, normalise
from ff.cards import Card, Question
from ff.engine import walk
from ff.errors import Cancelled, UsageError
from ff.journal import clean_text

ReadLine = Callable[[], str]


def read_line() -> str:
    """A line typed at the terminal; ``Cancelled`` on Ctrl-C or end of input."""
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        raise Cancelled("Cancelled: nothing was recorded.") from None
    if not line:
        raise Cancelled("Input ended: nothing was recorded.")
    return line.strip()


def ask_title(read: ReadLine = read_line) -> str:
    while True:
        render.prompt("What is your idea? Give it a short title: ")
        try:
            return clean_text(read(), "title")
        except UsageError as problem:
            render.note(problem.message)


def choose(question: Question, reply: str) -> Answer | None:
    """The answer a reply means: a choice's number, value or label; or a number."""
    if question.type == "number":
        return normalise(question, reply)
    if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= len(question.choices):
        return question.choices[int(reply) - 1].value
    return normalise(question, reply)


def interview(card: Card, read: ReadLine = read_line) -> dict[str, Answer]:
    """Ask until the answers reach an outcome; return them in the order asked."""
    answers: dict[str, Answer] = {}
    while True:
        so_far = walk(card, answers)
        question = so_far.pending
        if question is None:
            return answers
        render.question(
            len(so_far.steps) + 1,
            len(card.questions),
            question.text,
            bool(question.help),
            [(c.value, c.label) for c in question.choices],
            allowed(question) if question.type == "number" else None,
        )
        reply = _read_reply(read)
        if reply == "?":
            render.help_text(question.help)
        elif reply.lower() in ("b", "back"):
            if not so_far.steps:
                render.note("This is the first question: there is nothing to go back to.")
            answers = {s.question.id: s.answer for s in so_far.steps[:-1]}
        elif (value := choose(question, reply)) is not None:
            answers[question.id] = value
        else:
            render.note(_try_again(question))


def _try_again(question: Question) -> str:
    wanted = (
        allowed(question)
        if question.type == "number"
        else f"a number from 1 to {len(question.choices)}"
    )
    return f"Please type {wanted}{', ? for help,' if question.help else ''} or b to go back."


def _read_reply(read: ReadLine) -> str:
    render.prompt("> ")
    return read()


def ask_yes_no(question: str, read: ReadLine = read_line) -> bool:
    """A yes/no confirmation; anything but yes means no."""
    render.prompt(f"{question} Type yes to go on: ")
    return read().strip().lower() in ("y", "yes")


def ask_text(prompt: str, *, required: bool, read: ReadLine = read_line) -> str | None:
    """One line of text; Enter skips an optional one."""
    while True:
        render.prompt(f"{prompt}{'' if required else ' (Enter to skip)'}\n> ")
        text = read()
        if text or not required:
            return text or None
        render.note("This one is needed. Type it, or press Ctrl-C to stop.")


def ask_choice(
    prompt: str, choices: tuple[str, ...], *, required: bool, read: ReadLine = read_line
) -> str | None:
    """One of ``choices``, by number or word; Enter skips an optional one."""
    while True:
        render.choices(prompt, choices, required=required)
        reply = read().strip().lower()
        if not reply and not required:
            return None
        if reply.isascii() and reply.isdigit() and 1 <= int(reply) <= len(choices):
            return choices[int(reply) - 1]
        if reply in choices:
            return reply
        render.note(f"Please type a number from 1 to {len(choices)}.")
