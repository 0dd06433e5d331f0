"""Gathering an iteration's fields: from options, prompts in a terminal, or the editor."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ff import dates
from ff.errors import Cancelled, UsageError
from ff.journal.iterations import (
    DECISIONS,
    FIELDS,
    PROMPTS,
    RESULTS,
    NeedsApproval,
    check_may_log,
    clean_fields,
    missing,
    require,
)
from ff.journal.reading import find_idea
from ff.journal.records import Idea
from ff.reporting.people import TOOK_PART
from ff.terminal.console import note
from ff.text import check_given

# Asked in a terminal, in the cards' order; the optional ones only when no field was
# given. Not asked: the hypothesis and the measure (the editor has room for them), tags.
ASKED = tuple(field for field in FIELDS if field not in ("hypothesis", "measure", "tags"))
# The prompts for what the card phrases do not cover, in plain words.
MORE_PROMPTS = {
    "with": "Who took part?",
    "hours": "Hours spent on it (a number, such as 2.5)",
    "cost": "Money spent, in pounds (a number, such as 40)",
    "date": "When did you try it? (DD/MM/YYYY, YYYY-MM-DD or yesterday)",
}


def approve_or_force(path: Path, ref: str, force: bool) -> tuple[Idea, bool]:
    """The idea, and whether to log despite missing approval (asked in a terminal)."""
    idea = find_idea(path, ref)
    try:
        check_may_log(idea, force)
    except NeedsApproval as problem:
        if not sys.stdin.isatty():
            raise
        from ff.terminal.prompts import ask_yes_no

        note(problem.message)
        note(f"To record the approval: ff status {idea['ref']} approved --by NAME")
        if not ask_yes_no("Log this iteration anyway?"):
            raise Cancelled("Nothing was recorded.") from None
        return idea, True
    return idea, force


def _heading(idea: Mapping[str, Any], number: int) -> str:
    return f"Iteration {number} of idea {idea['ref']}: {idea['title']}"


def gather_fields(idea: Idea, given: Mapping[str, Any], use_editor: bool) -> dict[str, Any]:
    """The new iteration's fields, validated, with every needed one present."""
    today = dates.today()
    cleaned = clean_fields(given, today)
    if use_editor:
        from ff.terminal.editor import edit_in_editor  # (tempfile, shlex: not for scripts)

        number = 1 + len(idea["iterations"])
        start = {"date": today.isoformat(), **cleaned}
        return edit_in_editor(
            _heading(idea, number),
            start,
            lambda f: _complete(f, today),
            again=f"ff log {idea['ref']} --edit",
            idea=str(idea["id"]),
        )
    if missing(cleaned) and sys.stdin.isatty():
        cleaned.update(_ask(cleaned, today, optional_too=not cleaned))
    return _complete(cleaned, today)


def _complete(fields: Mapping[str, Any], today: date) -> dict[str, Any]:
    cleaned = clean_fields(fields, today)
    cleaned.setdefault("date", today.isoformat())
    require(cleaned)
    return cleaned


def _ask(have: Mapping[str, Any], today: date, *, optional_too: bool) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for field in ASKED:
        needed = field in ("test", "result", "learned")
        if field in have or not (needed or optional_too):
            continue
        while True:
            value = _ask_one(field, needed)
            try:
                if isinstance(value, str):  # typed: it may hold bytes that are not UTF-8
                    check_given(value, f"The {field.replace('_', ' ')}")
                answers.update(clean_fields({field: value}, today))
                break
            except UsageError as problem:
                _say_why(problem, field)
    return answers


def _say_why(problem: UsageError, field: str) -> None:
    """Why a reply was refused; for the fields that are not card phrases, with what
    to type, in the prompt's words rather than the option's ("--hours 'two'...")."""
    if field not in MORE_PROMPTS:
        note(problem.message)
        return
    option = f"--{field} "
    note(problem.message.replace(option, ""))
    if problem.hint:
        note(problem.hint.replace(option, ""))


def _ask_one(field: str, needed: bool) -> str | list[str] | None:
    """One field, asked in its own way: a choice by number or word, who took part
    (numbers or words), or a line of text; the date defaults to today."""
    from ff.terminal.prompts import ask_choice, ask_many, ask_text

    if field in ("result", "decision"):
        allowed = RESULTS if field == "result" else DECISIONS
        return ask_choice(PROMPTS[field], allowed, required=needed)
    if field == "with":
        return ask_many(MORE_PROMPTS[field], TOOK_PART)
    if field == "date":
        return ask_text(MORE_PROMPTS[field], required=False, enter="for today")
    return ask_text(PROMPTS.get(field) or MORE_PROMPTS[field], required=needed)


def edited_fields(
    idea: Idea, current: Mapping[str, Any], given: Mapping[str, Any], use_editor: bool
) -> dict[str, Any]:
    """The changes to an iteration: the options given, or the whole of it in the editor."""
    today = dates.today()
    cleaned = clean_fields(given, today)
    if use_editor:
        from ff.terminal.editor import edit_in_editor

        start = {**{k: current.get(k) for k in FIELDS}, **cleaned}
        return edit_in_editor(
            _heading(idea, int(current["number"])),
            start,
            lambda f: _replacement(f, today),
            again=f"ff edit {idea['ref']}#{current['number']} --edit",
            idea=str(idea["id"]),
        )
    if not cleaned:
        raise UsageError(
            "Nothing to change.",
            hint='Give the fields to correct (e.g. --learned "..."), or --edit.',
        )
    return cleaned


def _replacement(fields: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Every field from the editor; an emptied field is removed."""
    cleaned = clean_fields(fields, today)
    changes: dict[str, Any] = {field: cleaned.get(field) for field in FIELDS}
    require(changes)
    return changes
